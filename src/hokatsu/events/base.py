"""The base of every event: an id, a date and a type tag; and :func:`ref`, which declares what
an event's field refers to."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from hokatsu import _validators as v
from hokatsu.errors import InvalidValueError

__all__ = ["REF", "REF_KINDS", "Event", "Ref", "ref"]

#: The kinds of thing an event field may refer to, the directory's first, then those events make.
REF_KINDS = ("area", "agency", "coordinator", "body",
             "case", "referral", "session", "item", "measure", "resource", "consent")

#: The key of a field's :class:`Ref` in its attrs ``metadata``.
REF = "hokatsu.ref"


@attrs.frozen
class Ref:
    """What one event field refers to.

    Args:
        kind: one of :data:`REF_KINDS`.
        new: the field names a new object of that kind, which this event creates (the
            ``case_id`` of a :class:`~hokatsu.events.cases.CaseOpened`); otherwise it names one that
            exists (in the directory, or made by an earlier event).

    Examples:
        >>> Ref("case"), Ref("case", new=True).new
        (Ref(kind='case', new=False), True)
    """

    kind: str
    new: bool = False


def ref(kind: str, *, new: bool = False) -> dict[str, Ref]:
    """The attrs ``metadata`` declaring that a field refers to a *kind* of object.

    The ledger reads these declarations, once per event class, to check every reference of an
    appended event (``unknown_case`` …), and to tell whether a selection of events is
    self-contained. A field holding ``None`` refers to nothing; a frozenset field refers to each
    of its ids.

    Args:
        kind: one of :data:`REF_KINDS`.
        new: the field names a new object, which the event creates.

    Returns:
        ``{REF: Ref(kind, new)}``, to pass as an attrs field's ``metadata``.

    Raises:
        InvalidValueError: *kind* is not one of :data:`REF_KINDS`.

    Examples:
        >>> from hokatsu.events.base import ref
        >>> ref("case")
        {'hokatsu.ref': Ref(kind='case', new=False)}
    """
    if kind not in REF_KINDS:
        raise InvalidValueError("ref", "kind", kind, ", ".join(REF_KINDS))
    if type(new) is not bool:
        raise InvalidValueError("ref", "new", new, "True or False")
    return {REF: Ref(kind, new)}


@attrs.frozen(kw_only=True)
class Event:
    """A fact that happened, on a date; never changed once recorded.

    Every concrete event class sets ``TYPE``, the tag that serialisation writes under
    ``"type"`` (``"case_opened"`` …). A correction is a new event, not an edit.

    Args:
        id: unique within a ledger.
        date: the day the fact happened.

    Examples:
        >>> from hokatsu.events import CaseReopened
        >>> import datetime as dt
        >>> event = CaseReopened(id="e1", date=dt.date(2017, 12, 7), case_id="c1")
        >>> isinstance(event, Event), event.TYPE
        (True, 'case_reopened')
    """

    TYPE: ClassVar[str] = ""

    id: str = attrs.field(validator=v.ID)
    date: dt.date = attrs.field(validator=v.DATE)
