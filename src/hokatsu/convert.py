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

Storing a ledger. ``conv.unstructure(ledger)`` gives one self-contained document,
``{"schema_version": 1, "directory": {…}, "events": [{"type": …}, …]}``, which
``conv.structure(data, Ledger)`` reads back (every event appended again, so every ledger rule
is checked again). An application that keeps its directory elsewhere writes
:meth:`HokatsuConverter.unstructure_ledger` with ``directory=False`` and reads it back with
:meth:`HokatsuConverter.structure_ledger`, giving the directory. Events stored one at a time
(a table row, a line of a JSON-lines log) are written by
:meth:`HokatsuConverter.unstructure_event` as flat records carrying the version,
``{"schema_version": 1, "type": "case_opened", "id": …}``, and read back by
:meth:`HokatsuConverter.structure_event`. Plain ``conv.unstructure(event)`` is the unversioned
form nested inside a ledger document.

    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.reference import himi
    >>> from hokatsu.reference.sample import himi_fy2017
    >>> ledger = Ledger(himi(), himi_fy2017()[:5])
    >>> doc = conv.unstructure(ledger)
    >>> sorted(doc), doc["schema_version"], doc["events"][0]["type"]
    (['directory', 'events', 'recorded_on', 'schema_version'], 1, 'target_set')
    >>> back = conv.structure(doc, Ledger)
    >>> back.events == ledger.events
    True
    >>> record = conv.unstructure_event(ledger.events[0])
    >>> record["schema_version"], record["type"]
    (1, 'target_set')
    >>> conv.structure_event(record) == ledger.events[0]
    True
    >>> try:
    ...     conv.structure({**doc, "schema_version": 2}, Ledger)
    ... except StructureError as error:
    ...     print(error)
    $.schema_version: got 2; expected 1 (the SCHEMA_VERSION this hokatsu reads and writes)
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from hokatsu._validators import is_personal
from hokatsu.calendar import FiscalYear, Month, Period, Quarter, parse_period
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import (
    EventRejectedError,
    HokatsuError,
    InvalidValueError,
    StructureError,
    describe_allowed,
    quote,
)
from hokatsu.events import EVENT_TYPES, Event
from hokatsu.ledger import Ledger

__all__ = ["SCHEMA_VERSION", "VERSION_KEY", "HokatsuConverter", "make_converter"]

#: Version of the dict layout written by :func:`make_converter`, written into every stored
#: ledger and event record and checked when one is read back. It changes only when data
#: written before could be read differently or not at all (a field renamed or removed, a
#: value's meaning or encoding changed); additions that old data simply lacks (a new event
#: type, a new field with a default) keep it. A hokatsu reads exactly its own version and
#: refuses any other with a StructureError naming the version it expected.
SCHEMA_VERSION = 1

#: The key under which stored ledgers and event records carry :data:`SCHEMA_VERSION`.
VERSION_KEY = "schema_version"

_T = TypeVar("_T")


class HokatsuConverter(cattrs.Converter):
    """A cattrs converter whose ``structure`` raises only hokatsu errors.

    Make one with :func:`make_converter`, which registers the hooks for every hokatsu type.

    Examples:
        >>> from hokatsu.domain.meetings import Frequency, FrequencyUnit
        >>> conv = make_converter()
        >>> conv.unstructure(Frequency(times=2, per=FrequencyUnit.MONTH))
        {'times': 2, 'per': 'month'}
    """

    def structure(self, obj: Any, cl: Any) -> Any:
        """Structure *obj* into *cl*; raise StructureError naming the bad field's path.

        Args:
            obj: plain data (dicts, lists, strings, numbers).
            cl: the type to build.

        Returns:
            An instance of *cl*.

        Raises:
            StructureError: *obj* does not fit *cl*.
            EventRejectedError: structuring a :class:`~hokatsu.ledger.Ledger`, one of its
                events breaks a ledger rule.

        Examples:
            >>> from hokatsu.domain.meetings import Frequency
            >>> make_converter().structure({"times": 2, "per": "month"}, Frequency)
            Frequency(times=2, per=<FrequencyUnit.MONTH: 'month'>)
            >>> make_converter().structure({"times": "x", "per": "month"}, Frequency)
            Traceback (most recent call last):
            ...
            hokatsu.errors.StructureError: $.times: got 'x'; expected an integer
        """
        # Periods are attrs classes too, but they are written as their key strings.
        if isinstance(cl, type) and attrs.has(cl) and cl not in _PERIODS \
                and not isinstance(obj, Mapping):
            raise StructureError("$", f"expected a mapping for {cl.__name__}, got {quote(obj)}")
        try:
            return super().structure(obj, cl)
        except EventRejectedError:  # a stored event broke a ledger rule: the rule is the news
            raise
        except (ClassValidationError, IterableValidationError, HokatsuError) as error:
            path, reason = _first_problem(error, "$")
            # from None: a logged traceback would print the chained errors, which quote values
            raise StructureError(path, reason) from None
        except Exception as error:  # anything cattrs lets through is still bad input
            raise StructureError("$", f"{type(error).__name__}: {error}") from None

    # -- stored ledgers and event records ------------------------------------------------

    def unstructure_ledger(self, ledger: Ledger, *, directory: bool = True) -> dict[str, Any]:
        """A ledger as a JSON-ready document carrying :data:`SCHEMA_VERSION`.

        ``conv.unstructure(ledger)`` is ``conv.unstructure_ledger(ledger)``.

        Args:
            ledger: the ledger.
            directory: include the directory (the default: the document is self-contained);
                False for an application that stores its directory separately and reads the
                document back with :meth:`structure_ledger`.

        Returns:
            ``{"schema_version": 1, "directory": {…}, "events": […], "recorded_on": […]}``
            (without ``"directory"`` when *directory* is False): every record
            (:attr:`~hokatsu.ledger.Ledger.records`: late ones and corrections too) in the
            order it was recorded, and the day each was recorded, parallel to them; reading
            the document appends them again in that order.

        Raises:
            InvalidValueError: *ledger* is not a Ledger, or *directory* not a bool.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> doc = make_converter().unstructure_ledger(Ledger(himi()), directory=False)
            >>> doc
            {'schema_version': 1, 'events': [], 'recorded_on': []}
        """
        if not isinstance(ledger, Ledger):
            raise InvalidValueError("HokatsuConverter.unstructure_ledger", "ledger",
                                    type(ledger).__name__, "a Ledger")
        if type(directory) is not bool:
            raise InvalidValueError("HokatsuConverter.unstructure_ledger", "directory",
                                    directory, "True or False")
        out: dict[str, Any] = {VERSION_KEY: SCHEMA_VERSION}
        if directory:
            out["directory"] = self.unstructure(ledger.directory, Municipality)
        records = ledger.records
        out["events"] = [self.unstructure(e, Event) for e in records]
        out["recorded_on"] = [ledger.recorded_on(e.id).isoformat() for e in records]
        return out

    def structure_ledger(self, data: Any, directory: Municipality) -> Ledger:
        """Read back a ledger document whose directory is stored separately.

        Args:
            data: a document written by :meth:`unstructure_ledger` (with or without its
                directory).
            directory: the municipality the events happen in. If *data* holds a directory
                too, it must be equal to this one.

        Returns:
            A new ledger with every event appended again, in the stored order (so every
            ledger rule is checked again).

        Raises:
            StructureError: *data* is not a ledger document of this :data:`SCHEMA_VERSION`,
                or an event in it is malformed (the path names it: ``$.events[3].date``).
            EventRejectedError: a stored event breaks a ledger rule.
            InvalidValueError: *directory* is not a Municipality.

        Examples:
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> conv = make_converter()
            >>> conv.structure_ledger({"schema_version": 1, "events": []}, himi())
            <Ledger 氷見市: 0 events>
        """
        if not isinstance(directory, Municipality):
            raise InvalidValueError("HokatsuConverter.structure_ledger", "directory",
                                    type(directory).__name__, "a Municipality")
        try:
            return self._ledger(data, directory)
        except StructureError as error:
            raise StructureError("$" + error.path, error.reason) from None

    def _ledger(self, data: Any, directory: Municipality | None) -> Ledger:
        _check_document(data, "a ledger document", ("directory", "events", "recorded_on"))
        if "directory" in data:
            stored = self._at(".directory", data["directory"], Municipality)
            if directory is not None and stored != directory:
                raise StructureError(".directory",
                                     "differs from the directory given to structure_ledger")
            directory = stored
        elif directory is None:
            raise StructureError(".directory", "required field is missing (a ledger document "
                                 "without its directory is read by structure_ledger)")
        if "events" not in data:
            raise StructureError(".events", "required field is missing")
        events = self._at(".events", data["events"], tuple[Event, ...])
        days: tuple[dt.date | None, ...] = (None,) * len(events)  # older documents: defaults
        if "recorded_on" in data:
            days = self._at(".recorded_on", data["recorded_on"], tuple[dt.date, ...])
            if len(days) != len(events):
                raise StructureError(".recorded_on", f"expected one day per event "
                                                     f"({len(events)}), got {len(days)}")
        ledger = Ledger(directory)
        ledger._extend(zip(events, days, strict=True))
        return ledger

    def _at(self, path: str, obj: Any, cl: Any) -> Any:
        """:meth:`structure`, with errors reported relative to the document, at *path*
        (``".events"``) and below."""
        try:
            return self.structure(obj, cl)
        except StructureError as error:
            raise StructureError(path + error.path.removeprefix("$"), error.reason) from None

    def unstructure_event(self, event: Event) -> dict[str, Any]:
        """One event as a flat, JSON-ready record carrying :data:`SCHEMA_VERSION`, for
        applications that store events one at a time (a table row, a JSON-lines log).

        Args:
            event: an event of one of the types in :data:`~hokatsu.events.EVENT_TYPES`.

        Returns:
            ``{"schema_version": 1, "type": "case_opened", "id": …, "date": …, …}``.

        Raises:
            InvalidValueError: *event* is not an event of a known type.

        Examples:
            >>> import datetime as dt
            >>> from hokatsu.events import TrainingHeld
            >>> event = TrainingHeld(id="t1", date=dt.date(2017, 6, 1), area_id="himi",
            ...                      participants=30)
            >>> record = make_converter().unstructure_event(event)
            >>> record["schema_version"], record["type"], record["date"]
            (1, 'training_held', '2017-06-01')
        """
        if not isinstance(event, Event):
            raise InvalidValueError("HokatsuConverter.unstructure_event", "event",
                                    type(event).__name__, "an Event")
        return {VERSION_KEY: SCHEMA_VERSION, **self.unstructure(event, Event)}

    def structure_event(self, record: Any) -> Event:
        """Read back one event record written by :meth:`unstructure_event`.

        Args:
            record: a mapping with ``"schema_version"``, ``"type"`` and the event's fields.

        Returns:
            The event of the class its ``"type"`` names.

        Raises:
            StructureError: *record* is not an event record of this :data:`SCHEMA_VERSION`,
                or a field is malformed (the path names it).

        Examples:
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> conv = make_converter()
            >>> event = himi_fy2017()[0]
            >>> record = conv.unstructure_event(event)
            >>> record["schema_version"], record["type"]
            (1, 'target_set')
            >>> conv.structure_event(record) == event
            True
        """
        try:
            _check_document(record, "an event record", None)
        except StructureError as error:
            raise StructureError("$" + error.path, error.reason) from None
        event: Event = self.structure(
            {k: v for k, v in record.items() if k != VERSION_KEY}, Event)
        return event


def _check_document(data: Any, what: str, keys: tuple[str, ...] | None) -> None:
    """Refuse anything but a mapping carrying this :data:`SCHEMA_VERSION` (and, when *keys*
    is given, no key but those and the version). Paths are relative to the document."""
    if not isinstance(data, Mapping):
        raise StructureError("", f"expected a mapping for {what}, got {quote(data)}")
    expected = f"{SCHEMA_VERSION} (the SCHEMA_VERSION this hokatsu reads and writes)"
    if VERSION_KEY not in data:
        raise StructureError(f".{VERSION_KEY}", f"required field is missing; expected {expected}")
    version = data[VERSION_KEY]
    if type(version) is not int or version != SCHEMA_VERSION:
        raise StructureError(f".{VERSION_KEY}", f"got {quote(version)}; expected {expected}")
    if keys is not None:
        extra = [k for k in data if k != VERSION_KEY and k not in keys]
        if extra:
            raise StructureError("", f"unknown keys: {describe_allowed(map(str, extra))}")


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


def _event_types(extra: Iterable[type[Event]]) -> dict[str, type[Event]]:
    """The built-in event types by tag, and an application's own *extra*, checked."""
    where = "make_converter"
    if isinstance(extra, str | bytes | type) or not isinstance(extra, Iterable):
        raise InvalidValueError(where, "event_types", type(extra).__name__,
                                "an iterable of event classes")
    types = dict(EVENT_TYPES)
    for cls in extra:
        if not (isinstance(cls, type) and issubclass(cls, Event) and attrs.has(cls)):
            raise InvalidValueError(where, "event_types", getattr(cls, "__name__", cls),
                                    "attrs classes deriving from AreaEvent or CaseEvent")
        tag = getattr(cls, "TYPE", None)
        if type(tag) is not str or not tag or tag in types:
            raise InvalidValueError(where, "event_types", cls.__name__,
                                    "classes whose TYPE is a tag of their own (a non-empty str "
                                    "no built-in or other type has)")
        types[tag] = cls  # type: ignore[assignment]  # attrs.has narrowed it to AttrsInstance
    return types


def _configure_events(conv: HokatsuConverter, types: Mapping[str, type[Event]]) -> None:
    """Events are a tagged union: each dict carries its class's ``TYPE`` under ``"type"``."""
    def structure_any(data: Any, base: Any) -> Event:
        # Also called for the abstract bases (AreaEvent, ReferralTransition): the tag must name
        # a subclass of the class asked for.
        if not isinstance(data, Mapping):
            raise StructureError("", f"expected a mapping for an event, got {quote(data)}")
        if "type" not in data:
            raise StructureError(".type", "required field is missing (the event's type tag)")
        tag = data["type"]
        cls = types.get(tag) if isinstance(tag, str) else None
        if cls is None or not issubclass(cls, base):
            allowed = describe_allowed(t for t, c in types.items() if issubclass(c, base))
            raise _BadValueError(tag, f"one of {allowed}", ".type")
        result: Event = conv.get_structure_hook(cls)(data, cls)
        return result

    def unstructure_any(obj: Any) -> Any:
        # Only the concrete types have a tag; anything else would recurse into this hook.
        if types.get(getattr(obj, "TYPE", "")) is not type(obj):
            raise InvalidValueError(
                "Converter", "unstructure", obj,
                f"an event of one of the types in EVENT_TYPES or the converter's event_types "
                f"({type(obj).__name__} is neither)",
            )
        return conv.unstructure(obj, type(obj))

    # first: a field typed Event (a correction's replacement) reads and writes through them
    conv.register_structure_hook(Event, structure_any)
    conv.register_unstructure_hook(Event, unstructure_any)

    structure_fns: dict[str, Any] = {}
    for tag, cls in types.items():
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


def _configure_results(conv: HokatsuConverter) -> None:
    """A result table is stored as its rows: the indicators and areas it knows (to name them
    in records and text) hold functions and are the directory's, so they are left out."""
    from hokatsu.indicators.model import ResultTable

    conv.register_unstructure_hook(ResultTable, make_dict_unstructure_fn(
        ResultTable, conv, definitions=override(omit=True), areas=override(omit=True)))
    conv.register_structure_hook(ResultTable, make_dict_structure_fn(
        ResultTable, conv, _cattrs_forbid_extra_keys=True, definitions=override(omit=True),
        areas=override(omit=True)))


def _is_frozenset(t: Any) -> bool:
    return t is frozenset or get_origin(t) is frozenset


def make_converter(*, event_types: Iterable[type[Event]] = ()) -> HokatsuConverter:
    """Return a new converter configured for every hokatsu type.

    Each call returns a fresh converter; applications may register their own hooks on it
    without affecting anyone else.

    Args:
        event_types: an application's own event classes (deriving from
            :class:`~hokatsu.events.activities.AreaEvent` or
            :class:`~hokatsu.events.cases.CaseEvent`), written and read under their ``TYPE``
            tags beside the built-in ones, in ledgers and event records alike.

    Returns:
        A new :class:`HokatsuConverter`.

    Raises:
        InvalidValueError: an event type is not an attrs event class, or its tag is empty,
            a built-in type's, or another of *event_types*'.

    Examples:
        >>> import attrs, datetime as dt
        >>> from hokatsu.events import CaseEvent
        >>> @attrs.frozen(kw_only=True)
        ... class HomeVisit(CaseEvent):
        ...     TYPE = "myapp_home_visit"  # a class attribute, not a field
        ...     minutes: int = 30
        >>> conv = make_converter(event_types=[HomeVisit])
        >>> visit = HomeVisit(id="v1", date=dt.date(2017, 6, 1), case_id="c1", minutes=45)
        >>> record = conv.unstructure_event(visit)
        >>> record["type"], conv.structure_event(record) == visit
        ('myapp_home_visit', True)
    """
    types = _event_types(event_types)
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
    _configure_events(conv, types)
    _configure_results(conv)
    conv.register_unstructure_hook(Ledger, conv.unstructure_ledger)
    conv.register_structure_hook(Ledger, lambda data, _: conv._ledger(data, None))
    return conv
