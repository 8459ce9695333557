"""The indicator engine: every indicator in one pass over the ledger, by period and area.

:class:`IndicatorEngine` reads a ledger's events once, dispatching each event to the
indicators that read it (and first to the :class:`~hokatsu.facts.Context` that
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

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from hokatsu import _validators as v
from hokatsu.calendar import (
    FiscalYear,
    Month,
    Period,
    PeriodKind,
    Quarter,
    month_index,
    parse_period,
    period_at,
    previous_period,
)
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import HokatsuError, InvalidValueError, LedgerError, UnknownReferenceError
from hokatsu.events import EVENT_TYPES, Event
from hokatsu.facts import CASE_EVENTS, TRACKERS, Context, _put_back
from hokatsu.indicators._codegen import Flush, Handler, make_flush, make_handler
from hokatsu.indicators.model import Composite, Indicator, ResultTable, Row
from hokatsu.indicators.results import base_rows, dependency_order, derived_rows, roll_up
from hokatsu.ledger import READABLE_VIEW, Ledger, LedgerView, _Rewind

__all__ = ["IndicatorEngine", "compute"]

Cell = list[Any]


class _Handlers(dict[type, "Handler | None"]):
    """The handlers of a pass by event class, made on first sight (None: nothing reads it)."""

    __slots__ = ("_pass",)

    def __init__(self, owner: _Pass) -> None:
        super().__init__()
        self._pass = owner

    def __missing__(self, cls: type) -> Handler | None:
        handler = self[cls] = self._pass.handler(cls)
        return handler


class _Pass:
    """The state of one pass over a record: the context, the cells and the handlers writing
    into them. An engine replaces its pass whole when an update fails."""

    __slots__ = ("base", "ctx", "flush", "handlers", "months", "order", "per_case", "seen",
                 "slot", "span", "template", "touched", "touched_ym")

    def __init__(self, directory: Municipality, base: list[Indicator],
                 slot: dict[str, int]) -> None:
        self.ctx = Context(directory)
        self.months: dict[int, dict[str, Cell]] = {}
        self.seen = 0
        self.span: tuple[dt.date, dt.date] | None = None  # first and last event date read
        # cases met in each cell of the month being read, measured when the month is over: the
        # cells and, in step, the cases
        self.touched: tuple[list[Cell], list[Any]] = ([], [])
        self.touched_ym = -1
        template: Cell = [ind.measure.empty() if ind.group is None else None  # type: ignore[union-attr]
                          for ind in base]
        self._compile(base, slot, template)

    def _compile(self, base: list[Indicator], slot: dict[str, int], template: Cell) -> None:
        self.base, self.slot, self.template = base, slot, template
        self.per_case = [(ind, slot[ind.id]) for ind in base if ind.per_case]
        self.order = itertools.count()  # events come in ledger order: a later number, later
        # the handlers of the built-in event classes now; an application's own event class
        # gets its handler when the pass first meets one (_Handlers.__missing__)
        self.handlers = _Handlers(self)
        for cls in EVENT_TYPES.values():
            self.handlers[cls] = self.handler(cls)
        self.flush: Flush | None = make_flush(self.per_case) if self.per_case else None

    def handler(self, cls: type[Event]) -> Handler | None:
        """The handler of events of *cls*: the tracker, then every indicator reading the
        class (subclasses included); None when nothing reads it."""
        reading: list[tuple[Indicator, int]] = []
        late: list[tuple[Indicator, int]] = []
        for ind in self.base:
            if not ind.per_case and issubclass(cls, ind.events):
                (reading if ind.when is None else late).append((ind, self.slot[ind.id]))
        return make_handler(
            cls, track=TRACKERS.get(cls), indicators=reading, late=late,
            visits=issubclass(cls, CASE_EVENTS), ctx=self.ctx, months=self.months,
            template=self.template, touched=self.touched if self.per_case else None,
            order=self.order,
        )

    def read(self, events: Sequence[Event], areas: Sequence[str]) -> None:
        handlers = self.handlers
        months = self.months
        template = self.template
        last_date: dt.date | None = None
        last_area: object = _NOWHERE
        month: dict[str, Cell] = {}
        cell: Cell = template
        event: Event | None = None
        each_event, each_area = iter(events), iter(areas)
        try:
            # a chunk at a time, the events' handlers looked up in C ahead of the loop's own
            # work: a tight C loop has many events on their way from memory at once
            while chunk := list(itertools.islice(each_event, _CHUNK)):
                handlers_of = list(map(handlers.__getitem__, map(type, chunk)))
                for handle, event, area in zip(handlers_of, chunk,
                                               itertools.islice(each_area, len(chunk)),
                                               strict=True):
                    if handle is None:
                        continue
                    date = event.date
                    # events of a day often share their date object: identity settles most
                    if date is not last_date and date != last_date:
                        last_date = date
                        ym = date.year * 12 + date.month - 1  # month_index, inline
                        if ym != self.touched_ym:
                            self.end_month(ym)
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
            where = "" if event is None else f" {event.TYPE} {event.id!r}"
            raise LedgerError(
                f"indicator engine: event{where} refers to {error.args[0]!r}, which the events "
                "read before it never created; read a ledger from its beginning"
            ) from None

    def end_month(self, ym: int) -> None:
        """Take the per-case measures of the month read so far; *ym* is the next one.

        A case counts in a month's cells in its state at the end of that month (Cases,
        CaseLabels): measured once per case and cell, not at each of its events.
        """
        cells, cases = self.touched
        if cells:
            assert self.flush is not None
            self.flush(cells, cases)
            cells.clear()
            cases.clear()
        self.touched_ym = ym

    def cells(self, ym: int) -> dict[str, Cell]:
        """The cells of month *ym*; for the month still being read, copies with the per-case
        measures of its cases as they stand now (the month may get more events)."""
        cells = self.months[ym]
        touched_cells, touched_cases = self.touched
        if ym != self.touched_ym or not touched_cells:
            return cells
        assert self.flush is not None
        copies = {area: cell.copy() for area, cell in cells.items()}
        copy_of = {id(cell): copies[area] for area, cell in cells.items()}
        self.flush([copy_of[id(cell)] for cell in touched_cells], touched_cases)
        return copies


class IndicatorEngine:
    """Accumulates indicators over a ledger's events, incrementally.

    An update is all or nothing: when reading fails (a user's ``where`` raising, an event
    the engine cannot place, Ctrl-C), the engine is left as it was before the call.

    Args:
        directory: the municipality whose ledger will be read.
        indicators: the indicators to compute, as
            :class:`~hokatsu.indicators.model.Indicator` objects or ids of the catalogue's
            (the catalogue's indicators a derived one reads come along); by default the whole
            catalogue (:data:`hokatsu.indicators.catalogue.CATALOGUE`).

    Raises:
        InvalidValueError: not a directory, or two indicators share an id.
        UnknownReferenceError: an id not in the catalogue, or a derived indicator reading an
            indicator that is not in the set.
        CycleError: derived indicators read each other in a loop.

    Examples:
        >>> from hokatsu.indicators.engine import IndicatorEngine
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> ledger = Ledger(himi(), himi_fy2017())
        >>> engine = IndicatorEngine(ledger.directory, ["4A5"])
        >>> engine.update(ledger)
        142
        >>> engine.results().value("4A5", "FY2017", "himi")
        2
    """

    def __init__(
        self, directory: Municipality, indicators: Iterable[Indicator | str] | None = None
    ) -> None:
        if not isinstance(directory, Municipality):
            raise InvalidValueError("IndicatorEngine", "directory", directory, "a Municipality")
        self._indicators = _resolve(indicators)
        by_id: dict[str, Indicator] = {}
        for ind in self._indicators:
            if ind.id in by_id:
                raise InvalidValueError("IndicatorEngine", "indicators", ind.id, "unique ids")
            by_id[ind.id] = ind
        for ind in self._indicators:
            for dep in ind.inputs:
                if dep not in by_id:
                    raise UnknownReferenceError(f"Indicator {ind.id!r}", "measure.of", dep, by_id)
        self._by_id = by_id
        # derived indicators may read derived ones: compute each after what it reads
        self._derived = dependency_order([i for i in self._indicators if i.derived], by_id)
        self._directory = directory
        self._base = [ind for ind in self._indicators if not ind.derived]
        self._slot = {ind.id: i for i, ind in enumerate(self._base)}
        self._pass = _Pass(directory, self._base, self._slot)
        self._source: Ledger | LedgerView | None = None
        self._records = 0  # the records of the ledger followed that the engine has taken

    def __repr__(self) -> str:
        return (f"<IndicatorEngine {self._directory.name}: {len(self._indicators)} indicators, "
                f"{self._pass.seen:,} events read>")

    @property
    def directory(self) -> Municipality:
        """The municipality.

        Examples:
            >>> from hokatsu.indicators.engine import IndicatorEngine
            >>> from hokatsu.reference import himi
            >>> IndicatorEngine(himi(), ["4A5"]).directory.name
            '氷見市'
        """
        return self._directory

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """The indicators computed, in order.

        Examples:
            >>> from hokatsu.reference import himi
            >>> [i.id for i in IndicatorEngine(himi(), ["4A5"]).indicators]
            ['4A5']
        """
        return self._indicators

    @property
    def events_read(self) -> int:
        """How many events the engine has read.

        Examples:
            >>> from hokatsu.indicators.engine import IndicatorEngine
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> engine = IndicatorEngine(ledger.directory, ["4A5"])
            >>> engine.events_read
            0
            >>> _ = engine.update(ledger)
            >>> engine.events_read == len(ledger.events)
            True
        """
        return self._pass.seen

    @property
    def context(self) -> Context:
        """The engine's running context (read-only for callers).

        Examples:
            >>> from hokatsu.indicators.engine import IndicatorEngine
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> engine = IndicatorEngine(ledger.directory, ["4A5"])
            >>> _ = engine.update(ledger)
            >>> engine.context
            <Context 氷見市: 3 cases, 5 referrals, 7 sessions, 7 items>
        """
        return self._pass.ctx

    # -- reading -----------------------------------------------------------------------------

    def update(self, source: Ledger | LedgerView) -> int:
        """Read the events of *source* the engine has not read yet; return how many.

        A :class:`~hokatsu.ledger.Ledger` is followed as it grows: each call reads only what
        was appended since the previous call. When late records or corrections came since,
        it reads again the months from the first one they change, and only those (the
        facts of the cases active since are brought back to that month, the indicators of
        earlier months kept) — or the whole record, when that costs less — so that the
        results equal a fresh computation; it then returns how many events it read again.
        A :class:`~hokatsu.ledger.LedgerView` is read whole, once, by a fresh engine. When
        reading fails, whatever the reason, the engine is left as it was before the call and
        the exception propagates.

        For a big first read, pausing the garbage collector (:func:`hokatsu.paused_gc`) makes
        it faster; the engine does not do it for you, since it affects the whole process.

        Args:
            source: the ledger to follow, or a view of one from the beginning of the record.

        Returns:
            How many events were read (or read again).

        Raises:
            InvalidValueError: *source* belongs to another municipality, is not the ledger
                this engine has been following, or is a view that does not start at the
                beginning of the record or keeps only some kinds of event.
            LedgerError: an event refers to something no earlier event created.

        Examples:
            >>> from hokatsu.indicators.engine import IndicatorEngine
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> events = himi_fy2017()
            >>> ledger = Ledger(himi(), events[:100])
            >>> engine = IndicatorEngine(ledger.directory, ["4A5"])
            >>> engine.update(ledger)
            100
            >>> ledger.extend(events[100:])
            >>> engine.update(ledger), engine.update(ledger)
            (42, 0)
        """
        if not isinstance(source, Ledger | LedgerView):
            raise InvalidValueError("IndicatorEngine", "source", type(source).__name__,
                                    "a Ledger or LedgerView")
        if source.directory is not self._directory and source.directory != self._directory:
            raise InvalidValueError("IndicatorEngine", "source", source.directory.id,
                                    f"a ledger of {self._directory.id!r}")
        seen = self._pass.seen
        if isinstance(source, LedgerView):
            if seen or self._source is not None:
                raise InvalidValueError("IndicatorEngine", "source", "a view",
                                        "a view only for a fresh engine; follow a Ledger instead")
            if not source.from_start:
                reason = f"; this one is not: {source.unreadable}" if source.unreadable else ""
                raise InvalidValueError("IndicatorEngine", "source", "a view not from the start",
                                        READABLE_VIEW + reason)
        elif self._source is not None and source is not self._source:
            raise InvalidValueError("IndicatorEngine", "source", "another ledger",
                                    "the ledger this engine has been reading")
        events, areas = source.events, source.areas
        n = len(events)
        records = len(source.records) if isinstance(source, Ledger) else 0
        if isinstance(source, Ledger) and seen:
            changed = source._changed_since(self._records)
            if changed:
                read = self._reread(source, events, areas, self._earliest(changed))
                self._source, self._records = source, records
                return read
        if n <= seen:
            self._records = records
            return 0
        before = self._pass
        try:
            self._read(self._pass, events, areas, seen, n)
        except BaseException:
            # all or nothing: the state the call started from, read again from the record
            self._pass = _Pass(self._directory, self._base, self._slot)
            if seen:
                try:
                    self._read(self._pass, events, areas, 0, seen)
                except BaseException:  # pragma: no cover - it read the same events before
                    self._pass = before
                    raise
            raise
        self._source, self._records = source, records
        return n - seen

    def _earliest(self, changed: Iterable[Event]) -> dt.date:
        """The earliest day whose cells *changed* events touch: their dates, and the days
        indicators with a ``when`` count them on."""
        timed = [(ind.events, ind.when) for ind in self._base if ind.when is not None]
        return min(d for e in changed for d in (
            e.date, *(when(e) for kinds, when in timed if isinstance(e, kinds))))

    def _first_month(self, events: Sequence[Event], since: dt.date) -> dt.date:
        """The first day of the month to read again from, for a change on *since*: no event
        from then on counts on a day before it, and none before it on a day from then on
        (an indicator's ``when`` may place an event in another month than its own)."""
        month = dt.date(since.year, since.month, 1)
        timed = [(ind.events, ind.when) for ind in self._base if ind.when is not None]
        if not timed:
            return month
        read = tuple(cls for kinds, _ in timed for cls in kinds)
        placed = [(e.date, [when(e) for kinds, when in timed if isinstance(e, kinds)])
                  for e in events if isinstance(e, read)]
        while True:
            start = month
            for date, days in placed:
                if date >= month and days and min(days) < start:
                    start = min(days)
                elif date < month and days and max(days) >= month:
                    start = min(start, date)
            start = dt.date(start.year, start.month, 1)
            if start == month:
                return month
            month = start

    def _reread(self, source: Ledger, events: Sequence[Event], areas: Sequence[str],
                since: dt.date) -> int:
        """Read *events* again from the month of *since* on, into a new pass that keeps the
        cells of the months before (a late record or a correction changed nothing there)."""
        old = self._pass
        if old.span is not None:  # events appended since the last read may be of that month
            since = min(since, old.span[1])
        # bringing the facts back to a month is worth it while the records it folds again,
        # at their price, and the events from that month on cost less than the whole record.
        # The month of *since* is the latest to read from and the cheapest: an earlier one
        # folds again more histories on a smaller budget. So when even that one is over
        # budget, the whole record is read without looking for an earlier month (which
        # indicators counting events on other days make a pass over the record in Python)
        def from_month(month: dt.date) -> tuple[int, _Rewind | None]:
            k = bisect.bisect_left(events, month, key=_date)
            return k, source._rewind_plan(month, self._records, k / _REWIND_COST)

        month = dt.date(since.year, since.month, 1)
        k, plan = from_month(month)
        if plan is not None and (earlier := self._first_month(events, since)) != month:
            month = earlier
            k, plan = from_month(month)
        new = _Pass(self._directory, self._base, self._slot)
        if plan is None:  # costlier (or unsure which histories changed): the whole record
            self._read(new, events, areas, 0, len(events))
            self._pass = new
            return len(events)
        # the facts before that month: the old fold, with the histories that have events from
        # that month on folded again to its start; the cells of earlier months hold the old
        # fold's objects (a case counted once however many months name it), and the new fold
        # goes on in them
        saved = source._rewind(new.ctx, old.ctx, plan)
        try:
            ym = month_index(month)
            new.months.update((m, cells) for m, cells in old.months.items() if m < ym)
            new.order = itertools.count(next(old.order))  # later than what the cells hold
            if k:
                new.span = (events[0].date, events[k - 1].date)
            if k < len(events):
                self._read(new, events, areas, k, len(events))
            new.seen = len(events)
        except BaseException:
            _put_back(saved)
            raise
        self._pass = new
        return len(events) - k

    @staticmethod
    def _read(state: _Pass, events: Sequence[Event], areas: Sequence[str], start: int,
              stop: int) -> None:
        if start:  # the new events only: a copy of the tail
            events, areas = events[start:stop], areas[start:stop]
        # a first read goes through the record itself: copying a million references, and
        # dropping them after, would touch every event twice more
        state.read(events, areas)
        first = events[0].date if state.span is None else state.span[0]
        state.span = (first, events[len(events) - 1].date)
        state.seen = stop

    # -- results -----------------------------------------------------------------------------

    def results(
        self,
        *,
        grain: PeriodKind | str = PeriodKind.FISCAL_YEAR,
        level: str | None = None,
        area_ids: Iterable[str] | None = None,
        periods: Iterable[Period | str] | None = None,
        indicators: Iterable[str | Indicator] | None = None,
    ) -> ResultTable:
        """The indicators per period and area, as rows.

        Args:
            grain: fiscal years (default), quarters or months: a
                :class:`~hokatsu.calendar.PeriodKind` or its value (``"fiscal_year"``,
                ``"quarter"``, ``"month"``).
            level: every area at this level of the tree; with *area_ids*, those areas too.
            area_ids: these areas. Without *level* and *area_ids*, the whole municipality.
            periods: these periods of the grain, or their keys (``"FY2017"``); default: every
                period from the first to the last event read.
            indicators: these indicators, by id or as the engine's own objects (and what
                derived ones need); default: all.

        Returns:
            The frozen table of rows, one per indicator, period and area.

        Raises:
            UnknownReferenceError: an unknown level, area or indicator.
            InvalidValueError: an argument of the wrong kind, or a period of another grain.

        Examples:
            >>> from hokatsu.indicators.engine import IndicatorEngine
            >>> from hokatsu.ledger import Ledger
            >>> from hokatsu.reference import himi
            >>> from hokatsu.reference.sample import himi_fy2017
            >>> ledger = Ledger(himi(), himi_fy2017())
            >>> engine = IndicatorEngine(ledger.directory, ["4A5"])
            >>> _ = engine.update(ledger)
            >>> table = engine.results(grain="quarter", periods=["FY2017Q2"])
            >>> [(row.period.key, row.area_id, row.value) for row in table]
            [('FY2017Q2', 'himi', 1)]
        """
        kind = _grain(grain)
        tree = self._directory.areas
        targets: list[str] = []
        if level is not None:
            if type(level) is not str:
                raise InvalidValueError("IndicatorEngine.results", "level", level,
                                        "a level name (a string)")
            targets.extend(a.id for a in tree.at_level(level))
        if area_ids is not None:
            for a in _iterable("area_ids", area_ids):
                tree.get(a)
                if a not in targets:
                    targets.append(a)
        if level is None and area_ids is None:
            targets.append(tree.root.id)
        wanted = self._wanted(indicators)
        state = self._pass
        if periods is None:
            period_list = self._period_range(state, kind)
        else:
            period_list = [_period(p, kind) for p in _iterable("periods", periods)]
        # a composite compares each period with the one before it, selected or not, as long
        # as that one is within the record (before it, nothing is known)
        shown = frozenset(period_list)
        computed = list(period_list)
        first = None if state.span is None else state.span[0].replace(day=1)
        if any(isinstance(self._by_id[i].measure, Composite) for i in wanted):
            for p in period_list:
                before = previous_period(p)
                if before is not None and before not in shown and first is not None \
                        and before.end >= first:
                    computed.append(before)
        merged = roll_up(((ym, state.cells(ym)) for ym in sorted(state.months)), self._base,
                         tree, kind, frozenset(targets), frozenset(computed))
        cells = [(p, t, p in shown, merged.get((p, t))) for p in computed for t in targets]
        read = frozenset(dep for ind in self._derived for dep in ind.inputs)
        values: dict[tuple[str, Period, str], float | None] = {}
        rows: list[Row] = base_rows(
            ((ind, self._slot[ind.id]) for ind in self._indicators
             if ind.id in wanted and not ind.derived and kind in ind.grains),
            cells, read, values)
        rows += derived_rows([i for i in self._derived if i.id in wanted and kind in i.grains],
                             period_list, targets, first, values, self._population)
        shown_ids = frozenset(r.indicator for r in rows)
        table = v.unchecked(  # rows the engine just built
            ResultTable, rows=tuple(rows),
            definitions=tuple(i for i in self._indicators if i.id in shown_ids),
            areas=tuple(tree.get(t) for t in targets))
        table.__attrs_post_init__()
        return table

    def _wanted(self, indicators: Iterable[str | Indicator] | None) -> frozenset[str]:
        if indicators is None:
            return frozenset(self._by_id)
        wanted: set[str] = set()
        stack = [i.id if isinstance(i, Indicator) else i
                 for i in _iterable("indicators", indicators)]
        while stack:
            i = stack.pop()
            if not isinstance(i, str) or i not in self._by_id:
                raise UnknownReferenceError("IndicatorEngine", "indicators", i, self._by_id)
            if i not in wanted:
                wanted.add(i)
                stack.extend(self._by_id[i].inputs)
        return frozenset(wanted)

    @staticmethod
    def _period_range(state: _Pass, grain: PeriodKind) -> list[Period]:
        # the events' own dates, not the cells: a target set now for a far fiscal year fills a
        # cell then, but says nothing about the years in between
        if state.span is None:
            return []
        first, last = (month_index(d) for d in state.span)
        out: list[Period] = []
        for ym in range(first, last + 1):
            p = period_at(grain, ym)
            if not out or out[-1] != p:
                out.append(p)
        return out

    def _population(self, area_id: str) -> int | None:
        area = self._directory.areas.get(area_id)
        if area.parent_id is None and self._directory.population is not None:
            return self._directory.population
        return area.population


#: What folding one record of a history again costs when the engine brings its facts back to
#: a month, in events read: a late record is read again from its month only while the records
#: of the histories folded again, at this price, and the events from that month on cost less
#: than reading the whole record (on a simulated year, about 5 µs a record against 2 µs an
#: event; a late record ten days back in a one-year ledger folds again some 120,000 records of
#: the cases active since, and reads the whole record faster).
_REWIND_COST = 2.5


def _date(event: Event) -> dt.date:
    return event.date


def _resolve(indicators: Iterable[Indicator | str] | None) -> tuple[Indicator, ...]:
    """The engine's indicators: objects as given, ids taken from the catalogue (with the
    catalogue's indicators that derived ones read)."""
    from hokatsu.indicators.catalogue import BY_ID, CATALOGUE

    if indicators is None:
        return CATALOGUE
    out: dict[str, Indicator] = {}
    named: list[str] = []
    for ind in _iterable("indicators", indicators, "IndicatorEngine"):
        if isinstance(ind, Indicator):
            if out.setdefault(ind.id, ind) is not ind:
                raise InvalidValueError("IndicatorEngine", "indicators", ind.id, "unique ids")
        elif isinstance(ind, str):
            if ind not in BY_ID:
                raise UnknownReferenceError("IndicatorEngine", "indicators", ind, BY_ID)
            named.append(ind)
        else:
            raise InvalidValueError("IndicatorEngine", "indicators", type(ind).__name__,
                                    "Indicator objects or ids of the catalogue's")
    for i in named:  # in the order given, then what derived ones read (named grows)
        if i not in out:
            out[i] = BY_ID[i]
            named.extend(BY_ID[i].inputs)
    return tuple(out.values())


def _iterable(field: str, value: Any, obj: str = "IndicatorEngine.results") -> list[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidValueError(obj, field, type(value).__name__,
                                "an iterable (a list or tuple), not a single value")
    return list(value)


def _grain(grain: object) -> PeriodKind:
    if isinstance(grain, PeriodKind):
        return grain
    try:
        return PeriodKind(grain)  # type: ignore[arg-type]  # a wrong type is refused below
    except (ValueError, TypeError):
        raise InvalidValueError(
            "IndicatorEngine.results", "grain", grain,
            "a PeriodKind or one of 'fiscal_year', 'quarter', 'month'") from None


def _period(p: object, grain: PeriodKind) -> Period:
    if isinstance(p, str):
        try:
            p = parse_period(p)
        except HokatsuError:
            raise InvalidValueError("IndicatorEngine.results", "periods", p,
                                    "periods (FiscalYear, Quarter, Month) or their keys "
                                    "('FY2017', 'FY2017Q1', '2017-04')") from None
    if not isinstance(p, FiscalYear | Quarter | Month) or p.kind is not grain:
        raise InvalidValueError("IndicatorEngine.results", "periods", getattr(p, "key", p),
                                f"periods of the grain {grain.value}")
    return p


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
    indicators: Iterable[Indicator | str] | None = None,
    grain: PeriodKind | str = PeriodKind.FISCAL_YEAR,
    level: str | None = None,
    area_ids: Iterable[str] | None = None,
    periods: Iterable[Period | str] | None = None,
) -> ResultTable:
    """Compute indicators over a ledger in one pass (see :class:`IndicatorEngine`).

    Args:
        source: a ledger, or a view of one that starts at the beginning of the record.
        indicators: indicators or catalogue ids; default: the whole catalogue.
        grain: fiscal years (default), quarters or months.
        level: every area at this level of the area tree.
        area_ids: these areas (with *level*: those too); default: the whole municipality.
        periods: these periods (or their keys); default: all from the first to the last event.

    Returns:
        The frozen table of rows, as :meth:`IndicatorEngine.results` gives it.

    Raises:
        InvalidValueError: *source* is not a ledger or readable view, or an argument is of
            the wrong kind.
        UnknownReferenceError: an unknown indicator, level or area.
        LedgerError: an event refers to something no earlier event created.

    Examples:
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> table = compute(Ledger(himi(), himi_fy2017()), indicators=["4A5"], grain="quarter")
        >>> [(row.period.key, row.value) for row in table][:2]
        [('FY2017Q1', 0), ('FY2017Q2', 1)]
    """
    if not isinstance(source, Ledger | LedgerView):
        raise InvalidValueError("compute", "source", type(source).__name__,
                                "a Ledger or LedgerView")
    engine = IndicatorEngine(source.directory, indicators)
    engine.update(source)
    return engine.results(grain=grain, level=level, area_ids=area_ids, periods=periods)
