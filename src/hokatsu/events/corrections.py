"""Corrections: a record found to be wrong is marked as entered in error, never edited.

An :class:`EnteredInError` names the event it corrects, says why, and may carry the event that
should have been recorded instead. The ledger keeps both the original and the correction (the
audit trail, :attr:`hokatsu.ledger.Ledger.records`), while replay, the indicators and every
view read the corrected history (:attr:`hokatsu.ledger.Ledger.events`): the original left out,
the replacement in its place by its own date. This is FHIR's ``entered-in-error`` status and
Primero's revoked referral, kept as an event of its own so that nothing recorded is lost.

Examples:
    >>> import datetime as dt
    >>> from hokatsu.events import TrainingHeld
    >>> wrong = TrainingHeld(id="t1", date=dt.date(2017, 5, 1), area_id="himi", participants=12)
    >>> fix = EnteredInError(id="t1-fix", date=dt.date(2017, 5, 8), event_id="t1",
    ...                      reason="twelve was the number invited, not the number present",
    ...                      replacement=TrainingHeld(id="t1b", date=dt.date(2017, 5, 1),
    ...                                               area_id="himi", participants=9))
    >>> fix.replacement.participants, "twelve" in repr(fix)  # the reason is never shown
    (9, False)
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from hokatsu import _validators as v
from hokatsu.errors import InvalidValueError
from hokatsu.events.base import Event

__all__ = ["EnteredInError"]


def _replacement(instance: EnteredInError, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, Event) or isinstance(value, EnteredInError) or not value.TYPE:
        raise InvalidValueError(f"EnteredInError {instance.id!r}", "replacement",
                                type(value).__name__, "None or an event (not a correction)")
    if value.id in (instance.id, instance.event_id):
        raise InvalidValueError(f"EnteredInError {instance.id!r}", "replacement.id", value.id,
                                "an id of its own (neither the correction's nor the "
                                "corrected event's)")


@attrs.frozen(kw_only=True)
class EnteredInError(Event):
    """The event *event_id* was recorded in error.

    The ledger accepts a correction when the history stays valid without the original (and
    with the replacement, if any); otherwise it refuses it like a late event, naming the rule
    and the later event it would break.

    Args:
        id: the correction's own id.
        date: the day the error was corrected (on or after the corrected event's date).
        event_id: the id of the event recorded in error (an event already in the ledger, not a
            correction; an event is corrected once: to correct a replacement, name the
            replacement).
        reason: why, in words (free text: kept, but never shown in reprs or errors).
        replacement: the event that should have been recorded instead, with an id of its own
            and its own date; None when nothing should have been recorded.

    Raises:
        InvalidValueError: a field is not of the kind above.
    """

    TYPE: ClassVar[str] = "entered_in_error"
    event_id: str = attrs.field(validator=v.ID)
    reason: str = attrs.field(validator=v.TEXT, metadata=v.PERSONAL, repr=v.redacted)
    replacement: Event | None = attrs.field(default=None, validator=_replacement)
