"""Validators for attrs fields that raise :class:`~hokatsu.errors.InvalidValueError`.

attrs' own validators raise ``TypeError``/``ValueError``; hokatsu promises that only its own
errors escape, naming the object, the field and what is allowed. Each check here is an attrs
validator and can also be nested (``tuple_of(ID)``) so that the error names the element
(``members[2]``) that is wrong.

A field holding personal data is declared with ``attrs.field(..., metadata=PERSONAL,
repr=redacted)`` (or another repr that shows no contents, such as a count). Its validators
then never quote the value: the error names the object, the field, the type of what was
given and what is allowed, and keeps a redacted stand-in as ``value``.
:mod:`hokatsu.errors` decides what else a message may quote.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from hokatsu.errors import DuplicateIdError, InvalidValueError, describe_allowed, quote

__all__ = [
    "BOOL",
    "DATE",
    "ID",
    "PERSONAL",
    "PERSONAL_KEY",
    "TEXT",
    "Check",
    "argument",
    "enum_of",
    "frozenset_of",
    "instance_of",
    "integer",
    "invalid",
    "is_personal",
    "number",
    "optional",
    "redacted",
    "tuple_of",
    "unchecked",
    "unique_ids",
]

_T = TypeVar("_T")

# (relative path, bad value, expected) for the first problem found, or None.
Problem = tuple[str, Any, str] | None

#: The attrs metadata key that marks a field as personal data.
PERSONAL_KEY = "hokatsu.personal"

#: The metadata of a personal field: ``attrs.field(..., metadata=PERSONAL, repr=redacted)``.
PERSONAL: Mapping[str, bool] = MappingProxyType({PERSONAL_KEY: True})


def redacted(_: object) -> str:
    """The repr of a personal field (attrs ``field(repr=redacted)``): ``<redacted>``."""
    return "<redacted>"


def is_personal(cls: type[Any], name: str) -> bool:
    """Whether the field *name* of the attrs class *cls* is declared :func:`personal`."""
    try:
        field = attrs.fields_dict(cls)[name]
    except (KeyError, TypeError, attrs.exceptions.NotAnAttrsClassError):
        return False
    return bool(field.metadata.get(PERSONAL_KEY, False))


def invalid(
    instance: Any, field: str, value: Any, expected: str, *, obj: str | None = None
) -> InvalidValueError:
    """The InvalidValueError for *value* of *instance*'s *field*, redacted when personal.

    For checks across fields (``__attrs_post_init__``); *obj* overrides the object's name.
    """
    cls = instance if isinstance(instance, type) else type(instance)
    return InvalidValueError(
        cls.__name__ if obj is None else obj, field, value, expected,
        personal=is_personal(cls, field),
    )


def argument(
    func: str, name: str, value: Any, check: Check, *, personal: bool = False
) -> None:
    """Raise InvalidValueError naming ``func.name`` when *check* refuses an argument *value*.

    For the arguments of public functions and methods, checked like fields.
    """
    problem = check.find(value, personal)
    if problem is not None:
        path, bad, expected = problem
        raise InvalidValueError(func, name + path, bad, expected, personal=personal)


class Check:
    """A named predicate usable as an attrs validator or nested inside another check.

    Besides its words (``expected``), a check says what it requires as JSON Schema keywords
    (``schema``, added to the schema of the field's type by :mod:`hokatsu.schema`) and, for
    :func:`optional`, :func:`tuple_of` and :func:`frozenset_of`, the check of what it holds
    (``inner``).
    """

    __slots__ = ("_find", "expected", "inner", "schema")

    def __init__(
        self, expected: str, find: Callable[[Any, bool], Problem], *,
        schema: Mapping[str, Any] | None = None, inner: Check | None = None,
    ) -> None:
        self.expected = expected
        self._find = find
        self.schema: Mapping[str, Any] = MappingProxyType(dict(schema or {}))
        self.inner = inner

    def find(self, value: Any, personal: bool = False) -> Problem:
        """Return the first problem with *value*, or None when it is acceptable.

        With *personal*, the path of the problem does not quote the value's items.
        """
        return self._find(value, personal)

    def __call__(self, instance: Any, attribute: Any, value: Any) -> None:
        problem = self._find(value, False)
        if problem is not None:
            # only a refused value pays for reading the field's declaration
            secret = bool(attribute.metadata.get(PERSONAL_KEY, False))
            if secret:
                problem = self._find(value, True)
                assert problem is not None, "a check's verdict does not depend on personal"
            path, bad, expected = problem
            raise InvalidValueError(
                type(instance).__name__, attribute.name + path, bad, expected, personal=secret
            )


def simple(
    expected: str, ok: Callable[[Any], bool], schema: Mapping[str, Any] | None = None
) -> Check:
    """A check for one value: *ok* says whether it is acceptable; *schema* says as much of it
    as JSON Schema keywords can."""

    def find(value: Any, personal: bool = False) -> Problem:
        try:
            good = ok(value)
        except Exception:  # a junk value may break the predicate itself
            good = False
        return None if good else ("", value, expected)

    return Check(expected, find, schema=schema)


def _is_id(value: Any) -> bool:
    return (
        type(value) is str
        and 0 < len(value) <= 200
        and value == value.strip()
        and value.isprintable()
    )


ID = simple("a non-empty id string without surrounding spaces (at most 200 characters)", _is_id,
             {"minLength": 1, "maxLength": 200, "pattern": r"^\S(.*\S)?$"})
TEXT = simple("a non-empty string", lambda v: type(v) is str and v.strip() != "",
              {"pattern": r"\S"})
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
        _limits(minimum, maximum),
    )


def _limits(minimum: float | None, maximum: float | None, exclusive_min: bool = False
            ) -> dict[str, float]:
    """The JSON Schema keywords of inclusive bounds (the lower one exclusive if said)."""
    out: dict[str, float] = {}
    if minimum is not None:
        out["exclusiveMinimum" if exclusive_min else "minimum"] = minimum
    if maximum is not None:
        out["maximum"] = maximum
    return out


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

    return simple(text, ok, _limits(minimum, maximum, exclusive_min))


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

    def find(value: Any, personal: bool = False) -> Problem:
        return None if value is None else check.find(value, personal)

    return Check(f"None or {check.expected}", find, inner=check)


def tuple_of(check: Check, *, unique: bool = False, nonempty: bool = False) -> Check:
    """A tuple whose every element *check* accepts."""
    text = f"a{' non-empty' if nonempty else ''} tuple whose items are each {check.expected}"
    text += " without repeats" if unique else ""

    def find(value: Any, personal: bool = False) -> Problem:
        if type(value) is not tuple or (nonempty and not value):
            return ("", value, text)
        for i, item in enumerate(value):
            problem = check.find(item, personal)
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

    return Check(text, find, inner=check,
                 schema={**({"minItems": 1} if nonempty else {}),
                         **({"uniqueItems": True} if unique else {})})


def frozenset_of(check: Check, *, nonempty: bool = False) -> Check:
    """A frozenset whose every element *check* accepts."""
    text = f"a{' non-empty' if nonempty else ''} frozenset whose items are each {check.expected}"

    def find(value: Any, personal: bool = False) -> Problem:
        if type(value) is not frozenset or (nonempty and not value):
            return ("", value, text)
        for item in value:
            problem = check.find(item, personal)
            if problem is not None:
                # a set has no index: the path names the item, when it may be quoted
                return (f"{{{quote(item, personal=personal)}}}{problem[0]}", problem[1],
                        problem[2])
        return None

    # written as a sorted list without repeats
    return Check(text, find, inner=check,
                 schema={"uniqueItems": True, **({"minItems": 1} if nonempty else {})})


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
