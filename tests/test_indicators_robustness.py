"""The indicator engine under failure and bad input: updates are all or nothing, measures and
arguments are checked, edge dates work, and accessors mean what their generated code does."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs
import pytest
from hypothesis import given

from hokatsu.calendar import FiscalYear, Month, PeriodKind, Quarter, previous_period
from hokatsu.errors import HokatsuError, InvalidValueError, UnknownReferenceError
from hokatsu.events import (
    AgendaItemConcluded,
    AgendaItemRaised,
    CaseConferenceHeld,
    Event,
    ReferralAccepted,
    TrainingHeld,
)
from hokatsu.indicators import (
    All,
    Attr,
    Case,
    CaseLabels,
    Cases,
    Composite,
    Count,
    Days,
    Distinct,
    Equals,
    In,
    Indicator,
    IndicatorEngine,
    Is,
    IsNot,
    Item,
    Mean,
    Not,
    PerCapita,
    Referral,
    ResultTable,
    Session,
    Sum,
    compute,
)
from hokatsu.indicators import (
    Any as AnyOf,
)
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from hokatsu.reference.sample import himi_fy2017
from tests.indicator_ledgers import FY16, Book, D
from tests.scenarios import event_sequences
from tests.strategies import scaled


def _trainings(n: int = 3) -> Book:
    b = Book()
    for day in range(1, n + 1):
        b.add(TrainingHeld, on=D(2016, 5, day), area_id="himi", participants=10 * day)
    return b


class TestAtomicUpdate:
    """An update that fails leaves the engine as it was before the call."""

    def test_retry_after_a_failing_filter_does_not_double_count(self) -> None:
        """A user's ``where`` raising midway, then a retry, counts each training once (4A5
        is 3, not 6)."""
        calls = {"n": 0}

        def flaky(event: Any, ctx: Any) -> bool:
            calls["n"] += 1
            if calls["n"] == 2:
                raise RuntimeError("a user's filter failing once")
            return True

        flaky_ind = Indicator(id="flaky", name="x", events=(TrainingHeld,), measure=Count(),
                              where=flaky)
        engine = IndicatorEngine(himi(), ["4A5", flaky_ind])
        ledger = _trainings().ledger
        with pytest.raises(RuntimeError):
            engine.update(ledger)
        assert engine.events_read == 0
        assert engine.update(ledger) == 3
        table = engine.results()
        assert table.value("4A5", FY16, "himi") == 3
        assert table.value("flaky", FY16, "himi") == 3

    def test_interrupt_after_earlier_updates_keeps_them(self) -> None:
        """Ctrl-C during a second update leaves exactly the first update's state."""
        b = _trainings(2)
        ledger = b.ledger
        engine = IndicatorEngine(himi(), ["4A5", "4A6"])
        engine.update(ledger)
        before = engine.results()
        boom = {"armed": False}

        def interrupt(event: Any, ctx: Any) -> bool:
            if boom["armed"]:
                raise KeyboardInterrupt
            return False

        engine2 = IndicatorEngine(himi(), ["4A5", "4A6", Indicator(
            id="k", name="k", events=(TrainingHeld,), measure=Count(), where=interrupt)])
        engine2.update(ledger)
        ledger.append(TrainingHeld(id="late", date=D(2016, 6, 1), area_id="himi",
                                   participants=5))
        boom["armed"] = True
        with pytest.raises(KeyboardInterrupt):
            engine2.update(ledger)
        assert engine2.events_read == 2
        assert engine2.results().select(indicators=["4A5", "4A6"]) == before
        boom["armed"] = False
        assert engine2.update(ledger) == 1
        assert engine2.results().value("4A5", FY16, "himi") == 3

    def test_failed_first_read_of_a_view_leaves_a_fresh_engine(self) -> None:
        """A view whose reading fails can be read again by the same engine."""
        def broken(event: Any, ctx: Any) -> int:
            raise ValueError("no")

        engine = IndicatorEngine(himi(), [Indicator(
            id="s", name="s", events=(TrainingHeld,), measure=Sum(broken))])
        view = _trainings().ledger.select()
        with pytest.raises(ValueError, match="no"):
            engine.update(view)
        assert engine.events_read == 0


class TestMeasureValidation:
    """Measures refuse what they cannot compute, when they are built."""

    @pytest.mark.parametrize("build", [
        lambda: Sum("x"),
        lambda: Mean(3),
        lambda: Distinct(Attr("agency_id"), many="yes"),
        lambda: PerCapita("x", per=0),
        lambda: PerCapita("x", per=1.5),
        lambda: Composite(()),
        lambda: Composite(("a", "a")),
        lambda: Cases("multi_field"),
        lambda: CaseLabels(None),
        lambda: Equals("plans", [1]),
        lambda: In("outcome", ()),
        lambda: In("outcome", [[1]]),
        lambda: In("outcome", [{}]),
        lambda: In("outcome", "ab"),
        lambda: In(3, [1]),
        lambda: All(),
        lambda: Not(lambda e, ctx: True),
        lambda: Is("1x", None),
        lambda: Case("x", key="not an id"),
    ])
    def test_junk_is_refused(self, build: Any) -> None:
        """Each is an InvalidValueError at construction."""
        with pytest.raises(InvalidValueError):
            build()

    def test_empty_group_label_is_refused(self) -> None:
        """A group label that writes as an empty string cannot make a row."""
        ind = Indicator(id="g", name="g", events=(TrainingHeld,), measure=Count(),
                        group=lambda e, ctx: "")
        with pytest.raises(InvalidValueError, match="not empty"):
            compute(_trainings().ledger, indicators=[ind])

    def test_nan_value_is_refused(self) -> None:
        """A mean of a value function returning NaN is an error, not a row that fails its own
        round trip."""
        ind = Indicator(id="m", name="m", events=(TrainingHeld,),
                        measure=Mean(lambda e, ctx: math.nan))
        with pytest.raises(InvalidValueError, match="finite"):
            compute(_trainings().ledger, indicators=[ind])

    def test_huge_population_is_a_hokatsu_error(self) -> None:
        """A population too large for a float (valid JSON) does not overflow compute."""
        city = attrs.evolve(himi(), population=10**400)
        with pytest.raises(HokatsuError):
            compute(Ledger(city, _trainings().ledger.events), indicators=["cases_per_100k"])


class TestArguments:
    """compute and the engine take ordinary arguments in every sensible form, and refuse the
    rest with hokatsu errors."""

    def test_grain_by_value(self) -> None:
        """``grain="month"`` is PeriodKind.MONTH."""
        ledger = _trainings().ledger
        assert compute(ledger, grain="month", indicators=["4A5"]) == compute(
            ledger, grain=PeriodKind.MONTH, indicators=["4A5"])

    @pytest.mark.parametrize("grain", ["weekly", 3, None])
    def test_bad_grain(self, grain: Any) -> None:
        """An unknown grain names the allowed ones."""
        with pytest.raises(InvalidValueError, match="fiscal_year"):
            compute(_trainings().ledger, grain=grain)

    def test_ids_everywhere(self) -> None:
        """compute takes catalogue ids as results does."""
        table = compute(_trainings().ledger, indicators=["4A5"])
        assert table.indicators == ("4A5",)

    def test_period_keys(self) -> None:
        """Periods may be given by key, in results and in look-ups."""
        table = compute(_trainings().ledger, indicators=["4A5"], periods=["FY2016"])
        assert table.value("4A5", "FY2016", "himi") == 3
        with pytest.raises(InvalidValueError, match="period key"):
            table.value("4A5", 2016, "himi")  # type: ignore[arg-type]

    def test_single_values_where_collections_go(self) -> None:
        """A string where a collection is expected is refused, not read letter by letter."""
        ledger = _trainings().ledger
        with pytest.raises(InvalidValueError, match="not a single value"):
            compute(ledger, indicators="4A5")
        with pytest.raises(InvalidValueError, match="not a single value"):
            compute(ledger, area_ids="himi")
        with pytest.raises(InvalidValueError, match="single value"):
            compute(ledger).select(indicators="4A5")

    def test_not_a_source(self) -> None:
        """compute of something that is not a ledger is an InvalidValueError."""
        with pytest.raises(InvalidValueError):
            compute([1, 2])  # type: ignore[arg-type]

    def test_unknown_id(self) -> None:
        """An unknown indicator id is an UnknownReferenceError."""
        with pytest.raises(UnknownReferenceError):
            compute(_trainings().ledger, indicators=["9Z9"])

    def test_engine_error_names_the_event(self) -> None:
        """An event referring to what the events read never created is named."""
        from hokatsu.errors import LedgerError
        from hokatsu.ledger import LedgerView

        ledger = Ledger(himi(), himi_fy2017())
        accepted = next(i for i, e in enumerate(ledger.events)
                        if isinstance(e, ReferralAccepted))
        events = [e for i, e in enumerate(ledger.events) if i != accepted - 1 or
                  type(e).__name__ != "ReferralRequested"]
        view = LedgerView(directory=ledger.directory, events=tuple(events),
                          areas=tuple(ledger.areas[i] for i, e in enumerate(ledger.events)
                                      if e in events), from_start=True)
        if len(events) == len(ledger.events):
            pytest.skip("the sample has no request right before an acceptance")
        with pytest.raises(LedgerError, match="referral_accepted"):
            compute(view)

    def test_short_reprs(self) -> None:
        """An engine and a table say what they hold in counts."""
        ledger = Ledger(himi(), himi_fy2017())
        engine = IndicatorEngine(himi())
        engine.update(ledger)
        assert repr(engine).startswith("<IndicatorEngine 氷見市: 66 indicators, ")
        table = engine.results()
        assert repr(table) == f"<ResultTable: {len(table):,} rows, 66 indicators, 1 areas, " \
                              "FY2017…FY2017>"
        assert repr(ResultTable(rows=())) == "<ResultTable: 0 rows, 0 indicators, 0 areas>"


class TestCalendarEdges:
    """The first fiscal year the calendar knows has no previous year."""

    def test_fy1868(self) -> None:
        """A ledger in FY1868 computes the whole catalogue, 5O4 included."""
        ledger = Ledger(himi(), [TrainingHeld(id="t", date=D(1868, 4, 1), area_id="himi",
                                              participants=3)])
        table = compute(ledger)
        assert table.value("4A5", FiscalYear(1868), "himi") == 1
        assert table.row("5O4", FiscalYear(1868), "himi").movements[0].previous is None
        assert compute(ledger, grain="month").value("4A5", Month(1868, 4), "himi") == 1

    def test_previous_period(self) -> None:
        """previous_period steps back one period of the kind, and stops at the first."""
        assert previous_period(Month(2017, 1)) == Month(2016, 12)
        assert previous_period(Quarter(2017, 1)) == Quarter(2016, 4)
        assert previous_period(Month(1868, 4)) is None
        assert previous_period(Quarter(1868, 1)) is None


def _pairs() -> list[tuple[Any, Any, tuple[type[Event], ...]]]:
    """(accessor, the function meaning the same, events read)."""
    return [
        (Case("multi_field"), lambda e, ctx: ctx.case(e.case_id).multi_field,
         (CaseConferenceHeld,)),
        (All(Item("promotion"), IsNot(Item("theme"), None)),
         lambda e, ctx: ctx.item(e.item_id).promotion and ctx.item(e.item_id).theme is not None,
         (AgendaItemConcluded,)),
        (AnyOf(Not(Session("promotion")), Is("case_id", None)),
         lambda e, ctx: not ctx.session(e.session_id).promotion or e.case_id is None,
         (AgendaItemRaised,)),
        (Not(Item("promotion", key="escalated_from")),
         lambda e, ctx: e.escalated_from is None or not ctx.item(e.escalated_from).promotion,
         (AgendaItemRaised,)),
        (Equals(Case("plans"), 0), lambda e, ctx: ctx.cases[
            ctx.referral(e.referral_id).case_id].plans == 0, (ReferralAccepted,)),
    ]


class TestAccessorsMeanTheirCode:
    """An indicator written with accessors computes what the same written as functions
    does, and an accessor called directly agrees with both."""

    @scaled(0.3)
    @given(event_sequences(min_events=30, max_events=200))
    def test_accessor_equals_function(self, events: list[Event]) -> None:
        """Filters, values and groups from accessors equal their function forms."""
        accessors, functions = [], []
        for n, (acc, fn, classes) in enumerate(_pairs()):
            accessors.append(Indicator(id=f"a{n}", name="x", events=classes, measure=Count(),
                                       where=acc, group=acc))
            functions.append(Indicator(id=f"a{n}", name="x", events=classes, measure=Count(),
                                       where=fn, group=fn))
        days = Days(Referral("requested"), Attr("date"))
        accessors.append(Indicator(id="d", name="d", events=(ReferralAccepted,),
                                   measure=Mean(days)))
        functions.append(Indicator(id="d", name="d", events=(ReferralAccepted,), measure=Mean(
            lambda e, ctx: (e.date - ctx.referral(e.referral_id).requested).days)))
        ledger = Ledger(himi(), events)
        a, f = (compute(ledger, indicators=inds, grain="month", level="district")
                for inds in (accessors, functions))
        assert a == f

    def test_direct_calls(self) -> None:
        """An accessor called with an event and a context reads the same as its code."""
        ledger = Ledger(himi(), himi_fy2017())
        engine = IndicatorEngine(himi(), [])
        engine.update(ledger)
        ctx = engine.context
        conference = next(e for e in ledger.events if isinstance(e, CaseConferenceHeld))
        assert Case("multi_field")(conference, ctx) is ctx.case(conference.case_id).multi_field
        raised = next(e for e in ledger.events if isinstance(e, AgendaItemRaised))
        assert Session("promotion")(raised, ctx) is ctx.session(raised.session_id).promotion
        assert Item("tier", key="escalated_from")(
            attrs.evolve(raised, escalated_from=None), ctx) is None

    def test_unknown_fact_is_refused_at_definition(self) -> None:
        """A reference to an attribute the engine does not know names the known ones."""
        with pytest.raises(InvalidValueError, match="an attribute of CaseInfo"):
            Indicator(id="x", name="x", events=(CaseConferenceHeld,), measure=Count(),
                      where=Case("no_such_fact"))

    def test_reference_the_events_do_not_have(self) -> None:
        """Item() on an event without an item is refused, naming the event class."""
        with pytest.raises(InvalidValueError, match="TrainingHeld"):
            Indicator(id="x", name="x", events=(TrainingHeld,), measure=Count(),
                      where=Item("promotion"))

    def test_reference_must_be_declared_of_its_kind(self) -> None:
        """A key naming a field of another kind (an item's case_id read as an item) is refused:
        the fields' own reference declarations decide."""
        with pytest.raises(InvalidValueError, match="naming an item"):
            Indicator(id="x", name="x", events=(AgendaItemRaised,), measure=Count(),
                      where=Item("promotion", key="case_id"))
        Indicator(id="y", name="y", events=(AgendaItemRaised,), measure=Count(),
                  where=Item("promotion", key="escalated_from"))

    def test_case_in_a_per_case_measure(self) -> None:
        """Case(...) reads the case in hand in Cases and CaseLabels, as CaseAttr does."""
        ledger = Ledger(himi(), himi_fy2017())
        a = Indicator(id="c", name="c", measure=Cases(All(Case("multi_field"),
                                                          Case("is_open"))))
        b = Indicator(id="c", name="c", measure=Cases(
            lambda case: case.multi_field and case.is_open))
        assert compute(ledger, indicators=[a]) == compute(ledger, indicators=[b])

    def test_dates(self) -> None:
        """Days counts the days between two dates, None when either is missing."""
        from hokatsu.indicators.accessors import days_between

        assert days_between(dt.date(2017, 4, 1), dt.date(2017, 4, 8)) == 7
        assert days_between(None, dt.date(2017, 4, 8)) is None


class TestExplain:
    """explain() names what made a value, and agrees with the value."""

    @scaled(0.2)
    @given(event_sequences(min_events=30, max_events=150))
    def test_events_and_cases_add_up_to_the_value(self, events: list[Event]) -> None:
        """For counts and distinct counts, one event per unit of the value; for distinct
        cases, one case per unit; explained values equal compute's."""
        from hokatsu.indicators import BY_ID, explain

        ledger = Ledger(himi(), events)
        table = compute(ledger, level="district")
        for ind_id in ("4A5", "1A6", "2A1", "5A4", "2A2", "hard_case_types"):
            for row in table.select(indicators=[ind_id], groups=False):
                why = explain(ledger, ind_id, row.period, row.area_id)
                assert why.value == row.value
                measure = BY_ID[ind_id].measure
                if isinstance(measure, Count | Distinct):
                    assert len(why.event_ids) == row.value
                if isinstance(measure, Cases | CaseLabels):
                    assert len(why.case_ids) == row.value

    def test_groups_and_derived(self) -> None:
        """A group's explanation counts that group; a derived value lists its inputs."""
        from hokatsu.indicators import explain

        ledger = Ledger(himi(), himi_fy2017())
        table = compute(ledger)
        for row in table.select(indicators=["cases_opened"]):
            why = explain(ledger, "cases_opened", row.period, row.area_id, group=row.group)
            assert len(why.event_ids) == row.value
        why = explain(ledger, "5O4", FiscalYear(2017), "himi")
        assert {r.indicator for r in why.inputs} == {
            table.row("5O4", FiscalYear(2017), "himi").movements[i].indicator
            for i in range(18)}
        assert why.event_ids == ()

    def test_user_derived_with_its_inputs(self) -> None:
        """A derived indicator of one's own is explained with the indicators it reads."""
        from hokatsu.indicators import IsZero, explain

        base = Indicator(id="mine", name="x", events=(TrainingHeld,), measure=Count())
        none = Indicator(id="none", name="y", measure=IsZero("mine"))
        why = explain(_trainings().ledger, none, FY16, "himi", indicators=[base])
        assert why.value == 0
        assert [(r.indicator, r.value) for r in why.inputs] == [("mine", 3)]

    @pytest.mark.parametrize("args", [
        ([1], "4A5", "FY2017", "himi"),
        (None, "9Z9", "FY2017", "himi"),
        (None, "4A5", 2017, "himi"),
        (None, "4A5", "FY2017", "nowhere"),
        (None, "4A5", "FY2017", "himi", 3),
    ])
    def test_bad_arguments(self, args: tuple[Any, ...]) -> None:
        """Junk arguments are hokatsu errors."""
        from hokatsu.indicators import explain

        source = Ledger(himi(), himi_fy2017()) if args[0] is None else args[0]
        group = args[4] if len(args) > 4 else None
        with pytest.raises(HokatsuError):
            explain(source, args[1], args[2], args[3], group=group)
