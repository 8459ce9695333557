"""Tests for hokatsu.simulation: scenarios, the engine, presets, calibration and sweeps."""

from __future__ import annotations

import collections
import concurrent.futures as cf
import functools
import gc
import multiprocessing
import pickle
import warnings
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hokatsu.domain import ConsultationContent, PlacementPattern, classify
from hokatsu.domain.agencies import AgencyKind
from hokatsu.domain.meetings import Frequency, FrequencyUnit, LegalBasis
from hokatsu.errors import InvalidValueError, UnknownReferenceError
from hokatsu.events import (
    EVENT_TYPES,
    AgendaItemRaised,
    CaseOpened,
    ConsultationReceived,
    DisclosureBasis,
    DisclosureRecorded,
    MeetingHeld,
    OutreachDone,
    PlanMade,
)
from hokatsu.indicators import compute
from hokatsu.ledger import Ledger
from hokatsu.reference import himi as himi_directory
from hokatsu.reference.edogawa import NAGOMI_CONSULTATIONS
from hokatsu.sharing import without_consent
from hokatsu.simulation import (
    CoordinatorPolicy,
    MeetingSchedule,
    Programme,
    Rates,
    Scenario,
    SweepResult,
    effective_directory,
    presets,
    remove_body,
    simulate,
    sweep,
)
from hokatsu.simulation.assumptions import ASSUMPTIONS, COMPOUND_BAND, NAGOMI_MIX_BAND
from hokatsu.simulation.assumptions import NAGOMI_VOLUME_BAND as VOLUME_BAND


@functools.cache
def preset_year(name: str, seed: int = 0) -> Ledger:
    """A preset's simulated year, made once per test session."""
    return simulate(getattr(presets, name)(), seed)


def small(**changes: Any) -> Scenario:
    """氷見市 scaled down to 4,000 households: fast enough for many runs."""
    return attrs.evolve(presets.himi(), households=4_000, **changes)


class TestAssumptions:
    def test_every_assumption_has_a_reason(self) -> None:
        """Each assumption carries a reason of some substance."""
        assert len(ASSUMPTIONS) > 30
        for a in ASSUMPTIONS.values():
            assert len(a.reason) > 30, a.name

    def test_defaults_come_from_the_assumptions(self) -> None:
        """Rates and Programme defaults are the assumptions' values."""
        assert Rates().consultations_per_1000 == ASSUMPTIONS["CONSULTATIONS_PER_1000"].value
        assert Rates().fields == ASSUMPTIONS["FIELD_WEIGHTS"].value
        assert Programme().outreach == ASSUMPTIONS["PROGRAMME"].value["outreach"]

    def test_field_weights_reproduce_the_nagomi_mix(self) -> None:
        """The field weights, mapped to contents, sum to the report's shares."""
        from hokatsu.simulation import CONTENT_OF_FIELD

        mix: dict[ConsultationContent, float] = collections.defaultdict(float)
        for field, w in Rates().fields:
            mix[CONTENT_OF_FIELD[field]] += w
        total = collections.Counter[ConsultationContent]()
        for counts in NAGOMI_CONSULTATIONS.values():
            total.update(counts)
        for content, n in total.items():
            assert mix[content] == pytest.approx(n / 569, abs=0.002)


class TestScenario:
    def test_population_defaults_to_the_directory(self) -> None:
        """Households, population and aging rate come from the directory unless given."""
        s = presets.himi()
        assert (s.n_households, s.n_population, s.rate_65) == (16_096, 47_992, 0.36)
        assert small().n_households == 4_000

    def test_dask_token_names_the_content(self) -> None:
        """Dask's token of a scenario is the same for an equal scenario built again and
        differs when any field differs."""
        tokenize = pytest.importorskip("dask.base").tokenize
        assert tokenize(presets.himi()) == tokenize(presets.himi())
        assert tokenize(small()) != tokenize(attrs.evolve(small(), households=4_001))
        assert tokenize(presets.himi()) != tokenize(presets.himi(2018))

    def test_repr_counts(self) -> None:
        """The repr names the scenario and counts households."""
        expected = "<Scenario '江戸川区': 江戸川区 FY2016, 309,072 households>"
        assert repr(presets.edogawa()) == expected

    @pytest.mark.parametrize(("field", "value"), [
        ("name", ""), ("fiscal_year", "2017"), ("years", 0), ("households", -1),
        ("rates", None), ("schedules", [])])
    def test_bad_fields_are_refused(self, field: str, value: object) -> None:
        """A bad field raises InvalidValueError naming it."""
        with pytest.raises(InvalidValueError, match=field):
            attrs.evolve(presets.himi(), **{field: value})

    def test_unknown_schedule_body(self) -> None:
        """A schedule for a body the directory lacks is refused."""
        with pytest.raises(UnknownReferenceError, match="schedules"):
            attrs.evolve(presets.himi(), schedules=(MeetingSchedule(
                body_id="nowhere", frequency=Frequency(times=1, per=FrequencyUnit.MONTH)),))

    def test_unknown_area_weight(self) -> None:
        """An area weight for an area the tree lacks is refused."""
        with pytest.raises(UnknownReferenceError, match="area_weights"):
            attrs.evolve(presets.himi(), area_weights=(("mars", 1.0),))

    def test_missing_population(self) -> None:
        """Without population figures in scenario or directory, the scenario is refused."""
        directory = attrs.evolve(himi_directory(), households=None)
        with pytest.raises(InvalidValueError, match="households"):
            Scenario(name="x", directory=directory, fiscal_year=2017)

    def test_directory_without_agencies(self) -> None:
        """A directory with no agency to receive consultations is refused."""
        directory = attrs.evolve(himi_directory(), agencies=(), coordinators=(), bodies=())
        with pytest.raises(InvalidValueError, match="directory"):
            Scenario(name="x", directory=directory, fiscal_year=2017)

    @pytest.mark.parametrize(("field", "value"), [
        ("case_share", 1.5), ("fields", ()), ("tags", (("8050", 0.1),)),
        ("effective_by_tier", ()), ("days_to_plan", 0), ("agency_capacity", 0)])
    def test_bad_rates(self, field: str, value: object) -> None:
        """A bad rate raises InvalidValueError naming it."""
        with pytest.raises(InvalidValueError, match=field):
            Rates(**{field: value})

    def test_acceptance_and_rejection_sum_at_most_one(self) -> None:
        """Acceptance and rejection chances cannot exceed 1 together."""
        with pytest.raises(InvalidValueError, match="referral_reject"):
            Rates(referral_accept=0.9, referral_reject=0.2)

    def test_remove_body_reroutes_escalation(self) -> None:
        """Without the block tier, 地域会議 escalates straight to コア会議."""
        flat = remove_body(himi_directory(), "himi-block")
        assert "himi-block" not in flat.body_ids
        assert [b.id for b in flat.escalation_chain("himi-district")] == [
            "himi-district", "himi-core", "himi-construction"]

    def test_remove_unknown_body(self) -> None:
        """Removing a body that does not exist raises UnknownReferenceError."""
        with pytest.raises(UnknownReferenceError):
            remove_body(himi_directory(), "nowhere")

    @pytest.mark.parametrize("pattern", list(PlacementPattern))
    def test_coordinator_policy_gives_its_pattern(self, pattern: PlacementPattern) -> None:
        """Each placement pattern ①–⑥ yields coordinators of that pattern and the FTE."""
        city = CoordinatorPolicy(pattern=pattern, fte=2.5).apply(himi_directory(), "block")
        assert city.placement_patterns == frozenset({pattern})
        assert city.coordinator_fte == pytest.approx(2.5)

    def test_no_coordinator_policy(self) -> None:
        """A policy without a pattern removes every coordinator."""
        s = attrs.evolve(presets.himi(), coordinators=CoordinatorPolicy(pattern=None))
        assert effective_directory(s).coordinators == ()


class TestSimulate:
    @pytest.mark.parametrize("preset", ["himi", "iga", "edogawa"])
    def test_presets_give_valid_ledgers(self, preset: str) -> None:
        """Each preset's year is a ledger that validates from scratch, within its year."""
        scenario = getattr(presets, preset)()
        ledger = preset_year(preset)
        again = Ledger(ledger.directory, ledger.events)
        assert len(again) == len(ledger) > 1000
        assert ledger.events[0].date.year == scenario.fiscal_year
        assert ledger.events[-1].date.year == scenario.fiscal_year + 1

    @pytest.mark.parametrize("preset", ["himi", "edogawa"])
    def test_events_pass_their_validators(self, preset: str) -> None:
        """Every event, even one the engine builds on its fast path, passes its validators."""
        for event in preset_year(preset):
            assert attrs.evolve(event) == event
            if isinstance(event, CaseOpened):
                home = event.household
                assert attrs.evolve(home, members=tuple(attrs.evolve(m) for m in home.members),
                                    issues=tuple(attrs.evolve(i) for i in home.issues)) == home
            elif isinstance(event, PlanMade):  # its roles are built on the fast path too
                assert tuple(attrs.evolve(r) for r in event.roles) == event.roles

    def test_a_dropped_run_goes_without_the_collector(self) -> None:
        """Once the caller drops the ledger, the run's events and households go at once: the
        run leaves no reference cycle behind, so that a sweep's earlier runs neither wait for
        the cyclic collector nor slow its passes."""
        gc.collect()
        gc.disable()
        try:
            ledger = simulate(small(), seed=3)
            n = len(ledger)
            del ledger
            left_to_the_collector = gc.collect()
        finally:
            gc.enable()
        # before: as many objects as the run made events (its queue held the run), then half
        # as many (each case's referrals named it)
        assert n > 1000
        assert left_to_the_collector == 0

    def test_same_seed_same_events(self) -> None:
        """A seed determines the run."""
        assert simulate(small(), seed=5).events == simulate(small(), seed=5).events

    def test_different_seeds_differ(self) -> None:
        """Different seeds give different runs."""
        assert simulate(small(), seed=5).events != simulate(small(), seed=6).events

    @settings(max_examples=5, deadline=None)
    @given(seed=st.integers(0, 2**40))
    def test_any_seed_validates_and_repeats(self, seed: int) -> None:
        """For any seed the ledger validates and a second run repeats it."""
        ledger = simulate(small(), seed)
        assert ledger.events == simulate(small(), seed).events

    @settings(max_examples=20, deadline=None)
    @given(data=st.data())
    def test_any_rates_and_policy_validate(self, data: st.DataObject) -> None:
        """Whatever the rates, schedules and coordinator policy, the run is a valid ledger."""
        share = st.floats(0, 1)
        accept = data.draw(share, label="accept")
        rates = Rates(
            case_share=data.draw(share), hub_share=data.draw(share),
            referral_accept=accept, referral_reject=data.draw(st.floats(0, 1 - accept)),
            referral_hold=data.draw(share), referral_complete=data.draw(share),
            agency_capacity=data.draw(st.none() | st.integers(1, 3)),
            reopen=data.draw(share), meeting_share=data.draw(share),
            urgent_share=data.draw(share), consent=data.draw(share),
            effective_by_tier=tuple(data.draw(st.lists(share, min_size=1, max_size=4))),
            close_at_follow_up=data.draw(st.floats(0.05, 1)),
            themes_per_session=data.draw(st.floats(0, 3)))
        policy = data.draw(st.none() | st.builds(
            CoordinatorPolicy, pattern=st.none() | st.sampled_from(list(PlacementPattern)),
            fte=st.floats(0.1, 4)))
        preset = data.draw(st.sampled_from([presets.himi, presets.iga, presets.edogawa]))
        frequency = data.draw(st.sampled_from([
            Frequency.ad_hoc(), Frequency(times=1, per=FrequencyUnit.MONTH),
            Frequency(times=1, per=FrequencyUnit.YEAR)]))
        base = preset()
        body = data.draw(st.sampled_from(sorted(base.directory.body_ids)))
        scenario = attrs.evolve(
            base, households=2_000, rates=rates, coordinators=policy,
            schedules=(*(x for x in base.schedules if x.body_id != body),
                       MeetingSchedule(body_id=body, frequency=frequency)))
        ledger = simulate(scenario, data.draw(st.integers(0, 1000)))
        assert len(ledger) > 0

    def test_every_event_type_can_occur(self) -> None:
        """Over six seeds of 氷見市, every event type of hokatsu.events occurs among the
        records (a correction is a record, not part of the history)."""
        seen = {e.TYPE for seed in range(6) for e in preset_year("himi", seed).records}
        assert seen == set(EVENT_TYPES)

    def test_only_contacts_become_households(self) -> None:
        """Households are made only for cases: far fewer than the municipality has."""
        ledger = preset_year("himi")
        homes = {e.household.id for e in ledger if isinstance(e, CaseOpened)}
        assert 0 < len(homes) < presets.himi().n_households / 20

    def test_cases_climb_the_ladder(self) -> None:
        """A case raised at 地域会議 reaches 構築会議 through ブロック会議 and コア会議."""
        ledger = preset_year("himi")
        body_of = {e.session_id: e.body_id for e in ledger if isinstance(e, MeetingHeld)}
        items = {e.item_id: e for e in ledger if isinstance(e, AgendaItemRaised)}
        chains = set()
        for item in items.values():
            chain = [body_of[item.session_id]]
            while item.escalated_from is not None:
                item = items[item.escalated_from]
                chain.append(body_of[item.session_id])
            chains.add(tuple(reversed(chain)))
        assert ("himi-district", "himi-block", "himi-core", "himi-construction") in chains

    def test_indicators_compute(self) -> None:
        """The indicator catalogue computes on a simulated year, with cases and meetings."""
        table = compute(preset_year("himi"), indicators=["2A1", "5A1", "1O1"])
        values = {r.indicator: r.value for r in table if r.group is None}
        assert values["2A1"] > 100
        assert values["5A1"] > 0
        assert values["1O1"] > 0

    def test_no_block_tier(self) -> None:
        """Without the block tier no ブロック会議 meets, and the ledger still validates."""
        s = attrs.evolve(presets.himi(), directory=remove_body(himi_directory(), "himi-block"),
                         schedules=tuple(x for x in presets.himi().schedules
                                         if x.body_id != "himi-block"))
        bodies = {e.body_id for e in simulate(s, seed=0) if isinstance(e, MeetingHeld)}
        assert "himi-block" not in bodies
        assert "himi-core" in bodies

    def test_more_outreach_finds_more(self) -> None:
        """Twice the outreach gives more outreach visits."""
        base = small()
        more = attrs.evolve(base, programme=attrs.evolve(base.programme, outreach=240))
        def count(s: Scenario) -> int:
            return sum(isinstance(e, OutreachDone) for e in simulate(s, seed=1))
        assert count(more) > 1.5 * count(base)

    def test_without_coordinators_no_event_names_one(self) -> None:
        """With no coordinator, no event refers to one."""
        s = small(coordinators=CoordinatorPolicy(pattern=None))
        for e in simulate(s, seed=2):
            assert getattr(e, "coordinator_id", None) is None
            assert not getattr(e, "coordinator_ids", frozenset())

    def test_city_office_placement(self) -> None:
        """Coordinators placed in the city office appear in the events."""
        s = small(coordinators=CoordinatorPolicy(
            pattern=PlacementPattern.MUNICIPALITY_CITY_WIDE, fte=2))
        ledger = simulate(s, seed=2)
        assert {getattr(e, "coordinator_id", None) for e in ledger} >= {
            "sim-coordinator1", "sim-coordinator2"}

    def test_monthly_block_meetings(self) -> None:
        """Scheduling the block meeting monthly gives about three times the sessions."""
        monthly = MeetingSchedule(body_id="himi-block",
                                  frequency=Frequency(times=1, per=FrequencyUnit.MONTH))
        base = presets.himi()
        changed = attrs.evolve(base, schedules=tuple(
            monthly if x.body_id == "himi-block" else x for x in base.schedules))
        def sessions(s: Scenario) -> int:
            return sum(isinstance(e, MeetingHeld) and e.body_id == "himi-block"
                       for e in simulate(s, seed=0))
        assert sessions(changed) >= 2.5 * sessions(base)

    def test_ad_hoc_block_meetings(self) -> None:
        """A block meeting scheduled ad hoc meets only to take up escalated cases."""
        ad_hoc = MeetingSchedule(body_id="himi-block", frequency=Frequency.ad_hoc())
        ledger = simulate(small(schedules=(ad_hoc,)), seed=0)
        body_of = {e.session_id: e.body_id for e in ledger if isinstance(e, MeetingHeld)}
        at_block = collections.Counter(
            e.session_id for e in ledger
            if isinstance(e, AgendaItemRaised) and body_of[e.session_id] == "himi-block")
        assert at_block
        assert set(at_block) == {s for s, b in body_of.items() if b == "himi-block"}

    def test_sessions_record_what_they_were_shown(self) -> None:
        """Every case on the agenda of a body that is not a community tier has what the
        session was shown recorded, on the grounds the sharing rules give; a household without
        consent is discussed only at a 支援会議, on that body's basis."""
        ledger = preset_year("himi", 1)
        directory = ledger.directory
        basis_of = {e.session_id: directory.body(e.body_id).basis
                    for e in ledger if isinstance(e, MeetingHeld)}
        shown = {(e.session_id, e.case_id): e for e in ledger
                 if isinstance(e, DisclosureRecorded) and e.session_id is not None}
        items = [e for e in ledger if isinstance(e, AgendaItemRaised) and e.case_id is not None]
        assert items
        for item in items:
            record = shown.get((item.session_id, item.case_id))
            basis = basis_of[item.session_id]
            assert record is not None, item.id
            assert bool(record.grounds) == (basis is not LegalBasis.COMMUNITY), item.id
        grounds = {g.basis for e in shown.values() for g in e.grounds}
        assert {DisclosureBasis.CONSENT, DisclosureBasis.SUPPORT_MEETING} <= grounds
        # shared without any part on consent: only at a 支援会議
        alone = [e for e in without_consent(ledger) if e.session_id is not None]
        assert alone
        assert {basis_of[e.session_id] for e in alone} == {LegalBasis.CONFIDENTIAL}

    @pytest.mark.parametrize(("scenario", "seed"), [(None, 0), ("himi", 0), (None, -1)])
    def test_bad_arguments(self, scenario: Any, seed: Any) -> None:
        """A bad scenario or seed raises InvalidValueError."""
        with pytest.raises(InvalidValueError):
            simulate(presets.himi() if scenario is None and seed == -1 else scenario, seed)


class TestCalibration:
    def test_nagomi_mix(self) -> None:
        """江戸川区's simulated base consultations match the report's mix within the band."""
        ledger = preset_year("edogawa")
        bases = {a.id for a in ledger.directory.agencies
                 if a.kind is AgencyKind.CONSULTATION_BASE}
        got = collections.Counter(e.content for e in ledger
                                  if isinstance(e, ConsultationReceived) and e.agency_id in bases)
        total = collections.Counter[ConsultationContent]()
        for counts in NAGOMI_CONSULTATIONS.values():
            total.update(counts)
        n = sum(got.values())
        low, high = VOLUME_BAND
        assert low * 569 * 12 / 9 <= n <= high * 569 * 12 / 9
        for content, expected in total.items():
            assert abs(got[content] / n - expected / 569) <= NAGOMI_MIX_BAND, content

    def test_compound_share(self) -> None:
        """About 30 % of 伊賀市's simulated cases are hard cases when they open (茅野市)."""
        ledger = preset_year("iga")
        types = [classify(e.household) for e in ledger if isinstance(e, CaseOpened)]
        share = sum(t is not None for t in types) / len(types)
        assert COMPOUND_BAND[0] <= share <= COMPOUND_BAND[1]


class TestSweep:
    def test_tables_keyed_by_run(self) -> None:
        """A sweep gives one row of runs per pair, and indicator and network rows per run."""
        result = sweep({"a": small(), "b": small(years=1)}, seeds=[0, 1], indicators=["2A1"])
        assert isinstance(result, SweepResult)
        assert [(r["run_id"], r["scenario"], r["seed"]) for r in result.runs.records()] == [
            (0, "a", 0), (1, "a", 1), (2, "b", 0), (3, "b", 1)]
        assert {r[0] for r in result.indicators} == {0, 1, 2, 3}
        assert {r[0] for r in result.networks} == {0, 1, 2, 3}
        assert repr(result) == "<SweepResult: 4 runs, 4 indicator rows, 24 network rows>"

    def test_progress(self) -> None:
        """Progress is reported after every run, ending at the total."""
        calls: list[tuple[int, int]] = []
        sweep([small()], seeds=[0, 1, 2], indicators=["2A1"],
              progress=lambda done, total: calls.append((done, total)))
        assert calls == [(1, 3), (2, 3), (3, 3)]

    def test_to_pandas(self) -> None:
        """A table converts to a DataFrame with its columns."""
        pytest.importorskip("pandas")
        frame = sweep([small()], seeds=[0], indicators=["2A1"]).indicators.to_pandas()
        assert list(frame.columns)[:3] == ["run_id", "indicator", "period"]
        assert len(frame) == 1

    def test_process_pool_equals_serial(self) -> None:
        """A process pool gives exactly the serial results."""
        grid: dict[str, Scenario] = {"small": small()}
        serial = sweep(grid, seeds=[0, 1, 2])
        context = multiprocessing.get_context("spawn")  # this pool's own, not the global one
        with cf.ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            parallel = sweep(grid, seeds=[0, 1, 2], executor=pool)
        assert parallel == serial

    def test_tasks_carry_each_scenario_pickled_once(self) -> None:
        """On an executor, every run of a scenario is given the same bytes, pickled once by
        the sweep: the executor copies bytes rather than the scenario's objects, and the
        results are the serial ones."""
        submitted: list[tuple[Any, ...]] = []

        class Recording(cf.ThreadPoolExecutor):
            def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
                submitted.append(args)
                return super().submit(fn, *args, **kwargs)

        grid = {"a": small(), "b": small(years=2)}
        serial = sweep(grid, seeds=[0, 1], indicators=["2A1"])
        with Recording(max_workers=2) as pool:
            parallel = sweep(grid, seeds=[0, 1], indicators=["2A1"], executor=pool)
        assert parallel == serial
        blobs = [args[0] for args in submitted]
        assert all(type(blob) is bytes for blob in blobs)
        assert blobs[0] is blobs[1]
        assert blobs[2] is blobs[3]
        assert blobs[0] != blobs[2]
        assert pickle.loads(blobs[2]) == grid["b"]

    def test_dask_equals_serial(self) -> None:
        """Dask's executor on a two-worker LocalCluster gives exactly the serial results."""
        distributed = pytest.importorskip("distributed")
        grid: dict[str, Scenario] = {"small": small()}
        serial = sweep(grid, seeds=[0, 1], indicators=["2A1", "5A1"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dask's own start-up warnings are not ours
            with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                          dashboard_address=None) as cluster, \
                    distributed.Client(cluster) as client:
                parallel = sweep(grid, seeds=[0, 1], indicators=["2A1", "5A1"],
                                 executor=client.get_executor())
        assert parallel == serial

    @pytest.mark.parametrize(("kwargs", "field"), [
        ({"scenarios": "himi"}, "scenarios"), ({"scenarios": []}, "scenarios"),
        ({"scenarios": [object()]}, "scenarios"), ({"seeds": 3}, "seeds"),
        ({"seeds": [-1]}, "seeds"), ({"seeds": []}, "seeds"),
        ({"executor": object()}, "executor"), ({"progress": 1}, "progress"),
        ({"indicators": 5}, "indicators")])
    def test_bad_arguments(self, kwargs: dict[str, Any], field: str) -> None:
        """Bad arguments raise InvalidValueError naming the argument."""
        args: dict[str, Any] = {"scenarios": [small()], "seeds": [0], **kwargs}
        with pytest.raises(InvalidValueError, match=field):
            sweep(args.pop("scenarios"), args.pop("seeds"), **args)
