"""The graphs of the comprehensive system, built from the ledger's fold of the facts.

Municipalities asked for each field's network to be made visible (ネットワークの見える化,
参考資料3 3-②), and building that network is the coordinator's work: grasping the agencies'
issues (➊, 第2章 2.(2)) and building and managing the system (➎). The graphs here show it as
the ledger records it, rather than as a survey perceives it:

- :func:`~hokatsu.network.referral_multigraph`: one edge per referral (つなぎ), with its
  date, field, case and status; :func:`~hokatsu.network.referral_graph`: the same referrals
  counted per pair of agencies, with acceptance and completion rates and the median wait for
  acceptance.
- :func:`~hokatsu.network.collaboration_graph`: agencies linked by working on the same case
  or sitting in the same meeting session, weighted by how often, with the tiers of the
  sessions.
- :func:`~hokatsu.network.case_agency_graph`: the bipartite graph of cases and the agencies
  involved in them.
- :func:`~hokatsu.network.field_graph`: the fields (分野) linked through the cases and
  agencies that bridge them.

Every graph has the directory's agencies (or fields) as nodes, isolated ones included, and
only plain data as attributes (strings, numbers, booleans, None and lists of them), so that
:func:`networkx.node_link_data` and ``json`` work on it. A graph reads the ledger *as of a
date* (``until``: the events dated on or before it) or *for a period* (``period``: what
happened in the period, with statuses as of its last day); its figures are the fold's
(:class:`hokatsu.facts.Context`) at that date.

Examples:
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.reference import himi
    >>> from hokatsu.reference.sample import himi_fy2017
    >>> ledger = Ledger(himi(), himi_fy2017())
    >>> graph = referral_graph(ledger)
    >>> graph.number_of_nodes(), sum(c for _, _, c in graph.edges(data="count"))
    (14, 5)
    >>> graph.edges["himi-support", "himi-health"]["acceptance_rate"]
    1.0
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from hokatsu.calendar import FiscalYear, Month, Period, Quarter
from hokatsu.domain.fields import Field
from hokatsu.domain.municipality import Municipality
from hokatsu.errors import InvalidValueError
from hokatsu.events import ReferralStatus
from hokatsu.facts import CaseInfo, Context, ReferralInfo, SessionInfo
from hokatsu.ledger import READABLE_VIEW, Ledger, LedgerView

__all__ = [
    "Source",
    "case_agency_graph",
    "collaboration_graph",
    "field_graph",
    "referral_graph",
    "referral_multigraph",
]

#: What the graphs read: a ledger, a readable view of one, or a fold of one (a
#: :class:`hokatsu.facts.Context` with a directory; as of its last event only).
Source = Ledger | LedgerView | Context

_COMPLETED = ReferralStatus.COMPLETED
# a status's serialised value and whether it is final, read once per status rather than per
# referral (Enum.value is a descriptor)
_VALUE = {s: s.value for s in ReferralStatus}
_FINAL = {s: s.is_final for s in ReferralStatus}


class _IsoDates(dict[dt.date | None, str | None]):
    """ISO strings of dates, each made once (a few hundred days for a million referrals);
    None for None."""

    def __init__(self) -> None:
        super().__init__({None: None})

    def __missing__(self, day: dt.date | None) -> str | None:
        text = self[day] = None if day is None else day.isoformat()
        return text
_SOURCE = "a Ledger, a readable LedgerView or a hokatsu.facts.Context with a directory"


class _Fold:
    """The fold as of a date, with the bounds of the period asked for."""

    __slots__ = ("ctx", "end", "sessions", "start")

    def __init__(self, ctx: Context, start: dt.date | None, end: dt.date | None,
                 sessions: list[SessionInfo] | None) -> None:
        self.ctx = ctx
        self.start = start
        self.end = end
        self.sessions = sessions


def _facts(source: Any, until: dt.date | None = None, *, func: str = "hokatsu.network"
           ) -> Context:
    """The fold of *source*'s events dated on or before *until*: a whole ledger's own
    (:attr:`~hokatsu.ledger.Ledger.facts`), or, for a date before its end or a view, the same
    trackers run again (the one place this module reads a ledger's events for the facts).

    Raises:
        InvalidValueError: *source* is not a ledger, a readable view or a fold with a
            directory; *until* is given with a fold.
    """
    if isinstance(source, Context):
        if not isinstance(source.directory, Municipality):
            raise InvalidValueError(func, "source", "a Context without a directory", _SOURCE)
        if until is not None:
            raise InvalidValueError(func, "until", until,
                                    "None for a Context (a fold cannot go back in time)")
        return source
    if isinstance(source, Ledger):
        last = source.last_date
        if until is None or last is None or until >= last:
            return source.facts  # the ledger's own fold, read as it stands
        events: Any = source.select(end=until)
    elif isinstance(source, LedgerView):
        if not source.from_start:
            raise InvalidValueError(func, "source", "a view not from the start",
                                    f"a ledger, or {READABLE_VIEW}")
        events = source.events
    else:
        raise InvalidValueError(func, "source", type(source).__name__, _SOURCE)
    ctx = Context(source.directory)
    ctx._take(events, until)
    return ctx


def _fold(func: str, source: Any, until: Any, period: Any, *, sessions: bool = False) -> _Fold:
    """Check the arguments common to every graph and fold *source* as they ask."""
    if until is not None and type(until) is not dt.date:
        raise InvalidValueError(func, "until", until, "a datetime.date (not a datetime) or None")
    if period is not None and not isinstance(period, FiscalYear | Quarter | Month):
        raise InvalidValueError(func, "period", period, "a FiscalYear, Quarter or Month, or None")
    start = end = until
    if period is not None:
        if isinstance(source, Context):
            raise InvalidValueError(func, "period", period,
                                    "None for a Context (a fold cannot go back in time)")
        start = period.start
        end = period.end if until is None else min(until, period.end)
    ctx = _facts(source, end, func=func)
    return _Fold(ctx, start if period is not None else None, end,
                 list(ctx.sessions.values()) if sessions else None)


def _graph_data(fold: _Fold, kind: str, period: Period | None) -> dict[str, Any]:
    return {
        "kind": kind,
        "municipality": fold.ctx.directory.name,
        "as_of": None if fold.end is None else fold.end.isoformat(),
        "period": None if period is None else period.key,
    }


def _agency_nodes(directory: Municipality) -> Iterator[tuple[str, dict[str, Any]]]:
    """The directory's agencies as nodes with their plain-data attributes."""
    for a in directory.agencies:
        yield a.id, {
            "kind": "agency",
            "name": a.name,
            "sector": a.sector.value,
            "agency_kind": a.kind.value,
            "fields": sorted(f.value for f in a.fields),
            "areas": sorted(a.area_ids),
            "joined": None if a.joined is None else a.joined.isoformat(),
            "capacity": a.capacity,
        }


def _referrals(fold: _Fold) -> Iterable[tuple[str, ReferralInfo]]:
    """The referrals requested in the period (all of them without one), in request order."""
    items = fold.ctx.referrals.items()
    start = fold.start
    if start is None:
        return items
    return ((rid, r) for rid, r in items if r.requested >= start)


def _field_of(ref: ReferralInfo, cases: dict[str, CaseInfo]) -> str | None:
    """The field of the issue a referral addresses, None when it names none."""
    issue_id = ref.request.issue_id
    if issue_id is None:
        return None
    for issue in cases[ref.case_id].issues:
        if issue.id == issue_id:
            return str(issue.field.value)
    return None  # pragma: no cover - the ledger refuses a referral for an unknown issue


def _add_keyed_edges(graph: nx.MultiDiGraph,
                     edges: list[tuple[str, str, str, dict[str, Any]]]) -> None:
    """``graph.add_edges_from(edges)`` for a new, plain MultiDiGraph, distinct keys and fresh
    attribute dictionaries.

    Written into the adjacency networkx documents for its graph classes (``_succ[u][v]`` and
    ``_pred[v][u]`` share one key dictionary) instead of through ``add_edge`` per edge, which
    copies each attribute dictionary twice and reads it through two views: with a million
    referrals, the edges go in about ten times faster and the multigraph costs about as much
    as networkx adding the bare pairs (``benchmarks/network.py``; the tests check the result
    equals ``add_edges_from``'s). Any other graph, or an edge to a node not yet in the graph,
    goes through ``add_edges_from``.
    """
    succ, pred = graph._succ, graph._pred
    if type(graph) is not nx.MultiDiGraph or graph.number_of_edges():
        graph.add_edges_from(edges)
        return
    for edge in edges:
        u, v, key, data = edge
        out = succ.get(u)
        if out is None or v not in succ:
            graph.add_edges_from([edge])
            continue
        keys = out.get(v)
        if keys is None:
            keys = out[v] = pred[v][u] = {}
        keys[key] = data


def referral_multigraph(source: Source, *, until: dt.date | None = None,
                        period: Period | None = None) -> nx.MultiDiGraph:
    """Every referral (つなぎ) as an edge from the sending to the receiving agency.

    Args:
        source: a ledger, a readable view of one, or its fold.
        until: read the events dated on or before this day (the graph *as of* it).
        period: keep the referrals requested in this fiscal year, quarter or month, with
            their statuses as of its last day.

    Returns:
        A :class:`networkx.MultiDiGraph` whose nodes are the directory's agencies (attributes
        ``name``, ``sector``, ``agency_kind``, ``fields``, ``areas``, ``joined``,
        ``capacity``) and whose edges, keyed by referral id, carry ``date`` (of the request,
        ISO), ``case``, ``field`` (of the issue addressed, or None), ``status`` (as of the
        date), ``final`` (the status is final: the loop is closed) and ``accepted`` (the
        acceptance date, ISO, or None).

    Raises:
        InvalidValueError: *source* is not of the kinds above, *until* is not a date,
            *period* is not a period (or either is given with a fold).

    Notes:
        The statuses are those of the fold (:class:`hokatsu.facts.ReferralInfo`); a referral
        still requested, accepted, in progress or on hold is an open loop.

    Examples:
        >>> import datetime as dt
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> graph = referral_multigraph(Ledger(himi(), himi_fy2017()), until=dt.date(2017, 6, 30))
        >>> for u, v, key, d in graph.edges(keys=True, data=True):
        ...     print(key, u, "→", v, d["date"], d["status"])
        ref-b1 himi-cgsc → himi-school 2017-06-19 rejected
        ref-b2 himi-cgsc → himi-child 2017-06-21 accepted
        ref-a1 himi-support → himi-health 2017-05-23 in_progress
    """
    fold = _fold("referral_multigraph", source, until, period)
    ctx = fold.ctx
    graph = nx.MultiDiGraph(**_graph_data(fold, "referrals", period))
    graph.add_nodes_from(_agency_nodes(ctx.directory))
    # local names and look-ups rather than calls: a million referrals go through this once
    cases, value, final, iso = ctx.cases, _VALUE, _FINAL, _IsoDates()
    _add_keyed_edges(graph, [
        (r.request.from_agency_id, r.to_agency_id, rid, {
            "date": iso[r.requested],
            "case": r.case_id,
            "field": None if r.request.issue_id is None else _field_of(r, cases),
            "status": value[r.status],
            "final": final[r.status],
            "accepted": iso[r.accepted],
        })
        for rid, r in _referrals(fold)
    ])
    return graph


def referral_graph(source: Source, *, until: dt.date | None = None,
                   period: Period | None = None) -> nx.DiGraph:
    """The referrals counted per ordered pair of agencies: who sends to whom, how often, and
    how the referrals fared.

    Args:
        source: a ledger, a readable view of one, or its fold.
        until: read the events dated on or before this day (the graph *as of* it).
        period: count the referrals requested in this fiscal year, quarter or month, with
            their statuses as of its last day.

    Returns:
        A :class:`networkx.DiGraph` on the directory's agencies (attributes as in
        :func:`referral_multigraph`) with an edge per pair that referred at least once:
        ``count`` (referrals, also as ``weight``, the name networkx algorithms read),
        ``accepted`` (accepted at some point), ``completed`` (completed, the loop closed
        with success), ``acceptance_rate`` and ``completion_rate`` (of ``count``) and
        ``median_days_to_accept`` (None when none was accepted).

    Raises:
        InvalidValueError: as :func:`referral_multigraph`.

    Notes:
        The figures are counted in plain dictionaries and handed to networkx once, so that
        building the graph costs about what networkx takes to add the bare pairs.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> graph = referral_graph(Ledger(himi(), himi_fy2017()))
        >>> edge = graph.edges["himi-support", "himi-health"]
        >>> edge["count"], edge["completion_rate"], edge["median_days_to_accept"]
        (1, 1.0, 7)
    """
    fold = _fold("referral_graph", source, until, period)
    return _referral_digraph(fold, period)


def _referral_digraph(fold: _Fold, period: Period | None) -> nx.DiGraph:
    ctx = fold.ctx
    counts: dict[tuple[str, str], int] = {}
    accepted: dict[tuple[str, str], list[int]] = {}
    completed: dict[tuple[str, str], int] = {}
    for _, r in _referrals(fold):
        pair = (r.request.from_agency_id, r.to_agency_id)
        counts[pair] = counts.get(pair, 0) + 1
        if r.accepted is not None:
            days = (r.accepted - r.requested).days
            waits = accepted.get(pair)
            if waits is None:
                accepted[pair] = [days]
            else:
                waits.append(days)
            if r.status is _COMPLETED:
                completed[pair] = completed.get(pair, 0) + 1
    graph = nx.DiGraph(**_graph_data(fold, "referrals", period))
    graph.add_nodes_from(_agency_nodes(ctx.directory))
    edges = []
    for (u, v), n in counts.items():
        waits = accepted.get((u, v), [])
        done = completed.get((u, v), 0)
        edges.append((u, v, {
            "count": n, "weight": n, "accepted": len(waits), "completed": done,
            "acceptance_rate": len(waits) / n, "completion_rate": done / n,
            "median_days_to_accept": statistics.median(waits) if waits else None,
        }))
    graph.add_edges_from(edges)
    return graph


def _active(case: CaseInfo, start: dt.date | None) -> bool:
    """Whether *case* was open at some time in a period starting on *start* (the fold read up
    to its end): every case without a period."""
    return start is None or case.closed is None or case.closed >= start


def collaboration_graph(source: Ledger | LedgerView, *, until: dt.date | None = None,
                        period: Period | None = None, hard_only: bool = False) -> nx.Graph:
    """Agencies linked by working together: on the same case, or in the same meeting session.

    Two agencies work on the same case when both are involved in it (the fold's
    ``involved``: the receiving agency, assessors, plan roles, conference seats, follow-ups
    and accepted referrals); they sit in the same session when both attend a meeting of a
    body (第3章 3.(2)④ for 氷見市's tiers).

    Args:
        source: a ledger, a readable view of one, or a fold (the sessions' attendance is the
            fold's).
        until: read the events dated on or before this day.
        period: the cases open at some time in this fiscal year, quarter or month and the
            sessions held in it.
        hard_only: only hard cases (types ①–④, 第1章 2.(2)), and no sessions: the network
            indicator 2O2 counts the newcomers of.

    Returns:
        A :class:`networkx.Graph` on the directory's agencies; each edge carries ``cases``
        (cases shared), ``sessions`` (sessions attended together), ``weight`` (their sum) and
        ``tiers`` (the tiers of those sessions' bodies, sorted, 1 being city-wide).

    Raises:
        InvalidValueError: as :func:`referral_multigraph`, and *hard_only* must be True or
            False.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> graph = collaboration_graph(Ledger(himi(), himi_fy2017()))
        >>> edge = graph.edges["himi-cgsc", "himi-swc"]
        >>> edge["cases"], edge["sessions"], edge["tiers"]
        (2, 6, [1, 2])
    """
    if type(hard_only) is not bool:
        raise InvalidValueError("collaboration_graph", "hard_only", hard_only, "True or False")
    fold = _fold("collaboration_graph", source, until, period, sessions=not hard_only)
    ctx = fold.ctx
    pairs: dict[tuple[str, str], list[Any]] = {}
    for case in ctx.cases.values():
        if (hard_only and case.hard_type is None) or not _active(case, fold.start):
            continue
        for pair in itertools.combinations(sorted(case.involved), 2):
            entry = pairs.get(pair)
            if entry is None:
                pairs[pair] = [1, 0, set()]
            else:
                entry[0] += 1
    tiers = {b.id: b.tier for b in ctx.directory.bodies}
    for session in fold.sessions or ():
        if fold.start is not None and session.date < fold.start:
            continue
        tier = tiers[session.body_id]
        for pair in itertools.combinations(sorted(session.agency_ids), 2):
            entry = pairs.get(pair)
            if entry is None:
                entry = pairs[pair] = [0, 0, set()]
            entry[1] += 1
            entry[2].add(tier)
    graph = nx.Graph(**_graph_data(fold, "collaboration", period))
    graph.add_nodes_from(_agency_nodes(ctx.directory))
    graph.add_edges_from(
        (u, v, {"cases": c, "sessions": s, "weight": c + s, "tiers": sorted(t)})
        for (u, v), (c, s, t) in pairs.items()
    )
    return graph


def case_agency_graph(source: Source, *, until: dt.date | None = None,
                      period: Period | None = None, hard_only: bool = False) -> nx.Graph:
    """The bipartite graph of cases and the agencies involved in them.

    Args:
        source: a ledger, a readable view of one, or its fold.
        until: read the events dated on or before this day.
        period: the cases open at some time in this fiscal year, quarter or month.
        hard_only: only hard cases (types ①–④, 第1章 2.(2)): the agencies with an edge are
            those that ever cooperated in one (what indicator 2O2 counts the newcomers of).

    Returns:
        A :class:`networkx.Graph` with ``bipartite`` 1 for the directory's agencies (node
        attributes as in :func:`referral_multigraph`) and 0 for the cases (``kind`` "case",
        ``area``, ``opened``, ``open``, ``hard_type`` (its value or None) and ``fields``);
        an edge joins a case to each agency involved in it, ``brought`` telling whether a
        coordinator brought the agency in (名張市's record, 第2章 5.(4)).

    Raises:
        InvalidValueError: as :func:`referral_multigraph`; a case id equal to an agency id
            (the two would be one node).

    Examples:
        >>> from networkx.algorithms import bipartite
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> graph = case_agency_graph(Ledger(himi(), himi_fy2017()))
        >>> cases = {n for n, d in graph.nodes(data="bipartite") if d == 0}
        >>> sorted(cases), bipartite.is_bipartite_node_set(graph, cases)
        (['case-a', 'case-b', 'case-c'], True)
    """
    if type(hard_only) is not bool:
        raise InvalidValueError("case_agency_graph", "hard_only", hard_only, "True or False")
    fold = _fold("case_agency_graph", source, until, period)
    ctx = fold.ctx
    graph = nx.Graph(**_graph_data(fold, "case-agency", period))
    graph.add_nodes_from((a, {**d, "bipartite": 1}) for a, d in _agency_nodes(ctx.directory))
    agencies = ctx.directory.agency_ids
    for cid, case in ctx.cases.items():
        if (hard_only and case.hard_type is None) or not _active(case, fold.start):
            continue
        if cid in agencies:
            raise InvalidValueError("case_agency_graph", "source", f"case {cid!r}",
                                    "case ids that are not also agency ids")
        graph.add_node(cid, kind="case", bipartite=0, area=case.area_id or None,
                       opened=case.opened.isoformat(), open=case.is_open,
                       hard_type=None if case.hard_type is None else case.hard_type.value,
                       fields=sorted(f.value for f in case.fields))
        graph.add_edges_from((cid, a, {"brought": a in case.brought})
                             for a in sorted(case.involved))
    return graph


def field_graph(source: Source, *, until: dt.date | None = None,
                period: Period | None = None) -> nx.Graph:
    """The fields (分野) linked through the cases and agencies that bridge them.

    A case bridges two fields when the agencies involved in it cover both (the fold's
    ``fields``, as for indicator 2A2); an agency bridges the fields it covers.

    Args:
        source: a ledger, a readable view of one, or its fold.
        until: read the events dated on or before this day.
        period: the cases open at some time in this fiscal year, quarter or month.

    Returns:
        A :class:`networkx.Graph` whose nodes are the fields' values (``label``, the
        Japanese name; ``agencies``, how many agencies cover it; ``cases``, how many cases
        its agencies were involved in); an edge carries ``cases`` and ``agencies``
        bridging the two fields, and ``weight``, their sum.

    Raises:
        InvalidValueError: as :func:`referral_multigraph`.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> graph = field_graph(Ledger(himi(), himi_fy2017()))
        >>> graph.nodes["elderly"]["label"], graph.edges["elderly", "health"]["cases"]
        ('高齢', 1)
    """
    fold = _fold("field_graph", source, until, period)
    ctx = fold.ctx
    node_cases = dict.fromkeys((f.value for f in Field), 0)
    node_agencies = dict.fromkeys(node_cases, 0)
    pairs: dict[tuple[str, str], list[int]] = {}
    order = {f.value: i for i, f in enumerate(Field)}

    def bridge(fields: list[str], slot: int) -> None:
        for pair in itertools.combinations(sorted(fields, key=order.__getitem__), 2):
            pairs.setdefault(pair, [0, 0])[slot] += 1

    for agency in ctx.directory.agencies:
        values = [f.value for f in agency.fields]
        for f in values:
            node_agencies[f] += 1
        bridge(values, 1)
    for case in ctx.cases.values():
        if not _active(case, fold.start):
            continue
        values = [f.value for f in case.fields]
        for f in values:
            node_cases[f] += 1
        bridge(values, 0)
    graph = nx.Graph(**_graph_data(fold, "fields", period))
    graph.add_nodes_from((f.value, {"label": f.label, "agencies": node_agencies[f.value],
                                    "cases": node_cases[f.value]}) for f in Field)
    graph.add_edges_from((u, v, {"cases": c, "agencies": a, "weight": c + a})
                         for (u, v), (c, a) in pairs.items())
    return graph
