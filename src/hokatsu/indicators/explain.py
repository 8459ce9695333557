"""Explain a value: which events and cases made one indicator's figure for a period and area.

When a figure looks wrong, a municipality asks what went into it. :func:`explain` reads the
record again for that one indicator and answers with an :class:`Explanation`: the value, the
events that changed it (an event the filter dropped, or a key already counted, did not), the
cases behind them, and for a derived indicator the rows it was computed from.

Examples:
    >>> import datetime as dt
    >>> from hokatsu.reference import himi
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.events import AgencyInterviewed
    >>> from hokatsu.calendar import FiscalYear
    >>> ledger = Ledger(himi(), [
    ...     AgencyInterviewed(id="a1", date=dt.date(2017, 5, 1), area_id="himi",
    ...                       agency_id="himi-health"),
    ...     AgencyInterviewed(id="a2", date=dt.date(2017, 6, 3), area_id="himi",
    ...                       agency_id="himi-health"),
    ...     AgencyInterviewed(id="a3", date=dt.date(2017, 7, 3), area_id="himi",
    ...                       agency_id="himi-support"),
    ... ])
    >>> why = explain(ledger, "1A6", FiscalYear(2017), "himi")  # distinct agencies interviewed
    >>> why.value, why.event_ids  # a2 interviewed an agency already counted
    (2, ('a1', 'a3'))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu.calendar import (
    FiscalYear,
    Month,
    Period,
    Quarter,
    month_index,
    parse_period,
    period_at,
)
from hokatsu.errors import InvalidValueError
from hokatsu.events import Event
from hokatsu.facts import FACTS, Context
from hokatsu.indicators.engine import IndicatorEngine, _Pass
from hokatsu.indicators.measures import Distinct
from hokatsu.indicators.model import Indicator, Row
from hokatsu.ledger import Ledger, LedgerView

__all__ = ["Explanation", "explain"]


@attrs.frozen(kw_only=True)
class Explanation:
    """What made one indicator's value for one period, area and group.

    Args:
        indicator: the indicator id.
        period: the period.
        area_id: the area (with every area below it).
        group: the group label, None for the total.
        value: the value, as :func:`~hokatsu.indicators.engine.compute` gives it.
        event_ids: the events that changed the value, in ledger order.
        case_ids: the cases behind it: for a per-case measure the cases counted, otherwise the
            cases of *event_ids*; sorted.
        inputs: for a derived indicator, the rows it was computed from (for a composite, this
            period's and the previous period's).

    Raises:
        InvalidValueError: a field of the wrong kind.

    Examples:
        >>> from hokatsu.indicators.explain import Explanation
        >>> from hokatsu.calendar import FiscalYear
        >>> why = Explanation(indicator="1A6", period=FiscalYear(2017), area_id="himi",
        ...                   group=None, value=2, event_ids=("a1", "a3"), case_ids=(), inputs=())
        >>> why.value, why.event_ids
        (2, ('a1', 'a3'))
    """

    indicator: str = attrs.field(validator=v.ID)
    period: Period = attrs.field(validator=v.instance_of((FiscalYear, Quarter, Month)))
    area_id: str = attrs.field(validator=v.ID)
    group: str | None = attrs.field(validator=v.optional(v.TEXT))
    value: float | None = attrs.field(validator=v.optional(v.number()))
    event_ids: tuple[str, ...] = attrs.field(validator=v.tuple_of(v.ID))
    case_ids: tuple[str, ...] = attrs.field(validator=v.tuple_of(v.ID))
    inputs: tuple[Row, ...] = attrs.field(validator=v.tuple_of(v.instance_of(Row)))


def explain(
    source: Ledger | LedgerView,
    indicator: str | Indicator,
    period: Period | str,
    area_id: str,
    *,
    group: str | None = None,
    indicators: Iterable[Indicator | str] | None = None,
) -> Explanation:
    """Explain one value of *indicator*: the events and cases that made it.

    Args:
        source: a ledger, or a view of one that starts at the beginning of the record.
        indicator: a catalogue id, or an indicator of your own.
        period: the period (or its key, ``"FY2017"``); its kind is the grain.
        area_id: the area.
        group: a group label of the indicator, None for its total.
        indicators: the indicators computed alongside (a derived indicator of your own needs
            the indicators of your own it reads); catalogue indicators come by themselves.

    Returns:
        The value with the events, cases (or for a derived indicator, the rows) behind it.

    Raises:
        InvalidValueError: an argument of the wrong kind, or a view the engine cannot read.
        UnknownReferenceError: an unknown indicator, area or group.

    Examples:
        >>> from hokatsu.indicators.explain import explain
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> ledger = Ledger(himi(), himi_fy2017())
        >>> why = explain(ledger, "5A1", "FY2017", "himi", group="plenary")
        >>> why.value == len(why.event_ids)
        True
        >>> rate = explain(ledger, "cases_per_100k", "FY2017", "himi")
        >>> [row.indicator for row in rate.inputs]
        ['cases_opened']
    """
    if isinstance(period, str):
        period = parse_period(period)
    if not isinstance(period, FiscalYear | Quarter | Month):
        raise InvalidValueError("explain", "period", type(period).__name__,
                                "a FiscalYear, Quarter or Month, or a period key")
    if group is not None and type(group) is not str:
        raise InvalidValueError("explain", "group", type(group).__name__, "a group label or None")
    wanted = indicator.id if isinstance(indicator, Indicator) else indicator
    if indicators is not None and (isinstance(indicators, str | bytes)
                                   or not isinstance(indicators, Iterable)):
        raise InvalidValueError("explain", "indicators", type(indicators).__name__,
                                "a collection of indicators or catalogue ids")
    pool: list[Indicator | str] = [] if indicators is None else list(indicators)
    if not any((i.id if isinstance(i, Indicator) else i) == wanted for i in pool):
        pool.append(indicator)
    engine = IndicatorEngine(_directory(source), pool)
    ind = next(i for i in engine.indicators if i.id == wanted)
    engine.update(source)
    table = engine.results(grain=period.kind, area_ids=[area_id], periods=[period])
    value = table.row(ind.id, period, area_id, group).value
    if ind.derived:  # a composite's row carries the previous period's values itself
        inputs = tuple(r for r in table if r.indicator in ind.inputs and r.group is None)
        return Explanation(indicator=ind.id, period=period, area_id=area_id, group=group,
                           value=value, event_ids=(), case_ids=(), inputs=inputs)
    events, cases = _trace(source, ind, period, area_id, group)
    return Explanation(indicator=ind.id, period=period, area_id=area_id, group=group,
                       value=value, event_ids=events, case_ids=cases, inputs=())


def _directory(source: object) -> Any:
    if not isinstance(source, Ledger | LedgerView):
        raise InvalidValueError("explain", "source", type(source).__name__,
                                "a Ledger or LedgerView")
    return source.directory


def _trace(source: Ledger | LedgerView, ind: Indicator, period: Period, area_id: str,
           group: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Read the record again, one event at a time, noting the events that changed the slot."""
    tree = source.directory.areas
    inside = frozenset([area_id, *(a.id for a in tree.descendants(area_id))])
    state = _Pass(source.directory, [ind], {ind.id: 0})
    key: Any = None if group is None else group
    changed: list[Event] = []
    # distinct keys count once in the whole scope, not once per cell: keep their union
    seen: set[Any] | None = set() if isinstance(ind.measure, Distinct) else None
    for event, area in zip(source.events, source.areas, strict=True):
        day = ind.when(event) if ind.when is not None and isinstance(event, ind.events) \
            else event.date
        scoped = not ind.per_case and area in inside and period.contains(day)
        before = _mark(state, ind, month_index(day), area, key) if scoped else None
        state.read([event], [area])
        if not scoped:
            continue
        after = _slot(state, ind, month_index(day), area, key)
        if seen is not None:
            if after and not seen.issuperset(after):
                seen.update(after)
                changed.append(event)
        elif _mark(state, ind, month_index(day), area, key) != before:
            changed.append(event)
    ctx = state.ctx
    if ind.per_case:
        counted = _counted_cases(state, ind, period, inside, key)
        ids = {c.case_id for c in counted}
        events = tuple(e.id for e, a in zip(source.events, source.areas, strict=True)
                       if a in inside and period.contains(e.date) and _case_of(ctx, e) in ids)
        return events, tuple(sorted(ids))
    cases = {c for c in (_case_of(ctx, e) for e in changed) if c is not None}
    return tuple(e.id for e in changed), tuple(sorted(cases))


def _slot(state: _Pass, ind: Indicator, ym: int, area: str, key: Any) -> Any:
    """The accumulator of one cell for the group *key* (None: the total)."""
    empty = ind.measure.empty()  # type: ignore[union-attr]  # a measure of events
    cell = state.months.get(ym, {}).get(area)
    acc = None if cell is None else cell[0]
    if ind.group is not None and acc is not None:
        acc = acc.get(None if key is None else _group_key(acc, key), empty)
    return empty if acc is None else acc


def _mark(state: _Pass, ind: Indicator, ym: int, area: str, key: Any) -> Any:
    """A summary of a cell's accumulator that changes whenever an event adds to it: a
    number, the size of a set of keys, the pairs of a mean or ratio, a dictionary's items."""
    acc = _slot(state, ind, ym, area, key)
    if isinstance(acc, set):
        return len(acc)
    if isinstance(acc, dict):
        return tuple((repr(k), repr(x)) for k, x in acc.items())
    if isinstance(acc, list):
        return tuple(acc)
    return acc


def _group_key(groups: dict[Any, Any], label: str) -> Any:
    """The key under which the label *label* is kept (groups keep what ``group`` returned)."""
    return next((g for g in groups if g is not None and str(g) == label), label)


def _counted_cases(state: _Pass, ind: Indicator, period: Period, inside: frozenset[str],
                   key: Any) -> Iterable[Any]:
    out: set[Any] = set()
    for ym in sorted(state.months):
        for area, cell in state.cells(ym).items():
            if area not in inside or period_at(period.kind, ym) != period:
                continue
            acc = cell[0]
            if isinstance(acc, dict):  # CaseLabels: the cases with the label (all: total)
                out.update(c for c, label in acc.items()
                           if key is None or (label is not None and str(label) == key))
            elif acc:
                out.update(acc)
    return out


def _case_of(ctx: Context, event: Event) -> str | None:
    """The id of the case *event* belongs to or names, as the fold knows it; None if none."""
    if not FACTS["case"].refers(type(event), "case_id"):
        return None
    case = ctx.lookup("case", event, "case_id")
    return None if case is None else case.case_id
