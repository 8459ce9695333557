"""Late records and corrections: the ledger accepts exactly what keeps the history valid, and
then holds what a ledger built from that history in date order holds."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hokatsu.cases import replay
from hokatsu.convert import make_converter
from hokatsu.errors import EventRejectedError, InvalidValueError, UnknownReferenceError
from hokatsu.events import (
    CaseClosed,
    CaseOpened,
    EnteredInError,
    Event,
    IssueIdentified,
    Outcome,
    TrainingHeld,
)
from hokatsu.indicators import CATALOGUE, Count, Indicator, IndicatorEngine, compute
from hokatsu.indicators import engine as engine_module
from hokatsu.ledger import Ledger
from hokatsu.reference import himi, sample
from tests.scenarios import generate
from tests.test_ledger import _copy, _state

CITY = himi()


def _fold(ledger: Ledger) -> dict[str, Any]:
    """The ledger's fold as comparable values; a consent version's order number as its rank
    within its consent's case (the numbers grow in ledger order; their values are private)."""
    facts = ledger.facts
    ranks: dict[int, int] = {}
    for consents in facts.case_consents.values():
        orders = sorted(order for c in consents for _, order, _ in c.versions)
        ranks.update({order: rank for rank, order in enumerate(orders)})
    # fresh_hard_agencies and fresh_connection say what the event being folded changed:
    # meaningful while folding, not after a late record
    out = {k: _copy(v) for k, v in vars(facts).items()
           if k not in ("_escalation", "directory", "_consent_order", "fresh_hard_agencies",
                        "fresh_connection", "consents", "case_consents")}
    out["consents"] = {cid: (c.case_id, c.given, c.member_id, c.represented, c.withdrawn,
                             [(d, ranks[o], p) for d, o, p in c.versions])
                       for cid, c in facts.consents.items()}
    out["case_consents"] = {case: [c.consent_id for c in consents]
                            for case, consents in facts.case_consents.items()}
    return out


def _history(accepted: list[tuple[int, Event]]) -> list[Event]:
    """Events in ledger order: by date, ties by arrival."""
    return [e for _, e in sorted(accepted, key=lambda p: (p[1].date, p[0]))]


def _valid(history: list[Event]) -> bool:
    try:
        Ledger(CITY, history)
    except EventRejectedError:
        return False
    return True


def _refusal(ledger: Ledger, event: Event) -> EventRejectedError | None:
    """Append *event*; the refusal, or None if it was accepted."""
    try:
        ledger.append(event)
    except EventRejectedError as error:
        return error
    return None


def _late_arrivals(events: list[Event], moves: list[tuple[int, int]]) -> list[Event]:
    """*events* with some moved later in the order of arrival (so recorded late)."""
    arrival = list(events)
    for a, b in moves:
        i, j = sorted((a % len(arrival), b % len(arrival)))
        arrival.insert(j, arrival.pop(i))
    return arrival


class TestLateRecords:
    """An event dated before the latest takes its place by date when the history stays
    valid."""

    @settings(max_examples=40, deadline=None)
    @given(seed=st.integers(0, 10_000),
           moves=st.lists(st.tuples(st.integers(0, 999), st.integers(0, 999)), max_size=12))
    def test_accepts_exactly_what_stays_valid(self, seed: int,
                                              moves: list[tuple[int, int]]) -> None:
        """Each arrival is accepted if and only if the history with it in its place is valid
        (checked by a ledger built in date order); a refusal changes nothing; the ledger then
        holds that history, its fold and its replay."""
        arrival = _late_arrivals(generate(CITY, seed, 60), moves)
        ledger = Ledger(CITY)
        accepted: list[tuple[int, Event]] = []
        for k, event in enumerate(arrival):
            ok = _valid(_history([*accepted, (k, event)]))
            before = _state(ledger) if not ok else None
            refused = _refusal(ledger, event)
            assert (refused is None) == ok, refused
            if refused is not None:
                assert refused.event_id == event.id
                assert _state(ledger) == before
                continue
            accepted.append((k, event))
            if k % 3 == 0:  # read between arrivals: ledger order is kept up incrementally
                assert list(ledger.events) == _history(accepted)
        history = _history(accepted)
        assert list(ledger.events) == history
        assert list(ledger.records) == [e for _, e in accepted]
        fresh = Ledger(CITY, history)
        assert list(ledger.areas) == list(fresh.areas)
        assert _fold(ledger) == _fold(fresh)
        assert replay(ledger) == replay(fresh)

    @settings(max_examples=25, deadline=None)
    @given(seed=st.integers(0, 10_000),
           moves=st.lists(st.tuples(st.integers(0, 999), st.integers(0, 999)), max_size=8),
           cut=st.integers(1, 59))
    def test_batch_all_or_nothing(self, seed: int, moves: list[tuple[int, int]],
                                  cut: int) -> None:
        """A batch of late records followed by one refused event appends nothing."""
        arrival = _late_arrivals(generate(CITY, seed, 60), moves)
        ledger = Ledger(CITY)
        for event in arrival[:cut]:
            with contextlib.suppress(EventRejectedError):
                ledger.append(event)
        before = _state(ledger)
        fold = _fold(ledger)
        rest = [e for e in arrival[cut:] if e.id not in ledger]
        bad = TrainingHeld(id="bad", date=dt.date(2017, 4, 1), area_id="nowhere",
                           participants=3)  # an unknown area: refused whatever came before
        with pytest.raises(EventRejectedError):
            ledger.extend([*rest, bad])
        assert _state(ledger) == before
        assert _fold(ledger) == fold

    def test_refusal_names_the_later_event(self) -> None:
        """A late closure before the case's later events is refused under the rule the later
        event would break, naming it."""
        ledger = Ledger(CITY, sample.himi_fy2017())
        case = ledger.facts.cases["case-a"]
        later = next(e for e in ledger.events
                     if getattr(e, "case_id", None) == "case-a" and e.date > case.opened
                     and not isinstance(e, CaseOpened))
        closure = CaseClosed(id="late-close", date=case.opened, case_id="case-a",
                             outcome=Outcome.RESOLVED)
        with pytest.raises(EventRejectedError) as info:
            ledger.append(closure)
        assert info.value.event_id == "late-close"
        assert info.value.rule == "case_not_open"
        assert repr(later.id) in info.value.detail
        assert "late-close" not in ledger

    def test_late_record_takes_its_place(self) -> None:
        """A late issue goes in by its date, after the events of that day recorded before it,
        and the case's facts change as if it had come in order."""
        ledger = Ledger(CITY, sample.himi_fy2017())
        case = ledger.facts.cases["case-a"]
        n = len(case.issues)
        day = case.opened + dt.timedelta(days=1)
        late = IssueIdentified(id="late-issue", date=day, case_id="case-a", issue=attrs.evolve(
            case.issues[0], id="late-i", identified=day))
        ledger.append(late, recorded_on=dt.date(2018, 3, 31))
        events = list(ledger.events)
        i = events.index(late)
        assert events[i - 1].date <= day < events[i + 1].date or events[i + 1].date == day
        assert all(e.date <= day for e in events[:i])
        assert all(e.date >= day for e in events[i:])
        assert len(ledger.facts.cases["case-a"].issues) == n + 1
        assert ledger.records[-1] is late
        assert ledger.recorded_on("late-issue") == dt.date(2018, 3, 31)
        assert _fold(ledger) == _fold(Ledger(CITY, events))


class TestRecording:
    """Each record keeps when it was recorded; as_known_on gives the ledger of a past day."""

    @settings(max_examples=25, deadline=None)
    @given(seed=st.integers(0, 10_000),
           moves=st.lists(st.tuples(st.integers(0, 999), st.integers(0, 999)), max_size=10),
           lag=st.lists(st.integers(0, 20), min_size=60, max_size=60))
    def test_as_known_on_reproduces_the_past(self, seed: int, moves: list[tuple[int, int]],
                                             lag: list[int]) -> None:
        """The view as known on a day is the history the ledger held after the last record
        of that day, whatever came later."""
        arrival = _late_arrivals(generate(CITY, seed, 60), moves)
        ledger = Ledger(CITY)
        snapshots: dict[dt.date, list[Event]] = {}
        recorded = dt.date(1868, 4, 1)
        for event, extra in zip(arrival, lag, strict=True):
            day = max(recorded, event.date + dt.timedelta(days=extra))
            try:
                ledger.append(event, recorded_on=day)
            except EventRejectedError:
                continue
            recorded = day
            snapshots[day] = list(ledger.events)
        for day, history in snapshots.items():
            view = ledger.as_known_on(day)
            assert list(view.events) == history
            assert view.from_start
        first = min(snapshots, default=dt.date(2017, 4, 1))
        assert list(ledger.as_known_on(first - dt.timedelta(days=1))) == []

    def test_recorded_on_defaults(self) -> None:
        """Without a recording day, a record is recorded on its date or the previous
        record's day, whichever is later."""
        ledger = Ledger(CITY)
        t = [TrainingHeld(id=f"t{i}", date=dt.date(2017, 5, d), area_id="himi", participants=3)
             for i, d in enumerate((10, 20, 5))]
        ledger.append(t[0])
        ledger.append(t[1], recorded_on=dt.date(2017, 5, 25))
        ledger.append(t[2])
        assert [ledger.recorded_on(e.id) for e in t] == [
            dt.date(2017, 5, 10), dt.date(2017, 5, 25), dt.date(2017, 5, 25)]

    def test_wrong_arguments(self) -> None:
        """A recording day that is no date is refused with a hokatsu error, and so is an
        unknown id."""
        ledger = Ledger(CITY, sample.himi_fy2017())
        event = TrainingHeld(id="t", date=dt.date(2018, 3, 31), area_id="himi", participants=3)
        for call in (lambda: ledger.append(event, recorded_on="2018-03-31"),  # type: ignore[arg-type]
                     lambda: ledger.extend([event], recorded_on=dt.datetime(2018, 3, 31)),  # type: ignore[arg-type]
                     lambda: ledger.as_known_on("2018-03-31")):  # type: ignore[arg-type]
            with pytest.raises(InvalidValueError):
                call()
        for method in (ledger.recorded_on, ledger.corrected_by, ledger.area_of, ledger.get):
            with pytest.raises(UnknownReferenceError):
                method("nope")
        assert "t" not in ledger


def _correctable(events: list[Event], pick: int) -> Event:
    return events[pick % len(events)]


class TestCorrections:
    """An event entered in error leaves the history; its replacement takes its place."""

    @settings(max_examples=40, deadline=None)
    @given(seed=st.integers(0, 10_000),
           picks=st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(
               ["void", "same", "earlier", "later"])), min_size=1, max_size=6))
    def test_accepts_exactly_what_stays_valid(self, seed: int,
                                              picks: list[tuple[int, str]]) -> None:
        """A correction is accepted if and only if the history without the event (and with
        its replacement in its place) is valid; the ledger then holds that history, its fold
        and its replay, and keeps every record."""
        events = generate(CITY, seed, 60)
        ledger = Ledger(CITY, events)
        history = list(events)
        arrival = [(k, e) for k, e in enumerate(events)]
        last = events[-1].date
        for n, (pick, how) in enumerate(picks):
            target = _correctable(list(ledger.events), pick)
            replacement = None
            if how != "void":
                shift = {"same": 0, "earlier": -3, "later": 3}[how]
                try:
                    replacement = attrs.evolve(target, id=f"fix{n}-r",
                                               date=target.date + dt.timedelta(days=shift))
                except InvalidValueError:  # an event whose other dates must follow its own
                    replacement = attrs.evolve(target, id=f"fix{n}-r")
            correction = EnteredInError(id=f"fix{n}", date=max(last, target.date),
                                        event_id=target.id, reason="入力誤り",
                                        replacement=replacement)
            place = next(i for i, e in arrival if e is target)
            candidate = [(i, e) for i, e in arrival if e is not target]
            if replacement is not None:  # it takes the place of the event it replaces
                candidate.append((place, replacement))
            ok = _valid(_history(candidate))
            before = _state(ledger)
            refused = _refusal(ledger, correction)
            assert (refused is None) == ok, refused
            if refused is not None:
                assert refused.event_id == correction.id
                assert _state(ledger) == before
                continue
            arrival = candidate
            assert ledger.corrected_by(target.id) == correction
            assert ledger.get(target.id) == target  # kept for the audit trail
        history = _history(arrival)
        assert list(ledger.events) == history
        assert len(ledger) == len(history)
        fresh = Ledger(CITY, history)
        assert list(ledger.areas) == list(fresh.areas)
        assert _fold(ledger) == _fold(fresh)
        assert replay(ledger) == replay(fresh)

    def test_case_opening_corrected(self) -> None:
        """A case opened with the wrong route is corrected by a replacement: replay and the
        fold see the replacement, the records keep both."""
        ledger = Ledger(CITY, sample.himi_fy2017())
        opening = ledger.facts.cases["case-a"].opening
        other = next(r for r in type(opening.route) if r is not opening.route)
        fixed = attrs.evolve(opening, id="open-fixed", route=other)
        ledger.append(EnteredInError(id="fix", date=dt.date(2018, 3, 31), event_id=opening.id,
                                     reason="経路の入力誤り", replacement=fixed))
        assert ledger.facts.cases["case-a"].opening is fixed
        assert replay(ledger).cases["case-a"].route is other
        assert opening in ledger.records
        assert opening not in list(ledger.events)
        assert ledger.get("open-fixed") is fixed
        assert ledger.area_of("open-fixed") == ledger.area_of(opening.id)
        assert ledger.recorded_on("open-fixed") == dt.date(2018, 3, 31)

    def test_correction_of_a_correction(self) -> None:
        """A replacement is corrected by naming it; the correction itself is not."""
        ledger = Ledger(CITY)
        t = TrainingHeld(id="t", date=dt.date(2017, 5, 1), area_id="himi", participants=9)
        ledger.append(t)
        ledger.append(EnteredInError(id="f1", date=dt.date(2017, 5, 2), event_id="t",
                                     reason="人数", replacement=attrs.evolve(t, id="t2",
                                                                           participants=8)))
        ledger.append(EnteredInError(id="f2", date=dt.date(2017, 5, 3), event_id="t2",
                                     reason="人数", replacement=attrs.evolve(t, id="t3",
                                                                           participants=7)))
        assert [e.id for e in ledger.events] == ["t3"]
        assert [e.id for e in ledger.records] == ["t", "f1", "f2"]
        with pytest.raises(EventRejectedError) as info:
            ledger.append(EnteredInError(id="f3", date=dt.date(2017, 5, 3), event_id="f1",
                                         reason="x"))
        assert info.value.rule == "not_correctable"
        ledger.append(EnteredInError(id="f4", date=dt.date(2017, 5, 4), event_id="t3",
                                     reason="開催なし"))
        assert list(ledger.events) == []
        assert len(ledger) == 0

    def test_reason_never_shown(self) -> None:
        """The reason is free text: not in reprs or errors."""
        secret = "母の認知症が進み"
        fix = EnteredInError(id="f", date=dt.date(2017, 5, 3), event_id="nope", reason=secret)
        assert secret not in repr(fix)
        ledger = Ledger(CITY)
        with pytest.raises(EventRejectedError) as info:
            ledger.append(fix)
        assert secret not in str(info.value)

    def test_replacement_checked(self) -> None:
        """A replacement that is a correction, or reuses the correction's id, is refused by
        the constructor."""
        t = TrainingHeld(id="t", date=dt.date(2017, 5, 1), area_id="himi", participants=9)
        inner = EnteredInError(id="i", date=dt.date(2017, 5, 2), event_id="t", reason="x")
        for replacement in (inner, attrs.evolve(t, id="f"), attrs.evolve(t, id="t"), "t"):
            with pytest.raises(InvalidValueError):
                EnteredInError(id="f", date=dt.date(2017, 5, 2), event_id="t", reason="x",
                               replacement=replacement)  # type: ignore[arg-type]


class TestStorage:
    """A ledger with late records and corrections is stored and read back whole."""

    def test_round_trip(self) -> None:
        """Records, their order, recording days and the history come back the same."""
        rng = random.Random(3)
        events = generate(CITY, 3, 120)
        arrival = _late_arrivals(events, [(rng.randrange(120), rng.randrange(120))
                                          for _ in range(10)])
        ledger = Ledger(CITY)
        for event in arrival:
            with contextlib.suppress(EventRejectedError):
                ledger.append(event, recorded_on=max(event.date, ledger._recorded_last))
        target = ledger.events[5]
        ledger.append(EnteredInError(id="fix", date=ledger.last_date or target.date,
                                     event_id=target.id, reason="誤り"))
        conv = make_converter()
        document = conv.unstructure_ledger(ledger)
        back = conv.structure_ledger(document, CITY)
        assert list(back.records) == list(ledger.records)
        assert list(back.events) == list(ledger.events)
        assert [back.recorded_on(e.id) for e in back.records] == [
            ledger.recorded_on(e.id) for e in ledger.records]
        for event in ledger.records:
            assert conv.structure_event(conv.unstructure_event(event)) == event


class TestEngine:
    """The indicator engine following a ledger takes late records and corrections."""

    @pytest.mark.parametrize("cost", [2.5, 1e-9], ids=["default", "always-from-the-month"])
    @settings(max_examples=25, deadline=None)
    @given(seed=st.integers(0, 10_000),
           moves=st.lists(st.tuples(st.integers(0, 999), st.integers(0, 999)), max_size=20),
           every=st.integers(5, 60), fixes=st.lists(st.integers(0, 10**6), max_size=3))
    def test_update_equals_a_fresh_computation(self, cost: float, seed: int,
                                               moves: list[tuple[int, int]], every: int,
                                               fixes: list[int]) -> None:
        """Updated now and then while late records and corrections arrive, the engine's
        results equal those of an engine reading the final ledger once (also when it always
        reads again from the month changed, however much of the record that is)."""
        with mock.patch.object(engine_module, "_REWIND_COST", cost):
            self._follow(seed, moves, every, fixes)

    @staticmethod
    def _follow(seed: int, moves: list[tuple[int, int]], every: int, fixes: list[int]) -> None:
        arrival = _late_arrivals(generate(CITY, seed, 150), moves)
        ledger = Ledger(CITY)
        engine = IndicatorEngine(CITY)
        for k, event in enumerate(arrival):
            _refusal(ledger, event)
            if k % every == 0:
                engine.update(ledger)
        for n, pick in enumerate(fixes):
            target = ledger.events[pick % len(ledger)]
            _refusal(ledger, EnteredInError(id=f"fix{n}", date=ledger.last_date or target.date,
                                            event_id=target.id, reason="誤り"))
            engine.update(ledger)
        engine.update(ledger)
        assert engine.events_read == len(ledger)
        assert engine.results() == compute(ledger)

    def test_reads_again_only_from_the_month_changed(self) -> None:
        """A late record reads again the events from the first day of its month, no more,
        while that costs less than reading the whole record."""
        ledger = Ledger(CITY, sample.himi_fy2017())
        engine = IndicatorEngine(CITY)
        engine.update(ledger)
        day = dt.date(2018, 1, 20)
        ledger.append(TrainingHeld(id="late-t", date=day, area_id="himi", participants=7))
        since = sum(e.date >= dt.date(2018, 1, 1) for e in ledger.events)
        plan = ledger._rewind_plan(dt.date(2018, 1, 1), len(ledger.records) - 1, float("inf"))
        assert plan is not None
        assert plan.size * engine_module._REWIND_COST + since < len(ledger)  # cheaper
        read = engine.update(ledger)
        assert read == since
        assert engine.results() == compute(ledger)
        assert engine.update(ledger) == 0

    def test_reads_the_whole_record_when_cheaper(self) -> None:
        """When the histories to fold again are long, the whole record is read again."""
        ledger = Ledger(CITY, sample.himi_fy2017())
        engine = IndicatorEngine(CITY)
        engine.update(ledger)
        ledger.append(TrainingHeld(id="late-t", date=dt.date(2018, 1, 20), area_id="himi",
                                   participants=7))
        with mock.patch.object(engine_module, "_REWIND_COST", 10**6):
            assert engine.update(ledger) == len(ledger)
        assert engine.results() == compute(ledger)

    def test_reads_from_the_month_a_late_record_counts_in(self) -> None:
        """A late record an indicator counts on an earlier day is read again from that day's
        month, not its own."""
        early = Indicator(id="trainings_ahead", name="trainings_ahead", events=(TrainingHeld,),
                          measure=Count(), when=lambda e: e.date - dt.timedelta(days=45))
        ledger = Ledger(CITY, sample.himi_fy2017())
        engine = IndicatorEngine(CITY, [*CATALOGUE, early])
        engine.update(ledger)
        # dated in February, counted in January
        ledger.append(TrainingHeld(id="late-t", date=dt.date(2018, 2, 20), area_id="himi",
                                   participants=7))
        own_month = sum(e.date >= dt.date(2018, 2, 1) for e in ledger.events)
        with mock.patch.object(engine_module, "_REWIND_COST", 1e-9):  # always from a month
            read = engine.update(ledger)
        # from an earlier month (the trainings read again count earlier still), not the start
        assert own_month < read < len(ledger)
        assert read in {sum(e.date >= dt.date(2017 + (m < 4), m, 1) for e in ledger.events)
                        for m in (4, 5, 6, 7, 8, 9, 10, 11, 12, 1)}
        assert engine.results() == compute(ledger, indicators=[*CATALOGUE, early])

    def test_whole_record_without_looking_for_an_earlier_month(self) -> None:
        """When reading from the late record's own month is over budget, an earlier month
        would be too: the whole record is read without the pass that looks for one."""
        ledger = Ledger(CITY, sample.himi_fy2017())
        engine = IndicatorEngine(CITY)
        engine.update(ledger)
        ledger.append(TrainingHeld(id="late-t", date=dt.date(2018, 1, 20), area_id="himi",
                                   participants=7))
        with mock.patch.object(engine_module, "_REWIND_COST", 10**6), \
                mock.patch.object(IndicatorEngine, "_first_month",
                                  side_effect=AssertionError("looked for an earlier month")):
            assert engine.update(ledger) == len(ledger)
        assert engine.results() == compute(ledger)

    def test_figures_as_reported_then(self) -> None:
        """The figures as known on a day are those computed on that day, whatever was
        recorded late afterwards."""
        ledger = Ledger(CITY, sample.himi_fy2017())
        reported = compute(ledger)
        day = ledger.recorded_on(ledger.records[-1].id)
        ledger.append(TrainingHeld(id="late-t", date=dt.date(2017, 6, 1), area_id="himi",
                                   participants=40), recorded_on=day + dt.timedelta(days=30))
        assert compute(ledger) != reported
        assert compute(ledger.as_known_on(day)) == reported
