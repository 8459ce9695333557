"""Benchmark: validated appends and replay on a large ledger.

Simulates one fiscal year of the 氷見市 preset with its households scaled to about ``--events``
events (``hokatsu.simulation.simulate``, through ``_simulated.py``; not timed) and takes its
events, then measures:

- appends: ``Ledger.append`` one event at a time, every event validated against the directory
  and the state so far (the path an application takes), and ``Ledger.extend`` in one batch;
- replay: ``hokatsu.cases.replay`` folding the whole ledger into case, referral and agenda-item
  states;
- late records: 10,000 events of the workload's last 60 days held back, the rest appended,
  then the 10,000 appended one by one, each dated 0–60 days before the latest event, each
  validated against the histories it touches (the way minutes typed up late arrive).

The targets, on one core: at least 500,000 validated appends/s in date order and 50,000 late
records/s (issue 10, "The ledger inside a real application"), and 500,000 replayed events/s
(the benchmark's own since it was first written). The last line printed is one JSON object
with the figures.

Run: ``python benchmarks/ledger.py [--events N] [--seed S] [--repeat R]``
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _late import hold_back
from _simulated import himi_year

from hokatsu.cases import replay
from hokatsu.errors import EventRejectedError
from hokatsu.ledger import Ledger

APPEND_TARGET = 500_000
REPLAY_TARGET = 500_000
LATE_TARGET = 50_000
LATE = 10_000  # late records
LATE_DAYS = 60  # how far back they go


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs")
    args = parser.parse_args()

    t0 = time.perf_counter()
    simulated = himi_year(args.events, seed=args.seed)
    city, events = simulated.directory, list(simulated.events)
    del simulated
    print(f"simulated: {len(events):,} events for {city.name} "
          f"({events[0].date} – {events[-1].date}), built in {time.perf_counter() - t0:.1f}s")

    append_s = extend_s = replay_s = float("inf")
    ledger = Ledger(city)
    for _ in range(args.repeat):
        gc.collect()
        ledger = Ledger(city)
        append = ledger.append
        t0 = time.perf_counter()
        for event in events:
            append(event)
        append_s = min(append_s, time.perf_counter() - t0)

        gc.collect()
        batch = Ledger(city)
        t0 = time.perf_counter()
        batch.extend(events)
        extend_s = min(extend_s, time.perf_counter() - t0)
        del batch

        gc.collect()
        t0 = time.perf_counter()
        state = replay(ledger)
        replay_s = min(replay_s, time.perf_counter() - t0)
        del state

    # late records: held back from the last LATE_DAYS days, appended after the rest
    rest, late = hold_back(events, LATE, LATE_DAYS, args.seed)
    ledger = Ledger(city, rest)
    gc.collect()
    append = ledger.append
    refused = 0
    t0 = time.perf_counter()
    for event in late:
        try:
            append(event)
        except EventRejectedError:  # recorded after a same-day event it must precede
            refused += 1
    late_s = time.perf_counter() - t0
    late_per_s = len(late) / late_s
    assert len(ledger) == len(events) - refused
    del ledger

    n = len(events)
    appends_per_s = n / append_s
    replay_per_s = n / replay_s
    print(f"append (one by one): {append_s:.2f}s  {appends_per_s:,.0f} events/s  "
          f"= {appends_per_s / APPEND_TARGET:.2f}× the target of {APPEND_TARGET:,}/s")
    print(f"extend (one batch):  {extend_s:.2f}s  {n / extend_s:,.0f} events/s  "
          f"= {n / extend_s / APPEND_TARGET:.2f}× the target")
    print(f"replay:              {replay_s:.2f}s  {replay_per_s:,.0f} events/s  "
          f"= {replay_per_s / REPLAY_TARGET:.2f}× the target of {REPLAY_TARGET:,}/s")
    print(f"late records:        {late_s:.2f}s  {late_per_s:,.0f} events/s  "
          f"= {late_per_s / LATE_TARGET:.2f}× the target of {LATE_TARGET:,}/s "
          f"({len(late):,} events 0–{LATE_DAYS} days late; {refused:,} refused: recorded after "
          f"a same-day event they must precede)")
    print(json.dumps({
        "benchmark": "ledger",
        "events": n,
        "appends_per_s": round(appends_per_s),
        "extend_per_s": round(n / extend_s),
        "replay_per_s": round(replay_per_s),
        "late_per_s": round(late_per_s),
    }))


if __name__ == "__main__":
    main()
