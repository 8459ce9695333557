"""Benchmark: the referral graphs of a million referrals, against networkx's own speed.

Builds a compact stream of events for the 氷見市 preset — cases opened, each with referrals
between its agencies, most accepted, many completed, some rejected — and folds it once into
the fact fold (:class:`hokatsu.facts.Context`, the state a ledger keeps); neither is timed.
Then it times, best of R runs with the garbage collector paused (as :mod:`timeit` does):

- ``hokatsu_s``: :func:`hokatsu.network.referral_graph`, the aggregated weighted DiGraph
  (counts, acceptance and completion rates, median days to accept) from the fold;
- ``multigraph_s``: :func:`hokatsu.network.referral_multigraph`, one keyed edge per referral
  with its date, case, field and status;
- ``add_edges_from_s``: networkx adding the same referrals' (sender, receiver) pairs,
  extracted beforehand, to an empty ``MultiDiGraph`` with ``add_edges_from``.

Targets (the network issue): the aggregated graph in at most 1.0× the ``add_edges_from`` time,
the multigraph in at most 1.5×. The last line printed is one JSON object with the figures.

Run: ``python benchmarks/network.py [--events N] [--seed S] [--repeat R]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import time
from collections.abc import Callable, Iterator
from typing import Any

import networkx as nx

from hokatsu.domain import Field, Household, Issue, Member, Relation
from hokatsu.events import (
    CaseOpened,
    Event,
    ReferralAccepted,
    ReferralCompleted,
    ReferralRejected,
    ReferralRequested,
    Route,
)
from hokatsu.facts import TRACKERS, Context
from hokatsu.network import referral_graph, referral_multigraph
from hokatsu.reference import himi

AGGREGATED_TARGET = 1.0
MULTIGRAPH_TARGET = 1.5
REFERRALS_PER_CASE = 10


def events(n_referrals: int, seed: int) -> Iterator[Event]:
    """Valid events with *n_referrals* referral requests, in date order."""
    city = himi()
    rng = random.Random(seed)
    agencies = sorted(city.agency_ids)
    districts = [a.id for a in city.areas.at_level("district")]
    fields = [Field.ELDERLY, Field.DISABILITY, Field.CHILDREN, Field.HARDSHIP]
    day = dt.date(2017, 4, 1)
    n_cases = -(-n_referrals // REFERRALS_PER_CASE)
    per_day = max(1, n_cases // 3000)  # about eight fiscal years
    made = 0
    for c in range(n_cases):
        if c and c % per_day == 0:
            day += dt.timedelta(days=1)
        case, person = f"c{c}", f"c{c}-m"
        issue = Issue(id=f"c{c}-i", member_id=person, field=rng.choice(fields), identified=day)
        home = Household(id=f"h{c}", person_id=person, area_id=rng.choice(districts),
                         members=(Member(id=person, relation=Relation.HEAD,
                                         born=dt.date(1950, 1, 1)),), issues=(issue,))
        opener = rng.choice(agencies)
        yield CaseOpened(id=f"{case}-o", date=day, case_id=case, household=home,
                         route=Route.COMMUNITY, agency_id=opener)
        for r in range(min(REFERRALS_PER_CASE, n_referrals - made)):
            made += 1
            ref, to = f"{case}-r{r}", rng.choice(agencies)
            yield ReferralRequested(id=f"{ref}-q", date=day, referral_id=ref, case_id=case,
                                    from_agency_id=opener, to_agency_id=to,
                                    issue_id=issue.id if r == 0 else None)
            luck = rng.random()
            if luck < 0.1:
                yield ReferralRejected(id=f"{ref}-x", date=day, referral_id=ref, actor_id=to,
                                       reason="full")
            elif luck < 0.8:
                yield ReferralAccepted(id=f"{ref}-a", date=day, referral_id=ref, actor_id=to)
                if luck < 0.5:
                    yield ReferralCompleted(id=f"{ref}-c", date=day, referral_id=ref,
                                            actor_id=to)
            opener = to if rng.random() < 0.3 else opener


def best(repeat: int, build: Callable[[], Any]) -> float:
    """The best time of *repeat* calls of *build*, the collector paused."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            build()
            times.append(time.perf_counter() - t0)
        finally:
            gc.enable()
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="referral requests")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs")
    args = parser.parse_args()

    t0 = time.perf_counter()
    ctx = Context(himi())
    count = 0
    for event in events(args.events, args.seed):
        TRACKERS[type(event)](ctx, event)
        count += 1
    gc.collect()
    gc.freeze()  # the fold is read, never collected: keep the collector off it
    print(f"fold: {count:,} events, {len(ctx.cases):,} cases, {len(ctx.referrals):,} "
          f"referrals, built in {time.perf_counter() - t0:.1f}s (not timed)")

    pairs = [(r.request.from_agency_id, r.to_agency_id) for r in ctx.referrals.values()]
    hokatsu_s = best(args.repeat, lambda: referral_graph(ctx))
    multigraph_s = best(args.repeat, lambda: referral_multigraph(ctx))
    add_edges_from_s = best(args.repeat, lambda: nx.MultiDiGraph().add_edges_from(pairs))

    graph = referral_graph(ctx)
    assert sum(c for _, _, c in graph.edges(data="count")) == len(ctx.referrals)
    assert referral_multigraph(ctx).number_of_edges() == len(ctx.referrals)

    ratio = hokatsu_s / add_edges_from_s
    multigraph_ratio = multigraph_s / add_edges_from_s
    n = len(ctx.referrals)
    print(f"networkx add_edges_from, {n:,} pairs into a MultiDiGraph: {add_edges_from_s:.3f}s")
    print(f"referral_graph (aggregated DiGraph, {graph.number_of_edges()} edges): "
          f"{hokatsu_s:.3f}s, {ratio:.2f}× (target ≤ {AGGREGATED_TARGET}×)")
    print(f"referral_multigraph ({n:,} keyed edges with attributes): {multigraph_s:.3f}s, "
          f"{multigraph_ratio:.2f}× (target ≤ {MULTIGRAPH_TARGET}×)")
    print(json.dumps({
        "benchmark": "network",
        "events": n,
        "hokatsu_s": round(hokatsu_s, 4),
        "multigraph_s": round(multigraph_s, 4),
        "add_edges_from_s": round(add_edges_from_s, 4),
        "ratio": round(ratio, 3),
        "multigraph_ratio": round(multigraph_ratio, 3),
    }))


if __name__ == "__main__":
    main()
