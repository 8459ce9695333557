"""The engine against independent recomputations over generated ledgers: a few report
indicators counted straight from the events per fiscal year, and the engine's case context
against hokatsu.cases.replay."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pytest
from hypothesis import given

from hokatsu.calendar import FiscalYear
from hokatsu.cases import replay
from hokatsu.events import (
    AgendaItemConcluded,
    AgendaItemRaised,
    AssessmentRecorded,
    CommunityExchangeHeld,
    Event,
    FundingSecured,
    MeetingHeld,
    NextYearPlanAdopted,
    OutreachDone,
    ReferralAccepted,
    ReferralRejected,
)
from hokatsu.indicators import IndicatorEngine
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from hokatsu.simulation import presets, simulate
from tests.scenarios import event_sequences


def _oracle(events: list[Event]) -> dict[tuple[str, FiscalYear, str | None], Any]:
    """Some indicators per fiscal year (city-wide), counted straight from the events."""
    city = himi()
    promotion = {b.id for b in city.bodies if b.promotion}
    subcommittee = {b.id for b in city.bodies if b.part_of is not None}
    session_body: dict[str, str] = {}
    item_session: dict[str, str] = {}
    item_theme: dict[str, bool] = {}
    out: Counter[tuple[str, FiscalYear, str | None]] = Counter()
    sets: defaultdict[tuple[str, FiscalYear, str | None], set[Any]] = defaultdict(set)
    for e in events:
        fy = FiscalYear.of(e.date)
        if isinstance(e, CommunityExchangeHeld):
            out["1A1", fy, None] += 1
        elif isinstance(e, OutreachDone) and e.actor_ids:
            out["1A7", fy, None] += 1
        elif isinstance(e, AssessmentRecorded) and e.coordinator_id is not None:
            sets["2A1", fy, None].add(e.case_id)
        elif isinstance(e, FundingSecured):
            sets["3O4", fy, None].add(e.kind)
            out["3O5", fy, None] += e.amount_yen
            out["3O6", fy, None] += e.amount_yen if e.newly_budgeted else 0
        elif isinstance(e, NextYearPlanAdopted):
            out["4A2", fy, None] = 1
        elif isinstance(e, MeetingHeld):
            session_body[e.session_id] = e.body_id
            if e.body_id in promotion:
                out["5A1", fy, None] += 1
                kind = "subcommittee" if e.body_id in subcommittee else "plenary"
                out["5A1", fy, kind] += 1
                sets["5A2", fy, None].update(e.agency_ids)
                out["5A3", fy, None] += e.participants
        elif isinstance(e, AgendaItemRaised):
            item_session[e.item_id] = e.session_id
            item_theme[e.item_id] = e.theme is not None
            if session_body[e.session_id] in promotion:
                out["5A4", fy, None] += 1
                # a theme passed on from another promotion body is the same issue
                passed_on = (e.escalated_from is not None and
                             session_body[item_session[e.escalated_from]] in promotion)
                out["1O1", fy, None] += e.theme is not None and not passed_on
        elif isinstance(e, AgendaItemConcluded):
            at_promotion = session_body[item_session[e.item_id]] in promotion
            if at_promotion and e.outcome.settles:
                out["5O2", fy, None] += 1
            if (at_promotion and item_theme[e.item_id]
                    and e.outcome.value == "response_presented"):
                out["1O2", fy, None] += 1
        elif isinstance(e, ReferralAccepted):
            out["acc", fy, None] += 1
        elif isinstance(e, ReferralRejected):
            out["rej", fy, None] += 1
    result: dict[tuple[str, FiscalYear, str | None], Any] = dict(out)
    result.update({k: len(v) for k, v in sets.items()})
    return result


class TestAgainstEvents:
    """Indicators recomputed from the raw events agree with the engine."""

    @given(event_sequences(min_events=80, max_events=300))
    def test_counts_per_fiscal_year(self, events: list[Event]) -> None:
        """1A1, 1A7, 1O1, 1O2, 2A1, 3O4–3O6, 4A2, 5A1 (with groups), 5A2, 5A3, 5A4, 5O2 and
        referral acceptance match counts made straight from the events."""
        _check_counts(events)

    @pytest.mark.parametrize("seed", [0, 1])
    def test_counts_on_a_simulated_year(self, seed: int) -> None:
        """The same counts agree on a simulated year of 氷見市, with a year's volume and
        items climbing the whole ladder of meetings."""
        _check_counts(list(simulate(presets.himi(), seed).events))


def _check_counts(events: list[Event]) -> None:
    """1A1 … 5O2 and referral acceptance per fiscal year against _oracle."""
    expected = _oracle(events)
    engine = IndicatorEngine(himi())
    engine.update(Ledger(himi(), events))
    table = engine.results()
    for year in table.periods:
        assert isinstance(year, FiscalYear)
        for ind in ("1A1", "1A7", "1O1", "1O2", "2A1", "3O4", "3O5", "3O6", "4A2", "5A1",
                    "5A2", "5A3", "5A4", "5O2"):
            assert table.value(ind, year, "himi") == expected.get((ind, year, None), 0), (
                ind, year)
        for group in ("plenary", "subcommittee"):
            want = expected.get(("5A1", year, group), 0)
            got = (table.value("5A1", year, "himi", group)
                   if group in table.groups("5A1") and want else 0)
            assert got == want, (group, year)
        acc = expected.get(("acc", year, None), 0)
        rej = expected.get(("rej", year, None), 0)
        row = table.row("referral_acceptance", year, "himi")
        if acc + rej:
            assert (row.numerator, row.denominator) == (acc, acc + rej)
        else:
            assert row.value is None


class TestAgainstReplay:
    """The engine's case context agrees with hokatsu.cases.replay."""

    @given(event_sequences(min_events=80, max_events=300))
    def test_case_states(self, events: list[Event]) -> None:
        """After the same events, each case's hard-case type, involved agencies, plan
        coverage and coordinator assessment agree with the replayed case state."""
        _check_case_states(events)

    @pytest.mark.parametrize("seed", [0, 1])
    def test_case_states_on_a_simulated_year(self, seed: int) -> None:
        """The case states agree on a simulated year of 氷見市 too (hundreds of cases)."""
        _check_case_states(list(simulate(presets.himi(), seed).events))


def _check_case_states(events: list[Event]) -> None:
    """Every case's state in the engine's context against hokatsu.cases.replay."""
    city = himi()
    ledger = Ledger(city, events)
    engine = IndicatorEngine(city)
    engine.update(ledger)
    states = replay(ledger).cases
    assert set(engine.context.cases) == set(states)
    fields = {a.id: a.fields for a in city.agencies}
    for case_id, state in states.items():
        info = engine.context.case(case_id)
        assert info.hard_type is state.hard_case_type, case_id
        assert info.involved == set(state.involved_agency_ids), case_id
        assert info.whole_household == state.whole_household_covered, case_id
        assert info.is_open == state.is_open, case_id
        assert info.plans == len(state.plans), case_id
        covered = frozenset().union(*(fields[a] for a in state.involved_agency_ids))
        assert info.fields == covered, case_id
        assert info.multi_field == state.multi_field(city), case_id
        with_fields = [a for a in state.involved_agency_ids if fields[a]]
        assert info.multi_field == (len(with_fields) >= 2 and len(covered) >= 2), case_id
