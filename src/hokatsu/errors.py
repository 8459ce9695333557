"""The exceptions hokatsu raises, and what their messages may quote.

Every input hokatsu rejects raises a subclass of :class:`HokatsuError`. The message names the
object, the field and what would have been allowed, and the same facts are kept as attributes
so that an application can show them in its own words.

Error messages end up in logs, so they never quote personal data. This module decides, in one
place, what a message may quote (:func:`quote`) and what an error may keep (:func:`redact`):
only short scalars (None, booleans, numbers, short strings, dates, classes, and short
collections of these) of fields that are not personal. A personal field (a member's birth date,
care level, certificates, employment, public assistance, disability, and free text) is declared
with the attrs metadata ``hokatsu._validators.PERSONAL``, and its value is only described by
its type (``got a str``). Anything else, such as a hokatsu object or a large container, is
described by type and length (``got a list of 1 Member``) and kept as a :class:`Redacted`
stand-in.

Examples:
    >>> from hokatsu.errors import HokatsuError, InvalidValueError
    >>> try:
    ...     raise InvalidValueError("Area", "valid_to", "yesterday", "a datetime.date")
    ... except HokatsuError as error:
    ...     message, field = str(error), error.field
    >>> message
    "Area.valid_to: got 'yesterday'; expected a datetime.date"
    >>> field
    'valid_to'
    >>> error = InvalidValueError("Member", "born", "1950-01-02", "a datetime.date",
    ...                           personal=True)
    >>> str(error)
    'Member.born: got a str; expected a datetime.date'
    >>> error.value
    <redacted: a str>
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from typing import Any

__all__ = [
    "CycleError",
    "DisclosureDeniedError",
    "DuplicateIdError",
    "EventRejectedError",
    "HokatsuError",
    "InvalidValueError",
    "LedgerError",
    "MissingExtraError",
    "Redacted",
    "StructureError",
    "UnknownReferenceError",
]

_MAX_LISTED = 12
_MAX_QUOTED = 80  # characters of a quoted value's repr
_MAX_ITEMS = 12  # items of a quoted collection

# values a message may quote by repr: they cannot hold a hokatsu object (enum members are left
# out: a care level in the wrong field is still a care level)
_SCALARS = (type(None), bool, int, float, str, dt.date, type)
_COLLECTIONS = (tuple, list, frozenset, set)


class Redacted:
    """What an error keeps, as ``value``, instead of a value its message may not quote.

    It holds only the description the message gives (``"a list of 1 Member"``), so that
    neither the error nor its pickle carries personal data.

    Examples:
        >>> Redacted("a list of 1 Member")
        <redacted: a list of 1 Member>
    """

    __slots__ = ("description",)

    def __init__(self, description: str) -> None:
        self.description = description

    def __repr__(self) -> str:
        return f"<redacted: {self.description}>"

    def __eq__(self, other: object) -> bool:
        return type(other) is Redacted and other.description == self.description

    def __hash__(self) -> int:
        return hash((Redacted, self.description))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Redacted, (self.description,))


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _plural(name: str, n: int) -> str:
    return name if n == 1 else (f"{name}s" if name[:1].isupper() else f"{name} values")


def describe(value: Any) -> str:
    """Describe *value* by its type (and length), never by its contents.

    Args:
        value: anything.

    Returns:
        A short description such as ``"a list of 1 Member"``.

    Examples:
        >>> import datetime as dt
        >>> describe([dt.date(1950, 1, 2)]), describe("text"), describe(()), describe(None)
        ('a list of 1 date', 'a str', 'an empty tuple', 'None')
    """
    if isinstance(value, Redacted):
        return value.description
    if value is None:
        return "None"
    kind = type(value).__name__
    if isinstance(value, (*_COLLECTIONS, dict)):
        try:
            n = len(value)
            element_types = {type(x).__name__ for x in value}
        except Exception:  # a broken container is still described by its type
            return f"{_article(kind)} {kind}"
        if n == 0:
            return f"an empty {kind}"
        if isinstance(value, dict):
            return f"a {kind} of {n} {_plural('item', n)}"
        if len(element_types) == 1:
            return f"{_article(kind)} {kind} of {n} {_plural(element_types.pop(), n)}"
        return f"{_article(kind)} {kind} of {n} items of mixed types"
    return f"{_article(kind)} {kind}"


def _quotable(value: Any, depth: int = 0) -> bool:
    if type(value) in _SCALARS or (isinstance(value, type)):
        return True
    if depth == 0 and type(value) in _COLLECTIONS:
        try:
            return len(value) <= _MAX_ITEMS and all(_quotable(x, 1) for x in value)
        except Exception:  # a broken container is described, not quoted
            return False
    return False


def quotable(value: Any, *, personal: bool = False) -> bool:
    """Whether an error message may quote *value* by its repr.

    Only values of fields that are not personal, and only short scalars (None, booleans,
    numbers, strings, dates, classes) or tuples, lists and sets of at most 12 of them.

    Args:
        value: the value.
        personal: the value belongs to a personal field.

    Returns:
        True if the value's repr may appear in a message.

    Examples:
        >>> quotable("himi-b1"), quotable("himi-b1", personal=True), quotable([object()])
        (True, False, False)
    """
    return not personal and not isinstance(value, Redacted) and _quotable(value)


def quote(value: Any, *, personal: bool = False) -> str:
    """*value* as an error message may show it: its repr (shortened) when :func:`quotable`,
    else its :func:`describe`.

    Args:
        value: anything.
        personal: the value belongs to a personal field.

    Returns:
        The text to put in the message.

    Examples:
        >>> import datetime as dt
        >>> quote("x"), quote(dt.date(1950, 1, 2), personal=True), quote([{"a": 1}])
        ("'x'", 'a date', 'a list of 1 dict')
    """
    if not quotable(value, personal=personal):
        return describe(value)
    text = repr(value)
    return text if len(text) <= _MAX_QUOTED else text[: _MAX_QUOTED - 3] + "..."


def redact(value: Any, *, personal: bool = False) -> Any:
    """*value* itself when a message may quote it, else a :class:`Redacted` description.

    Args:
        value: the value.
        personal: the value belongs to a personal field.

    Returns:
        *value*, or a :class:`Redacted` stand-in.

    Examples:
        >>> import datetime as dt
        >>> redact(3), redact(dt.date(1950, 1, 2), personal=True)
        (3, <redacted: a date>)
    """
    return value if quotable(value, personal=personal) else Redacted(describe(value))


def _listed(values: Iterable[object]) -> tuple[tuple[str, ...], int]:
    """The smallest :data:`_MAX_LISTED` of *values* as strings, sorted, and how many in all."""
    distinct = {str(v) for v in values}
    return tuple(heapq.nsmallest(_MAX_LISTED, distinct)), len(distinct)


def describe_allowed(values: Iterable[object]) -> str:
    """Return *values* as a readable, bounded list for an error message.

    At most 12 values are listed (the smallest, without sorting them all), then how many
    there are in all.

    Args:
        values: the allowed values, any iterable.

    Returns:
        The values as one line of text.

    Examples:
        >>> describe_allowed(range(100))
        '0, 1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, … (100 in all)'
        >>> describe_allowed(["b", "a"])
        'a, b'
    """
    items, count = _listed(values)
    return _listing(items, count)


def _listing(items: tuple[str, ...], count: int) -> str:
    if count > len(items):
        return ", ".join(items) + f", … ({count} in all)"
    return ", ".join(items) if items else "(none)"


class HokatsuError(Exception):
    """Base class of every error hokatsu raises on bad input.

    Catch it to handle any rejected input; each subclass also derives from the matching built-in
    exception (``ValueError``, ``LookupError`` …).

    Examples:
        >>> from hokatsu.reference import himi
        >>> try:
        ...     himi().agency("nowhere")
        ... except HokatsuError as error:
        ...     type(error).__name__
        'UnknownReferenceError'
    """


class InvalidValueError(HokatsuError, ValueError):
    """A field was given a value it does not accept.

    Args:
        obj: the name of the object being built (``"Member"``, ``"Area"`` …).
        field: the field that was given the value.
        value: the rejected value.
        expected: what the field accepts, in words.
        personal: the field holds personal data: the value is described by its type only.

    Attributes:
        obj: the object's name.
        field: the field.
        value: the rejected value when the message may quote it (see :func:`quotable`);
            otherwise a :class:`Redacted` stand-in holding only its description, so that
            neither the error nor its pickle keeps personal data or hokatsu objects.
        expected: what the field accepts.

    Examples:
        >>> error = InvalidValueError("Frequency", "times", -1, "an integer from 0 to 1000")
        >>> str(error)
        'Frequency.times: got -1; expected an integer from 0 to 1000'
        >>> isinstance(error, ValueError), error.value
        (True, -1)
    """

    def __init__(
        self, obj: str, field: str, value: Any, expected: str, *, personal: bool = False
    ) -> None:
        self.obj = obj
        self.field = field
        self.value = redact(value, personal=personal)
        self.expected = expected
        super().__init__(f"{obj}.{field}: got {quote(self.value)}; expected {expected}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.obj, self.field, self.value, self.expected))


class UnknownReferenceError(HokatsuError, LookupError):
    """An object refers by id to something that does not exist.

    Args:
        obj: the object holding the reference (with its id where it has one).
        field: the field holding the reference.
        ref: the id that was not found.
        known: the ids that would have been accepted (any iterable: a set, a dict's keys …),
            or None when the caller does not list them; the message then lists none.

    Attributes:
        obj: the object's name.
        field: the field.
        ref: the id that was not found (a :class:`Redacted` stand-in when it is not a short
            scalar, see :func:`quotable`).
        known: the smallest 12 known ids as strings, sorted (all of them when fewer), or
            None when not given.
        known_count: how many known ids there are in all, or None when not given.

    Examples:
        >>> str(UnknownReferenceError("Ledger", "events", "e9"))
        "Ledger.events: unknown id 'e9'"
        >>> str(UnknownReferenceError("Ledger", "events", "e9", {"e1": 1, "e2": 2}.keys()))
        "Ledger.events: unknown id 'e9'; known ids: e1, e2"
    """

    def __init__(
        self, obj: str, field: str, ref: object, known: Iterable[object] | None = None,
        *, known_count: int | None = None,
    ) -> None:
        self.obj = obj
        self.field = field
        self.ref = redact(ref)
        message = f"{obj}.{field}: unknown id {quote(self.ref)}"
        if type(known_count) is not int:  # an error names what it can, whatever it is given
            known_count = None
        if known is None or not isinstance(known, Iterable) or isinstance(known, str | bytes):
            self.known: tuple[str, ...] | None = None
            self.known_count: int | None = None
        else:
            listed, count = _listed(known)
            self.known = listed
            self.known_count = count if known_count is None else known_count
            message += f"; known ids: {_listing(listed, self.known_count)}"
        super().__init__(message)

    def __str__(self) -> str:
        # LookupError would otherwise print the message with quotes around it.
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (_unknown_reference, (type(self), self.obj, self.field, self.ref, self.known,
                                     self.known_count))


class DuplicateIdError(HokatsuError, ValueError):
    """Two objects of one collection share an id.

    Args:
        obj: the collection's owner.
        field: the collection.
        ref: the repeated id.

    Attributes:
        obj: the collection's owner (``"AreaTree"``, ``"Municipality"`` …).
        field: the collection.
        ref: the repeated id.

    Examples:
        >>> str(DuplicateIdError("Municipality 'himi'", "agencies", "himi-swc"))
        "Municipality 'himi'.agencies: id 'himi-swc' appears more than once"
    """

    def __init__(self, obj: str, field: str, ref: object) -> None:
        self.obj = obj
        self.field = field
        self.ref = redact(ref)
        super().__init__(f"{obj}.{field}: id {quote(self.ref)} appears more than once")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.obj, self.field, self.ref))


class CycleError(HokatsuError, ValueError):
    """References that must form a tree or a chain loop back on themselves.

    Args:
        obj: the collection's owner.
        field: the referencing field.
        cycle: the ids on the loop, in order.

    Attributes:
        obj: the collection's owner.
        field: the referencing field (``parent_id``, ``escalates_to`` …).
        cycle: the ids on the loop, in order.

    Examples:
        >>> str(CycleError("Municipality 'x'", "escalates_to", ("a", "b")))
        "Municipality 'x'.escalates_to: references form a cycle: a → b → a"
    """

    def __init__(self, obj: str, field: str, cycle: Iterable[object]) -> None:
        self.obj = obj
        self.field = field
        # an error names what it was given, even when that is not a collection
        self.cycle = tuple(cycle) if isinstance(cycle, Iterable) and not isinstance(
            cycle, str | bytes) else (cycle,)
        loop = " → ".join(quote(c) if not isinstance(c, str) else c
                          for c in (*self.cycle, self.cycle[0])) if self.cycle else ""
        super().__init__(f"{obj}.{field}: references form a cycle: {loop}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.obj, self.field, self.cycle))


class StructureError(HokatsuError, ValueError):
    """A plain dict could not be turned into a hokatsu object.

    Args:
        path: where in the input the problem is.
        reason: what is wrong there.

    Attributes:
        path: where in the input the problem is, e.g. ``"$.members[1].born"``.
        reason: what is wrong there.

    Examples:
        >>> str(StructureError("$.members[1].born", "expected a date"))
        '$.members[1].born: expected a date'
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

    Examples:
        >>> issubclass(EventRejectedError, LedgerError), issubclass(LedgerError, HokatsuError)
        (True, True)
    """


class EventRejectedError(LedgerError, ValueError):
    """An event broke a rule of the ledger and was not appended.

    The ledger is left exactly as it was before the call that raised.

    Args:
        event_id: the id of the rejected event.
        event_type: its type tag.
        rule: the broken rule's name.
        detail: what exactly was wrong.

    Attributes:
        event_id: the id of the rejected event.
        event_type: its type tag (``"referral_accepted"`` …).
        rule: a short, stable name of the broken rule (``"unknown_case"`` …).
        detail: what exactly was wrong.

    Examples:
        >>> error = EventRejectedError("e2", "case_closed", "case_closed_twice", "case 'c1'")
        >>> str(error)
        "event 'e2' (case_closed) rejected [case_closed_twice]: case 'c1'"
        >>> error.rule
        'case_closed_twice'
    """

    def __init__(self, event_id: str, event_type: str, rule: str, detail: str) -> None:
        self.event_id = event_id
        self.event_type = event_type
        self.rule = rule
        self.detail = detail
        super().__init__(f"event {event_id!r} ({event_type}) rejected [{rule}]: {detail}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.event_id, self.event_type, self.rule, self.detail))


class MissingExtraError(HokatsuError, ImportError):
    """A feature needs an optional package that is not installed.

    Attributes:
        feature: what was called (``"ResultTable.to_pandas"``).
        package: the missing package (``"pandas"``).
        extra: the hokatsu extra that installs it (``pip install "hokatsu[pandas]"``).

    Examples:
        >>> str(MissingExtraError("ResultTable.to_pandas", "pandas", "pandas"))
        'ResultTable.to_pandas needs pandas, which is not installed: pip install "hokatsu[pandas]"'
    """

    def __init__(self, feature: str, package: str, extra: str) -> None:
        self.feature = feature
        self.package = package
        self.extra = extra
        super().__init__(f"{feature} needs {package}, which is not installed: "
                         f'pip install "hokatsu[{extra}]"', name=package)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.feature, self.package, self.extra))
class DisclosureDeniedError(HokatsuError, PermissionError):
    """A recipient may not see a case, or a part of it, for a purpose on a date.

    Raised by :func:`hokatsu.sharing.disclose` when nothing of the case may be shown, and by a
    view's look-up of a redacted category. The message names the case, the recipient, the
    purpose, the date and the sharing rule that denied it (``RULES`` of
    :mod:`hokatsu.sharing`), never the case's data.

    Args:
        case_id: the case.
        recipient: the recipient, in words.
        rule: the sharing rule that denied it.
        detail: what was denied.

    Attributes:
        case_id: the case.
        recipient: the recipient, in words (``"agency 'himi-cgsc'"``).
        rule: the name of the sharing rule that denied it (``"no_consent"`` …).
        detail: what was denied.

    Examples:
        >>> str(DisclosureDeniedError("c1", "agency 'himi-cgsc'", "no_consent", "the whole case"))
        "case 'c1' to agency 'himi-cgsc': denied [no_consent]: the whole case"
    """

    def __init__(self, case_id: str, recipient: str, rule: str, detail: str) -> None:
        self.case_id = case_id
        self.recipient = recipient
        self.rule = rule
        self.detail = detail
        super().__init__(f"case {case_id!r} to {recipient}: denied [{rule}]: {detail}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.case_id, self.recipient, self.rule, self.detail))


def _unknown_reference(
    cls: type[UnknownReferenceError], obj: str, field: str, ref: object,
    known: tuple[str, ...] | None, known_count: int | None,
) -> UnknownReferenceError:
    """Rebuild an unpickled UnknownReferenceError with the count it had."""
    return cls(obj, field, ref, known, known_count=known_count)
