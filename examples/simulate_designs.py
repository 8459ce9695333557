"""Simulate 氷見市 with and without its block tier, over a few seeds, and compare.

氷見市's layered meetings (report, 第3章 3.(2)④) pass a hard case from the district meeting up
to the block, core and construction meetings while no body finds an effective way to support
it. This script runs the preset scenario and a variant without the block meeting, five seeds
each, on the cores of this machine (a process pool; ``executor=None`` runs them serially),
and prints the mean of a few indicators per design, then what every number rests on: the
count of assumptions the simulation declares.

Run it with ``python examples/simulate_designs.py``.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import multiprocessing
import statistics

import attrs

from hokatsu.reference import himi
from hokatsu.simulation import presets, remove_body, sweep
from hokatsu.simulation.assumptions import ASSUMPTIONS

INDICATORS = ("2A1", "settled_tier", "escalation_days", "2O1", "5A4")


def main() -> None:
    layered = presets.himi()
    flat = attrs.evolve(
        layered, name="no block tier", directory=remove_body(himi(), "himi-block"),
        schedules=tuple(s for s in layered.schedules if s.body_id != "himi-block"))
    context = multiprocessing.get_context("spawn")  # the pool's own start method
    with cf.ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        result = sweep({"layered": layered, "no block tier": flat}, seeds=range(5),
                       executor=pool, indicators=INDICATORS,
                       progress=lambda done, total: print(f"  run {done}/{total}", end="\r"))
    print()
    design = {run["run_id"]: run["scenario"] for run in result.runs.records()}
    values: dict[tuple[str, str], list[float]] = collections.defaultdict(list)
    for row in result.indicators.records():
        name = row["indicator"] if row["group"] is None else f"  {row['group']}"
        values[(name, design[row["run_id"]])].append(row["value"])
    names = list(dict.fromkeys(name for name, _ in values))
    print(f"{'indicator (mean of 5 seeds)':30} {'layered':>9} {'no block tier':>14}")
    for name in names:
        cells = [statistics.mean(values.get((name, d), [0])) for d in ("layered",
                                                                      "no block tier")]
        print(f"{name:30} {cells[0]:9.1f} {cells[1]:14.1f}")
    print(f"\n{len(ASSUMPTIONS)} assumptions, each with its reason: "
          "hokatsu.simulation.assumptions.ASSUMPTIONS")


if __name__ == "__main__":
    main()
