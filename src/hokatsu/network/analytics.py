"""Measures of the network, as collaboration-network practice reports them, from the record.

Community collaboratives measure their networks with surveys (the PARTNER tool: density,
degree centralisation, each member's ties, reciprocity) — what members *perceive*. hokatsu
computes the same measures from what the ledger *recorded* (referrals, shared cases,
meetings: :mod:`hokatsu.network.graphs`) and compares the two when a municipality has survey
answers (:func:`~hokatsu.network.compare_perceived`). The rest serves the coordinator's work
of building and managing the network (roles ➊ and ➎, 第2章 2.(2)): ties made for the first
time (the network behind indicator 2O2), brokers and hubs, key players whose loss would
fragment the network, silos, the fields within reach, gaps in coverage, referrals that
bounce, loops left open, agencies over capacity and growth year on year.

Functions take a graph from :mod:`hokatsu.network.graphs` (or any networkx graph with the
same attributes) unless they need the ledger itself (:func:`~hokatsu.network.new_ties`,
:func:`~hokatsu.network.uncovered`, :func:`~hokatsu.network.growth`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import networkx as nx

from hokatsu.calendar import FiscalYear, Month, Period, Quarter
from hokatsu.domain.fields import Field
from hokatsu.errors import InvalidValueError, UnknownReferenceError
from hokatsu.ledger import Ledger, LedgerView
from hokatsu.network.graphs import (
    Source,
    _facts,
    _fold,
    case_agency_graph,
    collaboration_graph,
)

__all__ = [
    "Community",
    "Gap",
    "NetworkMeasures",
    "NewTies",
    "Overload",
    "PerceivedComparison",
    "PingPong",
    "Silos",
    "YearGrowth",
    "brokers",
    "closed_loop_rate",
    "compare_perceived",
    "cross_field_share",
    "degree_centralization",
    "fields_within",
    "fragmentation",
    "growth",
    "hubs",
    "key_players",
    "network_measures",
    "new_ties",
    "over_capacity",
    "ping_pong",
    "silos",
    "uncovered",
]

Pair = tuple[str, str]


def _graph(func: str, graph: Any, *, multi: bool | None = None) -> None:
    """Refuse anything but a networkx graph (a multigraph of referrals where *multi*)."""
    if not isinstance(graph, nx.Graph):
        raise InvalidValueError(func, "graph", type(graph).__name__, "a networkx graph")
    if multi and not (graph.is_multigraph() and graph.is_directed()):
        raise InvalidValueError(func, "graph", type(graph).__name__,
                                "a MultiDiGraph of referrals (referral_multigraph)")


def _count(func: str, name: str, value: Any, minimum: int = 0) -> None:
    if type(value) is not int or value < minimum:
        raise InvalidValueError(func, name, value, f"a whole number, at least {minimum}")


def _weight(func: str, name: str, value: Any) -> int | float:
    """An edge's weight, refused unless a finite number (a bool is no weight)."""
    if type(value) not in (int, float) or not math.isfinite(value):
        raise InvalidValueError(func, name, type(value).__name__,
                                "edges whose weight attribute is a finite number")
    return value  # type: ignore[no-any-return]  # an int or a float, checked above


def _simple_undirected(graph: nx.Graph, func: str | None = None) -> nx.Graph:
    """The ties of *graph* regardless of direction and multiplicity, without self-loops.

    With *func* (the measure asking), ``weight`` is summed over the edges merged and must be
    a number; without, every tie weighs 1.
    """
    out = nx.Graph()
    out.add_nodes_from(graph.nodes(data=True))
    for u, v, w in graph.edges(data="weight", default=1):
        if u == v:
            continue
        w = 1 if func is None else _weight(func, "graph", w)
        if out.has_edge(u, v):
            out[u][v]["weight"] += w
        else:
            out.add_edge(u, v, weight=w)
    return out


# -- the PARTNER measures ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class NetworkMeasures:
    """The whole-network measures collaboration-network practice reports.

    Args:
        agencies: nodes.
        ties: ties between two different agencies (an ordered pair in a directed graph).
        density: ties over the ties possible.
        centralization: Freeman's degree centralisation of the ties regardless of direction
            (:func:`degree_centralization`).
        reciprocity: the share of directed ties returned; None for an undirected graph or
            one without ties.
        in_degree: agencies tying to each agency (its degree in an undirected graph).
        out_degree: agencies each agency ties to (its degree in an undirected graph).

    Examples:
        >>> import networkx as nx
        >>> m = network_measures(nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")]))
        >>> m.agencies, m.ties, m.density, m.reciprocity
        (3, 3, 0.5, 0.6666666666666666)
    """

    agencies: int
    ties: int
    density: float
    centralization: float
    reciprocity: float | None
    in_degree: Mapping[str, int] = attrs.field(repr=lambda d: f"<{len(d)} agencies>")
    out_degree: Mapping[str, int] = attrs.field(repr=lambda d: f"<{len(d)} agencies>")


def degree_centralization(graph: nx.Graph) -> float:
    """Freeman's degree centralisation: how much the ties gather around one agency.

    Args:
        graph: any networkx graph; direction, parallel edges and self-loops are ignored.

    Returns:
        ``sum(max_degree - degree(v)) / ((n - 1) * (n - 2))`` over the *n* agencies: 1.0 for
        a star (one agency holds every tie), 0.0 when all have the same number of ties or
        *n* < 3.

    Raises:
        InvalidValueError: *graph* is not a networkx graph.

    Notes:
        networkx has no centralisation measure; PARTNER reports this one.

    References:
        L. C. Freeman, "Centrality in social networks: conceptual clarification", Social
        Networks 1 (1979) 215–239.

    Examples:
        >>> import networkx as nx
        >>> degree_centralization(nx.star_graph(4)), degree_centralization(nx.cycle_graph(5))
        (1.0, 0.0)
    """
    _graph("degree_centralization", graph)
    simple = _simple_undirected(graph)
    n: int = simple.number_of_nodes()
    if n < 3:
        return 0.0
    degrees: list[int] = [d for _, d in simple.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def network_measures(graph: nx.Graph) -> NetworkMeasures:
    """Density, degree centralisation, in/out degree per agency and reciprocity.

    These are the measures of the PARTNER tool used by community collaboratives, computed from
    the recorded referrals or collaboration instead of from a survey.

    Args:
        graph: a graph of :mod:`hokatsu.network.graphs` (or any networkx graph);
            parallel edges count once and self-loops not at all.

    Returns:
        A :class:`NetworkMeasures`.

    Raises:
        InvalidValueError: *graph* is not a networkx graph.

    Notes:
        A directed graph's density is ties over ``n(n - 1)``; an undirected one's over
        ``n(n - 1)/2``.

    References:
        PARTNER (Program to Analyze, Record, and Track Networks to Enhance Relationships),
        Visible Network Labs, University of Colorado Denver; S. Wasserman and K. Faust,
        *Social Network Analysis: Methods and Applications*, Cambridge University Press
        (1994), ch. 4 (density) and 13 (reciprocity).

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> from hokatsu.network import referral_graph
        >>> m = network_measures(referral_graph(Ledger(himi(), himi_fy2017())))
        >>> m.agencies, m.ties, round(m.density, 4), m.reciprocity, m.out_degree["himi-support"]
        (14, 5, 0.0275, 0.0, 3)
    """
    _graph("network_measures", graph)
    directed = graph.is_directed()
    ties = {(u, v) for u, v in graph.edges() if u != v}
    if not directed:
        ties = {(u, v) if str(u) <= str(v) else (v, u) for u, v in ties}
    n = graph.number_of_nodes()
    possible = n * (n - 1) if directed else n * (n - 1) // 2
    out_deg: dict[str, int] = dict.fromkeys(graph.nodes, 0)
    in_deg: dict[str, int] = dict.fromkeys(graph.nodes, 0)
    for u, v in ties:
        out_deg[u] += 1
        in_deg[v] += 1
        if not directed:
            out_deg[v] += 1
            in_deg[u] += 1
    reciprocity = None
    if directed and ties:
        reciprocity = sum((v, u) in ties for u, v in ties) / len(ties)
    return NetworkMeasures(
        agencies=n, ties=len(ties), density=len(ties) / possible if possible else 0.0,
        centralization=degree_centralization(graph), reciprocity=reciprocity,
        in_degree=in_deg, out_degree=out_deg,
    )


@attrs.frozen(kw_only=True)
class PerceivedComparison:
    """Recorded ties against the ties a survey's respondents said they have.

    Args:
        recorded: ties in the record (pairs, regardless of direction).
        perceived: ties named in the survey.
        both: ties in both.
        only_recorded: recorded ties no respondent named, sorted.
        only_perceived: named ties the record does not show, sorted.
        agreement: ``both`` over the ties in either (Jaccard), None when there are none.

    Examples:
        >>> import networkx as nx
        >>> c = compare_perceived(nx.Graph([("a", "b"), ("c", "d")]), [("a", "b"), ("b", "c")])
        >>> c.both, c.only_perceived, round(c.agreement, 3)
        (1, (('b', 'c'),), 0.333)
    """

    recorded: int
    perceived: int
    both: int
    only_recorded: tuple[Pair, ...]
    only_perceived: tuple[Pair, ...]
    agreement: float | None


def _pair(u: str, v: str) -> Pair:
    return (u, v) if u <= v else (v, u)


def compare_perceived(graph: nx.Graph, perceived: Iterable[Pair]) -> PerceivedComparison:
    """Compare the recorded network with the one a survey perceived (PARTNER's question "which
    organisations do you work with?").

    Args:
        graph: a graph of :mod:`hokatsu.network.graphs`; ties regardless of direction.
        perceived: the pairs of agency ids the survey's respondents named.

    Returns:
        A :class:`PerceivedComparison`.

    Raises:
        InvalidValueError: *graph* is not a networkx graph, or *perceived* is not an
            iterable of pairs of agency ids.
        UnknownReferenceError: a perceived tie names an agency not in the graph.

    Examples:
        >>> import networkx as nx
        >>> recorded = nx.Graph([("a", "b"), ("b", "c")])
        >>> c = compare_perceived(recorded, [("b", "a"), ("a", "c")])
        >>> c.both, c.only_recorded, c.only_perceived, round(c.agreement, 3)
        (1, (('b', 'c'),), (('a', 'c'),), 0.333)
    """
    _graph("compare_perceived", graph)
    try:
        said = list(perceived)
    except TypeError:
        raise InvalidValueError("compare_perceived", "perceived", type(perceived).__name__,
                                "an iterable of (agency id, agency id) pairs") from None
    named: set[Pair] = set()
    for tie in said:
        if not (isinstance(tie, tuple) and len(tie) == 2
                and all(type(a) is str for a in tie)):
            raise InvalidValueError("compare_perceived", "perceived", type(tie).__name__,
                                    "(agency id, agency id) pairs")
        for agency in tie:
            if agency not in graph:
                raise UnknownReferenceError("compare_perceived", "perceived", agency,
                                            list(graph.nodes))
        if tie[0] != tie[1]:
            named.add(_pair(*tie))
    recorded = {_pair(u, v) for u, v in graph.edges() if u != v}
    both = recorded & named
    either = recorded | named
    return PerceivedComparison(
        recorded=len(recorded), perceived=len(named), both=len(both),
        only_recorded=tuple(sorted(recorded - named)),
        only_perceived=tuple(sorted(named - recorded)),
        agreement=len(both) / len(either) if either else None,
    )


# -- fields, ties made, brokers and key players -------------------------------------------


def cross_field_share(graph: nx.MultiDiGraph) -> float | None:
    """The share of referrals that cross fields: sender and receiver cover no field in common.

    Args:
        graph: a :func:`~hokatsu.network.referral_multigraph`.

    Returns:
        Among referrals between agencies that both cover a field, the share whose agencies
        share none; None without such referrals. Community actors (no field) are left out.

    Raises:
        InvalidValueError: *graph* is not a MultiDiGraph.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> from hokatsu.network import referral_multigraph
        >>> cross_field_share(referral_multigraph(Ledger(himi(), himi_fy2017())))
        0.6
    """
    _graph("cross_field_share", graph, multi=True)
    fields = {n: set(f or ()) for n, f in graph.nodes(data="fields")}
    between = crossing = 0
    for u, v in graph.edges():
        a, b = fields.get(u), fields.get(v)
        if a and b:
            between += 1
            crossing += not (a & b)
    return crossing / between if between else None


@attrs.frozen(kw_only=True)
class NewTies:
    """What a period added to the collaboration network.

    Args:
        period: the period's key (``"FY2017"``).
        pairs: agency pairs working together for the first time (on a case, or in a
            session unless hard cases only), sorted.
        agencies: agencies involved in a case (a hard one, with ``hard_only``) for the
            first time, sorted; with ``hard_only``, exactly those indicator 2O2 counts.

    Examples:
        >>> NewTies(period="FY2017", pairs=(("a", "b"),), agencies=("b",)).pairs
        (('a', 'b'),)
    """

    period: str
    pairs: tuple[Pair, ...]
    agencies: tuple[str, ...]


def new_ties(source: Ledger | LedgerView, period: Period, *, hard_only: bool = False) -> NewTies:
    """The agency pairs and agencies the network gained in *period*.

    Args:
        source: a ledger or a readable view of one.
        period: a fiscal year, quarter or month.
        hard_only: only hard cases (types ①–④, 第1章 2.(2)) and no sessions: the network
            whose newcomers indicator 2O2 (困難事例等への対応において新たに連携した機関数,
            第4章 2.(3)-2) counts.

    Returns:
        A :class:`NewTies`: the ties and agencies of the network as of the period's last day
        that it did not have the day before the period began.

    Raises:
        InvalidValueError: *period* is not a period, or as
            :func:`~hokatsu.network.collaboration_graph`.

    Examples:
        >>> from hokatsu.calendar import FiscalYear
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> ties = new_ties(Ledger(himi(), himi_fy2017()), FiscalYear(2017), hard_only=True)
        >>> ties.agencies
        ('himi-cgsc', 'himi-child', 'himi-health', 'himi-support', 'himi-swc', 'himi-welfare')
    """
    if not isinstance(period, FiscalYear | Quarter | Month):
        raise InvalidValueError("new_ties", "period", period, "a FiscalYear, Quarter or Month")
    before = period.start - dt.timedelta(days=1)
    graphs = [(collaboration_graph(source, until=day, hard_only=hard_only),
               case_agency_graph(source, until=day, hard_only=hard_only))
              for day in (before, period.end)]

    def ties(g: nx.Graph) -> set[Pair]:
        return {_pair(u, v) for u, v in g.edges()}

    def involved(g: nx.Graph) -> set[str]:
        return {n for n, d in g.nodes(data="bipartite") if d == 1 and g.degree(n)}

    (old, old_cases), (new, new_cases) = graphs
    return NewTies(period=period.key, pairs=tuple(sorted(ties(new) - ties(old))),
                   agencies=tuple(sorted(involved(new_cases) - involved(old_cases))))


def _ranked(scores: Mapping[Any, float], n: int) -> tuple[tuple[str, float], ...]:
    best = sorted(((a, s) for a, s in scores.items() if s > 0), key=lambda t: (-t[1], t[0]))
    return tuple(best[:n])


def brokers(graph: nx.Graph, n: int = 5) -> tuple[tuple[str, float], ...]:
    """The agencies that most often lie on the shortest paths between others (betweenness).

    A broker connects agencies that would otherwise not reach each other as easily; the
    coordinator is meant to be one (第2章 2.(2) ➊).

    Args:
        graph: a graph of :mod:`hokatsu.network.graphs`, directed or not.
        n: at most this many.

    Returns:
        ``(agency, normalised betweenness)`` for the agencies with a positive score, highest
        first (ties by id).

    Raises:
        InvalidValueError: *graph* is not a networkx graph, *n* is not a count.

    References:
        L. C. Freeman, "A set of measures of centrality based on betweenness", Sociometry 40
        (1977) 35–41; :func:`networkx.betweenness_centrality`.

    Examples:
        >>> import networkx as nx
        >>> brokers(nx.Graph([("a", "hub"), ("hub", "b"), ("hub", "c")]))
        (('hub', 1.0),)
    """
    _graph("brokers", graph)
    _count("brokers", "n", n)
    simple = nx.DiGraph(graph) if graph.is_directed() else _simple_undirected(graph)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    return _ranked(nx.betweenness_centrality(simple), n)


def hubs(graph: nx.Graph, n: int = 5, *, weight: str | None = None) -> tuple[tuple[str, float],
                                                                               ...]:
    """The agencies with the most ties (in and out, for a directed graph).

    Args:
        graph: a graph of :mod:`hokatsu.network.graphs`.
        n: at most this many.
        weight: an edge attribute to sum instead of counting ties (``"weight"``: referrals
            or times worked together).

    Returns:
        ``(agency, degree)`` for the agencies with ties, highest first (ties by id).

    Raises:
        InvalidValueError: *graph* is not a networkx graph, *n* is not a count, *weight*
            not None or a string.

    Examples:
        >>> import networkx as nx
        >>> hubs(nx.Graph([("a", "hub"), ("hub", "b")]), 1)
        (('hub', 2.0),)
    """
    _graph("hubs", graph)
    _count("hubs", "n", n)
    if weight is not None and type(weight) is not str:
        raise InvalidValueError("hubs", "weight", weight, "None or an edge attribute name")
    if weight is None:
        return _ranked({v: float(d) for v, d in graph.degree()}, n)
    degrees = dict.fromkeys(graph.nodes, 0.0)
    for u, v, w in graph.edges(data=weight, default=1):
        w = _weight("hubs", "weight", w)
        degrees[u] += w
        degrees[v] += w
    return _ranked(degrees, n)


def fragmentation(graph: nx.Graph) -> float:
    """The share of agency pairs that cannot reach each other (ties regardless of direction).

    Args:
        graph: any networkx graph.

    Returns:
        ``1 - sum(s(s - 1)) / (n(n - 1))`` over the sizes *s* of the connected components of
        the *n* agencies: 0.0 for a connected network (or fewer than two agencies), 1.0 when
        no agency has a tie.

    Raises:
        InvalidValueError: *graph* is not a networkx graph.

    References:
        S. P. Borgatti, "Identifying sets of key players in a social network", Computational
        and Mathematical Organization Theory 12 (2006) 21–34.

    Examples:
        >>> import networkx as nx
        >>> fragmentation(nx.Graph([("a", "b"), ("c", "d")]))
        0.6666666666666667
    """
    _graph("fragmentation", graph)
    simple = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    n: int = simple.number_of_nodes()
    if n < 2:
        return 0.0
    reach: int = sum(len(c) * (len(c) - 1) for c in nx.connected_components(simple))
    return 1 - reach / (n * (n - 1))


def key_players(graph: nx.Graph, n: int = 3) -> tuple[tuple[str, float], ...]:
    """The agencies whose removal would fragment the network (Borgatti's KPP-Neg, one agency
    at a time).

    Args:
        graph: a graph of :mod:`hokatsu.network.graphs` (ties regardless of direction).
        n: at most this many.

    Returns:
        ``(agency, share)`` for the agencies whose removal leaves some of the others unable
        to reach each other, *share* being the part of the other agencies' pairs that could
        reach each other before and no longer can; highest first (ties by id).

    Raises:
        InvalidValueError: *graph* is not a networkx graph, *n* is not a count.

    Notes:
        Only cut vertices (articulation points) score. The share is taken over the pairs of
        the *other* agencies, so that removing an agency from a well-knit network does not
        count as fragmenting it merely because the network got smaller.

    References:
        S. P. Borgatti, "Identifying sets of key players in a social network", Computational
        and Mathematical Organization Theory 12 (2006) 21–34.

    Examples:
        >>> import networkx as nx
        >>> g = nx.Graph([("a", "hub"), ("hub", "b"), ("hub", "c"), ("c", "d")])
        >>> key_players(g)
        (('hub', 0.8333333333333334), ('c', 0.5))
    """
    _graph("key_players", graph)
    _count("key_players", "n", n)
    simple = _simple_undirected(graph)
    others = simple.number_of_nodes() - 1
    if others < 2:
        return ()
    component = {a: len(c) for c in nx.connected_components(simple) for a in c}
    scores = {}
    for agency in nx.articulation_points(simple):
        rest = simple.subgraph(a for a in simple.nodes if a != agency)
        before = sum(component[a] - 1 for a in rest) - (component[agency] - 1)
        after = sum(len(c) * (len(c) - 1) for c in nx.connected_components(rest))
        scores[agency] = (before - after) / (others * (others - 1))
    return _ranked(scores, n)


# -- silos ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Community:
    """A group of agencies more tied to each other than to the rest.

    Args:
        agencies: its agencies, sorted.
        fields: the fields they cover between them, sorted.

    Examples:
        >>> Community(agencies=("a", "b"), fields=("elderly",)).silo
        True
    """

    agencies: tuple[str, ...]
    fields: tuple[str, ...]

    @property
    def silo(self) -> bool:
        """True for a silo (at least two agencies, all within one field).

        Examples:
            >>> Community(agencies=("a", "b"), fields=("elderly", "children")).silo
            False
            >>> Community(agencies=("a",), fields=("elderly",)).silo
            False
        """
        return len(self.agencies) > 1 and len(self.fields) == 1


@attrs.frozen(kw_only=True)
class Silos:
    """The network's communities compared with its fields.

    Args:
        communities: the communities found (Louvain), largest first.
        modularity: the modularity of those communities; None without ties.
        field_modularity: the modularity of grouping the agencies by the fields they cover;
            close to ``modularity``, the network follows the fields (silos); None without
            ties.

    Examples:
        >>> found = Silos(communities=(Community(agencies=("a", "b"), fields=("elderly",)),
        ...                            Community(agencies=("c",), fields=("children",))),
        ...               modularity=0.5, field_modularity=0.5)
        >>> [c.agencies for c in found.silos]
        [('a', 'b')]
    """

    communities: tuple[Community, ...]
    modularity: float | None
    field_modularity: float | None

    @property
    def silos(self) -> tuple[Community, ...]:
        """The communities that are silos.

        Examples:
            >>> Silos(communities=(), modularity=None, field_modularity=None).silos
            ()
        """
        return tuple(c for c in self.communities if c.silo)


def silos(graph: nx.Graph, *, seed: int = 0, max_level: int = 8) -> Silos:
    """Find the communities of the network and compare them with the fields (分野).

    The siloed consultation systems (縦割り, 第1章) show as communities that keep to one field;
    a network that has grown across fields has communities that mix them.

    Args:
        graph: a graph of :mod:`hokatsu.network.graphs` whose nodes carry ``fields``
            (ties regardless of direction, weighted by ``weight``).
        seed: the seed of the Louvain method (the same seed, the same communities).
        max_level: at most this many levels of the Louvain method, so that it always ends.

    Returns:
        A :class:`Silos`.

    Raises:
        InvalidValueError: *graph* is not a networkx graph, *seed* or *max_level* not a
            count (*max_level* at least 1).

    References:
        V. D. Blondel et al., "Fast unfolding of communities in large networks", J. Stat.
        Mech. (2008) P10008; :func:`networkx.community.louvain_communities`.

    Examples:
        >>> import networkx as nx
        >>> g = nx.Graph([("a", "b"), ("c", "d")])
        >>> nx.set_node_attributes(g, {"a": ["elderly"], "b": ["elderly"],
        ...                            "c": ["children"], "d": ["disability"]}, "fields")
        >>> found = silos(g)
        >>> [c.agencies for c in found.silos], found.modularity
        ([('a', 'b')], 0.5)
    """
    _graph("silos", graph)
    _count("silos", "seed", seed)
    _count("silos", "max_level", max_level, 1)
    simple = _simple_undirected(graph, "silos")
    found = nx.community.louvain_communities(simple, weight="weight", seed=seed,
                                             max_level=max_level)
    fields = {n: tuple(sorted(f or ())) for n, f in simple.nodes(data="fields")}
    communities = sorted(
        (Community(agencies=tuple(sorted(c, key=str)),
                   fields=tuple(sorted({f for a in c for f in fields[a]})))
         for c in found),
        key=lambda c: (-len(c.agencies), c.agencies))
    by_fields: dict[tuple[str, ...], set[str]] = {}
    for agency, covered in fields.items():
        by_fields.setdefault(covered, set()).add(agency)
    tied = simple.size(weight="weight") > 0
    return Silos(
        communities=tuple(communities),
        modularity=nx.community.modularity(simple, found) if tied else None,
        field_modularity=(nx.community.modularity(simple, list(by_fields.values()))
                          if tied else None),
    )


# -- the coordinator's questions ----------------------------------------------------------


def fields_within(graph: nx.Graph, agency_id: str, k: int) -> dict[str, int]:
    """The fields an agency reaches within *k* steps, each with the fewest steps it takes.

    Args:
        graph: a graph of :mod:`hokatsu.network.graphs` whose nodes carry ``fields``
            (along the direction of referrals in a directed graph).
        agency_id: the agency, typically the coordinator's.
        k: the most steps; 0 gives the agency's own fields.

    Returns:
        ``{field value: steps}``, in the order of :class:`~hokatsu.domain.fields.Field`.

    Raises:
        InvalidValueError: *graph* is not a networkx graph, *k* is not a count.
        UnknownReferenceError: *agency_id* is not a node.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> from hokatsu.network import referral_graph
        >>> fields_within(referral_graph(Ledger(himi(), himi_fy2017())), "himi-support", 1)
        {'elderly': 0, 'disability': 0, 'children': 0, 'hardship': 0, 'health': 1}
    """
    _graph("fields_within", graph)
    if type(agency_id) is not str or agency_id not in graph:
        raise UnknownReferenceError("fields_within", "agency_id", agency_id, list(graph.nodes))
    _count("fields_within", "k", k)
    steps: dict[str, int] = {}
    for node, d in nx.single_source_shortest_path_length(graph, agency_id, cutoff=k).items():
        for f in graph.nodes[node].get("fields") or ():
            if f not in steps or d < steps[f]:
                steps[f] = d
    order = {f.value: i for i, f in enumerate(Field)}
    return dict(sorted(steps.items(), key=lambda t: (order.get(t[0], len(order)), t[0])))


@attrs.frozen(kw_only=True)
class Gap:
    """A field with open issues in an area that no agency serving the area covers.

    Args:
        area_id: the area of the households.
        field: the field's value.
        cases: open cases with such an issue there.

    Examples:
        >>> Gap(area_id="himi-d01", field="housing", cases=2)
        Gap(area_id='himi-d01', field='housing', cases=2)
    """

    area_id: str
    field: str
    cases: int


def uncovered(source: Source, *, until: dt.date | None = None) -> tuple[Gap, ...]:
    """Fields with an open issue in an area but no agency serving that area in that field.

    An agency serves an area when one of its areas is the area or contains it; the gap is
    what the coordinator's resource development (第2章 2.(2) ➍) is for.

    Args:
        source: a ledger, a readable view of one, or its fold.
        until: read the events dated on or before this day.

    Returns:
        The gaps, by area and then field.

    Raises:
        InvalidValueError: as :func:`~hokatsu.network.referral_graph`.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> uncovered(Ledger(himi(), himi_fy2017()))
        ()
    """
    ctx = _fold("uncovered", source, until, None).ctx
    directory = ctx.directory
    tree = directory.areas
    serving: dict[str, set[str]] = {}  # field → areas served
    for agency in directory.agencies:
        for f in agency.fields:
            serving.setdefault(f.value, set()).update(agency.area_ids)
    gaps: dict[tuple[str, str], int] = {}
    for case in ctx.cases.values():
        if not case.is_open or not case.area_id or case.area_id not in tree:
            continue
        lineage = set(tree.lineage(case.area_id))
        for f in sorted({issue.field.value for issue in case.issues}):
            if not lineage & serving.get(f, set()):
                gaps[(case.area_id, f)] = gaps.get((case.area_id, f), 0) + 1
    return tuple(Gap(area_id=a, field=f, cases=n) for (a, f), n in sorted(gaps.items()))


@attrs.frozen(kw_only=True)
class PingPong:
    """A case sent back and forth between the same two agencies (たらい回し).

    Args:
        case_id: the case.
        agencies: the two agencies, sorted.
        referrals: their referrals of the case to each other, in date order.
        bounces: how many times the direction changed.

    Examples:
        >>> import networkx as nx
        >>> g = nx.MultiDiGraph()
        >>> g.add_edge("a", "b", "r1", case="c1", date="2017-05-01")
        'r1'
        >>> g.add_edge("b", "a", "r2", case="c1", date="2017-05-09")
        'r2'
        >>> [(p.case_id, p.agencies, p.bounces) for p in ping_pong(g)]
        [('c1', ('a', 'b'), 1)]
    """

    case_id: str
    agencies: Pair
    referrals: tuple[str, ...]
    bounces: int


def ping_pong(graph: nx.MultiDiGraph) -> tuple[PingPong, ...]:
    """Cases referred from one agency to another and back again.

    Args:
        graph: a :func:`~hokatsu.network.referral_multigraph`.

    Returns:
        One :class:`PingPong` per case and pair of agencies with at least one bounce, by
        case and pair.

    Raises:
        InvalidValueError: *graph* is not a MultiDiGraph.

    Examples:
        >>> import networkx as nx
        >>> g = nx.MultiDiGraph()
        >>> g.add_edge("a", "b", "r1", case="c1", date="2017-05-01")
        'r1'
        >>> g.add_edge("b", "a", "r2", case="c1", date="2017-05-09")
        'r2'
        >>> ping_pong(g)
        (PingPong(case_id='c1', agencies=('a', 'b'), referrals=('r1', 'r2'), bounces=1),)
    """
    _graph("ping_pong", graph, multi=True)
    runs: dict[tuple[str, Pair], list[tuple[str, str, str]]] = {}
    for u, v, key, data in graph.edges(keys=True, data=True):
        if u == v:
            continue
        runs.setdefault((data.get("case"), _pair(u, v)), []).append(
            (data.get("date") or "", str(key), u))
    out = []
    for (case, pair), refs in sorted(runs.items(), key=lambda t: (str(t[0][0]), t[0][1])):
        refs.sort()
        bounces = sum(a[2] != b[2] for a, b in itertools.pairwise(refs))
        if bounces:
            out.append(PingPong(case_id=case, agencies=pair,
                                referrals=tuple(r[1] for r in refs), bounces=bounces))
    return tuple(out)


def closed_loop_rate(graph: nx.MultiDiGraph) -> dict[str, float]:
    """Per sending agency, the share of its referrals with a final status (a closed loop).

    Args:
        graph: a :func:`~hokatsu.network.referral_multigraph`.

    Returns:
        ``{agency: rate}`` for the agencies that sent a referral, by agency.

    Raises:
        InvalidValueError: *graph* is not a MultiDiGraph.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> from hokatsu.network import referral_multigraph
        >>> closed_loop_rate(referral_multigraph(Ledger(himi(), himi_fy2017())))
        {'himi-cgsc': 1.0, 'himi-support': 0.3333333333333333}
    """
    _graph("closed_loop_rate", graph, multi=True)
    sent: dict[str, list[int]] = {}
    for u, _, final in graph.edges(data="final", default=False):
        entry = sent.setdefault(u, [0, 0])
        entry[0] += 1
        entry[1] += bool(final)
    return {a: closed / n for a, (n, closed) in sorted(sent.items())}


@attrs.frozen(kw_only=True)
class Overload:
    """An agency holding more open referrals than its capacity.

    Args:
        agency_id: the agency.
        open: referrals to it still open (requested, accepted, in progress or on hold).
        capacity: how many cases it can hold at once (the directory's).

    Examples:
        >>> Overload(agency_id="himi-cgsc", open=12, capacity=10).open
        12
    """

    agency_id: str
    open: int
    capacity: int


def over_capacity(graph: nx.MultiDiGraph) -> tuple[Overload, ...]:
    """The agencies whose open referrals exceed their capacity.

    Args:
        graph: a :func:`~hokatsu.network.referral_multigraph` (nodes carry
            ``capacity``; None means unbounded or unknown).

    Returns:
        One :class:`Overload` per agency over capacity, most over first.

    Raises:
        InvalidValueError: *graph* is not a MultiDiGraph.

    Examples:
        >>> import networkx as nx
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("a"); g.add_node("b", capacity=1)
        >>> g.add_edges_from([("a", "b", {"final": False}), ("a", "b", {"final": False})])
        [0, 1]
        >>> over_capacity(g)
        (Overload(agency_id='b', open=2, capacity=1),)
    """
    _graph("over_capacity", graph, multi=True)
    held: dict[str, int] = {}
    for _, v, final in graph.edges(data="final", default=False):
        if not final:
            held[v] = held.get(v, 0) + 1
    out = []
    for agency, n in held.items():
        capacity = graph.nodes[agency].get("capacity")
        if type(capacity) is int and n > capacity:
            out.append(Overload(agency_id=agency, open=n, capacity=capacity))
    return tuple(sorted(out, key=lambda o: (o.capacity - o.open, o.agency_id)))


@attrs.frozen(kw_only=True)
class YearGrowth:
    """The referral network of one fiscal year (年度), against the years before.

    Args:
        year: the fiscal year.
        referrals: referrals requested in it.
        agencies: agencies that sent or received one.
        ties: ordered pairs of agencies with a referral.
        new_ties: of those, pairs with no referral in an earlier year.
        density: ties over the ordered pairs of the directory's agencies.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> (year,) = growth(Ledger(himi(), himi_fy2017()))
        >>> year.year, year.referrals, year.new_ties
        (2017, 5, 5)
    """

    year: int
    referrals: int
    agencies: int
    ties: int
    new_ties: int
    density: float


def growth(source: Source) -> tuple[YearGrowth, ...]:
    """The referral network year on year, from the first fiscal year with a referral to the
    last.

    Args:
        source: a ledger, a readable view of one, or its fold.

    Returns:
        One :class:`YearGrowth` per fiscal year, in order (a year without referrals has
        zeros).

    Raises:
        InvalidValueError: as :func:`~hokatsu.network.referral_graph`.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> growth(Ledger(himi(), himi_fy2017()))  # doctest: +NORMALIZE_WHITESPACE
        (YearGrowth(year=2017, referrals=5, agencies=7, ties=5, new_ties=5,
                    density=0.027472527472527472),)
    """
    ctx = _facts(source, func="growth")
    years: dict[int, dict[Pair, int]] = {}
    for r in ctx.referrals.values():
        pairs = years.setdefault(FiscalYear.of(r.requested).year, {})
        pair = (r.request.from_agency_id, r.to_agency_id)
        pairs[pair] = pairs.get(pair, 0) + 1
    n = len(ctx.directory.agencies)
    possible = n * (n - 1)
    seen: set[Pair] = set()
    out = []
    for year in range(min(years, default=0), max(years, default=-1) + 1):
        pairs = years.get(year, {})
        ties = {p for p in pairs if p[0] != p[1]}
        out.append(YearGrowth(
            year=year, referrals=sum(pairs.values()),
            agencies=len({a for p in pairs for a in p}), ties=len(ties),
            new_ties=len(ties - seen), density=len(ties) / possible if possible else 0.0))
        seen |= ties
    return tuple(out)
