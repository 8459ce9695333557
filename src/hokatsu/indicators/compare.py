"""Comparing indicator results across periods and across municipalities.

:func:`year_on_year` turns a :class:`~hokatsu.indicators.model.ResultTable` into the change of
every indicator from one period to the next; :func:`compare_municipalities` lines up several
municipalities' tables side by side, indicator by indicator (the report suggests comparing a
municipality with itself over time and with others, 第4章 2.(2)④ and 参考資料3 3-②).

Examples:
    >>> from hokatsu.calendar import FiscalYear
    >>> from hokatsu.indicators.model import ResultTable, Row
    >>> table = ResultTable(rows=(
    ...     Row(indicator="5A1", period=FiscalYear(2016), area_id="x", value=2),
    ...     Row(indicator="5A1", period=FiscalYear(2017), area_id="x", value=5),
    ... ))
    >>> [(c.period.key, c.difference) for c in year_on_year(table)]
    [('FY2017', 3)]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu.calendar import FiscalYear, Month, Period, Quarter, period_order
from hokatsu.errors import InvalidValueError
from hokatsu.indicators.model import Indicator, ResultTable, Row

_PERIOD = v.instance_of((FiscalYear, Quarter, Month))
_OPT_NUMBER = v.optional(v.number())
_INDICATOR = v.simple("an indicator id (a string) or an Indicator",
                      lambda i: type(i) is str or isinstance(i, Indicator))

__all__ = ["Change", "Comparison", "compare_municipalities", "year_on_year"]


@attrs.frozen(kw_only=True)
class Change:
    """How one indicator changed from one period to the next, in one area and group.

    Args:
        indicator: the indicator id.
        area_id: the area.
        group: the group, None for the total.
        previous_period: the earlier period.
        period: the later period.
        previous: the earlier value (None: not measured).
        current: the later value.
        difference: ``current - previous``, None if either is not measured.
        ratio: ``current / previous``, None if either is not measured or ``previous`` is 0.

    Raises:
        InvalidValueError: a field of the wrong kind.

    Examples:
        >>> from hokatsu.indicators.compare import Change
        >>> from hokatsu.calendar import FiscalYear
        >>> change = Change(indicator="5A1", area_id="himi", group=None,
        ...                 previous_period=FiscalYear(2016), period=FiscalYear(2017),
        ...                 previous=2, current=5, difference=3, ratio=2.5)
        >>> change.period.key, change.ratio
        ('FY2017', 2.5)
    """

    indicator: str = attrs.field(validator=v.ID)
    area_id: str = attrs.field(validator=v.ID)
    group: str | None = attrs.field(validator=v.optional(v.TEXT))
    previous_period: Period = attrs.field(validator=_PERIOD)
    period: Period = attrs.field(validator=_PERIOD)
    previous: float | None = attrs.field(validator=_OPT_NUMBER)
    current: float | None = attrs.field(validator=_OPT_NUMBER)
    difference: float | None = attrs.field(validator=_OPT_NUMBER)
    ratio: float | None = attrs.field(validator=_OPT_NUMBER)


def _listed(func: str, field: str, value: Any, check: v.Check) -> tuple[Any, ...]:
    """*value* as a tuple, each item accepted by *check*: any iterable but a string, bytes or
    a mapping (whose items would be letters or keys, never what was meant)."""
    if isinstance(value, Mapping | str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(func, field, value,
                                f"an iterable whose items are each {check.expected}")
    listed = tuple(value)
    for i, item in enumerate(listed):
        if check.find(item) is not None:
            raise InvalidValueError(func, f"{field}[{i}]", item, check.expected)
    return listed


def _indicator_ids(func: str, indicators: Iterable[str | Indicator]) -> list[str]:
    """The ids of *indicators*, given by id or as Indicator objects, in order."""
    return [i.id if isinstance(i, Indicator) else i
            for i in _listed(func, "indicators", indicators, _INDICATOR)]


def year_on_year(table: ResultTable, *, indicators: Iterable[str | Indicator] | None = None
                 ) -> tuple[Change, ...]:
    """The change of every indicator between consecutive periods of *table*.

    Periods of different kinds are not mixed: fiscal years are compared with fiscal years,
    months with months. Composite rows (5O4) carry their own movements and are skipped.

    Args:
        table: computed results (:func:`~hokatsu.indicators.engine.compute`).
        indicators: the indicators to follow, by id or as
            :class:`~hokatsu.indicators.model.Indicator` objects; default: all.

    Returns:
        One change per indicator, area, group and pair of consecutive periods.

    Raises:
        InvalidValueError: *table* is not a ResultTable, or *indicators* is not an iterable
            of ids or indicators.

    Examples:
        >>> from hokatsu.calendar import FiscalYear
        >>> from hokatsu.indicators.compare import year_on_year
        >>> from hokatsu.indicators.model import ResultTable, Row
        >>> table = ResultTable(rows=(
        ...     Row(indicator="5A1", period=FiscalYear(2016), area_id="x", value=0),
        ...     Row(indicator="5A1", period=FiscalYear(2017), area_id="x", value=5),
        ...     Row(indicator="4O1", period=FiscalYear(2017), area_id="x", value=None),
        ... ))
        >>> [(c.indicator, c.previous, c.current, c.ratio) for c in year_on_year(table)]
        [('5A1', 0, 5, None)]
        >>> year_on_year(table, indicators=["4O1"])
        ()
    """
    if not isinstance(table, ResultTable):
        raise InvalidValueError("year_on_year", "table", table, "a ResultTable")
    wanted = None if indicators is None else frozenset(_indicator_ids("year_on_year",
                                                                      indicators))
    series: dict[tuple[str, str, str | None, type], list[Row]] = {}
    for row in table.rows:
        if (wanted is not None and row.indicator not in wanted) or row.movements:
            continue
        series.setdefault((row.indicator, row.area_id, row.group, type(row.period)), []).append(
            row)
    changes: list[Change] = []
    for (indicator, area_id, group, _), rows in series.items():
        rows.sort(key=lambda r: period_order(r.period))
        for before, after in itertools.pairwise(rows):
            difference = ratio = None
            if before.value is not None and after.value is not None:
                difference = after.value - before.value
                ratio = after.value / before.value if before.value else None
            changes.append(Change(
                indicator=indicator, area_id=area_id, group=group,
                previous_period=before.period, period=after.period, previous=before.value,
                current=after.value, difference=difference, ratio=ratio,
            ))
    return tuple(changes)


@attrs.frozen(kw_only=True)
class Comparison:
    """One indicator in one period across municipalities.

    Args:
        indicator: the indicator id.
        period: the period.
        group: the group, None for the total.
        values: ``(municipality, value)`` pairs in the order given; None where not measured
            or not computed.

    Raises:
        InvalidValueError: a field of the wrong kind, or a value that is not a finite number.

    Examples:
        >>> from hokatsu.indicators.compare import Comparison
        >>> from hokatsu.calendar import FiscalYear
        >>> c = Comparison(indicator="5A1", period=FiscalYear(2017), group=None,
        ...                values=(("氷見市", 5), ("伊賀市", None)))
        >>> dict(c.values)
        {'氷見市': 5, '伊賀市': None}
    """

    indicator: str = attrs.field(validator=v.ID)
    period: Period = attrs.field(validator=_PERIOD)
    group: str | None = attrs.field(validator=v.optional(v.TEXT))
    values: tuple[tuple[str, float | None], ...] = attrs.field(validator=v.tuple_of(v.simple(
        "a (municipality, value or None) pair",
        lambda p: type(p) is tuple and len(p) == 2 and type(p[0]) is str
        and (p[1] is None or (type(p[1]) in (int, float) and math.isfinite(p[1]))),
    )))

    def ranking(self) -> tuple[str, ...]:
        """The municipalities with a value, highest first (ties keep the given order).

        Returns:
            The names of the municipalities measured, by value, highest first.

        Examples:
            >>> from hokatsu.indicators.compare import Comparison
            >>> from hokatsu.calendar import FiscalYear
            >>> c = Comparison(indicator="5A1", period=FiscalYear(2017), group=None,
            ...                values=(("氷見市", 5), ("伊賀市", None), ("江戸川区", 9)))
            >>> c.ranking()
            ('江戸川区', '氷見市')
        """
        measured = [(name, v) for name, v in self.values if v is not None]
        return tuple(name for name, _ in sorted(measured, key=lambda nv: -nv[1]))


def compare_municipalities(
    tables: Mapping[str, ResultTable],
    *,
    indicators: Iterable[str | Indicator] | None = None,
    periods: Iterable[Period] | None = None,
) -> tuple[Comparison, ...]:
    """Line up several municipalities' results, indicator by indicator.

    Args:
        tables: each municipality's name with a table computed for the whole municipality
            (one area per table, as
            :meth:`~hokatsu.indicators.engine.IndicatorEngine.results` gives by default).
        indicators: the indicators to compare, by id or as
            :class:`~hokatsu.indicators.model.Indicator` objects; default: those in every
            table.
        periods: the periods to compare; default: those in any table.

    Returns:
        One comparison per indicator, period and group, by indicator, then period.

    Raises:
        InvalidValueError: *tables* is not a mapping of municipality names to ResultTables,
            a table holds more than one area, or *indicators* or *periods* is not an iterable
            of ids or indicators, or of periods.

    Compare rates (the ``*_per_100k`` indicators) rather than counts between municipalities
    of different sizes.

    Examples:
        >>> from hokatsu.calendar import FiscalYear
        >>> from hokatsu.indicators.compare import compare_municipalities
        >>> from hokatsu.indicators.model import ResultTable, Row
        >>> fy = FiscalYear(2017)
        >>> tables = {
        ...     "氷見市": ResultTable(rows=(
        ...         Row(indicator="5A1", period=fy, area_id="himi", value=5),)),
        ...     "伊賀市": ResultTable(rows=(
        ...         Row(indicator="5A1", period=fy, area_id="iga", value=8),)),
        ... }
        >>> [c.ranking() for c in compare_municipalities(tables)]
        [('伊賀市', '氷見市')]
    """
    func = "compare_municipalities"
    if not isinstance(tables, Mapping):
        raise InvalidValueError(func, "tables", tables,
                                "a mapping of municipality names to ResultTables")
    for name, table in tables.items():
        if v.TEXT.find(name) is not None:
            raise InvalidValueError(func, "tables", name, "municipality names (strings)")
        if not isinstance(table, ResultTable):
            raise InvalidValueError(func, f"tables[{name!r}]", table, "a ResultTable")
    chosen_ids = None if indicators is None else _indicator_ids(func, indicators)
    wanted_periods = None if periods is None else frozenset(
        _listed(func, "periods", periods, _PERIOD))
    by_name: dict[str, dict[tuple[str, Period, str | None], float | None]] = {}
    for name, table in tables.items():
        areas = table.area_ids
        if len(areas) > 1:
            raise InvalidValueError(
                "compare_municipalities", f"tables[{name!r}]", areas,
                "a table for the whole municipality (one area)",
            )
        by_name[name] = {(r.indicator, r.period, r.group): r.value for r in table.rows}
    if chosen_ids is None:
        common = [set(t.indicators) for t in tables.values()]
        order = list(next(iter(tables.values())).indicators) if tables else []
        chosen = [i for i in order if all(i in c for c in common)]
    else:
        chosen = chosen_ids
    keys: dict[tuple[str, Period, str | None], None] = {}
    for values in by_name.values():
        for key in values:
            keys.setdefault(key, None)
    out: list[Comparison] = []
    for indicator in chosen:
        for ind, period, group in sorted(
            (k for k in keys if k[0] == indicator), key=lambda k: (period_order(k[1]),
                                                                     k[2] or "")):
            if wanted_periods is not None and period not in wanted_periods:
                continue
            out.append(Comparison(
                indicator=ind, period=period, group=group,
                values=tuple((name, values.get((ind, period, group)))
                             for name, values in by_name.items()),
            ))
    return tuple(out)
