"""The indicator engine: every indicator in one pass over the ledger, by period and area.

:class:`IndicatorEngine` reads a ledger's events once, dispatching each event to the
indicators that read it (and first to the :class:`~hokatsu.indicators.context.Context` that
tracks cases, referrals, sessions and items). It accumulates per calendar month and per area
the event happened in, so that :meth:`IndicatorEngine.results` can roll the same pass up to
fiscal years (the default), quarters or months, and to any level of the area tree. Distinct
counts stay distinct at every level (a union, not a sum).

The engine is an accumulator: :meth:`IndicatorEngine.update` reads only the events appended
to the ledger since the last call, so adding a day's events does not recompute the year.
Results are frozen :class:`~hokatsu.indicators.model.ResultTable` objects.

Examples:
    >>> import datetime as dt
    >>> from hokatsu.reference import himi
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.events import TrainingHeld
    >>> from hokatsu.calendar import FiscalYear
    >>> ledger = Ledger(himi(), [
    ...     TrainingHeld(id="t1", date=dt.date(2017, 3, 1), area_id="himi", participants=24),
    ...     TrainingHeld(id="t2", date=dt.date(2017, 4, 3), area_id="himi", participants=31),
    ... ])
    >>> table = compute(ledger)
    >>> table.value("4A5", FiscalYear(2016), "himi"), table.value("4A6", FiscalYear(2017), "himi")
    (1, 31)
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from hokatsu import _validators as v
from hokatsu._gc import paused_gc
from hokatsu.calendar import FiscalYear, Month, Period, PeriodKind, Quarter
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import CycleError, InvalidValueError, LedgerError, UnknownReferenceError
from hokatsu.events import (
    Event,
)
from hokatsu.indicators._codegen import Flush, Handler, make_flush, make_handler
from hokatsu.indicators.context import CASE_EVENTS, TRACKERS, Context
from hokatsu.indicators.model import (
    CaseLabels,
    Cases,
    Composite,
    Count,
    Distinct,
    Flag,
    Indicator,
    IsZero,
    Latest,
    Mean,
    Movement,
    PerCapita,
    Ratio,
    ResultTable,
    Row,
    Scores,
    Sum,
)
from hokatsu.ledger import READABLE_VIEW, Ledger, LedgerView

__all__ = ["IndicatorEngine", "compute"]

Cell = list[Any]
Updater = Callable[[Any, Cell], None]

class IndicatorEngine:
    """Accumulates indicators over a ledger's events, incrementally.

    Args:
        directory: the municipality whose ledger will be read.
        indicators: the indicators to compute; by default the whole catalogue
            (:data:`hokatsu.indicators.catalogue.CATALOGUE`).

    Raises:
        InvalidValueError: two indicators share an id.
        UnknownReferenceError: a derived indicator reads an indicator that is not in the set.
        CycleError: derived indicators read each other in a loop.
    """

    def __init__(
        self, directory: Municipality, indicators: Iterable[Indicator] | None = None
    ) -> None:
        if not isinstance(directory, Municipality):
            raise InvalidValueError("IndicatorEngine", "directory", directory, "a Municipality")
        if indicators is None:
            from hokatsu.indicators.catalogue import CATALOGUE

            indicators = CATALOGUE
        self._indicators: tuple[Indicator, ...] = tuple(indicators)
        by_id: dict[str, Indicator] = {}
        for ind in self._indicators:
            if not isinstance(ind, Indicator):
                raise InvalidValueError("IndicatorEngine", "indicators", ind, "Indicator objects")
            if ind.id in by_id:
                raise InvalidValueError("IndicatorEngine", "indicators", ind.id, "unique ids")
            by_id[ind.id] = ind
        for ind in self._indicators:
            for dep in ind.inputs:
                if dep not in by_id:
                    raise UnknownReferenceError(
                        f"Indicator {ind.id!r}", "measure.of", dep, by_id
                    )
        self._by_id = by_id
        # derived indicators may read derived ones: compute each after what it reads
        self._derived = _dependency_order([i for i in self._indicators if i.derived], by_id)
        self._directory = directory
        self._ctx = Context(directory)
        self._months: dict[int, dict[str, Cell]] = {}
        self._base = [ind for ind in self._indicators if not ind.derived]
        self._slot = {ind.id: i for i, ind in enumerate(self._base)}
        self._template: Cell = [_EMPTY[type(ind.measure)] if ind.group is None else None
                                for ind in self._base]
        self._handlers: dict[type[Event], Handler] = {}
        # cases met in each cell of the month being read, measured when the month is over
        self._touched: list[tuple[Cell, Any]] = []
        self._touched_ym = -1
        self._flush: Flush | None = None
        self._compile()
        self._seen = 0
        self._span: tuple[dt.date, dt.date] | None = None  # first and last event date read
        self._source: Ledger | LedgerView | None = None

    @property
    def directory(self) -> Municipality:
        """The municipality."""
        return self._directory

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """The indicators computed, in order."""
        return self._indicators

    @property
    def events_read(self) -> int:
        """How many events the engine has read."""
        return self._seen

    @property
    def context(self) -> Context:
        """The engine's running context (read-only for callers)."""
        return self._ctx

    def _compile(self) -> None:
        from hokatsu.events import EVENT_TYPES

        ctx = self._ctx
        reading: dict[type[Event], list[tuple[Indicator, int, Updater]]] = {}
        late: dict[type[Event], list[tuple[Indicator, int, Updater]]] = {}
        case_indicators: list[tuple[Indicator, int]] = []
        for ind in self._base:
            slot = self._slot[ind.id]
            if ind.per_case:
                case_indicators.append((ind, slot))
                continue
            up = _updater(ind, slot, ctx)
            for cls in EVENT_TYPES.values():
                if issubclass(cls, ind.events):
                    (reading if ind.when is None else late).setdefault(cls, []).append(
                        (ind, slot, up))
        handlers: dict[type[Event], Handler] = {}
        for cls in EVENT_TYPES.values():
            handler = make_handler(
                cls, track=TRACKERS.get(cls), indicators=reading.get(cls, []),
                late=late.get(cls, []), case_indicators=case_indicators,
                visits=issubclass(cls, CASE_EVENTS), ctx=ctx, months=self._months,
                template=self._template, touched=self._touched,
            )
            if handler is not None:
                handlers[cls] = handler
        self._handlers = handlers
        self._flush = make_flush(case_indicators) if case_indicators else None

    # -- reading -----------------------------------------------------------------------------

    def update(self, source: Ledger | LedgerView) -> int:
        """Read the events of *source* the engine has not read yet; return how many.

        A :class:`~hokatsu.ledger.Ledger` is followed as it grows: each call reads only what
        was appended since the previous call. A :class:`~hokatsu.ledger.LedgerView` is read
        whole, once, by a fresh engine.

        Raises:
            InvalidValueError: *source* belongs to another municipality, is not the ledger
                this engine has been following, or is a view that does not start at the
                beginning of the record or keeps only some kinds of event.
            LedgerError: an event refers to something no earlier event created.
        """
        if not isinstance(source, Ledger | LedgerView):
            raise InvalidValueError("IndicatorEngine", "source", source, "a Ledger or LedgerView")
        if source.directory is not self._directory and source.directory != self._directory:
            raise InvalidValueError("IndicatorEngine", "source", source.directory.id,
                                    f"a ledger of {self._directory.id!r}")
        if isinstance(source, LedgerView):
            if self._seen or self._source is not None:
                raise InvalidValueError("IndicatorEngine", "source", "a view",
                                        "a view only for a fresh engine; follow a Ledger instead")
            if not source.from_start:
                raise InvalidValueError("IndicatorEngine", "source", "a view not from the start",
                                        READABLE_VIEW)
            start = 0
        else:
            if self._source is None and self._seen == 0:
                self._source = source
            if source is not self._source:
                raise InvalidValueError("IndicatorEngine", "source", "another ledger",
                                        "the ledger this engine has been reading")
            start = self._seen
        events, areas = source.events, source.areas
        n = len(events)
        if n <= start:
            return 0
        first = events[0].date if self._span is None else self._span[0]
        self._span = (first, events[n - 1].date)
        if isinstance(source, LedgerView):
            self._source = source  # a view is read once: nothing may follow it
        if start:  # the new events only: a copy of the tail
            events, areas = events[start:n], areas[start:n]
        # a first read goes through the record itself: copying a million references, and
        # dropping them after, would touch every event twice more
        with paused_gc():
            self._read(events, areas)
        self._seen += n - start
        return n - start

    def _read(self, events: Sequence[Event], areas: Sequence[str]) -> None:
        handlers = self._handlers
        months = self._months
        template = self._template
        last_date: dt.date | None = None
        last_area: object = _NOWHERE
        month: dict[str, Cell] = {}
        cell: Cell = template
        each_event, each_area = iter(events), iter(areas)
        try:
            # a chunk at a time, the events' handlers looked up in C ahead of the loop's own
            # work: a tight C loop has many events on their way from memory at once, where the
            # loop below would wait for each in turn
            while chunk := list(itertools.islice(each_event, _CHUNK)):
                handlers_of = list(map(handlers.get, map(type, chunk)))
                for handle, event, area in zip(handlers_of, chunk,
                                               itertools.islice(each_area, len(chunk)),
                                               strict=True):
                    if handle is None:
                        continue
                    date = event.date
                    # events of a day often share their date object: identity settles most
                    if date is not last_date and date != last_date:
                        last_date = date
                        ym = date.year * 12 + date.month - 1
                        if ym != self._touched_ym:
                            self._end_month(ym)
                        cells = months.get(ym)
                        if cells is None:
                            cells = months[ym] = {}
                        if cells is not month:
                            month = cells
                            last_area = _NOWHERE
                    # a case's events come in runs in its area: the cell is looked up once a run
                    if area is not last_area:
                        last_area = area
                        cell = month.get(area)  # type: ignore[assignment]
                        if cell is None:
                            cell = month[area] = template.copy()
                    handle(event, cell, area)
        except KeyError as error:
            # the context's look-ups (hokatsu's own code) failing mean the events refer to
            # something they never created; a KeyError from a user's function is the user's
            if not _raised_by_hokatsu(error):
                raise
            raise LedgerError(
                f"indicator engine: an event refers to {error.args[0]!r}, which the events read "
                "so far never created; read a ledger from its beginning"
            ) from None

    def _end_month(self, ym: int) -> None:
        """Take the per-case measures of the month read so far; *ym* is the next one.

        A case counts in a month's cells in its state at the end of that month (Cases,
        CaseLabels): measured once per case and cell, not at each of its events.
        """
        if self._touched:
            assert self._flush is not None
            self._flush(self._touched)
            self._touched.clear()
        self._touched_ym = ym

    def _cells(self, ym: int) -> dict[str, Cell]:
        """The cells of month *ym*; for the month still being read, copies with the per-case
        measures of its cases as they stand now (the month may get more events)."""
        cells = self._months[ym]
        if ym != self._touched_ym or not self._touched:
            return cells
        assert self._flush is not None
        copies = {area: cell.copy() for area, cell in cells.items()}
        copy_of = {id(cell): copies[area] for area, cell in cells.items()}
        self._flush([(copy_of[id(cell)], case) for cell, case in self._touched])
        return copies

    # -- results -----------------------------------------------------------------------------

    def results(
        self,
        *,
        grain: PeriodKind = PeriodKind.FISCAL_YEAR,
        level: str | None = None,
        area_ids: Iterable[str] | None = None,
        periods: Iterable[Period] | None = None,
        indicators: Iterable[str] | None = None,
    ) -> ResultTable:
        """The indicators per period and area, as rows.

        Args:
            grain: fiscal years (default), quarters or months.
            level: every area at this level of the tree; with *area_ids*, those areas too.
            area_ids: these areas. Without *level* and *area_ids*, the whole municipality.
            periods: these periods (of the grain); default: every period from the first to the
                last event read.
            indicators: these indicator ids (and what derived ones need); default: all.

        Raises:
            UnknownReferenceError: an unknown level, area or indicator.
            InvalidValueError: a period of another grain than *grain*.
        """
        with paused_gc():
            return self._results(grain, level, area_ids, periods, indicators)

    def _results(
        self,
        grain: PeriodKind,
        level: str | None,
        area_ids: Iterable[str] | None,
        periods: Iterable[Period] | None,
        indicators: Iterable[str] | None,
    ) -> ResultTable:
        tree = self._directory.areas
        targets: list[str] = []
        if level is not None:
            targets.extend(a.id for a in tree.at_level(level))
        if area_ids is not None:
            for a in area_ids:
                tree.get(a)
                if a not in targets:
                    targets.append(a)
        if level is None and area_ids is None:
            targets.append(tree.root.id)
        wanted = self._wanted(indicators)
        grain_of = _GRAIN[grain]
        if periods is None:
            period_list = self._period_range(grain)
        else:
            period_list = list(periods)
            for p in period_list:
                if not isinstance(p, FiscalYear | Quarter | Month) or p.kind is not grain:
                    raise InvalidValueError("IndicatorEngine.results", "periods", p,
                                            f"periods of the grain {grain.value}")
        # a composite compares each period with the one before it, selected or not, as long
        # as that one is within the record (before it, nothing is known)
        shown = frozenset(period_list)
        computed = list(period_list)
        first = self._first_month()
        if any(isinstance(self._by_id[i].measure, Composite) for i in wanted):
            for p in period_list:
                before = _previous(p)
                if before not in shown and first is not None and before.end >= first:
                    computed.append(before)
        merged = self._merge(grain_of, frozenset(targets), frozenset(computed))
        cells = [(p, t, p in shown, merged.get((p, t))) for p in computed for t in targets]
        read = {dep for ind in self._derived for dep in ind.inputs}  # by derived indicators
        rows: list[Row] = []
        base_values: dict[tuple[str, Period, str], float | None] = {}
        for ind in self._indicators:
            if ind.id not in wanted or ind.derived or grain not in ind.grains:
                continue
            i = self._slot[ind.id]
            empty = _EMPTY[type(ind.measure)] if ind.group is None else None
            keep = ind.id in read
            for p, t, show, cell in cells:
                acc = cell[i] if cell is not None else None
                new = _finish(ind, empty if acc is None else acc, p, t)
                if keep:
                    base_values[(ind.id, p, t)] = new[0].value if new else None
                if show:
                    rows.extend(new)
        for ind in self._derived:
            if ind.id not in wanted or grain not in ind.grains:
                continue
            for p in period_list:
                before = _previous(p)
                known = first is not None and before.end >= first
                for t in targets:
                    row = self._derive(ind, p, t, before if known else None, base_values)
                    base_values[(ind.id, p, t)] = row.value
                    rows.append(row)
        table = v.unchecked(ResultTable, rows=tuple(rows))  # rows the engine just built
        table.__attrs_post_init__()
        return table

    def _first_month(self) -> dt.date | None:
        if self._span is None:
            return None
        return self._span[0].replace(day=1)

    def _wanted(self, indicators: Iterable[str] | None) -> frozenset[str]:
        if indicators is None:
            return frozenset(self._by_id)
        wanted: set[str] = set()
        stack = list(indicators)
        while stack:
            i = stack.pop()
            if i not in self._by_id:
                raise UnknownReferenceError("IndicatorEngine", "indicators", i, self._by_id)
            if i not in wanted:
                wanted.add(i)
                stack.extend(self._by_id[i].inputs)
        return frozenset(wanted)

    def _period_range(self, grain: PeriodKind) -> list[Period]:
        # the events' own dates, not the cells: a target set now for a far fiscal year fills a
        # cell then, but says nothing about the years in between
        if self._span is None:
            return []
        first, last = (d.year * 12 + d.month - 1 for d in self._span)
        out: list[Period] = []
        for ym in range(first, last + 1):
            p = _GRAIN[grain](ym)
            if not out or out[-1] != p:
                out.append(p)
        return out

    def _merge(
        self, grain_of: Callable[[int], Period], targets: frozenset[str],
        periods: frozenset[Period],
    ) -> dict[tuple[Period, str], Cell]:
        """The cells of each (period, target area): the month × area cells inside it, merged
        slot by slot (in month order, which Latest and CaseLabels rely on)."""
        tree = self._directory.areas
        up_to: dict[str, tuple[str, ...]] = {}
        inside: dict[tuple[Period, str], list[Cell]] = {}
        period_of: dict[int, Period] = {}
        for ym in sorted(self._months):
            p = period_of.get(ym)
            if p is None:
                p = period_of[ym] = grain_of(ym)
            if p not in periods:
                continue
            for area, cell in self._cells(ym).items():
                tops = up_to.get(area)
                if tops is None:
                    tops = up_to[area] = tuple(a for a in tree.lineage(area) if a in targets)
                for t in tops:
                    cells = inside.get((p, t))
                    if cells is None:
                        inside[(p, t)] = [cell]
                    else:
                        cells.append(cell)
        reducers = [_REDUCE.get(type(ind.measure), _fold(_MERGE[type(ind.measure)]))
                    if ind.group is None else _fold(_merge_groups(_MERGE[type(ind.measure)]))
                    for ind in self._base]
        # a column per slot across the cells, each reduced in one call
        return {key: [reduce(column) for reduce, column in zip(
                    reducers, zip(*cells, strict=True), strict=True)]
                for key, cells in inside.items()}

    def _derive(
        self, ind: Indicator, period: Period, area_id: str, previous: Period | None,
        values: dict[tuple[str, Period, str], float | None],
    ) -> Row:
        m = ind.measure
        if isinstance(m, PerCapita):
            base = values.get((m.of, period, area_id))
            population = self._population(area_id)
            if base is None or not population:
                return _row_of(indicator=ind.id, period=period, area_id=area_id, value=None)
            months = {PeriodKind.FISCAL_YEAR: 12, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1}
            denominator = population / m.per * months[period.kind]
            return _row_of(indicator=ind.id, period=period, area_id=area_id,
                       value=base / denominator, numerator=base, denominator=denominator)
        if isinstance(m, IsZero):
            base = values.get((m.of, period, area_id))
            return _row_of(indicator=ind.id, period=period, area_id=area_id,
                       value=None if base is None else int(base == 0))
        assert isinstance(m, Composite)
        moves = []
        for dep in m.of:
            now = values.get((dep, period, area_id))
            before = values.get((dep, previous, area_id)) if previous is not None else None
            direction = None
            if now is not None and before is not None:
                direction = (now > before) - (now < before)
            moves.append(_new_movement(dep, before, now, direction))
        return _row_of(indicator=ind.id, period=period, area_id=area_id, value=None,
                   movements=tuple(moves))

    def _population(self, area_id: str) -> int | None:
        area = self._directory.areas.get(area_id)
        if area.parent_id is None and self._directory.population is not None:
            return self._directory.population
        return area.population


def _dependency_order(derived: list[Indicator], by_id: dict[str, Indicator]
                      ) -> tuple[Indicator, ...]:
    """*derived* ordered so that each comes after the derived indicators it reads.

    Raises:
        CycleError: derived indicators read each other in a loop.
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


_PACKAGE = Path(__file__).resolve().parents[1]
_NOWHERE = object()  # no area: the engine's reading loop has no cell in hand
_CHUNK = 1024  # events whose handlers the reading loop looks up at once


def _raised_by_hokatsu(error: BaseException) -> bool:
    """Whether the innermost frame of *error*'s traceback is hokatsu's own code."""
    tb = error.__traceback__
    if tb is None:  # pragma: no cover - a raised exception always has one
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    filename = tb.tb_frame.f_code.co_filename
    return filename.startswith("<hokatsu ") or Path(filename).resolve().is_relative_to(_PACKAGE)


def compute(
    source: Ledger | LedgerView,
    *,
    indicators: Iterable[Indicator] | None = None,
    grain: PeriodKind = PeriodKind.FISCAL_YEAR,
    level: str | None = None,
    area_ids: Iterable[str] | None = None,
    periods: Iterable[Period] | None = None,
) -> ResultTable:
    """Compute indicators over a ledger in one pass (see :class:`IndicatorEngine`)."""
    engine = IndicatorEngine(source.directory, indicators)
    engine.update(source)
    return engine.results(grain=grain, level=level, area_ids=area_ids, periods=periods)


_new_row = v.positional(Row)
_new_movement = v.positional(Movement)


def _row_of(
    *, indicator: str, period: Period, area_id: str, value: float | None,
    group: str | None = None, numerator: float | None = None,
    denominator: float | None = None, respondents: int | None = None,
    distribution: tuple[int, ...] | None = None, movements: tuple[Movement, ...] = (),
) -> Row:
    """A row the engine computed: built without re-validating what it just produced."""
    return _new_row(indicator, period, area_id, group, value, numerator, denominator,
                    respondents, distribution, movements)


# -- period keys -----------------------------------------------------------------------------


def _fy(ym: int) -> Period:
    year, m0 = divmod(ym, 12)
    return FiscalYear(year if m0 >= 3 else year - 1)


def _quarter(ym: int) -> Period:
    year, m0 = divmod(ym, 12)
    return Quarter.of(dt.date(year, m0 + 1, 1))


def _month(ym: int) -> Period:
    year, m0 = divmod(ym, 12)
    return Month(year, m0 + 1)


def _previous(p: Period) -> Period:
    """The period of the same kind just before *p*."""
    if isinstance(p, FiscalYear):
        return p - 1
    if isinstance(p, Quarter):
        return Quarter(p.year - 1, 4) if p.number == 1 else Quarter(p.year, p.number - 1)
    return Month(p.year - 1, 12) if p.month == 1 else Month(p.year, p.month - 1)


_GRAIN: dict[PeriodKind, Callable[[int], Period]] = {
    PeriodKind.FISCAL_YEAR: _fy, PeriodKind.QUARTER: _quarter, PeriodKind.MONTH: _month,
}


# -- accumulators: empty values, updaters, merges, results ----------------------------------

_EMPTY: dict[type, Any] = {
    Count: 0, Sum: 0, Flag: 0, Distinct: None, Scores: None, Mean: None, Ratio: None,
    Latest: None, Cases: None, CaseLabels: None,
}


def _add(dst: Any, src: Any) -> Any:
    return src if dst is None else dst + src


def _union(dst: set[Any] | None, src: set[Any]) -> set[Any]:
    if dst is None:
        return set(src)
    dst |= src
    return dst


def _pair(dst: list[float] | None, src: list[float]) -> list[float]:
    if dst is None:
        return list(src)
    dst[0] += src[0]
    dst[1] += src[1]
    return dst


def _scores(dst: dict[int, list[int]] | None, src: dict[int, list[int]]) -> dict[int, list[int]]:
    if dst is None:
        return {k: list(v) for k, v in src.items()}
    for scale, counts in src.items():
        mine = dst.get(scale)
        if mine is None:
            dst[scale] = list(counts)
        else:
            for i, c in enumerate(counts):
                mine[i] += c
    return dst


def _latest(dst: dict[Any, Any] | None, src: dict[Any, Any]) -> dict[Any, Any]:
    if dst is None:
        return dict(src)
    dst.update(src)  # cells are merged in month order, so later months win
    return dst


def _latest_ordered(
    dst: dict[Any, tuple[int, Any]] | None, src: dict[Any, tuple[int, Any]]
) -> dict[Any, tuple[int, Any]]:
    """Merge latest values stamped with their event's order: the later event wins, whichever
    area and month its cell is for."""
    if dst is None:
        return dict(src)
    for key, stamped in src.items():
        mine = dst.get(key)
        if mine is None or stamped[0] > mine[0]:
            dst[key] = stamped
    return dst


_MERGE: dict[type, Callable[[Any, Any], Any]] = {
    Count: _add, Sum: _add, Flag: _add, Distinct: _union, Scores: _scores, Mean: _pair,
    Ratio: _pair, Latest: _latest_ordered, Cases: _union, CaseLabels: _latest,
}


def _fold(merge: Callable[[Any, Any], Any]) -> Callable[[Sequence[Any]], Any]:
    """A column reducer from a pairwise merge (which copies its first non-empty input)."""
    def reduce(column: Sequence[Any]) -> Any:
        acc = None
        for src in column:
            if src:
                acc = merge(acc, src)
        return acc

    return reduce


#: Numeric columns are summed in one call; the others fold their pairwise merge.
_REDUCE: dict[type, Callable[[Sequence[Any]], Any]] = {Count: sum, Sum: sum, Flag: sum}


def _merge_groups(inner: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def merge(dst: dict[Any, Any] | None, src: dict[Any, Any]) -> dict[Any, Any]:
        if dst is None:
            dst = {}
        for g, acc in src.items():
            dst[g] = inner(dst.get(g), acc)
        return dst

    return merge


def _updater(ind: Indicator, i: int, ctx: Context) -> Updater:
    """An updater adding one event to slot *i* of a cell (specialised for the common
    measures, which are on every event's path)."""
    m = ind.measure
    where = ind.where
    if ind.group is not None:
        return _grouped_updater(ind, i, ctx)
    if isinstance(m, Count | Flag):
        if where is None:
            def count(event: Any, cell: Cell) -> None:
                cell[i] += 1

            return count

        def count_where(event: Any, cell: Cell) -> None:
            if where(event, ctx):
                cell[i] += 1

        return count_where
    if isinstance(m, Sum):
        value = m.value

        def total(event: Any, cell: Cell) -> None:
            if where is None or where(event, ctx):
                cell[i] += value(event, ctx)

        return total
    if isinstance(m, Distinct):
        key = m.key
        if m.many:
            def distinct_many(event: Any, cell: Cell) -> None:
                if where is None or where(event, ctx):
                    keys = key(event, ctx)
                    if keys:
                        acc = cell[i]
                        if acc is None:
                            cell[i] = set(keys)
                        else:
                            acc.update(keys)

            return distinct_many

        def distinct(event: Any, cell: Cell) -> None:
            if where is None or where(event, ctx):
                k = key(event, ctx)
                if k is not None:
                    acc = cell[i]
                    if acc is None:
                        cell[i] = {k}
                    else:
                        acc.add(k)

        return distinct
    add = _ADDERS[type(m)](m, ctx)

    def generic(event: Any, cell: Cell) -> None:
        if where is None or where(event, ctx):
            cell[i] = add(cell[i], event)

    return generic


def _grouped_updater(ind: Indicator, i: int, ctx: Context) -> Updater:
    m = ind.measure
    where = ind.where
    group = ind.group
    assert group is not None
    add = _ADDERS[type(m)](m, ctx)
    empty = _EMPTY[type(m)]

    def grouped(event: Any, cell: Cell) -> None:
        if where is not None and not where(event, ctx):
            return
        groups = cell[i]
        if groups is None:
            groups = cell[i] = {}
        groups[None] = add(groups.get(None, empty), event)
        label = group(event, ctx)
        if label is not None:
            groups[label] = add(groups.get(label, empty), event)

    return grouped


def _count_adder(m: Count, ctx: Context) -> Callable[[Any, Any], Any]:
    return lambda acc, event: acc + 1


def _flag_adder(m: Flag, ctx: Context) -> Callable[[Any, Any], Any]:
    return lambda acc, event: acc + 1


def _sum_adder(m: Sum, ctx: Context) -> Callable[[Any, Any], Any]:
    value = m.value
    return lambda acc, event: acc + value(event, ctx)


def _distinct_adder(m: Distinct, ctx: Context) -> Callable[[Any, Any], Any]:
    key = m.key
    if m.many:
        def add_many(acc: set[Any] | None, event: Any) -> set[Any] | None:
            keys = key(event, ctx)
            if keys:
                if acc is None:
                    return set(keys)
                acc.update(keys)
            return acc

        return add_many

    def add_one(acc: set[Any] | None, event: Any) -> set[Any] | None:
        k = key(event, ctx)
        if k is not None:
            if acc is None:
                return {k}
            acc.add(k)
        return acc

    return add_one


def _scores_adder(m: Scores, ctx: Context) -> Callable[[Any, Any], Any]:
    counts_of = m.counts

    def add(acc: dict[int, list[int]] | None, event: Any) -> dict[int, list[int]]:
        counts = counts_of(event, ctx)
        if acc is None:
            acc = {}
        mine = acc.get(len(counts))
        if mine is None:
            acc[len(counts)] = list(counts)
        else:
            for j, c in enumerate(counts):
                mine[j] += c
        return acc

    return add


def _mean_adder(m: Mean, ctx: Context) -> Callable[[Any, Any], Any]:
    value = m.value

    def add(acc: list[float] | None, event: Any) -> list[float] | None:
        x = value(event, ctx)
        if x is None:
            return acc
        if acc is None:
            return [x, 1]
        acc[0] += x
        acc[1] += 1
        return acc

    return add


def _ratio_adder(m: Ratio, ctx: Context) -> Callable[[Any, Any], Any]:
    numerator, denominator = m.numerator, m.denominator

    def add(acc: list[float] | None, event: Any) -> list[float] | None:
        num = numerator(event, ctx)
        den = denominator(event, ctx)
        if not (num or den):
            return acc
        if acc is None:
            acc = [0, 0]
        acc[0] += bool(num)
        acc[1] += bool(den)
        return acc

    return add


def _latest_adder(m: Latest, ctx: Context) -> Callable[[Any, Any], Any]:
    key, value = m.key, m.value
    order = itertools.count()  # events come in ledger order: a later number is a later event

    def add(acc: dict[Any, Any] | None, event: Any) -> dict[Any, Any]:
        if acc is None:
            acc = {}
        acc[key(event, ctx)] = (next(order), value(event, ctx))
        return acc

    return add


_ADDERS: dict[type, Callable[[Any, Context], Callable[[Any, Any], Any]]] = {
    Count: _count_adder, Flag: _flag_adder, Sum: _sum_adder, Distinct: _distinct_adder,
    Scores: _scores_adder, Mean: _mean_adder, Ratio: _ratio_adder, Latest: _latest_adder,
}


def _finish(ind: Indicator, acc: Any, period: Period, area_id: str) -> list[Row]:
    """The rows of one indicator for one period and area from its accumulator."""
    if isinstance(ind.measure, Latest):
        return _latest_rows(ind, {k: v for k, (_, v) in (acc or {}).items()}, period, area_id)
    if isinstance(ind.measure, CaseLabels):
        return _latest_rows(ind, acc, period, area_id)
    if ind.group is None:
        return [_row(ind, acc, period, area_id, None)]
    groups: dict[Any, Any] = acc or {}
    empty = _EMPTY[type(ind.measure)]
    rows = [_row(ind, groups.get(None, empty), period, area_id, None)]
    present = {str(g): a for g, a in groups.items() if g is not None}
    rows.extend(_row(ind, present.get(label, empty), period, area_id, label)
                for label in _labels(ind, present))
    return rows


def _labels(ind: Indicator, present: Iterable[str]) -> list[str]:
    """The group labels of a row set: the indicator's fixed groups, then the others sorted."""
    fixed = list(ind.groups)
    return fixed + sorted(set(present) - set(fixed))


def _row(ind: Indicator, acc: Any, period: Period, area_id: str, group: str | None) -> Row:
    m = ind.measure
    if isinstance(m, Count | Sum):
        return _new_row(ind.id, period, area_id, group, acc, None, None, None, None, ())
    if isinstance(m, Flag):
        return _new_row(ind.id, period, area_id, group, int((acc > 0) != m.absent),
                        None, None, None, None, ())
    if isinstance(m, Distinct | Cases):
        return _new_row(ind.id, period, area_id, group, len(acc) if acc else 0,
                        None, None, None, None, ())
    if isinstance(m, Mean | Ratio):
        if not acc or not acc[1]:
            return _new_row(ind.id, period, area_id, group, None, None, None, None, None, ())
        return _new_row(ind.id, period, area_id, group, acc[0] / acc[1], acc[0], acc[1],
                        None, None, ())
    assert isinstance(m, Scores)
    return _scores_row(acc, ind.id, period, area_id, group)


def _scores_row(acc: dict[int, list[int]] | None, indicator: str, period: Period,
                area_id: str, group: str | None) -> Row:
    if not acc:
        return _new_row(indicator, period, area_id, group, None, None, None, 0, None, ())
    top = max(acc)
    counts = [0] * top
    total = 0.0
    n = 0
    for scale, dist in acc.items():
        for j, c in enumerate(dist):
            # a score on a shorter scale is placed linearly on the longest one
            score = 1 + j * (top - 1) / (scale - 1)
            total += score * c
            n += c
            if scale == top:
                counts[j] += c
    if n == 0:
        return _new_row(indicator, period, area_id, group, None, None, None, 0, None, ())
    distribution = tuple(counts) if len(acc) == 1 else None
    return _new_row(indicator, period, area_id, group, total / n, total, n, n, distribution, ())


def _latest_rows(ind: Indicator, acc: dict[Any, Any] | None, period: Period,
                 area_id: str) -> list[Row]:
    values = acc or {}
    total = len(values)
    rows = [_new_row(ind.id, period, area_id, None, total, None, None, None, None, ())]
    counts: dict[str, int] = {}
    for label, n in Counter(values.values()).items():
        if label is not None:
            name = str(label)
            counts[name] = counts.get(name, 0) + n
    for name in _labels(ind, counts):
        n = counts.get(name, 0)
        rows.append(_new_row(ind.id, period, area_id, name, n / total if total else None, n,
                             total, None, None, ()))
    return rows
