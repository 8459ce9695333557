"""Validators for attrs fields that raise :class:`~hokatsu.errors.InvalidValueError`.

attrs' own validators raise ``TypeError``/``ValueError``; hokatsu promises that only its own
errors escape, naming the object, the field and what is allowed. Each check here is an attrs
validator and can also be nested (``tuple_of(ID)``) so that the error names the element
(``members[2]``) that is wrong.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from hokatsu.errors import DuplicateIdError, InvalidValueError, describe_allowed

__all__ = [
    "BOOL",
    "DATE",
    "ID",
    "TEXT",
    "Check",
    "enum_of",
    "frozenset_of",
    "instance_of",
    "integer",
    "number",
    "optional",
    "tuple_of",
    "unchecked",
    "unique_ids",
]

_T = TypeVar("_T")

# (relative path, bad value, expected) for the first problem found, or None.
Problem = tuple[str, Any, str] | None


class Check:
    """A named predicate usable as an attrs validator or nested inside another check."""

    __slots__ = ("_find", "expected")

    def __init__(self, expected: str, find: Callable[[Any], Problem]) -> None:
        self.expected = expected
        self._find = find

    def find(self, value: Any) -> Problem:
        """Return the first problem with *value*, or None when it is acceptable."""
        return self._find(value)

    def __call__(self, instance: Any, attribute: Any, value: Any) -> None:
        problem = self._find(value)
        if problem is not None:
            path, bad, expected = problem
            raise InvalidValueError(type(instance).__name__, attribute.name + path, bad, expected)


def simple(expected: str, ok: Callable[[Any], bool]) -> Check:
    """A check for one value: *ok* says whether it is acceptable."""

    def find(value: Any) -> Problem:
        try:
            good = ok(value)
        except Exception:  # a junk value may break the predicate itself
            good = False
        return None if good else ("", value, expected)

    return Check(expected, find)


def _is_id(value: Any) -> bool:
    return (
        type(value) is str
        and 0 < len(value) <= 200
        and value == value.strip()
        and value.isprintable()
    )


ID = simple("a non-empty id string without surrounding spaces (at most 200 characters)", _is_id)
TEXT = simple("a non-empty string", lambda v: type(v) is str and v.strip() != "")
ANY_TEXT = simple("a string", lambda v: type(v) is str)
BOOL = simple("True or False", lambda v: type(v) is bool)
DATE = simple("a datetime.date (not a datetime)", lambda v: type(v) is dt.date)


def integer(minimum: int | None = None, maximum: int | None = None) -> Check:
    """An int (not a bool) within the given bounds, both inclusive."""
    bounds = _bounds(minimum, maximum)
    return simple(
        f"an integer{bounds}",
        lambda v: type(v) is int
        and (minimum is None or v >= minimum)
        and (maximum is None or v <= maximum),
    )


def number(
    minimum: float | None = None, maximum: float | None = None, *, exclusive_min: bool = False
) -> Check:
    """A finite int or float (not a bool) within the given bounds."""
    low = ("greater than " if exclusive_min else "at least ") + str(minimum)
    parts = [p for p in (minimum is not None and low, maximum is not None and f"at most {maximum}")
             if p]
    text = "a finite number" + (" " + " and ".join(parts) if parts else "")

    def ok(v: Any) -> bool:
        if type(v) not in (int, float) or not math.isfinite(v):
            return False
        if minimum is not None and (v <= minimum if exclusive_min else v < minimum):
            return False
        return maximum is None or v <= maximum

    return simple(text, ok)


def _bounds(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f" from {minimum} to {maximum}"
    if minimum is not None:
        return f" of at least {minimum}"
    if maximum is not None:
        return f" of at most {maximum}"
    return ""


def enum_of(cls: type[enum.Enum]) -> Check:
    """A member of the enum *cls* (not its value: structure() converts values)."""
    members = describe_allowed(m.name for m in cls)
    return simple(f"{_article(cls.__name__)} {cls.__name__} ({members})", lambda v: type(v) is cls)


def instance_of(cls: type[Any] | tuple[type[Any], ...]) -> Check:
    """An instance of *cls*."""
    names = (
        " or ".join(c.__name__ for c in cls) if isinstance(cls, tuple) else cls.__name__
    )
    return simple(f"{_article(names)} {names}", lambda v: isinstance(v, cls))


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def optional(check: Check) -> Check:
    """None, or a value *check* accepts."""

    def find(value: Any) -> Problem:
        return None if value is None else check.find(value)

    return Check(f"None or {check.expected}", find)


def tuple_of(check: Check, *, unique: bool = False, nonempty: bool = False) -> Check:
    """A tuple whose every element *check* accepts."""
    text = f"a{' non-empty' if nonempty else ''} tuple whose items are each {check.expected}"
    text += " without repeats" if unique else ""

    def find(value: Any) -> Problem:
        if type(value) is not tuple or (nonempty and not value):
            return ("", value, text)
        for i, item in enumerate(value):
            problem = check.find(item)
            if problem is not None:
                return (f"[{i}]{problem[0]}", problem[1], problem[2])
        if unique:
            try:
                repeated = len(set(value)) != len(value)
            except TypeError:
                repeated = True
            if repeated:
                return ("", value, text)
        return None

    return Check(text, find)


def frozenset_of(check: Check, *, nonempty: bool = False) -> Check:
    """A frozenset whose every element *check* accepts."""
    text = f"a{' non-empty' if nonempty else ''} frozenset whose items are each {check.expected}"

    def find(value: Any) -> Problem:
        if type(value) is not frozenset or (nonempty and not value):
            return ("", value, text)
        for item in value:
            problem = check.find(item)
            if problem is not None:
                return (f"{{{item!r}}}{problem[0]}", problem[1], problem[2])
        return None

    return Check(text, find)


def unique_ids(obj: str, field: str, ids: Iterable[str]) -> frozenset[str]:
    """Return *ids* as a set, raising DuplicateIdError on the first repeated one."""
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise DuplicateIdError(obj, field, i)
        seen.add(i)
    return frozenset(seen)



def unchecked(cls: type[_T], **values: Any) -> _T:
    """Build a frozen attrs object without running its validators.

    For result objects that hokatsu assembles itself from already validated input (indicator
    rows), where validating again would cost more than the work and could find nothing
    wrong. Every field must be given.
    """
    obj = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(obj, name, value)
    return obj


def positional(cls: type[_T]) -> Callable[..., _T]:
    """A constructor of the frozen, slotted attrs class *cls* that takes every field
    positionally, in the order of ``attrs.fields(cls)``, and skips validators.

    The fast path of :func:`unchecked`, for the objects a replay makes by the hundred
    thousand: it sets each slot through its descriptor instead of by name.
    """
    import attrs

    names = [f.name for f in attrs.fields(cls)]  # type: ignore[arg-type]
    # straight-line code, as attrs writes its own __init__: only generated names (a0, s0 …)
    # enter the source; the class and its slot setters are bound in the namespace
    ns: dict[str, Any] = {"new": object.__new__, "cls": cls}
    args = [f"a{i}" for i in range(len(names))]
    lines = [f"def make({', '.join(args)}):", "    obj = new(cls)"]
    for i, name in enumerate(names):
        ns[f"s{i}"] = getattr(cls, name).__set__
        lines.append(f"    s{i}(obj, a{i})")
    lines.append("    return obj")
    exec(compile("\n".join(lines) + "\n", f"<hokatsu positional {cls.__name__}>", "exec"), ns)
    make: Callable[..., _T] = ns["make"]
    make.__doc__ = f"{cls.__name__}({', '.join(names)}), unvalidated."
    return make
