"""Tests for hokatsu.network: the graphs read the fold, and the measures measure them."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hokatsu.calendar import FiscalYear, Month, Quarter
from hokatsu.cases import replay
from hokatsu.domain import Field, Household, Issue, Member, Relation
from hokatsu.errors import InvalidValueError, UnknownReferenceError
from hokatsu.events import (
    CaseOpened,
    Event,
    MeetingHeld,
    ReferralAccepted,
    ReferralCompleted,
    ReferralRequested,
    ReferralStatus,
    Route,
)
from hokatsu.facts import TRACKERS, Context
from hokatsu.indicators import compute
from hokatsu.ledger import Ledger
from hokatsu.network import (
    Gap,
    brokers,
    case_agency_graph,
    closed_loop_rate,
    collaboration_graph,
    compare_perceived,
    cross_field_share,
    degree_centralization,
    field_graph,
    fields_within,
    fragmentation,
    growth,
    hubs,
    key_players,
    network_measures,
    new_ties,
    over_capacity,
    ping_pong,
    referral_graph,
    referral_multigraph,
    silos,
    uncovered,
)
from hokatsu.network.graphs import _add_keyed_edges, _facts
from hokatsu.reference import himi
from hokatsu.reference.sample import himi_fy2017
from tests.scenarios import event_sequences, generate

CITY = himi()
SAMPLE = Ledger(CITY, himi_fy2017())
BUILDERS = (referral_graph, referral_multigraph, collaboration_graph, case_agency_graph,
            field_graph)


def _home(n: int, area: str = "himi-d03", field: Field = Field.ELDERLY) -> Household:
    person = f"m{n}"
    return Household(
        id=f"h{n}", person_id=person, area_id=area,
        members=(Member(id=person, relation=Relation.HEAD, born=dt.date(1940, 1, 1)),),
        issues=(Issue(id=f"i{n}", member_id=person, field=field,
                      identified=dt.date(2017, 4, 1)),))


def _opened(n: int, day: dt.date, agency: str = "himi-support", **kw: Any) -> CaseOpened:
    return CaseOpened(id=f"o{n}", date=day, case_id=f"c{n}", household=_home(n, **kw),
                      route=Route.COMMUNITY, agency_id=agency)


def _referral(rid: str, day: dt.date, case: str, sender: str, receiver: str) -> ReferralRequested:
    return ReferralRequested(id=f"{rid}-q", date=day, referral_id=rid, case_id=case,
                             from_agency_id=sender, to_agency_id=receiver)


def _same(a: nx.Graph, b: nx.Graph) -> bool:
    """Same nodes and edges with the same attributes (graph-level attributes aside)."""
    if a.is_multigraph():
        return (list(a.nodes(data=True)) == list(b.nodes(data=True))
                and sorted(a.edges(keys=True, data=True), key=repr)
                == sorted(b.edges(keys=True, data=True), key=repr))
    return (list(a.nodes(data=True)) == list(b.nodes(data=True))
            and sorted(a.edges(data=True), key=repr) == sorted(b.edges(data=True), key=repr))


@pytest.fixture(scope="module")
def small() -> Ledger:
    """Two cases: c1 referred support → health (accepted in 7 days, completed) and
    support → cgsc (requested); c2 referred cgsc → support and back."""
    d = dt.date(2017, 5, 1)
    return Ledger(CITY, [
        _opened(1, d),
        _referral("r1", d, "c1", "himi-support", "himi-health"),
        _referral("r2", d, "c1", "himi-support", "himi-cgsc"),
        ReferralAccepted(id="r1-a", date=d + dt.timedelta(days=7), referral_id="r1",
                         actor_id="himi-health"),
        ReferralCompleted(id="r1-c", date=d + dt.timedelta(days=9), referral_id="r1",
                          actor_id="himi-health"),
        _opened(2, dt.date(2018, 4, 2), agency="himi-cgsc"),
        _referral("r3", dt.date(2018, 4, 3), "c2", "himi-cgsc", "himi-support"),
        _referral("r4", dt.date(2018, 4, 9), "c2", "himi-support", "himi-cgsc"),
        _referral("r5", dt.date(2018, 4, 12), "c2", "himi-cgsc", "himi-support"),
    ])


class TestReferralGraphs:
    def test_counts_and_rates(self, small: Ledger) -> None:
        """An aggregated edge counts its referrals, accepted, completed, rates and the median
        wait."""
        edge = referral_graph(small).edges["himi-support", "himi-health"]
        assert (edge["count"], edge["weight"], edge["accepted"], edge["completed"]) == (1, 1, 1, 1)
        assert edge["acceptance_rate"] == edge["completion_rate"] == 1.0
        assert edge["median_days_to_accept"] == 7
        other = referral_graph(small).edges["himi-support", "himi-cgsc"]
        assert (other["count"], other["acceptance_rate"], other["median_days_to_accept"]) == (
            2, 0.0, None)

    def test_multigraph_edges_are_the_referrals(self, small: Ledger) -> None:
        """One edge per referral, keyed by its id, with the fold's status."""
        graph = referral_multigraph(small)
        edges = {k: (u, v, d) for u, v, k, d in graph.edges(keys=True, data=True)}
        assert sorted(edges) == ["r1", "r2", "r3", "r4", "r5"]
        assert edges["r1"][2] == {"date": "2017-05-01", "case": "c1", "field": None,
                                  "status": "completed", "final": True,
                                  "accepted": "2017-05-08"}
        assert edges["r2"][2]["status"] == "requested"
        assert not edges["r2"][2]["final"]

    def test_as_of_a_date(self, small: Ledger) -> None:
        """Until a date, statuses are those of that date."""
        graph = referral_multigraph(small, until=dt.date(2017, 5, 8))
        assert graph.edges["himi-support", "himi-health", "r1"]["status"] == "accepted"
        assert graph.number_of_edges() == 2

    def test_period(self, small: Ledger) -> None:
        """A period keeps the referrals requested in it."""
        graph = referral_graph(small, period=FiscalYear(2018))
        assert sorted(graph.edges(data="count")) == [
            ("himi-cgsc", "himi-support", 2), ("himi-support", "himi-cgsc", 1)]
        assert graph.graph["period"] == "FY2018"

    def test_nodes_are_the_directory(self) -> None:
        """Every agency of the directory is a node, with plain attributes."""
        graph = referral_graph(SAMPLE)
        assert set(graph) == CITY.agency_ids
        assert graph.nodes["himi-support"]["fields"] == ["children", "disability", "elderly",
                                                         "hardship"]
        assert graph.nodes["himi-support"]["sector"] == "government"

    def test_field_of_the_issue(self) -> None:
        """A referral naming an issue carries that issue's field."""
        fields = {d["field"] for _, _, d in referral_multigraph(SAMPLE).edges(data=True)}
        assert {"isolation", "disability", None} <= fields

    @given(event_sequences(min_events=20, max_events=150))
    def test_figures_equal_the_fold(self, events: list[Event]) -> None:
        """The graphs' referrals are the fold's, pair by pair and status by status."""
        ledger = Ledger(CITY, events)
        state = replay(ledger)
        multi = referral_multigraph(ledger)
        pairs = Counter((r.from_agency_id, r.to_agency_id) for r in state.referrals.values())
        assert Counter(multi.edges()) == pairs
        assert {k: s for _, _, k, s in multi.edges(keys=True, data="status")} == {
            rid: r.status.value for rid, r in state.referrals.items()}
        aggregated = referral_graph(ledger)
        assert {(u, v): c for u, v, c in aggregated.edges(data="count")} == pairs
        accepted = Counter((r.from_agency_id, r.to_agency_id) for r in state.referrals.values()
                           if r.reached(ReferralStatus.ACCEPTED))
        assert {(u, v): a for u, v, a in aggregated.edges(data="accepted") if a} == accepted

    def test_keyed_edges_as_networkx_adds_them(self) -> None:
        """The fast path builds the same multigraph as ``add_edges_from``."""
        graph = referral_multigraph(SAMPLE)
        again = nx.MultiDiGraph(**graph.graph)
        again.add_nodes_from(graph.nodes(data=True))
        again.add_edges_from((u, v, k, dict(d)) for u, v, k, d in
                             graph.edges(keys=True, data=True))
        assert nx.utils.graphs_equal(graph, again)

    def test_keyed_edges_fall_back(self) -> None:
        """A graph with edges already, or an edge to a new node, goes through networkx."""
        graph = nx.MultiDiGraph([("a", "b")])
        _add_keyed_edges(graph, [("a", "b", "k", {"x": 1}), ("b", "new", "j", {})])
        assert graph.edges["a", "b", "k"] == {"x": 1}
        assert graph.has_edge("b", "new", "j")
        fresh = nx.MultiDiGraph()
        fresh.add_node("a")
        _add_keyed_edges(fresh, [("a", "z", "k", {"x": 1})])
        assert fresh.edges["a", "z", "k"] == {"x": 1}
        assert "z" in fresh.pred

    def test_fold_as_source(self, small: Ledger) -> None:
        """A fold gives the graphs of the ledger it folded."""
        ctx = _facts(small)
        assert _same(referral_graph(ctx), referral_graph(small))
        assert _same(referral_multigraph(ctx), referral_multigraph(small))


class TestAsOfAndJson:
    @given(event_sequences(min_events=20, max_events=120), st.integers(0, 200))
    def test_until_equals_the_selection(self, events: list[Event], offset: int) -> None:
        """A graph as of day d equals the graph of the ledger selected up to d."""
        ledger = Ledger(CITY, events)
        day = events[0].date + dt.timedelta(days=offset)
        view = ledger.select(end=day)
        for build in BUILDERS:
            assert _same(build(ledger, until=day), build(view)), build.__name__

    @given(event_sequences(min_events=20, max_events=120))
    def test_node_link_json_round_trip(self, events: list[Event]) -> None:
        """Every graph goes through node_link_data and JSON and comes back the same."""
        ledger = Ledger(CITY, events)
        for build in BUILDERS:
            graph = build(ledger)
            data = json.loads(json.dumps(nx.node_link_data(graph, edges="edges")))
            again = nx.node_link_graph(data, edges="edges")
            assert _same(graph, again), build.__name__
            assert again.graph == graph.graph


class TestCollaboration:
    def test_sessions_and_tiers(self) -> None:
        """Agencies in the same session are tied, with the body's tier."""
        sessions = [e for e in SAMPLE if isinstance(e, MeetingHeld)]
        graph = collaboration_graph(SAMPLE)
        for u, v, data in graph.edges(data=True):
            together = [s for s in sessions if {u, v} <= s.agency_ids]
            assert data["sessions"] == len(together)
            assert data["tiers"] == sorted({CITY.body(s.body_id).tier for s in together})
            assert data["weight"] == data["cases"] + data["sessions"]

    def test_cases_shared(self) -> None:
        """Agencies involved in the same case are tied once per case."""
        state = replay(SAMPLE)
        graph = collaboration_graph(SAMPLE)
        for u, v, cases in graph.edges(data="cases"):
            assert cases == sum({u, v} <= c.involved_agency_ids for c in state.cases.values())

    def test_hard_only_has_no_sessions(self) -> None:
        """Hard cases only: no session ties."""
        graph = collaboration_graph(SAMPLE, hard_only=True)
        assert graph.number_of_edges() > 0
        assert all(s == 0 for _, _, s in graph.edges(data="sessions"))

    def test_fold_keeps_attendance(self) -> None:
        """The fold keeps who attended each session, so a graph of the ledger's own fold is
        the graph of the ledger."""
        assert nx.utils.graphs_equal(collaboration_graph(_facts(SAMPLE)),
                                     collaboration_graph(SAMPLE))

    def test_refusals(self) -> None:
        """A non-boolean hard_only is refused."""
        with pytest.raises(InvalidValueError, match="hard_only"):
            collaboration_graph(SAMPLE, hard_only=1)  # type: ignore[arg-type]
        with pytest.raises(InvalidValueError, match="hard_only"):
            case_agency_graph(SAMPLE, hard_only="yes")  # type: ignore[arg-type]


class TestCaseAgencyAndFields:
    def test_bipartite_degrees(self) -> None:
        """Each case is tied to exactly the agencies involved in it."""
        state = replay(SAMPLE)
        graph = case_agency_graph(SAMPLE)
        for cid, case in state.cases.items():
            assert set(graph[cid]) == case.involved_agency_ids
            assert graph.nodes[cid]["bipartite"] == 0
        assert all(graph.nodes[a]["bipartite"] == 1 for a in CITY.agency_ids)

    def test_case_id_clash(self) -> None:
        """A case named like an agency is refused."""
        home = _home(1)
        ledger = Ledger(CITY, [CaseOpened(id="e", date=dt.date(2017, 5, 1),
                                          case_id="himi-swc", household=home,
                                          route=Route.COMMUNITY, agency_id="himi-support")])
        with pytest.raises(InvalidValueError, match="case_agency_graph"):
            case_agency_graph(ledger)

    def test_field_nodes(self) -> None:
        """Field nodes count the directory's agencies covering them."""
        graph = field_graph(SAMPLE)
        for f in Field:
            assert graph.nodes[f.value]["agencies"] == sum(f in a.fields for a in CITY.agencies)
        assert graph.edges["elderly", "disability"]["agencies"] == 3


class TestErrors:
    @pytest.mark.parametrize("build", BUILDERS)
    def test_bad_arguments(self, build: Any) -> None:
        """Bad sources, dates and periods raise hokatsu errors naming the function."""
        with pytest.raises(InvalidValueError, match=build.__name__):
            build([])
        with pytest.raises(InvalidValueError, match="until"):
            build(SAMPLE, until=dt.datetime(2017, 5, 1))
        with pytest.raises(InvalidValueError, match="period"):
            build(SAMPLE, period="FY2017")
        with pytest.raises(InvalidValueError, match="source"):
            build(SAMPLE.select(start=dt.date(2017, 6, 1)))

    def test_fold_cannot_go_back(self) -> None:
        """A fold with a date or a period is refused, and so is one without a directory."""
        ctx = _facts(SAMPLE)
        with pytest.raises(InvalidValueError, match="until"):
            referral_graph(ctx, until=dt.date(2017, 5, 1))
        with pytest.raises(InvalidValueError, match="period"):
            referral_graph(ctx, period=FiscalYear(2017))
        with pytest.raises(InvalidValueError, match="directory"):
            referral_graph(Context.without_directory())

    @pytest.mark.parametrize("measure", [
        degree_centralization, network_measures, fragmentation, brokers, hubs, key_players,
        silos, cross_field_share, ping_pong, closed_loop_rate, over_capacity])
    def test_measures_refuse_junk(self, measure: Any) -> None:
        """A measure given something other than a graph raises InvalidValueError."""
        with pytest.raises(InvalidValueError, match=measure.__name__):
            measure({"a": "b"})

    def test_multigraph_required(self) -> None:
        """Measures of referrals need the multigraph."""
        with pytest.raises(InvalidValueError, match="MultiDiGraph"):
            ping_pong(referral_graph(SAMPLE))

    def test_counts(self) -> None:
        """Counts must be whole numbers."""
        with pytest.raises(InvalidValueError, match=r"brokers\.n"):
            brokers(nx.Graph(), n=-1)
        with pytest.raises(InvalidValueError, match="max_level"):
            silos(nx.Graph(), max_level=0)
        with pytest.raises(InvalidValueError, match=r"hubs\.weight"):
            hubs(nx.Graph(), weight=3)  # type: ignore[arg-type]


class TestPartnerMeasures:
    def test_centralization(self) -> None:
        """A star is fully centralised; a complete graph not at all; small graphs are 0."""
        assert degree_centralization(nx.star_graph(5)) == 1.0
        assert degree_centralization(nx.complete_graph(5)) == 0.0
        assert degree_centralization(nx.path_graph(2)) == 0.0
        # a path of four: degrees 1, 2, 2, 1 → (1 + 0 + 0 + 1) / (3 × 2)
        assert degree_centralization(nx.path_graph(4)) == pytest.approx(1 / 3)

    def test_directed_measures(self) -> None:
        """Density, degrees and reciprocity of a directed graph ignore self-loops."""
        graph = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "c"), ("c", "c")])
        m = network_measures(graph)
        assert (m.ties, m.density, m.reciprocity) == (3, 0.5, 2 / 3)
        assert dict(m.out_degree) == {"a": 2, "b": 1, "c": 0}
        assert dict(m.in_degree) == {"a": 1, "b": 1, "c": 1}

    def test_undirected_measures(self) -> None:
        """An undirected graph has no reciprocity; its density is over unordered pairs."""
        m = network_measures(nx.Graph([("a", "b")]))
        assert (m.density, m.reciprocity, m.in_degree["a"]) == (1.0, None, 1)
        assert network_measures(nx.Graph()).density == 0.0

    def test_perceived(self) -> None:
        """Survey ties are compared regardless of direction; an unknown agency is refused."""
        graph = referral_graph(SAMPLE)
        c = compare_perceived(graph, [("himi-health", "himi-support"), ("himi-swc", "himi-cgsc")])
        assert c.both == 1
        assert c.only_perceived == (("himi-cgsc", "himi-swc"),)
        assert c.recorded == 5
        assert c.agreement == pytest.approx(1 / 6)
        with pytest.raises(UnknownReferenceError, match="perceived"):
            compare_perceived(graph, [("himi-health", "nowhere")])
        with pytest.raises(InvalidValueError, match="perceived"):
            compare_perceived(graph, ["himi-health"])  # type: ignore[list-item]
        with pytest.raises(InvalidValueError, match="perceived"):
            compare_perceived(graph, 3)  # type: ignore[arg-type]
        assert compare_perceived(nx.Graph(), []).agreement is None


class TestTiesAndStructure:
    @pytest.mark.parametrize("grain", ["fiscal_year", "quarter", "month"])
    def test_new_hard_agencies_are_2o2(self, grain: str) -> None:
        """The agencies new to the hard-case network in a period are those 2O2 counts."""
        table = compute(SAMPLE, indicators=["2O2"], grain=grain)
        for row in table:
            if row.area_id != CITY.areas.root.id:
                continue
            ties = new_ties(SAMPLE, row.period, hard_only=True)
            assert len(ties.agencies) == row.value, row.period

    @given(st.integers(0, 2**32 - 1))
    def test_2o2_on_generated_ledgers(self, seed: int) -> None:
        """The agreement with 2O2 holds on generated ledgers, per quarter."""
        ledger = Ledger(CITY, generate(CITY, seed, 150))
        table = compute(ledger, indicators=["2O2"], grain="quarter")
        for row in table:
            if row.area_id == CITY.areas.root.id:
                assert len(new_ties(ledger, row.period, hard_only=True).agencies) == row.value

    def test_new_pairs(self, small: Ledger) -> None:
        """Pairs first tied in a period are those not tied before it."""
        assert new_ties(small, FiscalYear(2017)).pairs == (("himi-health", "himi-support"),)
        assert new_ties(small, FiscalYear(2018)).pairs == ()
        assert new_ties(small, Month(2018, 4)).agencies == ("himi-cgsc",)  # opened c2
        with pytest.raises(InvalidValueError, match=r"new_ties\.period"):
            new_ties(small, 2017)  # type: ignore[arg-type]

    def test_brokers_hubs_fragmentation(self) -> None:
        """A bridge between two pairs is the broker, a key player and a hub."""
        graph = nx.Graph([("a", "b"), ("b", "x"), ("x", "c"), ("c", "d")])
        assert brokers(graph)[0][0] == "x"
        assert hubs(graph, 3) == (("b", 2.0), ("c", 2.0), ("x", 2.0))
        assert fragmentation(graph) == 0.0
        assert fragmentation(nx.empty_graph(3)) == 1.0
        assert key_players(graph)[0] == ("x", pytest.approx(8 / 12))
        assert key_players(nx.complete_graph(4)) == ()
        assert brokers(referral_graph(SAMPLE)) == ()

    def test_silos_deterministic(self) -> None:
        """Louvain with a seed always gives the same communities; no ties, no modularity."""
        graph = collaboration_graph(SAMPLE)
        assert silos(graph, seed=3) == silos(graph, seed=3)
        found = silos(graph)
        assert sorted(a for c in found.communities for a in c.agencies) == sorted(graph)
        assert silos(referral_graph(SAMPLE, until=dt.date(2017, 4, 2))).modularity is None

    def test_silo_of_one_field(self) -> None:
        """Two elderly agencies tied only to each other form a silo; a tie across fields
        does not."""
        graph = nx.Graph()
        graph.add_nodes_from([("a", {"fields": ["elderly"]}), ("b", {"fields": ["elderly"]}),
                              ("c", {"fields": ["children"]}), ("d", {"fields": ["housing"]}),
                              ("e", {})])
        graph.add_edges_from([("a", "b"), ("c", "d")])
        found = silos(graph)
        assert [c.agencies for c in found.silos] == [("a", "b")]
        assert found.field_modularity is not None


class TestCoordinatorQuestions:
    def test_fields_within(self) -> None:
        """Reach grows with k; an unknown agency is refused."""
        graph = referral_graph(SAMPLE)
        assert fields_within(graph, "himi-health", 0) == {"health": 0}
        assert fields_within(graph, "himi-cgsc", 1)["children"] == 1
        with pytest.raises(UnknownReferenceError, match="agency_id"):
            fields_within(graph, "nowhere", 1)
        with pytest.raises(InvalidValueError, match=r"fields_within\.k"):
            fields_within(graph, "himi-cgsc", -1)

    def test_uncovered(self) -> None:
        """An open housing issue where no agency covers housing is a gap; closed cases are
        not."""
        ledger = Ledger(CITY, [_opened(1, dt.date(2017, 5, 1), field=Field.HOUSING),
                               _opened(2, dt.date(2017, 5, 1), area="himi-d04")])
        assert uncovered(ledger) == (Gap(area_id="himi-d03", field="housing", cases=1),)
        assert uncovered(ledger, until=dt.date(2017, 4, 30)) == ()

    def test_ping_pong(self, small: Ledger) -> None:
        """c2 went cgsc → support → cgsc → support: two bounces."""
        (found,) = ping_pong(referral_multigraph(small))
        assert (found.case_id, found.agencies, found.referrals, found.bounces) == (
            "c2", ("himi-cgsc", "himi-support"), ("r3", "r4", "r5"), 2)

    def test_closed_loops(self, small: Ledger) -> None:
        """Only r1 reached a final status."""
        assert closed_loop_rate(referral_multigraph(small)) == {
            "himi-cgsc": 0.0, "himi-support": 1 / 3}

    def test_over_capacity(self, small: Ledger) -> None:
        """An agency with capacity 1 holding two open referrals is over capacity."""
        agencies = tuple(attrs.evolve(a, capacity=1) if a.id in ("himi-support", "himi-cgsc")
                         else a for a in CITY.agencies)
        city = attrs.evolve(CITY, agencies=agencies)
        graph = referral_multigraph(Ledger(city, small.events))
        assert [(o.agency_id, o.open, o.capacity) for o in over_capacity(graph)] == [
            ("himi-cgsc", 2, 1), ("himi-support", 2, 1)]

    def test_growth(self, small: Ledger) -> None:
        """Year on year: ties new in 2018 exclude those of 2017."""
        fy17, fy18 = growth(small)
        assert (fy17.year, fy17.referrals, fy17.ties, fy17.new_ties) == (2017, 2, 2, 2)
        assert (fy18.year, fy18.referrals, fy18.ties, fy18.new_ties) == (2018, 3, 2, 1)
        assert growth(Ledger(CITY)) == ()

    def test_cross_field(self, small: Ledger) -> None:
        """support (four fields) → health crosses; support ↔ cgsc share elderly."""
        assert cross_field_share(referral_multigraph(small)) == pytest.approx(1 / 5)
        assert cross_field_share(referral_multigraph(Ledger(CITY))) is None

    def test_fold_matches_replay(self) -> None:
        """The private fold is the one replay makes."""
        ctx = Context(CITY)
        for event in SAMPLE:
            track = TRACKERS.get(type(event))
            if track is not None:
                track(ctx, event)
        assert {r: i.status for r, i in _facts(SAMPLE).referrals.items()} == {
            r: i.status for r, i in ctx.referrals.items()}
        assert Quarter(2017, 1).key in {t.period for t in [new_ties(SAMPLE, Quarter(2017, 1))]}


class TestWeights:
    def test_weights_must_be_numbers(self) -> None:
        """A weight attribute that is not a number is refused where weights are read."""
        graph = nx.MultiDiGraph()
        graph.add_edge("a", "b", case="c1", weight="heavy")
        with pytest.raises(InvalidValueError, match=r"hubs\.weight"):
            hubs(graph, weight="case")
        with pytest.raises(InvalidValueError, match=r"silos\.graph"):
            silos(graph)
        assert hubs(graph) == (("a", 1.0), ("b", 1.0))
        assert degree_centralization(graph) == 0.0

    def test_weighted_hubs(self) -> None:
        """Weighted degree sums the weights of the edges at each agency."""
        assert hubs(referral_graph(SAMPLE), 1, weight="count") == (("himi-support", 3.0),)
