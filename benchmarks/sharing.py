"""Benchmark: the research export of a large ledger (and, once they exist, disclosures).

Builds a deterministic synthetic workload (``_workload.py``) for the 氷見市 preset, sized to
an 江戸川区-sized year (江戸川区 has about 700,000 residents, some fourteen times 氷見市's 48,000;
at this generator's rates a year of such a ward is of the order of a million events), puts it
in a ledger (not timed), then times ``hokatsu.sharing.research_export`` over the whole ledger
with areas generalised to blocks and dates to months.

The target comes from the information-sharing issue: at least 500,000 exported events/s on one
core. Disclosures are not implemented yet: their figure is printed as missing and written as
``null``. The last line printed is one JSON object with the figures.

Run: ``python benchmarks/sharing.py [--events N] [--seed S] [--repeat R]``
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _workload import workload

from hokatsu import paused_gc
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from hokatsu.sharing import research_export

EXPORT_TARGET = 500_000
KEY = b"benchmark key, 32 bytes long...."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs")
    args = parser.parse_args()

    city = himi()
    t0 = time.perf_counter()
    with paused_gc():
        ledger = Ledger(city, workload(city, args.events, seed=args.seed))
    print(f"workload: {len(ledger):,} events for {city.name} "
          f"({ledger.events[0].date} – {ledger.events[-1].date}), "
          f"built in {time.perf_counter() - t0:.1f}s")

    export_s = paused_s = cpu_s = float("inf")
    for _ in range(args.repeat):
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        export = research_export(ledger, KEY, area_level="block")
        export_s = min(export_s, time.perf_counter() - t0)
        cpu_s = min(cpu_s, time.process_time() - c0)
        del export
        gc.collect()
        with paused_gc():
            t0 = time.perf_counter()
            export = research_export(ledger, KEY, area_level="block")
            paused_s = min(paused_s, time.perf_counter() - t0)
        print(f"  {export!r}")
        del export

    n = len(ledger)
    per_s = n / export_s
    print(f"events:       {n:,}")
    print("disclosures:  not implemented yet (consent and disclose() come later)")
    print(f"export:       {export_s:.2f}s  {per_s:,.0f} events/s  "
          f"= {per_s / EXPORT_TARGET:.2f}× the target of {EXPORT_TARGET:,}/s")
    print(f"  processor time:   {cpu_s:.2f}s  {n / cpu_s:,.0f} events/s (on a shared machine, "
          "the wall-clock figure counts the time other processes took)")
    print(f"  collector paused: {paused_s:.2f}s  {n / paused_s:,.0f} events/s  "
          f"= {n / paused_s / EXPORT_TARGET:.2f}× the target")
    print(json.dumps({
        "benchmark": "sharing",
        "events": n,
        "disclosures_per_s": None,
        "export_s": round(export_s, 3),
    }))


if __name__ == "__main__":
    main()
