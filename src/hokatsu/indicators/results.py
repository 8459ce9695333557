"""The engine's results: month × area cells rolled up to periods and areas, then rows.

The engine's pass leaves one cell per calendar month and area an event happened in (a slot per
indicator). :func:`roll_up` merges the cells inside each (period, target area) slot by slot,
each measure merging its own accumulators (a union for distinct counts, a sum for counts, the
later value for latest values …); :func:`base_rows` turns the merged cells into rows, and
:func:`derived_rows` computes the indicators that read other indicators, in an order where each
comes after what it reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from hokatsu.calendar import Period, PeriodKind, period_at, previous_period
from hokatsu.domain.areas import AreaTree
from hokatsu.errors import CycleError, InvalidValueError
from hokatsu.indicators.measures import Values
from hokatsu.indicators.model import Indicator, Row

#: The engine's own steps, called with its cells: nothing here is for callers.
__all__: list[str] = []

Cell = list[Any]


def roll_up(
    months: Iterable[tuple[int, dict[str, Cell]]],
    base: list[Indicator],
    tree: AreaTree,
    grain: PeriodKind,
    targets: frozenset[str],
    periods: frozenset[Period],
) -> dict[tuple[Period, str], Cell]:
    """The cells of each (period, target area): the month × area cells inside it, merged slot by
    slot, in month order (which :class:`Latest` and :class:`CaseLabels` rely on).

    Args:
        months: each month's number and its cells by area, in month order.
        base: the indicators of the slots, in slot order.
        tree: the area tree.
        grain: the kind of the periods.
        targets: the areas rolled up to (each includes the areas below it).
        periods: the periods wanted.

    Returns:
        The merged cell of each (period, target area) that some month × area cell falls in.

    Examples:
        >>> from hokatsu.indicators.results import roll_up
        >>> from hokatsu.events import TrainingHeld
        >>> from hokatsu.indicators.model import Count, Indicator
        >>> ind = Indicator(id="trainings", name="研修", events=(TrainingHeld,), measure=Count())
        >>> from hokatsu.calendar import FiscalYear, PeriodKind, month_index
        >>> from hokatsu.reference import himi
        >>> import datetime as dt
        >>> april, may = month_index(dt.date(2017, 4, 1)), month_index(dt.date(2017, 5, 1))
        >>> months = [(april, {"himi": [2]}), (may, {"himi": [3]})]
        >>> cells = roll_up(months, [ind], himi().areas, PeriodKind.FISCAL_YEAR,
        ...                 frozenset({"himi"}), frozenset({FiscalYear(2017)}))
        >>> {(p.key, area): cell for (p, area), cell in cells.items()}
        {('FY2017', 'himi'): [5]}
    """
    up_to: dict[str, tuple[str, ...]] = {}
    inside: dict[tuple[Period, str], list[Cell]] = {}
    period_of: dict[int, Period] = {}
    for ym, cells in months:
        p = period_of.get(ym)
        if p is None:
            p = period_of[ym] = period_at(grain, ym)
        if p not in periods:
            continue
        for area, cell in cells.items():
            tops = up_to.get(area)
            if tops is None:
                tops = up_to[area] = tuple(a for a in tree.lineage(area) if a in targets)
            for t in tops:
                found = inside.get((p, t))
                if found is None:
                    inside[(p, t)] = [cell]
                else:
                    found.append(cell)
    reducers = [_reducer(ind) for ind in base]
    # a column per slot across the cells, each reduced in one call
    return {key: [reduce(column) for reduce, column in zip(
                reducers, zip(*cells, strict=True), strict=True)]
            for key, cells in inside.items()}


def _reducer(ind: Indicator) -> Callable[[Any], Any]:
    m = ind.measure
    if ind.group is None:
        return m.reduce  # type: ignore[union-attr]

    def reduce(column: Iterable[dict[Any, Any] | None]) -> dict[Any, Any] | None:
        out: dict[Any, Any] | None = None
        for groups in column:
            if groups:
                if out is None:
                    out = {}
                for g, acc in groups.items():
                    out[g] = m.merge(out.get(g), acc)  # type: ignore[union-attr]
        return out

    return reduce


def base_rows(
    indicators: Iterable[tuple[Indicator, int]],
    cells: list[tuple[Period, str, bool, Cell | None]],
    keep: frozenset[str],
    values: Values,
) -> list[Row]:
    """The rows of the indicators of events and cases.

    Args:
        indicators: each indicator wanted, with its slot.
        cells: each (period, area, whether it is shown, its merged cell or None).
        keep: indicators whose total values derived indicators read: they are put in *values*.
        values: filled with those values.

    Returns:
        The rows of the cells shown, indicator by indicator.

    Examples:
        >>> from hokatsu.indicators.results import base_rows
        >>> from hokatsu.events import TrainingHeld
        >>> from hokatsu.indicators.model import Count, Indicator
        >>> ind = Indicator(id="trainings", name="研修", events=(TrainingHeld,), measure=Count())
        >>> from hokatsu.calendar import FiscalYear
        >>> values = {}
        >>> rows = base_rows([(ind, 0)], [(FiscalYear(2017), "himi", True, [5])],
        ...                  frozenset({"trainings"}), values)
        >>> [(row.indicator, row.period.key, row.value) for row in rows]
        [('trainings', 'FY2017', 5)]
        >>> list(values.values())
        [5]
    """
    rows: list[Row] = []
    for ind, slot in indicators:
        m = ind.measure
        empty = m.empty() if ind.group is None else None  # type: ignore[union-attr]
        read = ind.id in keep
        for p, t, show, cell in cells:
            acc = cell[slot] if cell is not None else None
            new = m.rows(ind, empty if acc is None else acc, p, t)  # type: ignore[union-attr]
            if read:
                values[(ind.id, p, t)] = new[0].value if new else None
            if show:
                rows.extend(new)
    return rows


def derived_rows(
    derived: Iterable[Indicator],
    periods: list[Period],
    targets: list[str],
    first_month: Any,
    values: Values,
    population: Callable[[str], int | None],
) -> list[Row]:
    """The rows of derived indicators, each computed after those it reads.

    Args:
        derived: the derived indicators, in :func:`dependency_order`.
        periods: the periods shown.
        targets: the areas shown.
        first_month: the first day of the first month read (None if none); a period before it
            is outside the record, and nothing is known of it.
        values: the values computed so far, by (indicator, period, area); filled further.
        population: the population of an area, None if unknown.

    Returns:
        The rows of the derived indicators, for every period and area shown.

    Raises:
        InvalidValueError: a population or value too big for a float.

    Examples:
        >>> from hokatsu.indicators.results import derived_rows
        >>> from hokatsu.calendar import FiscalYear
        >>> from hokatsu.indicators.catalogue import BY_ID
        >>> fy = FiscalYear(2017)
        >>> values = {("cases_opened", fy, "himi"): 12}
        >>> rows = derived_rows([BY_ID["cases_per_100k"]], [fy], ["himi"], None, values,
        ...                     lambda area_id: 50_000)
        >>> rows[0].value
        2.0
    """
    rows: list[Row] = []
    for ind in derived:
        for p in periods:
            before = previous_period(p)
            known = before if first_month is not None and before is not None \
                and before.end >= first_month else None
            for t in targets:
                try:
                    row = ind.measure.derive(  # type: ignore[union-attr]
                        ind, p, t, known, values, population(t))
                except OverflowError:
                    raise InvalidValueError(
                        f"Indicator {ind.id!r}", "measure", f"area {t!r}",
                        "an area whose population and values a float can hold") from None
                values[(ind.id, p, t)] = row.value
                rows.append(row)
    return rows


def dependency_order(derived: list[Indicator], by_id: dict[str, Indicator]
                     ) -> tuple[Indicator, ...]:
    """*derived* ordered so that each comes after the derived indicators it reads.

    Args:
        derived: the derived indicators.
        by_id: every indicator of the engine, by id.

    Returns:
        The derived indicators, each after those it reads.

    Raises:
        CycleError: derived indicators read each other in a loop.

    Examples:
        >>> from hokatsu.indicators.results import dependency_order
        >>> from hokatsu.indicators.model import Indicator, IsZero, PerCapita
        >>> from hokatsu.indicators.catalogue import BY_ID
        >>> rate = Indicator(id="rate", name="率", measure=PerCapita(of="cases_opened"))
        >>> none = Indicator(id="none", name="ゼロ", measure=IsZero(of="rate"))
        >>> by_id = {"cases_opened": BY_ID["cases_opened"], "rate": rate, "none": none}
        >>> [ind.id for ind in dependency_order([none, rate], by_id)]
        ['rate', 'none']
    """
    order: list[Indicator] = []
    done: set[str] = set()

    def visit(ind: Indicator, path: list[str]) -> None:
        if ind.id in done:
            return
        if ind.id in path:
            raise CycleError("IndicatorEngine", "indicators", path[path.index(ind.id):])
        path.append(ind.id)
        for dep in ind.inputs:
            if by_id[dep].derived:
                visit(by_id[dep], path)
        path.pop()
        done.add(ind.id)
        order.append(ind)

    for ind in derived:
        visit(ind, [])
    return tuple(order)
