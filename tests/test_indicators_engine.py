"""Tests for hokatsu.indicators.engine: roll-up over the area tree, periods and grains,
incremental reading, determinism and serialisation of results, and errors."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu.calendar import FiscalYear, Month, Period, PeriodKind, Quarter
from hokatsu.convert import make_converter
from hokatsu.domain import Municipality
from hokatsu.errors import (
    CycleError,
    HokatsuError,
    InvalidValueError,
    LedgerError,
    UnknownReferenceError,
)
from hokatsu.events import (
    AgencyInterviewed,
    CaseClosed,
    CommunityExchangeHeld,
    Event,
    MeetingHeld,
    Outcome,
    ReferralAccepted,
    TrainingHeld,
)
from hokatsu.indicators import (
    BY_ID,
    CATALOGUE,
    Composite,
    Count,
    Distinct,
    Flag,
    Indicator,
    IndicatorEngine,
    IsZero,
    Latest,
    Mean,
    PerCapita,
    Ratio,
    ResultTable,
    Row,
    Scores,
    Sum,
    compute,
)
from hokatsu.indicators.model import CaseAttr, CaseLabels, Cases
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from tests.indicator_ledgers import FY15, FY16, FY17, Book, D
from tests.scenarios import city_sequences, event_sequences, generate
from tests.strategies import municipalities, scaled

ACTORS = frozenset({"himi-jichi"})
_ADDITIVE = (Count, Sum)


def _ledger(events: Sequence[Event], city: Municipality | None = None) -> Ledger:
    return Ledger(himi() if city is None else city, events)


# -- roll-up -----------------------------------------------------------------------------------


class TestRollUp:
    """Districts, blocks and the city agree."""

    def test_counts_add_up_with_events_at_every_level(self) -> None:
        """Counts at a block are its districts' plus what was recorded at the block; the
        city adds the blocks and its own."""
        b = Book()
        for area in ("himi-d01", "himi-d02", "himi-d07", "himi-b1", "himi", "himi-n001"):
            b.add(CommunityExchangeHeld, area_id=area, actor_ids=ACTORS)
        districts = b.table(level="district", periods=[FY16])
        blocks = b.table(level="block", periods=[FY16])
        city = b.table(periods=[FY16])
        assert districts.value("1A1", FY16, "himi-d01") == 2  # its own and its 自治会's
        assert districts.value("1A1", FY16, "himi-d02") == 1
        assert districts.value("1A1", FY16, "himi-d21") == 0
        assert blocks.value("1A1", FY16, "himi-b1") == 4
        assert blocks.value("1A1", FY16, "himi-b2") == 1
        assert city.value("1A1", FY16, "himi") == 6

    def test_levels_list_every_area(self) -> None:
        """level= gives a row per area of the level, in the tree's order."""
        b = Book()
        b.add(TrainingHeld, area_id="himi", participants=1)
        assert b.table(level="district").area_ids == tuple(f"himi-d{i:02d}"
                                                           for i in range(1, 22))
        assert b.table(level="block").area_ids == ("himi-b1", "himi-b2", "himi-b3", "himi-b4")
        assert b.table().area_ids == ("himi",)

    def test_level_and_area_ids_together(self) -> None:
        """level= and area_ids= combine without repeating an area."""
        b = Book()
        b.add(TrainingHeld, area_id="himi", participants=1)
        table = b.table(level="block", area_ids=["himi", "himi-b2", "himi-d03"])
        assert table.area_ids == ("himi-b1", "himi-b2", "himi-b3", "himi-b4", "himi",
                                  "himi-d03")

    def test_distinct_agency_counts_once_per_block(self) -> None:
        """An agency interviewed in two districts of one block counts once for the block
        and the city, once for each district."""
        b = Book()
        b.add(AgencyInterviewed, area_id="himi-d01", agency_id="himi-cgsc")
        b.add(AgencyInterviewed, area_id="himi-d02", agency_id="himi-cgsc")
        b.add(AgencyInterviewed, area_id="himi-d07", agency_id="himi-cgsc")
        b.add(AgencyInterviewed, area_id="himi-d07", agency_id="himi-child")
        assert [b.value("1A6", area=a) for a in ("himi-d01", "himi-d02", "himi-d07")] == [
            1, 1, 2]
        assert [b.value("1A6", area=a) for a in ("himi-b1", "himi-b2", "himi")] == [1, 2, 2]

    def test_distinct_meeting_agencies_roll_up(self) -> None:
        """With district meetings as 推進会議 sessions, an agency attending in two districts
        of a block counts once for the block (5A2), while sessions add up (5A1)."""
        city = himi()
        bodies = tuple(attrs.evolve(body, promotion=True) if body.id == "himi-district"
                       else body for body in city.bodies)
        b = Book(attrs.evolve(city, bodies=bodies))
        b.session("s1", "himi-district", "himi-d01", agencies={"himi-minsei", "himi-swc"})
        b.session("s2", "himi-district", "himi-d02", agencies={"himi-minsei"})
        b.session("s3", "himi-district", "himi-d08", agencies={"himi-minsei"})
        assert [b.value("5A2", area=a) for a in ("himi-d01", "himi-d02", "himi-b1", "himi")] == [
            2, 1, 2, 2]
        assert [b.value("5A1", area=a) for a in ("himi-d01", "himi-b1", "himi-b2", "himi")] == [
            1, 2, 1, 3]

    def test_cases_belong_to_their_household_area(self) -> None:
        """Per-case indicators count a case in its household's area and above, whatever
        agency handles it."""
        b = Book()
        b.case("c1", area="himi-d01", agency="himi-child")
        b.assess("c1", "himi-cgsc")
        b.case("c2", area="himi-d07", agency="himi-child")
        b.assess("c2", "himi-cgsc")
        assert [b.value("2A2", area=a) for a in ("himi-d01", "himi-d07", "himi-b1", "himi")] == [
            1, 1, 1, 2]


def _own_variants(ind: Indicator, level_of: Callable[[str], str], level: str,
                  area_of: dict[str, str]) -> Indicator | None:
    """A copy of *ind* that reads only events recorded at an area of *level* exactly."""
    m = ind.measure
    if isinstance(m, Cases):
        inner = m.where
        return attrs.evolve(ind, measure=Cases(
            lambda c, inner=inner: (inner is None or inner(c)) and level_of(c.area_id) == level))
    if isinstance(m, CaseLabels):
        return attrs.evolve(ind, measure=Cases(lambda c: level_of(c.area_id) == level),
                            groups=())
    if ind.derived or not isinstance(m, Count | Sum | Distinct | Ratio | Mean | Scores | Flag):
        return None
    if isinstance(m, Flag) and m.absent:
        return None
    inner_where = ind.where
    return attrs.evolve(ind, where=lambda e, ctx, w=inner_where: (
        (w is None or w(e, ctx)) and level_of(area_of[e.id]) == level))


Index = dict[tuple[str, Period, str], dict[str | None, Row]]


def _index(table: ResultTable) -> Index:
    """The rows of *table* by indicator, period and area, then by group."""
    out: Index = {}
    for r in table:
        out.setdefault((r.indicator, r.period, r.area_id), {})[r.group] = r
    return out


def _check_parent(ind: Indicator, parent: dict[str | None, Row],
                  parts: list[dict[str | None, Row]]) -> None:
    """Check one parent area's rows against its children's and its own rows (the last)."""
    m = ind.measure
    where = f"{ind.id} at {next(iter(parent.values())).area_id}"
    if isinstance(m, _ADDITIVE):
        for group in set(parent).union(*parts):
            total = sum((p[group].value or 0) if group in p else 0 for p in parts)
            assert (parent[group].value if group in parent else 0) == total, (where, group)
    elif isinstance(m, Flag):
        assert parent[None].value == max(p[None].value for p in parts), where
    elif isinstance(m, Distinct):
        value = parent[None].value
        assert value <= sum(p[None].value for p in parts), where
        assert all(value >= p[None].value for p in parts), where
    elif isinstance(m, Cases | CaseLabels):
        assert parent[None].value == sum(p[None].value for p in parts), where
    elif isinstance(m, Ratio | Mean):
        for attr in ("numerator", "denominator"):
            got = getattr(parent[None], attr) or 0
            assert got == pytest.approx(sum(getattr(p[None], attr) or 0 for p in parts)), where
    elif isinstance(m, Scores):
        assert parent[None].respondents == sum(p[None].respondents for p in parts), where


def _check_roll_up(city: Municipality, events: list[Event],
                   parent_levels: Sequence[str] | None = None) -> int:
    """Check every parent area (of *parent_levels*, default all) against its children and
    its own events; return the number of checks made."""
    ledger = Ledger(city, events)
    tree = city.areas
    area_of = dict(zip((e.id for e in ledger.events), ledger.areas, strict=True))

    def level_of(area_id: str) -> str:
        return tree.get(area_id).level

    levels = tree.levels if parent_levels is None else tuple(parent_levels)
    parents = [a for a in tree if a.level in levels and tree.children(a.id)]
    wanted = {a.id for p in parents for a in (p, *tree.children(p.id))}
    engine = IndicatorEngine(city)
    engine.update(ledger)
    whole = engine.results(area_ids=[a.id for a in tree if a.id in wanted])
    own: dict[str, ResultTable] = {}
    variants: dict[str, dict[str, Indicator]] = {}
    for level in levels:
        copies = {ind.id: _own_variants(ind, level_of, level, area_of) for ind in CATALOGUE}
        variants[level] = {k: v for k, v in copies.items() if v is not None}
        own_engine = IndicatorEngine(city, variants[level].values())
        own_engine.update(ledger)
        own[level] = own_engine.results(
            area_ids=[a.id for a in tree if a.level == level], periods=whole.periods)
    rows = _index(whole)
    own_rows = {level: _index(table) for level, table in own.items()}
    checks = 0
    for period in whole.periods:
        for area in parents:
            children = tree.children(area.id)
            for ind in CATALOGUE:
                if ind.id not in variants[area.level]:
                    continue
                parts = [rows[(ind.id, period, c.id)] for c in children]
                parts.append(own_rows[area.level][(ind.id, period, area.id)])
                _check_parent(ind, rows[(ind.id, period, area.id)], parts)
                checks += 1
    return checks


class TestRollUpProperties:
    """Roll-up invariants over generated valid ledgers."""

    @scaled(0.2)
    @given(event_sequences(min_events=60, max_events=250))
    def test_himi(self, events: list[Event]) -> None:
        """For 氷見市's city and blocks: counts and sums at a parent are its children's plus
        its own; distinct counts lie between the largest part and the sum of the parts;
        per-case counts, rates' and means' terms and respondents add up."""
        assert _check_roll_up(himi(), events, ("city", "block")) > 0

    @scaled(0.2)
    @given(city_sequences(municipalities(), min_events=20, max_events=120))
    def test_any_municipality(self, drawn: tuple[Municipality, list[Event]]) -> None:
        """The same invariants hold for any municipality's area tree."""
        city, events = drawn
        _check_roll_up(city, events)

    def test_checks_cover_every_measure(self) -> None:
        """The property checks reach every kind of base measure of the catalogue."""
        kinds = {type(ind.measure) for ind in CATALOGUE if not ind.derived}
        assert kinds == {Count, Sum, Distinct, Flag, Scores, Mean, Ratio, Cases, CaseLabels}


# -- periods -----------------------------------------------------------------------------------


class TestPeriods:
    """Fiscal years, quarters, months and the selection of periods."""

    def _dated(self, *days: dt.date) -> Book:
        b = Book(day=days[0])
        for day in days:
            b.add(TrainingHeld, on=day, area_id="himi", participants=1)
        return b

    def test_fiscal_year_boundaries(self) -> None:
        """31 March belongs to the fiscal year before, 1 April to the new one."""
        b = self._dated(D(2016, 3, 31), D(2016, 4, 1), D(2017, 3, 31), D(2017, 4, 1))
        table = b.table()
        assert table.periods == (FY15, FY16, FY17)
        assert [table.value("4A5", p, "himi") for p in table.periods] == [1, 2, 1]

    def test_quarters(self) -> None:
        """Quarters run April–June … January–March of the fiscal year."""
        b = self._dated(D(2016, 6, 30), D(2016, 7, 1), D(2016, 12, 31), D(2017, 1, 1),
                        D(2017, 3, 31))
        table = b.table(grain=PeriodKind.QUARTER)
        assert table.periods == tuple(Quarter(2016, n) for n in (1, 2, 3, 4))
        assert [table.value("4A5", p, "himi") for p in table.periods] == [1, 1, 1, 2]

    def test_months_include_empty_months(self) -> None:
        """Month rows run from the first event's month to the last one's, empty ones too."""
        b = self._dated(D(2016, 11, 30), D(2017, 2, 1))
        table = b.table(grain=PeriodKind.MONTH)
        assert table.periods == (Month(2016, 11), Month(2016, 12), Month(2017, 1),
                                 Month(2017, 2))
        assert [table.value("4A5", p, "himi") for p in table.periods] == [1, 0, 0, 1]

    def test_empty_years_between(self) -> None:
        """A fiscal year without events between two with events has zero rows."""
        b = self._dated(D(2015, 5, 1), D(2017, 5, 1))
        table = b.table()
        assert table.periods == (FY15, FY16, FY17)
        assert table.value("4A5", FY16, "himi") == 0
        assert table.value("4A6", FY16, "himi") == 0

    def test_period_selection(self) -> None:
        """periods= gives only those periods, in the order given, events or not."""
        b = self._dated(D(2015, 5, 1), D(2016, 5, 1), D(2017, 5, 1))
        table = b.table(periods=[FY17, FiscalYear(2020), FY15])
        assert {r.period for r in table} == {FY17, FiscalYear(2020), FY15}
        assert [r.period for r in table.select(indicators=["4A5"])] == [
            FY17, FiscalYear(2020), FY15]
        assert table.value("4A5", FiscalYear(2020), "himi") == 0

    def test_period_of_another_grain_is_refused(self) -> None:
        """A period of another grain than the one asked for is an InvalidValueError."""
        b = self._dated(D(2016, 5, 1))
        with pytest.raises(InvalidValueError, match="periods"):
            b.table(periods=[Month(2016, 5)])
        with pytest.raises(InvalidValueError, match="periods"):
            b.table(grain=PeriodKind.MONTH, periods=[FY16])

    def test_no_events_no_periods(self) -> None:
        """An empty ledger gives an empty table by default, zero rows for chosen periods."""
        empty = Ledger(himi())
        assert len(compute(empty)) == 0
        table = compute(empty, periods=[FY16])
        assert table.value("1A1", FY16, "himi") == 0
        assert table.value("4O2", FY16, "himi") is None

    @scaled(0.2)
    @given(event_sequences(min_events=60, max_events=250))
    def test_months_and_quarters_add_up_to_the_year(self, events: list[Event]) -> None:
        """For every count and sum, a fiscal year's 12 months and its 4 quarters add up to
        the year, at the city and at each block."""
        ledger = _ledger(events)
        engine = IndicatorEngine(himi())
        engine.update(ledger)
        years = engine.results(level="block", area_ids=["himi"])
        assert years.periods
        for year in years.periods:
            assert isinstance(year, FiscalYear)
            months = engine.results(grain=PeriodKind.MONTH, periods=year.months(),
                                    level="block", area_ids=["himi"])
            quarters = engine.results(grain=PeriodKind.QUARTER, periods=year.quarters(),
                                      level="block", area_ids=["himi"])
            for ind in CATALOGUE:
                if not isinstance(ind.measure, _ADDITIVE) or ind.when is not None:
                    continue
                for area in years.area_ids:
                    for table, parts in ((months, year.months()), (quarters, year.quarters())):
                        for group in (None, *years.groups(ind.id)):
                            total = sum(_or_zero(table, ind.id, p, area, group) for p in parts)
                            assert total == _or_zero(years, ind.id, year, area, group), (
                                ind.id, year, area, group)

    def test_indicator_selection_brings_inputs(self) -> None:
        """indicators= keeps those indicators and what derived ones need."""
        b = self._dated(D(2016, 5, 1))
        engine = IndicatorEngine(himi())
        engine.update(b.ledger)
        table = engine.results(indicators=["no_multi_agency_cases", "4A5"])
        assert set(table.indicators) == {"no_multi_agency_cases", "2A2", "4A5"}
        five = engine.results(indicators=["5O4"])
        assert set(five.indicators) == {"5O4", *BY_ID["5O4"].inputs}

    def test_unknown_references(self) -> None:
        """An unknown level, area or indicator is an UnknownReferenceError."""
        b = self._dated(D(2016, 5, 1))
        engine = IndicatorEngine(himi())
        engine.update(b.ledger)
        with pytest.raises(UnknownReferenceError):
            engine.results(level="ward")
        with pytest.raises(UnknownReferenceError):
            engine.results(area_ids=["himi-d99"])
        with pytest.raises(UnknownReferenceError, match="9Z9"):
            engine.results(indicators=["9Z9"])


def _or_zero(table: ResultTable, indicator: str, period: Period, area: str,
             group: str | None) -> float:
    try:
        return table.value(indicator, period, area, group) or 0
    except UnknownReferenceError:
        return 0


# -- incremental reading -----------------------------------------------------------------------


def _cuts(n: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, n), max_size=6).map(lambda xs: sorted({0, n, *xs}))


class TestIncremental:
    """Reading a growing ledger in several updates."""

    @scaled(0.2)
    @given(st.data())
    def test_chunks_equal_one_pass(self, data: st.DataObject) -> None:
        """Updates as the ledger grows give, after each, exactly what one engine reading
        the ledger so far in one pass gives; update returns how many events it read."""
        events = data.draw(event_sequences(min_events=40, max_events=220))
        cuts = data.draw(_cuts(len(events)))
        city = himi()
        ledger = Ledger(city)
        engine = IndicatorEngine(city)
        assert engine.update(ledger) == 0
        for lo, hi in itertools.pairwise(cuts):
            ledger.extend(events[lo:hi])
            assert engine.update(ledger) == hi - lo
            assert engine.events_read == hi
            once = IndicatorEngine(city)
            once.update(_ledger(events[:hi]))
            for grain in (PeriodKind.FISCAL_YEAR, PeriodKind.MONTH):
                assert engine.results(grain=grain, level="block") == once.results(
                    grain=grain, level="block")
        assert engine.results(level="district") == compute(ledger, level="district")

    def test_month_being_read_is_revised(self) -> None:
        """Per-case measures of the month still being read take the cases as they stand when
        results are asked for; asking changes nothing, and events later in that month revise
        them."""
        still_open = Indicator(id="still_open", name="対応中の事例",
                               measure=Cases(CaseAttr("is_open")))
        b = Book()
        b.case("c1", on=D(2016, 6, 1))
        b.case("c2", on=D(2016, 6, 2))
        engine = IndicatorEngine(b.city, [still_open])
        engine.update(b.ledger)
        june = Month(2016, 6)
        first = engine.results(grain=PeriodKind.MONTH, periods=[june])
        assert first.value("still_open", june, "himi") == 2
        assert engine.results(grain=PeriodKind.MONTH, periods=[june]) == first
        b.add(CaseClosed, on=D(2016, 6, 20), case_id="c2", outcome=Outcome.RESOLVED)
        engine.update(b.ledger)
        assert engine.results(grain=PeriodKind.MONTH, periods=[june]).value(
            "still_open", june, "himi") == 1
        b.add(CaseClosed, on=D(2016, 7, 4), case_id="c1", outcome=Outcome.RESOLVED)
        engine.update(b.ledger)  # June is over: c1 stays counted there, open at its end
        july = Month(2016, 7)
        table = engine.results(grain=PeriodKind.MONTH, periods=[june, july])
        assert table.value("still_open", june, "himi") == 1
        assert table.value("still_open", july, "himi") == 0

    def test_update_reads_only_new_events(self) -> None:
        """A second update without appends reads nothing and changes nothing."""
        ledger = _ledger(generate(himi(), seed=4, n_events=80))
        engine = IndicatorEngine(himi())
        assert engine.update(ledger) == 80
        before = engine.results()
        assert engine.update(ledger) == 0
        assert engine.events_read == 80
        assert engine.results() == before

    def test_view_read_once(self) -> None:
        """A view is read whole by a fresh engine; a second read is refused."""
        ledger = _ledger(generate(himi(), seed=5, n_events=60))
        view = ledger.select()
        engine = IndicatorEngine(himi())
        assert engine.update(view) == 60
        assert engine.events_read == 60
        assert engine.results() == compute(ledger)
        with pytest.raises(InvalidValueError):
            engine.update(view)
        with pytest.raises(InvalidValueError):
            engine.update(ledger)

    def test_empty_view_reads_nothing(self) -> None:
        """An empty view reads no events, and the engine says so."""
        ledger = _ledger(generate(himi(), seed=5, n_events=30))
        engine = IndicatorEngine(himi())
        assert engine.update(ledger.select(end=D(2000, 1, 1))) == 0
        assert engine.events_read == 0

    def test_view_starting_mid_record_is_refused(self) -> None:
        """A view that starts after the record began is refused before anything is read."""
        b = Book()
        b.case("c1", on=D(2016, 5, 1))
        b.add(CaseClosed, on=D(2016, 8, 1), case_id="c1", outcome=Outcome.RESOLVED)
        engine = IndicatorEngine(himi())
        with pytest.raises(InvalidValueError, match="beginning of the record"):
            engine.update(b.ledger.select(start=D(2016, 7, 1)))
        assert engine.events_read == 0

    def test_view_of_a_referral_without_its_request_is_refused(self) -> None:
        """A view keeping some kinds of event only (an acceptance without its request) is
        refused."""
        b = Book()
        b.case("c1", on=D(2016, 5, 1))
        b.refer("r1", "c1", "himi-cgsc")
        b.accept("r1", "himi-cgsc", on=D(2016, 6, 1))
        with pytest.raises(InvalidValueError, match="every kind of event"):
            compute(b.ledger.select(types=[ReferralAccepted]))

    def test_view_of_one_area_from_the_start(self) -> None:
        """A view of one block's events from the beginning reads like that block's rows."""
        b = Book()
        b.add(CommunityExchangeHeld, area_id="himi-d01", actor_ids=ACTORS)
        b.add(CommunityExchangeHeld, area_id="himi-d08", actor_ids=ACTORS)
        b.case("c1", area="himi-d02", agency="himi-child")
        b.assess("c1", "himi-cgsc")
        view = compute(b.ledger.select(area_id="himi-b1"))
        whole = b.table(level="block")
        assert view.value("1A1", FY16, "himi") == whole.value("1A1", FY16, "himi-b1") == 1
        assert view.value("2A2", FY16, "himi") == whole.value("2A2", FY16, "himi-b1") == 1

    def test_following_another_ledger_is_refused(self) -> None:
        """An engine follows one ledger; another ledger, even of the same city, is refused."""
        engine = IndicatorEngine(himi())
        first = _ledger(generate(himi(), seed=1, n_events=10))
        engine.update(first)
        with pytest.raises(InvalidValueError, match="another ledger"):
            engine.update(_ledger(generate(himi(), seed=1, n_events=10)))

    def test_ledger_of_another_municipality_is_refused(self) -> None:
        """An engine built for one municipality refuses another's ledger."""
        from tests.indicator_ledgers import promotion_city

        engine = IndicatorEngine(himi())
        with pytest.raises(InvalidValueError, match="himi"):
            engine.update(Ledger(promotion_city("x")))

    def test_not_a_source(self) -> None:
        """Anything but a ledger or a view is an InvalidValueError."""
        engine = IndicatorEngine(himi())
        with pytest.raises(InvalidValueError):
            engine.update(list(generate(himi(), seed=1, n_events=3)))  # type: ignore[arg-type]

    def test_not_a_directory(self) -> None:
        """The engine needs a Municipality."""
        with pytest.raises(InvalidValueError):
            IndicatorEngine("himi")  # type: ignore[arg-type]


# -- determinism and serialisation -------------------------------------------------------------


class TestDeterminism:
    """The same ledger gives the same results, which survive JSON."""

    @scaled(0.2)
    @given(event_sequences(min_events=30, max_events=200))
    def test_same_ledger_same_table(self, events: list[Event]) -> None:
        """Two computations over one ledger, and two results() of one engine, are equal."""
        ledger = _ledger(events)
        assert compute(ledger, level="district") == compute(ledger, level="district")
        engine = IndicatorEngine(himi())
        engine.update(ledger)
        assert engine.results(grain=PeriodKind.QUARTER) == engine.results(
            grain=PeriodKind.QUARTER)
        assert engine.results() == compute(ledger)

    @scaled(0.2)
    @given(event_sequences(min_events=30, max_events=200))
    def test_json_round_trip(self, events: list[Event]) -> None:
        """A ResultTable survives make_converter() and JSON unchanged."""
        conv = make_converter()
        table = compute(_ledger(events), level="block", area_ids=["himi"])
        text = json.dumps(conv.unstructure(table), ensure_ascii=False)
        back = conv.structure(json.loads(text), ResultTable)
        assert back == table
        assert back.rows == table.rows
        if table.rows:
            first = table.rows[0]
            assert back.row(first.indicator, first.period, first.area_id, first.group) == first

    def test_round_trip_keeps_every_row_shape(self) -> None:
        """Scores with distributions, groups, ratios and 5O4's movements all round-trip."""
        from hokatsu.events import EvaluationCollected, EvaluationTopic

        b = Book()
        b.add(EvaluationCollected, area_id="himi", topic=EvaluationTopic.MEETING_EFFECT,
              counts=(1, 2, 3))
        b.session("s1", "himi-core")
        b.add(TrainingHeld, on=D(2017, 5, 1), area_id="himi", participants=3)
        table = b.table()
        conv = make_converter()
        data = conv.unstructure(table)
        assert data["rows"][0]["period"] == "FY2016"
        back = conv.structure(json.loads(json.dumps(data)), ResultTable)
        assert back == table
        assert back.row("5O1", FY16, "himi").distribution == (1, 2, 3)
        assert back.row("5O4", FY17, "himi").movements == table.row(
            "5O4", FY17, "himi").movements
        assert back.row("5A1", FY16, "himi", "plenary").value == 1

    def test_bad_table_data_is_a_hokatsu_error(self) -> None:
        """Structuring junk into a ResultTable raises a hokatsu error."""
        conv = make_converter()
        with pytest.raises(HokatsuError):
            conv.structure({"rows": [{"indicator": "1A1", "period": "2016年"}]}, ResultTable)


# -- result tables -----------------------------------------------------------------------------


class TestResultTable:
    """Look-ups on a ResultTable."""

    def test_row_lookup_errors(self) -> None:
        """A missing row is an UnknownReferenceError naming the row and the indicators present."""
        b = Book()
        b.add(TrainingHeld, area_id="himi", participants=3)
        table = b.table(periods=[FY16])
        with pytest.raises(UnknownReferenceError, match=r"9Z9.*known ids: 1A1"):
            table.row("9Z9", FY16, "himi")
        with pytest.raises(UnknownReferenceError):
            table.row("4A5", FY17, "himi")
        with pytest.raises(UnknownReferenceError):
            table.row("4A5", FY16, "himi", "plenary")

    def test_select(self) -> None:
        """select() filters by indicator, period and area, and drops groups on request."""
        b = Book()
        b.session("s1", "himi-core")
        b.add(TrainingHeld, on=D(2017, 5, 1), area_id="himi-d01", participants=3)
        table = b.table(level="block", area_ids=["himi"])
        picked = table.select(indicators=["5A1"], periods=[FY16], area_ids=["himi"])
        assert [(r.group, r.value) for r in picked] == [
            (None, 1), ("plenary", 1), ("subcommittee", 0)]
        assert [r.group for r in picked.select(groups=False)] == [None]
        assert table.select(indicators=["4A5"], periods=[FY17], area_ids=["himi-b1"]).rows[
            0].value == 1
        assert len(table.select(indicators=[])) == 0

    def test_rows_ordered_by_indicator_period_area(self) -> None:
        """Rows come indicator by indicator in catalogue order, then period, then area."""
        b = Book()
        b.add(TrainingHeld, on=D(2016, 5, 1), area_id="himi", participants=3)
        b.add(TrainingHeld, on=D(2017, 5, 1), area_id="himi", participants=3)
        table = b.table(level="block")
        base = [i.id for i in CATALOGUE if not i.derived]
        assert list(table.indicators)[:len(base)] == base
        rows = table.select(indicators=["4A5"]).rows
        assert [(r.period, r.area_id) for r in rows] == [
            (p, a) for p in (FY16, FY17) for a in ("himi-b1", "himi-b2", "himi-b3", "himi-b4")]


# -- user-defined indicators -------------------------------------------------------------------


def _trainings(*sizes: int, titles: Sequence[str | None] = ()) -> Book:
    b = Book(day=D(2016, 5, 1))
    titles = list(titles) or [None] * len(sizes)
    for size, title in zip(sizes, titles, strict=True):
        b.add(TrainingHeld, area_id="himi-d01", participants=size, title=title)
    return b


class TestUserIndicators:
    """Users define indicators through the typed API (the issue's requirement)."""

    def test_count_with_where_and_group(self) -> None:
        """A Count keeps the events where says, grouped by the label group returns."""
        big = Indicator(id="big_trainings", name="参加者30人以上の研修", events=(TrainingHeld,),
                        where=lambda e, ctx: e.participants >= 30, measure=Count(),
                        group=lambda e, ctx: e.title, unit="回")
        b = _trainings(31, 40, 5, 30, titles=["虐待", "虐待", "虐待", None])
        table = b.table([big], periods=[FY16])
        assert table.value("big_trainings", FY16, "himi") == 3
        assert table.groups("big_trainings") == ("虐待",)
        assert table.value("big_trainings", FY16, "himi", "虐待") == 2

    def test_group_labels_written_as_strings(self) -> None:
        """Group labels are written with str(): enum members as their values, numbers as
        digits."""
        size = Indicator(id="size", name="規模別", events=(TrainingHeld,), measure=Count(),
                         group=lambda e, ctx: e.participants // 10 * 10)
        table = _trainings(5, 12, 17).table([size], periods=[FY16])
        assert table.groups("size") == ("0", "10")
        assert table.value("size", FY16, "himi", "10") == 2

    def test_sum(self) -> None:
        """A Sum adds a number read from each event."""
        total = Indicator(id="people", name="参加者", events=(TrainingHeld,),
                          measure=Sum(lambda e, ctx: e.participants))
        assert _trainings(3, 4, 5).value("people", indicators=[total]) == 12

    def test_distinct_many(self) -> None:
        """Distinct(many=True) counts the distinct keys of all events."""
        b = Book()
        for agencies in ({"himi-swc", "himi-cgsc"}, {"himi-cgsc"}, {"himi-child"}):
            b.session(f"s{len(agencies)}{sorted(agencies)[0]}", "himi-regular",
                      agencies=agencies)
        attending = Indicator(id="attending", name="参加機関", events=(MeetingHeld,),
                              measure=Distinct(lambda e, ctx: e.agency_ids, many=True))
        assert b.value("attending", indicators=[attending]) == 3

    def test_mean(self) -> None:
        """A Mean averages a number per event, skipping None readings; None without any."""
        mean = Indicator(id="mean", name="平均", events=(TrainingHeld,),
                         measure=Mean(lambda e, ctx: e.participants if e.title else None))
        b = _trainings(10, 20, 99, titles=["a", "b", None])
        row = b.table([mean], periods=[FY16, FY17]).row("mean", FY16, "himi")
        assert (row.value, row.numerator, row.denominator) == (15, 30, 2)
        assert b.table([mean], periods=[FY17]).value("mean", FY17, "himi") is None

    def test_ratio(self) -> None:
        """A Ratio divides the events matching its numerator by those matching its
        denominator."""
        share = Indicator(id="share", name="大規模研修の割合", events=(TrainingHeld,),
                          measure=Ratio(lambda e, ctx: e.participants >= 30,
                                        lambda e, ctx: True))
        row = _trainings(31, 5, 40, 2).table([share], periods=[FY16]).row("share", FY16,
                                                                         "himi")
        assert (row.value, row.numerator, row.denominator) == (0.5, 2, 4)

    def test_latest(self) -> None:
        """Latest keeps each key's latest value: the total counts keys, groups their
        shares."""
        latest = Indicator(id="latest", name="最新", events=(TrainingHeld,),
                           measure=Latest(lambda e, ctx: e.area_id, lambda e, ctx: e.title))
        b = _trainings(1, 1, titles=["旧", "新"])
        b.add(TrainingHeld, area_id="himi-d02", participants=1, title="旧")
        b.add(TrainingHeld, area_id="himi-d03", participants=1)
        table = b.table([latest], periods=[FY16])
        assert table.value("latest", FY16, "himi") == 3
        assert table.groups("latest") == ("新", "旧")
        assert table.value("latest", FY16, "himi", "新") == pytest.approx(1 / 3)

    def test_latest_across_areas_within_a_month(self) -> None:
        """At the city, the latest value of a key is the one recorded last, whichever
        district recorded it."""
        latest = Indicator(id="latest", name="最新", events=(TrainingHeld,),
                           measure=Latest(lambda e, ctx: "all", lambda e, ctx: e.title))
        b = Book(day=D(2016, 5, 1))
        b.add(TrainingHeld, area_id="himi-d02", participants=1, title="最初")
        b.add(TrainingHeld, on=D(2016, 5, 5), area_id="himi-d01", participants=1, title="中")
        b.add(TrainingHeld, on=D(2016, 5, 20), area_id="himi-d02", participants=1, title="最後")
        assert b.table([latest], periods=[FY16]).groups("latest") == ("最後",)

    def test_latest_with_group_is_refused(self) -> None:
        """A Latest's groups are its values, so group= is refused, naming the indicator."""
        with pytest.raises(InvalidValueError, match="'latest'"):
            Indicator(id="latest", name="最新", events=(TrainingHeld,),
                      measure=Latest(lambda e, ctx: e.id, lambda e, ctx: e.title),
                      group=lambda e, ctx: e.area_id)

    def test_cases_and_case_labels(self) -> None:
        """Cases counts cases handled whose state matches; CaseLabels labels each case."""
        open_cases = Indicator(id="still_open", name="対応中の事例", measure=Cases(
            lambda c: c.is_open and c.plans == 0))
        status = Indicator(id="status", name="状態", measure=CaseLabels(
            lambda c: "open" if c.is_open else "closed"))
        b = Book()
        b.case("c1")
        b.case("c2")
        b.add(CaseClosed, on=D(2016, 7, 1), case_id="c2", outcome=Outcome.RESOLVED)
        table = b.table([open_cases, status], periods=[FY16])
        assert table.value("still_open", FY16, "himi") == 2  # c2 was open at its opening
        assert table.value("status", FY16, "himi") == 2
        assert table.value("status", FY16, "himi", "closed") == 0.5
        assert table.value("status", FY16, "himi", "open") == 0.5

    def test_context_in_filters(self) -> None:
        """where and key functions read the engine's context (cases, sessions …)."""
        closed_multi = Indicator(
            id="closed_multi", name="複数分野で対応し終結した事例", events=(CaseClosed,),
            measure=Distinct(lambda e, ctx: e.case_id),
            where=lambda e, ctx: ctx.case(e.case_id).multi_field)
        b = Book()
        b.case("c1", agency="himi-child")
        b.assess("c1", "himi-cgsc")
        b.case("c2", agency="himi-child")
        for c in ("c1", "c2"):
            b.add(CaseClosed, case_id=c, outcome=Outcome.CONNECTED)
        assert b.value("closed_multi", indicators=[closed_multi]) == 1

    def test_when_places_events(self) -> None:
        """when= places an event in the period of the date it returns."""
        from hokatsu.events import NextYearPlanAdopted

        planned = Indicator(id="planned_for", name="計画対象年度", events=(NextYearPlanAdopted,),
                            measure=Count(), when=lambda e: FiscalYear(e.fiscal_year).start)
        b = Book(day=D(2016, 5, 1))
        b.add(NextYearPlanAdopted, area_id="himi", fiscal_year=2017)
        table = b.table([planned], periods=[FY16, FY17])
        assert table.value("planned_for", FY16, "himi") == 0
        assert table.value("planned_for", FY17, "himi") == 1
        # the default periods follow the events' own dates, not the dates `when` gives
        assert b.table([planned]).periods == (FY16,)

    def test_flag_absent(self) -> None:
        """Flag(absent=True) is 1 in a period with no matching event."""
        none = Indicator(id="no_big", name="大規模研修なし", events=(TrainingHeld,),
                         measure=Flag(absent=True), where=lambda e, ctx: e.participants >= 30)
        assert _trainings(5, 10).value("no_big", indicators=[none]) == 1
        assert _trainings(5, 30).value("no_big", indicators=[none]) == 0

    def test_derived_over_user_indicators(self) -> None:
        """PerCapita, IsZero and Composite read user indicators like catalogue ones."""
        base = Indicator(id="n", name="研修", events=(TrainingHeld,), measure=Count())
        rate = Indicator(id="rate", name="研修率", measure=PerCapita("n", per=1_000))
        zero = Indicator(id="none", name="研修なし", measure=IsZero("n"))
        moved = Indicator(id="moved", name="変化", measure=Composite(("n",)))
        b = _trainings(5, 10)
        b.add(TrainingHeld, on=D(2017, 5, 1), area_id="himi", participants=1)
        table = b.table([base, rate, zero, moved], periods=[FY16, FY17])
        assert table.value("rate", FY16, "himi") == pytest.approx(2 / (47_992 / 1_000 * 12))
        assert table.value("none", FY16, "himi") == 0
        b.add(TrainingHeld, on=D(2018, 5, 1), area_id="himi", participants=1)
        assert b.table([base, zero], periods=[FiscalYear(2019)]).value(
            "none", FiscalYear(2019), "himi") == 1
        (move,) = table.row("moved", FY17, "himi").movements
        assert (move.previous, move.current, move.direction) == (2, 1, -1)

    def test_derived_over_derived_in_any_order(self) -> None:
        """A derived indicator may read another derived one declared after it."""
        base = Indicator(id="n", name="研修", events=(TrainingHeld,), measure=Count())
        rate = Indicator(id="rate", name="研修率", measure=PerCapita("n"))
        zero = Indicator(id="zero_rate", name="研修率ゼロ", measure=IsZero("rate"))
        table = _trainings(5).table([zero, rate, base], periods=[FY16])
        assert table.value("rate", FY16, "himi") == pytest.approx(1 / (47_992 / 100_000 * 12))
        assert table.value("zero_rate", FY16, "himi") == 0

    def test_user_function_errors_are_not_blamed_on_the_ledger(self) -> None:
        """A KeyError raised by a user's own filter is not reported as a ledger read from the
        middle."""
        titles: dict[str, bool] = {}
        broken = Indicator(id="broken", name="壊れた", events=(TrainingHeld,), measure=Count(),
                           where=lambda e, ctx: titles[e.title])
        b = _trainings(3, titles=["研修"])
        with pytest.raises(KeyError, match="研修") as info:  # the user's own error, as raised
            b.table([broken])
        assert not isinstance(info.value, LedgerError)

    def test_user_indicators_alongside_the_catalogue(self) -> None:
        """User indicators can be computed together with the catalogue."""
        mine = Indicator(id="mine", name="自前", events=(TrainingHeld,), measure=Count())
        table = _trainings(5).table([*CATALOGUE, mine], periods=[FY16])
        assert table.value("mine", FY16, "himi") == table.value("4A5", FY16, "himi") == 1

    def test_measures_importable_from_the_package(self) -> None:
        """Every measure a user needs is exported by hokatsu.indicators."""
        import hokatsu.indicators as package
        from hokatsu.indicators import model

        for name in ("Count", "Sum", "Distinct", "Flag", "Scores", "Mean", "Ratio", "Latest",
                     "Cases", "CaseLabels", "PerCapita", "Composite", "IsZero"):
            assert getattr(package, name) is getattr(model, name), name
            assert name in package.__all__, name


class TestUserIndicatorErrors:
    """Mistakes in user indicators are hokatsu errors naming the indicator."""

    def test_derived_with_events(self) -> None:
        """A derived measure names no events."""
        with pytest.raises(InvalidValueError, match="'rate'"):
            Indicator(id="rate", name="率", events=(TrainingHeld,), measure=PerCapita("n"))

    def test_derived_with_where(self) -> None:
        """A derived measure takes no where, group or when."""
        with pytest.raises(InvalidValueError, match="'zero'"):
            Indicator(id="zero", name="ゼロ", measure=IsZero("n"), where=lambda e, c: True)

    @pytest.mark.parametrize("extra", [
        {"events": (CaseClosed,)},
        {"where": lambda e, ctx: True},
        {"group": lambda e, ctx: "x"},
        {"when": lambda e: e.date},
    ])
    def test_case_measure_with_events_or_filters(self, extra: dict[str, Any]) -> None:
        """A per-case measure reads every case event: no events, where, group or when."""
        with pytest.raises(InvalidValueError, match="'per_case'"):
            Indicator(id="per_case", name="事例", measure=Cases(), **extra)
        with pytest.raises(InvalidValueError, match="'per_case'"):
            Indicator(id="per_case", name="事例", measure=CaseLabels(lambda c: None), **extra)

    def test_event_measure_without_events(self) -> None:
        """An event measure needs at least one event class."""
        with pytest.raises(InvalidValueError, match="'empty'"):
            Indicator(id="empty", name="空", measure=Count())

    def test_events_must_be_event_classes(self) -> None:
        """events holds Event subclasses only."""
        bad: Any = str
        with pytest.raises(HokatsuError):
            Indicator(id="bad", name="悪い", events=(bad,), measure=Count())
        bad = "count"
        with pytest.raises(HokatsuError):
            Indicator(id="bad", name="悪い", events=(TrainingHeld,), measure=bad)
        bad = "participants > 30"
        with pytest.raises(HokatsuError):
            Indicator(id="bad", name="悪い", events=(TrainingHeld,), measure=Count(), where=bad)

    def test_duplicate_ids_in_an_engine(self) -> None:
        """Two indicators with one id in an engine are refused, naming the id."""
        one = Indicator(id="twice", name="一", events=(TrainingHeld,), measure=Count())
        two = Indicator(id="twice", name="二", events=(CaseClosed,), measure=Count())
        with pytest.raises(InvalidValueError, match="twice"):
            IndicatorEngine(himi(), [one, two])

    def test_user_id_colliding_with_the_catalogue(self) -> None:
        """A user indicator reusing a catalogue id beside the catalogue is refused."""
        mine = Indicator(id="1A1", name="自前", events=(TrainingHeld,), measure=Count())
        with pytest.raises(InvalidValueError, match="1A1"):
            IndicatorEngine(himi(), [*CATALOGUE, mine])

    def test_derived_reading_an_unknown_id(self) -> None:
        """A derived indicator reading an indicator not in the engine is refused, naming
        both."""
        rate = Indicator(id="rate", name="率", measure=PerCapita("missing"))
        with pytest.raises(UnknownReferenceError, match=r"'rate'.*missing"):
            IndicatorEngine(himi(), [rate])

    def test_derived_indicators_in_a_loop(self) -> None:
        """Derived indicators reading each other in a loop are a CycleError naming them."""
        one = Indicator(id="one", name="一", measure=IsZero("two"))
        two = Indicator(id="two", name="二", measure=IsZero("one"))
        base = Indicator(id="n", name="研修", events=(TrainingHeld,), measure=Count())
        with pytest.raises(CycleError, match="one → two → one"):
            IndicatorEngine(himi(), [base, one, two])

    def test_not_an_indicator(self) -> None:
        """The engine takes Indicator objects or catalogue ids, nothing else."""
        with pytest.raises(InvalidValueError, match="Indicator objects or ids"):
            IndicatorEngine(himi(), [5])  # type: ignore[list-item]
        with pytest.raises(UnknownReferenceError):
            IndicatorEngine(himi(), ["9Z9"])

    def test_ids_bring_what_derived_indicators_read(self) -> None:
        """Catalogue ids are accepted, and a derived one brings the indicators it reads."""
        engine = IndicatorEngine(himi(), ["5O4", "4A5"])
        ids = {i.id for i in engine.indicators}
        assert {"5O4", "4A5", "1O1", "5O3"} <= ids
        assert "1A1" not in ids

    def test_bad_ids(self) -> None:
        """An indicator id must be a valid id."""
        with pytest.raises(HokatsuError):
            Indicator(id="", name="空", events=(TrainingHeld,), measure=Count())


class TestAccessorPlacement:
    """Accessors are refused where they cannot work, when the indicator is built."""

    def test_case_accessor_on_events_is_refused(self) -> None:
        """A CaseAttr used as an event filter is refused, naming the field."""
        from hokatsu.indicators import CaseAttr

        with pytest.raises(InvalidValueError, match="CaseAttr in a per-case measure") as info:
            Indicator(id="x", name="x", events=(TrainingHeld,), measure=Count(),
                      where=CaseAttr("multi_field"))
        assert info.value.field == "where"

    def test_event_accessor_in_a_case_measure_is_refused(self) -> None:
        """An Attr inside Cases is refused: cases are read through CaseAttr."""
        from hokatsu.indicators import Attr

        with pytest.raises(InvalidValueError, match="CaseAttr in a per-case measure"):
            Indicator(id="x", name="x", measure=Cases(Attr("multi_field")))

    def test_fresh_context_values_only_where_they_are_set(self) -> None:
        """fresh_connection is set by acceptances only; reading it on other events would see
        a stale value, so it is refused."""
        from hokatsu.events import CaseClosed
        from hokatsu.indicators import CtxAttr, Distinct

        with pytest.raises(InvalidValueError, match="CaseClosed would read a value left"):
            Indicator(id="x", name="x", events=(CaseClosed,),
                      measure=Distinct(CtxAttr("fresh_connection")))

    def test_when_accessor_is_checked(self) -> None:
        """An Attr used as `when` must name an attribute of the events."""
        from hokatsu.indicators import Attr

        with pytest.raises(InvalidValueError, match="an attribute of every event read"):
            Indicator(id="x", name="x", events=(TrainingHeld,), measure=Count(),
                      when=Attr("no_such_date"))


# -- generated handlers ------------------------------------------------------------------------


def _early_return(ctx: Any, event: Any) -> Any:
    if event is None:
        return None
    return ctx


def _generated(fn: Any) -> str:
    """The source of a generated function, from linecache (where the engine registers it)."""
    import linecache

    return "".join(linecache.getlines(fn.__code__.co_filename))


class TestGeneratedCode:
    """Handlers are generated from the indicators' declarations, call the trackers, look each
    referenced object up once, and are registered in linecache."""

    def test_trackers_are_called(self) -> None:
        """Every handler of an event class with a tracker calls it (no copy of its body)."""
        from hokatsu.facts import TRACKERS

        handlers = IndicatorEngine(himi())._pass.handlers
        for cls in TRACKERS:
            assert "case = track(ctx, event)" in _generated(handlers[cls]), cls.__name__

    def test_no_source_is_read(self) -> None:
        """Building an engine reads no source: with inspect.getsource broken it still works."""
        from unittest import mock

        with mock.patch("inspect.getsource", side_effect=AssertionError("source read")):
            engine = IndicatorEngine(himi())
        assert engine.events_read == 0

    def test_references_looked_up_once(self) -> None:
        """Several indicators reading the event's item share one look-up of it."""
        from hokatsu.events import AgendaItemConcluded
        from hokatsu.indicators import All, IsNot, Item

        inds = [Indicator(id=f"i{n}", name="議題", events=(AgendaItemConcluded,),
                          measure=Count(), where=test)
                for n, test in enumerate([Item("promotion"), All(Item("promotion"),
                                          IsNot(Item("theme"), None)), Item("case_id")])]
        source = _generated(IndicatorEngine(himi(), inds)._pass.handlers[AgendaItemConcluded])
        assert source.count("items[event.item_id]") == 1
        assert "item_item_id.promotion" in source

    def test_traceback_shows_generated_line(self) -> None:
        """A user's function raising inside a handler leaves a traceback whose generated frame
        shows its source line."""
        import traceback

        from hokatsu.events import TrainingHeld

        def broken(event: Any, ctx: Any) -> bool:
            raise RuntimeError("user code")

        ind = Indicator(id="x", name="x", events=(TrainingHeld,), measure=Count(), where=broken)
        b = Book()
        b.add(TrainingHeld, on=D(2016, 5, 1), area_id="himi", participants=31)
        engine = IndicatorEngine(himi(), [ind])
        with pytest.raises(RuntimeError) as info:
            engine.update(b.ledger)
        text = "".join(traceback.format_tb(info.value.__traceback__))
        assert "<hokatsu indicator handler TrainingHeld" in text
        assert "if f_0(event, ctx):" in text

    def test_engines_alike_share_a_linecache_entry(self) -> None:
        """Two engines with the same indicators register the same generated files."""
        import linecache

        IndicatorEngine(himi())
        before = {k for k in linecache.cache if k.startswith("<hokatsu ")}
        IndicatorEngine(himi())
        after = {k for k in linecache.cache if k.startswith("<hokatsu ")}
        assert before == after

    def test_user_functions_are_called(self) -> None:
        """A user's filter is bound and called, never copied into the handler."""
        from hokatsu.events import TrainingHeld

        def big(event: Any, ctx: Any) -> bool:
            return bool(event.participants >= 30)

        class Unhashable:
            __hash__ = None  # type: ignore[assignment]

            def __call__(self, event: Any, ctx: Any) -> int:
                return 1

        def nameless(event: Any, ctx: Any) -> Any:
            return event.participants

        nameless.__module__ = None  # type: ignore[assignment]  # as code run without a module
        inds = [Indicator(id="big", name="大きな研修", events=(TrainingHeld,), measure=Count(),
                          where=big),
                Indicator(id="odd", name="x", events=(TrainingHeld,), measure=Sum(Unhashable())),
                Indicator(id="anon", name="x", events=(TrainingHeld,), measure=Sum(nameless))]
        engine = IndicatorEngine(himi(), inds)
        doc = _generated(engine._pass.handlers[TrainingHeld])
        assert "participants" not in doc
        assert doc.count("(event, ctx)") == 3
        b = Book()
        b.add(TrainingHeld, on=D(2016, 5, 1), area_id="himi", participants=31)
        engine.update(b.ledger)
        table = engine.results()
        assert [table.value(i, FiscalYear(2016), "himi") for i in ("big", "odd", "anon")] == [
            1, 1, 31]

