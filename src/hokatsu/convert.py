"""Conversion between hokatsu objects and plain, JSON-ready dicts.

:func:`make_converter` returns hokatsu's own configured :class:`cattrs.Converter` (never
cattrs' global one). It writes dates as ISO strings, enums as their values, periods as their
keys (``"FY2016"``), tuples and frozensets as lists (frozensets sorted, so output is stable),
and it structures strictly: an ``int`` field does not take ``"3"`` or ``3.7``, unknown keys are
refused, and any problem raises :class:`~hokatsu.errors.StructureError` naming the path of the
bad field. The reason quotes the bad value only where an error message may
(:func:`hokatsu.errors.quote`): never inside a personal field, such as a member's birth date,
where it names the type of what was given instead.

Examples:
    >>> import datetime as dt
    >>> from hokatsu.domain import Member, Relation
    >>> conv = make_converter()
    >>> m = Member(id="m1", relation=Relation.HEAD, born=dt.date(1950, 1, 2))
    >>> data = conv.unstructure(m)
    >>> data["born"], data["relation"]
    ('1950-01-02', 'head')
    >>> conv.structure(data, Member) == m
    True
    >>> try:
    ...     conv.structure({**data, "born": "2 Jan 1950"}, Member)
    ... except StructureError as error:
    ...     where, why = error.path, error.reason
    >>> where
    '$.born'
    >>> why
    'got a str; expected an ISO date string (YYYY-MM-DD)'
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from hokatsu._validators import is_personal
from hokatsu.calendar import FiscalYear, Month, Period, Quarter, parse_period
from hokatsu.errors import (
    HokatsuError,
    InvalidValueError,
    StructureError,
    describe_allowed,
    quote,
)
from hokatsu.events import EVENT_TYPES, Event

__all__ = ["SCHEMA_VERSION", "HokatsuConverter", "make_converter"]

#: Version of the dict layout written by :func:`make_converter`; bumped on breaking changes.
SCHEMA_VERSION = 1

_T = TypeVar("_T")


class HokatsuConverter(cattrs.Converter):
    """A cattrs converter whose ``structure`` raises only hokatsu errors."""

    def structure(self, obj: Any, cl: Any) -> Any:
        """Structure *obj* into *cl*; raise StructureError naming the bad field's path."""
        # Periods are attrs classes too, but they are written as their key strings.
        if isinstance(cl, type) and attrs.has(cl) and cl not in _PERIODS \
                and not isinstance(obj, Mapping):
            raise StructureError("$", f"expected a mapping for {cl.__name__}, got {quote(obj)}")
        try:
            return super().structure(obj, cl)
        except (ClassValidationError, IterableValidationError, HokatsuError) as error:
            path, reason = _first_problem(error, "$")
            # from None: a logged traceback would print the chained errors, which quote values
            raise StructureError(path, reason) from None
        except Exception as error:  # anything cattrs lets through is still bad input
            raise StructureError("$", f"{type(error).__name__}: {error}") from None


def _first_problem(exc: BaseException, path: str, personal: bool = False) -> tuple[str, str]:
    """Walk a cattrs exception group down to the first leaf; return its path and message.

    In a personal field (see :func:`hokatsu._validators.is_personal`), and in the items of
    one, the message names the type of the bad value, never the value; the fields of a class
    inside it follow their own declarations.
    """
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            if hasattr(note, "name"):  # a class's own declaration says for its fields
                inner = is_personal(exc.cl, note.name)
                return _first_problem(sub, f"{path}.{note.name}", inner)
            return _first_problem(sub, f"{path}[{note.index!r}]", personal)
        for sub in without:
            return _first_problem(sub, path, personal)
        return path, str(exc)  # pragma: no cover - a group always holds an exception
    if isinstance(exc, ForbiddenExtraKeysError):
        return path, f"unknown keys: {describe_allowed(exc.extra_fields)}"
    if isinstance(exc, KeyError):
        return path, "required field is missing"
    if isinstance(exc, _BadValueError):
        return path + exc.path, exc.said(personal)
    if isinstance(exc, StructureError):
        return path + exc.path, exc.reason
    if isinstance(exc, InvalidValueError):
        got = quote(exc.value, personal=personal)
        return f"{path}.{exc.field}", f"got {got}; expected {exc.expected}"
    if isinstance(exc, HokatsuError):
        return path, str(exc)
    if personal:  # a foreign message may quote the value
        return path, type(exc).__name__
    return path, f"{type(exc).__name__}: {exc}"


class _BadValueError(StructureError):
    """A leaf value a hook refuses; the reason is worded once the path says if it is personal."""

    def __init__(self, value: Any, expected: str, path: str = "") -> None:
        self.value = value
        self.expected = expected
        super().__init__(path, self.said(False))

    def said(self, personal: bool) -> str:
        """The reason, quoting the value only where allowed."""
        return f"got {quote(self.value, personal=personal)}; expected {self.expected}"

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled as the public error it reads as, without the value
        return (StructureError, (self.path, self.reason))


def _strict(kind: type[Any], expected: str) -> Any:
    def hook(value: Any, _: Any) -> Any:
        if kind is float:
            ok = type(value) in (int, float)
            return float(value) if ok else _bad(value, expected)
        if type(value) is not kind:
            return _bad(value, expected)
        return value

    return hook


def _bad(value: Any, expected: str) -> Any:
    raise _BadValueError(value, expected)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _structure_date(value: Any, _: Any) -> dt.date:
    if type(value) is dt.date:
        return value
    # fromisoformat alone would also take week dates such as "2016-W01-1".
    if type(value) is str and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _BadValueError(value, "an ISO date string (YYYY-MM-DD)")


def _structure_enum(value: Any, cl: type[enum.Enum]) -> enum.Enum:
    if type(value) is cl:
        return value
    try:
        return cl(value)
    except (ValueError, TypeError):
        allowed = describe_allowed(m.value for m in cl)
        raise _BadValueError(value, f"one of {allowed} ({cl.__name__})") from None


_PERIODS = (FiscalYear, Quarter, Month)


def _structure_period(value: Any, cl: Any) -> Period:
    try:
        period = value if isinstance(value, _PERIODS) else parse_period(value)
    except InvalidValueError as error:  # report it at the period's own path
        raise _BadValueError(value, error.expected) from None
    if cl in _PERIODS and type(period) is not cl:
        raise _BadValueError(value, f"the key of a {cl.__name__}")
    return period


def _is_collection(t: Any) -> bool:
    """A homogeneous ``tuple[X, ...]`` or a ``frozenset[X]``, the collections hokatsu uses."""
    args = get_args(t)
    if get_origin(t) is tuple:
        return len(args) == 2 and args[1] is Ellipsis
    return get_origin(t) is frozenset and len(args) == 1


def _structure_collection(conv: cattrs.Converter) -> Any:
    """A hook taking only a list (or a tuple or set), never a string or a mapping."""

    def hook(value: Any, cl: Any) -> Any:
        origin = get_origin(cl)
        accepted = (list, tuple) if origin is tuple else (list, tuple, set, frozenset)
        if type(value) not in accepted:
            raise _BadValueError(value, "a list")
        element = get_args(cl)[0]
        items: list[Any] = []
        errors: list[Exception] = []
        for i, item in enumerate(value):
            try:
                items.append(cattrs.Converter.structure(conv, item, element))
            except Exception as error:  # collected and reported like cattrs' own
                note = IterableValidationNote(f"Structuring {cl!r} @ index {i}", i, element)
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
        return origin(items)

    return hook


def _unstructure_frozenset(value: frozenset[Any], conv: cattrs.Converter) -> list[Any]:
    return sorted((conv.unstructure(v) for v in value), key=str)


def _configure_events(conv: HokatsuConverter) -> None:
    """Events are a tagged union: each dict carries its class's ``TYPE`` under ``"type"``."""
    structure_fns: dict[str, Any] = {}
    for tag, cls in EVENT_TYPES.items():
        unstructure = make_dict_unstructure_fn(cls, conv)
        structure = make_dict_structure_fn(cls, conv)
        structure_fns[tag] = structure

        def unstructure_event(obj: Any, _fn: Any = unstructure, _tag: str = tag) -> Any:
            return {"type": _tag, **_fn(obj)}

        def structure_event(data: Any, cl: Any, _fn: Any = structure, _tag: str = tag) -> Any:
            if not isinstance(data, Mapping):
                raise StructureError("", f"expected a mapping for {cl.__name__}, got {quote(data)}")
            if "type" in data:
                if data["type"] != _tag:
                    raise _BadValueError(data["type"], f"{_tag!r} for {cl.__name__}", ".type")
                data = {k: val for k, val in data.items() if k != "type"}
            return _fn(data, cl)

        conv.register_unstructure_hook(cls, unstructure_event)
        conv.register_structure_hook(cls, structure_event)

    def structure_any(data: Any, base: Any) -> Event:
        # Also called for the abstract bases (AreaEvent, ReferralTransition): the tag must name
        # a subclass of the class asked for.
        if not isinstance(data, Mapping):
            raise StructureError("", f"expected a mapping for an event, got {quote(data)}")
        if "type" not in data:
            raise StructureError(".type", "required field is missing (the event's type tag)")
        tag = data["type"]
        cls = EVENT_TYPES.get(tag) if isinstance(tag, str) else None
        if cls is None or not issubclass(cls, base):
            allowed = describe_allowed(t for t, c in EVENT_TYPES.items() if issubclass(c, base))
            raise _BadValueError(tag, f"one of {allowed}", ".type")
        result: Event = conv.get_structure_hook(cls)(data, cls)
        return result

    def unstructure_any(obj: Any) -> Any:
        # Only the concrete types have a tag; anything else would recurse into this hook.
        if EVENT_TYPES.get(getattr(obj, "TYPE", "")) is not type(obj):
            raise InvalidValueError(
                "Converter", "unstructure", obj,
                f"an event of one of the types in EVENT_TYPES ({type(obj).__name__} has no tag)",
            )
        return conv.unstructure(obj, type(obj))

    conv.register_structure_hook(Event, structure_any)
    conv.register_unstructure_hook(Event, unstructure_any)


def _is_frozenset(t: Any) -> bool:
    return t is frozenset or get_origin(t) is frozenset


def make_converter() -> HokatsuConverter:
    """Return a new converter configured for every hokatsu type.

    Each call returns a fresh converter; applications may register their own hooks on it
    without affecting anyone else.
    """
    conv = HokatsuConverter(forbid_extra_keys=True, detailed_validation=True)
    for kind, expected in (
        (int, "an integer"), (str, "a string"), (bool, "true or false"), (float, "a number"),
    ):
        conv.register_structure_hook(kind, _strict(kind, expected))
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda e: e.value
    )
    for period in (FiscalYear, Quarter, Month):
        conv.register_structure_hook(period, _structure_period)
        conv.register_unstructure_hook(period, lambda p: p.key)
    conv.register_structure_hook(Period, _structure_period)
    conv.register_structure_hook_func(_is_collection, _structure_collection(conv))
    conv.register_unstructure_hook_func(
        _is_frozenset,
        lambda value: _unstructure_frozenset(value, conv),
    )
    _configure_events(conv)
    return conv
