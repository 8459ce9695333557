"""JSON Schemas (Draft 2020-12) of what :func:`hokatsu.convert.make_converter` writes.

The schemas are generated from the attrs classes themselves: each field's type gives the JSON
type (dates as ``YYYY-MM-DD`` strings, enums as their values, tuples and frozensets as arrays,
``X | None`` as X or null, nested classes as ``$ref`` to a ``$defs`` entry) and each field's
validator adds what it checks that a keyword can say (an id's length and surrounding spaces,
an integer's bounds, a non-empty or repeat-free collection). A field with a default may be
left out; no other keys are allowed. Events are a tagged union, one variant per ``"type"``.

A schema is a necessary condition, not a sufficient one: rules across fields (an issue naming
a member of its household, meeting bodies escalating without a loop) and the ledger's rules
(a referral to an agency of the directory …) are checked only by structuring and appending.
Applications use the schemas to validate stored data before reading it, to document their
tables, or to generate forms; every schema is a fresh, JSON-ready dict.

Examples:
    >>> from hokatsu.domain import Frequency
    >>> schema = json_schema(Frequency)
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> frequency = schema["$defs"]["Frequency"]
    >>> frequency["required"], frequency["properties"]["times"]
    (['times', 'per'], {'type': 'integer', 'minimum': 0, 'maximum': 1000})
    >>> event_schema()["$defs"]["CaseClosed"]["properties"]["type"]
    {'const': 'case_closed'}
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs

from hokatsu._validators import Check
from hokatsu.calendar import FiscalYear, Month, Period, Quarter
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import InvalidValueError
from hokatsu.events import EVENT_TYPES, Event

__all__ = ["DRAFT", "directory_schema", "event_schema", "json_schema", "ledger_schema"]

#: The JSON Schema dialect of every schema here.
DRAFT = "https://json-schema.org/draft/2020-12/schema"

_DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_PERIOD_PATTERNS = {
    FiscalYear: "^FY[0-9]{4}$",
    Quarter: "^FY[0-9]{4}Q[1-4]$",
    Month: "^[0-9]{4}-(0[1-9]|1[0-2])$",
}
_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"},
    float: {"type": "number"},
}


def json_schema(cls: type[Any]) -> dict[str, Any]:
    """The JSON Schema of the dicts the converter writes for *cls*.

    Args:
        cls: an attrs class of the directory (:class:`~hokatsu.domain.municipality.Municipality`,
            :class:`~hokatsu.domain.households.Household` …), an event class,
            :class:`~hokatsu.events.base.Event`
            for any event, or :class:`~hokatsu.ledger.Ledger` for a stored ledger document.

    Returns:
        A Draft 2020-12 schema: ``{"$schema": …, "$ref": "#/$defs/<cls>", "$defs": {…}}``,
        one ``$defs`` entry per class it reaches.

    Raises:
        InvalidValueError: *cls* is not a class the converter writes as an object.

    Examples:
        >>> from hokatsu.events import TrainingHeld
        >>> schema = json_schema(TrainingHeld)
        >>> schema["$ref"], sorted(schema["$defs"])
        ('#/$defs/TrainingHeld', ['TrainingHeld'])
        >>> schema["$defs"]["TrainingHeld"]["properties"]["date"]["format"]
        'date'
    """
    from hokatsu.ledger import Ledger

    if cls is Ledger:
        return ledger_schema()
    if not (isinstance(cls, type) and attrs.has(cls)) or cls in _PERIOD_PATTERNS:
        raise InvalidValueError("json_schema", "cls", cls,
                                "an attrs class of hokatsu's directory or events, Event or Ledger")
    gen = _Generator()
    try:
        ref = gen.ref(cls)
    except InvalidValueError:
        raise
    except Exception:  # a class whose fields hokatsu cannot describe
        raise InvalidValueError("json_schema", "cls", cls,
                                "an attrs class of hokatsu's directory or events, Event or "
                                "Ledger") from None
    return {"$schema": DRAFT, **ref, "$defs": gen.defs}


def directory_schema() -> dict[str, Any]:
    """The JSON Schema of a stored directory, a
    :class:`~hokatsu.domain.municipality.Municipality`.

    Returns:
        A JSON Schema (draft 2020-12) as a new plain dict on every call.

    Examples:
        >>> schema = directory_schema()
        >>> schema["$ref"], "AreaTree" in schema["$defs"]
        ('#/$defs/Municipality', True)
    """
    return json_schema(Municipality)


def event_schema(*, record: bool = False) -> dict[str, Any]:
    """The JSON Schema of one event: a tagged union, one variant per ``"type"``.

    The ``Event`` entry requires a known ``"type"`` and, for each tag, applies that type's
    own entry (``allOf`` of ``if``/``then``): a validator checks only the variant the tag
    names.

    Args:
        record: describe the flat, versioned records of
            :meth:`~hokatsu.convert.HokatsuConverter.unstructure_event` (the record then
            requires ``"schema_version"`` at its top), instead of the unversioned events nested
            in a ledger document.

    Returns:
        A JSON Schema (draft 2020-12) as a new plain dict on every call.

    Raises:
        InvalidValueError: *record* is not a bool.

    Examples:
        >>> schema = event_schema(record=True)
        >>> len(schema["$defs"]["Event"]["allOf"])  # a variant per type: if its tag, then
        48
        >>> schema["$defs"]["TrainingHeld"]["properties"]["schema_version"]
        {'const': 1}
    """
    if type(record) is not bool:
        raise InvalidValueError("event_schema", "record", record, "True or False")
    from hokatsu.convert import VERSION_KEY

    gen = _Generator(versioned_events=record)
    # a record carries the version at its top, not in the event a correction nests in it
    top: dict[str, Any] = {"required": [VERSION_KEY]} if record else {}
    return {"$schema": DRAFT, **gen.ref(Event), **top, "$defs": gen.defs}


def ledger_schema(*, directory: bool = True) -> dict[str, Any]:
    """The JSON Schema of a stored ledger document,
    ``{"schema_version": 1, "directory": {…}, "events": […]}``.

    Args:
        directory: whether the document holds its directory (see
            :meth:`~hokatsu.convert.HokatsuConverter.unstructure_ledger`); when False, a
            ``"directory"`` key is not allowed.

    Returns:
        A JSON Schema (draft 2020-12) as a new plain dict on every call.

    Raises:
        InvalidValueError: *directory* is not a bool.

    Examples:
        >>> ledger_schema()["required"], "recorded_on" in ledger_schema()["properties"]
        (['schema_version', 'directory', 'events'], True)
        >>> ledger_schema(directory=False)["required"]
        ['schema_version', 'events']
    """
    from hokatsu.convert import SCHEMA_VERSION, VERSION_KEY

    if type(directory) is not bool:
        raise InvalidValueError("ledger_schema", "directory", directory, "True or False")
    gen = _Generator()
    properties: dict[str, Any] = {VERSION_KEY: {"const": SCHEMA_VERSION}}
    if directory:
        properties["directory"] = gen.ref(Municipality)
    properties["events"] = {"type": "array", "items": gen.ref(Event)}
    required = list(properties)
    # the day each record was recorded, parallel to events (documents written before recording
    # days were kept lack it)
    properties["recorded_on"] = {"type": "array", "items": {"type": "string", "format": "date"}}
    return {
        "$schema": DRAFT, "title": "Ledger", "type": "object", "properties": properties,
        "required": required, "additionalProperties": False, "$defs": gen.defs,
    }


class _Generator:
    """Builds ``$defs`` entries, one per class, as the walk over the fields reaches them."""

    def __init__(self, *, versioned_events: bool = False) -> None:
        from hokatsu.convert import make_converter

        self.defs: dict[str, Any] = {}
        self.versioned_events = versioned_events
        self.conv = make_converter()  # writes the defaults as stored data

    def ref(self, cls: type[Any]) -> dict[str, Any]:
        """A ``$ref`` to the entry of *cls*, made on first use."""
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserved first: a class may reach itself
            self.defs[name] = self._union() if cls is Event else self._object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def _union(self) -> dict[str, Any]:
        # a discriminated union: the tag picks the one variant checked, so a validator neither
        # tries all forty nor reports the complaints of the variants not meant
        variants = sorted(EVENT_TYPES.items())
        return {
            "title": "Event", "description": "One event, tagged by its type.",
            "type": "object", "required": ["type"],
            "properties": {"type": {"enum": [tag for tag, _ in variants]}},
            "allOf": [{"if": {"properties": {"type": {"const": tag}}},
                       "then": self.ref(cls)} for tag, cls in variants],
        }

    def _object(self, cls: type[Any]) -> dict[str, Any]:
        from hokatsu.convert import SCHEMA_VERSION, VERSION_KEY

        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        tag = EVENT_TYPES.get(getattr(cls, "TYPE", "")) is cls
        if tag and self.versioned_events:  # required of the record itself: see event_schema
            properties[VERSION_KEY] = {"const": SCHEMA_VERSION}
        if tag:
            properties["type"] = {"const": cls.TYPE}
            required.append("type")
        for field in attrs.fields(cls):
            if not field.init:
                continue
            schema = self._type(hints[field.name], _check_of(field.validator))
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                default = field.default
                if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                    default = None if default.takes_self else default.factory()
                if default is not None or schema.get("anyOf"):
                    schema["default"] = self.conv.unstructure(default)
            properties[field.name] = schema
        doc = (cls.__doc__ or "").strip().splitlines()
        out: dict[str, Any] = {"title": cls.__name__}
        if doc:
            out["description"] = doc[0]
        out.update(type="object", properties=properties, required=required,
                   additionalProperties=False)
        return out

    def _type(self, tp: Any, check: Check | None) -> dict[str, Any]:
        """The schema of a value of type *tp* that *check* validates (None: no check known)."""
        origin, args = get_origin(tp), get_args(tp)
        if origin in (types.UnionType, typing.Union):
            options = [a for a in args if a is not type(None)]
            inner = check.inner if check is not None and check.inner is not None else check
            if len(options) == 1:
                schema = self._type(options[0], inner)
            else:
                schema = {"anyOf": [self._type(a, None) for a in options]}
            if len(options) < len(args):
                return {"anyOf": [schema, {"type": "null"}]}
            return schema
        if origin in (tuple, frozenset):
            inner = check.inner if check is not None else None
            out = {"type": "array", "items": self._type(args[0], inner)}
            return _with(out, check)
        if tp is dt.date:
            return _with(dict(_DATE), check)
        if tp in _PERIOD_PATTERNS:
            return {"type": "string", "pattern": _PERIOD_PATTERNS[tp]}
        if tp is Period:
            return {"anyOf": [{"type": "string", "pattern": p} for p in _PERIOD_PATTERNS.values()]}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [m.value for m in tp]}
        if tp in _SCALARS:
            return _with(dict(_SCALARS[tp]), check)
        if isinstance(tp, type) and (tp is Event or attrs.has(tp)):
            return self.ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")


def _with(schema: dict[str, Any], check: Check | None) -> dict[str, Any]:
    """*schema* with the keywords of *check* added."""
    if check is not None:
        schema.update(check.schema)
    return schema


def _check_of(validator: Callable[..., Any] | None) -> Check | None:
    """The hokatsu check among a field's validators (attrs' ``and_`` holds several)."""
    if isinstance(validator, Check):
        return validator
    for inner in getattr(validator, "_validators", ()):
        if isinstance(inner, Check):
            return inner
    return None
