"""Conversion between hokatsu objects and plain, JSON-ready dicts.

:func:`make_converter` returns hokatsu's own configured :class:`cattrs.Converter` (never
cattrs' global one). It writes dates as ISO strings, enums as their values, periods as their
keys (``"FY2016"``), tuples and frozensets as lists (frozensets sorted, so output is stable),
and it structures strictly: an ``int`` field does not take ``"3"`` or ``3.7``, unknown keys are
refused, and any problem raises :class:`~hokatsu.errors.StructureError` naming the path of the
bad field.

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
    ...     print(error.path, "|", error.reason)
    $.born | got '2 Jan 1950'; expected an ISO date string (YYYY-MM-DD)
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any, TypeVar, get_origin

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from hokatsu.calendar import FiscalYear, Month, Period, Quarter, parse_period
from hokatsu.errors import HokatsuError, InvalidValueError, StructureError, describe_allowed

__all__ = ["SCHEMA_VERSION", "HokatsuConverter", "make_converter"]

#: Version of the dict layout written by :func:`make_converter`; bumped on breaking changes.
SCHEMA_VERSION = 1

_T = TypeVar("_T")


class HokatsuConverter(cattrs.Converter):
    """A cattrs converter whose ``structure`` raises only hokatsu errors."""

    def structure(self, obj: Any, cl: Any) -> Any:
        """Structure *obj* into *cl*; raise StructureError naming the bad field's path."""
        if attrs.has(cl) and not isinstance(obj, Mapping):
            raise StructureError("$", f"expected a mapping for {cl.__name__}, got {obj!r:.80}")
        try:
            return super().structure(obj, cl)
        except (ClassValidationError, IterableValidationError, HokatsuError) as error:
            path, reason = _first_problem(error, "$")
            raise StructureError(path, reason) from error
        except Exception as error:  # anything cattrs lets through is still bad input
            raise StructureError("$", f"{type(error).__name__}: {error}") from error


def _first_problem(exc: BaseException, path: str) -> tuple[str, str]:
    """Walk a cattrs exception group down to the first leaf; return its path and message."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            step = f"{path}.{note.name}" if hasattr(note, "name") else f"{path}[{note.index!r}]"
            return _first_problem(sub, step)
        for sub in without:
            return _first_problem(sub, path)
        return path, str(exc)  # pragma: no cover - a group always holds an exception
    if isinstance(exc, ForbiddenExtraKeysError):
        return path, f"unknown keys: {describe_allowed(exc.extra_fields)}"
    if isinstance(exc, KeyError):
        return path, "required field is missing"
    if isinstance(exc, StructureError):
        return path + exc.path, exc.reason
    if isinstance(exc, InvalidValueError):
        return f"{path}.{exc.field}", f"got {exc.value!r:.80}; expected {exc.expected}"
    if isinstance(exc, HokatsuError):
        return path, str(exc)
    return path, f"{type(exc).__name__}: {exc}"


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
    raise StructureError("", f"got {value!r:.80}; expected {expected}")


def _structure_date(value: Any, _: Any) -> dt.date:
    if type(value) is dt.date:
        return value
    if type(value) is str and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise StructureError("", f"got {value!r:.80}; expected an ISO date string (YYYY-MM-DD)")


def _structure_enum(value: Any, cl: type[enum.Enum]) -> enum.Enum:
    if type(value) is cl:
        return value
    try:
        return cl(value)
    except (ValueError, TypeError):
        allowed = describe_allowed(m.value for m in cl)
        raise StructureError(
            "", f"got {value!r:.80}; expected a {cl.__name__} value, one of {allowed}"
        ) from None


def _structure_period(value: Any, _: Any) -> Period:
    if isinstance(value, FiscalYear | Quarter | Month):
        return value
    return parse_period(value)


def _unstructure_frozenset(value: frozenset[Any], conv: cattrs.Converter) -> list[Any]:
    return sorted((conv.unstructure(v) for v in value), key=str)


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
    conv.register_unstructure_hook_func(
        _is_frozenset,
        lambda value: _unstructure_frozenset(value, conv),
    )
    return conv
