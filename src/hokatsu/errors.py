"""The exceptions hokatsu raises.

Every input hokatsu rejects raises a subclass of :class:`HokatsuError`. The message names the
object, the field and what would have been allowed, and the same facts are kept as attributes
so that an application can show them in its own words.

Examples:
    >>> from hokatsu.errors import HokatsuError, InvalidValueError
    >>> try:
    ...     raise InvalidValueError("Member", "born", "yesterday", "a datetime.date")
    ... except HokatsuError as error:
    ...     message, field = str(error), error.field
    >>> message
    "Member.born: got 'yesterday'; expected a datetime.date"
    >>> field
    'born'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = [
    "CycleError",
    "DuplicateIdError",
    "EventRejectedError",
    "HokatsuError",
    "InvalidValueError",
    "LedgerError",
    "StructureError",
    "UnknownReferenceError",
]

_MAX_LISTED = 12


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def describe_allowed(values: Iterable[object]) -> str:
    """Return *values* as a readable, bounded list for an error message."""
    items = sorted({str(v) for v in values})
    if len(items) > _MAX_LISTED:
        return ", ".join(items[:_MAX_LISTED]) + f", … ({len(items)} in all)"
    return ", ".join(items) if items else "(none)"


class HokatsuError(Exception):
    """Base class of every error hokatsu raises on bad input."""


class InvalidValueError(HokatsuError, ValueError):
    """A field was given a value it does not accept.

    Attributes:
        obj: the name of the object being built (``"Member"``, ``"Area"`` …).
        field: the field that was given the value.
        value: the rejected value.
        expected: what the field accepts, in words.
    """

    def __init__(self, obj: str, field: str, value: Any, expected: str) -> None:
        self.obj = obj
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"{obj}.{field}: got {_short(value)}; expected {expected}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.obj, self.field, self.value, self.expected))


class UnknownReferenceError(HokatsuError, LookupError):
    """An object refers by id to something that does not exist.

    Attributes:
        obj: the object holding the reference (with its id where it has one).
        field: the field holding the reference.
        ref: the id that was not found.
        known: the ids that would have been accepted.
    """

    def __init__(self, obj: str, field: str, ref: object, known: Iterable[object]) -> None:
        self.obj = obj
        self.field = field
        self.ref = ref
        self.known = tuple(known)
        super().__init__(
            f"{obj}.{field}: unknown id {_short(ref)}; known ids: {describe_allowed(self.known)}"
        )

    def __str__(self) -> str:
        # LookupError would otherwise print the message with quotes around it.
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.obj, self.field, self.ref, self.known))


class DuplicateIdError(HokatsuError, ValueError):
    """Two objects of one collection share an id.

    Attributes:
        obj: the collection's owner (``"AreaTree"``, ``"Municipality"`` …).
        field: the collection.
        ref: the repeated id.
    """

    def __init__(self, obj: str, field: str, ref: object) -> None:
        self.obj = obj
        self.field = field
        self.ref = ref
        super().__init__(f"{obj}.{field}: id {_short(ref)} appears more than once")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.obj, self.field, self.ref))


class CycleError(HokatsuError, ValueError):
    """References that must form a tree or a chain loop back on themselves.

    Attributes:
        obj: the collection's owner.
        field: the referencing field (``parent_id``, ``escalates_to`` …).
        cycle: the ids on the loop, in order.
    """

    def __init__(self, obj: str, field: str, cycle: Iterable[object]) -> None:
        self.obj = obj
        self.field = field
        self.cycle = tuple(cycle)
        loop = " → ".join(str(c) for c in (*self.cycle, self.cycle[0])) if self.cycle else ""
        super().__init__(f"{obj}.{field}: references form a cycle: {loop}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.obj, self.field, self.cycle))


class StructureError(HokatsuError, ValueError):
    """A plain dict could not be turned into a hokatsu object.

    Attributes:
        path: where in the input the problem is, e.g. ``"$.members[1].born"``.
        reason: what is wrong there.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason))


class LedgerError(HokatsuError):
    """A record of events is unusable as given.

    Raised directly when events are read that refer to a case, referral, session or item no
    earlier event created (a selection that starts in the middle of the record), and as the
    base of :class:`EventRejectedError`, which the :class:`~hokatsu.ledger.Ledger` raises.
    """


class EventRejectedError(LedgerError, ValueError):
    """An event broke a rule of the ledger and was not appended.

    The ledger is left exactly as it was before the call that raised.

    Attributes:
        event_id: the id of the rejected event.
        event_type: its type tag (``"referral_accepted"`` …).
        rule: a short, stable name of the broken rule (``"unknown_case"`` …).
        detail: what exactly was wrong.
    """

    def __init__(self, event_id: str, event_type: str, rule: str, detail: str) -> None:
        self.event_id = event_id
        self.event_type = event_type
        self.rule = rule
        self.detail = detail
        super().__init__(f"event {event_id!r} ({event_type}) rejected [{rule}]: {detail}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.event_id, self.event_type, self.rule, self.detail))
