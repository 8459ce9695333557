"""Benchmark: one simulated fiscal year of 江戸川区, against Mesa, and a sweep on Dask.

Measures:

- ``hokatsu``: ``simulate(presets.edogawa(), seed)`` — one fiscal year of 江戸川区's 309,072
  households on one core, ledger validation included. Targets: ≤ 10 s and ≤ 1 GB peak
  memory (peak traced with :mod:`tracemalloc` in a second run, so that tracing does not slow
  the timed one; the process's maximum resident size is printed too).
- ``mesa`` (when Mesa 3.3 is installed): the same arrival process and case life cycle as an
  agent-per-household Mesa model stepped daily, and as one on ``mesa.experimental.devs``
  (households are agents, each scheduling its next consultation), at ``--mesa-households``
  households; hokatsu's time at the same scale (氷見市's preset with that many households) is
  measured too. The Mesa models only count
  their events (tuples), they build and validate no ledger: the comparison favours Mesa.
  Targets: ≥ 100× the daily-stepped model, ≥ 10× the DEVS one.
- ``dask`` (when dask and distributed are installed): a sweep of 16 runs of 氷見市 on a
  2-worker ``LocalCluster`` against the same sweep run serially. Target ≥ 1.7× (on a machine
  with two idle cores).

Timings are the best of ``--repeat`` runs (the daily-stepped Mesa model: one run), since the
machine may be shared. The last line printed is one JSON object with the figures (``null``
for what was not measured).

Run: ``python benchmarks/simulation.py [--seed S] [--repeat R] [--mesa-households N]
[--no-mesa] [--no-dask] [--runs N]``
"""

from __future__ import annotations

import argparse
import json
import resource
import time
import tracemalloc
from typing import Any

import attrs

from hokatsu.simulation import assumptions, presets, simulate, sweep

TIME_TARGET_S = 10.0
MEMORY_TARGET_MB = 1024.0


def _best(repeat: int, run: Any) -> float:
    """The best wall time of *repeat* calls of *run* (the machine may be shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _hokatsu(seed: int, repeat: int) -> tuple[float, float, int, int]:
    scenario = presets.edogawa()
    n = len(simulate(scenario, seed))
    seconds = _best(repeat, lambda: simulate(scenario, seed))
    tracemalloc.start()
    simulate(scenario, seed)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, n, scenario.n_households


# -- the Mesa models: the same arrivals and case life cycle, without a ledger ------------------

def _rates(households: int) -> dict[str, float]:
    per_household_day = assumptions.CONSULTATIONS_PER_1000 / 1000 / 365
    return {"p": per_household_day, "case": assumptions.CASE_SHARE,
            "assess": assumptions.DAYS_TO_ASSESSMENT, "plan": assumptions.DAYS_TO_PLAN,
            "accept": assumptions.DAYS_TO_ACCEPT, "support": assumptions.SUPPORT_DAYS,
            "follow": assumptions.FOLLOW_UP_DAYS, "close": assumptions.CLOSE_AT_FOLLOW_UP,
            "n": households}


def _mesa_step(households: int, seed: int) -> float:
    """One run (a long one) of the daily-stepped model."""
    import mesa

    rates = _rates(households)

    class Home(mesa.Agent):  # type: ignore[misc]
        def __init__(self, model: Any) -> None:
            super().__init__(model)
            self.stage = 0  # 0 none, 1 assessing, 2 planning, 3 referred, 4 supported, 5 follow
            self.wait = 0

        def step(self) -> None:
            r, log = self.model.random, self.model.log
            if self.stage == 0:
                if r.random() < rates["p"]:
                    log.append(("consultation", self.unique_id))
                    if r.random() < rates["case"]:
                        log.append(("opened", self.unique_id))
                        self.stage, self.wait = 1, int(r.expovariate(1 / rates["assess"]))
                return
            if self.wait > 0:
                self.wait -= 1
                return
            if self.stage == 1:
                log.append(("assessed", self.unique_id))
                self.stage, self.wait = 2, int(r.expovariate(1 / rates["plan"]))
            elif self.stage == 2:
                log.append(("plan", self.unique_id))
                log.append(("referral", self.unique_id))
                self.stage, self.wait = 3, int(r.expovariate(1 / rates["accept"]))
            elif self.stage == 3:
                log.append(("accepted", self.unique_id))
                self.stage, self.wait = 4, int(r.expovariate(1 / rates["support"]))
            elif self.stage == 4:
                log.append(("completed", self.unique_id))
                self.stage, self.wait = 5, int(r.expovariate(1 / rates["follow"]))
            else:
                log.append(("follow_up", self.unique_id))
                if r.random() < rates["close"]:
                    log.append(("closed", self.unique_id))
                    self.stage = 0
                else:
                    self.wait = int(r.expovariate(1 / rates["follow"]))

    class Model(mesa.Model):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(seed=seed)
            self.log: list[tuple[str, int]] = []
            Home.create_agents(self, households)

        def step(self) -> None:
            self.agents.shuffle_do("step")

    def run() -> None:
        model = Model()
        for _ in range(365):
            model.step()

    return _best(1, run)


def _mesa_devs(households: int, seed: int, repeat: int) -> float:
    import mesa
    from mesa.experimental.devs import DEVSimulator

    rates = _rates(households)

    class Home(mesa.Agent):  # type: ignore[misc]
        def arrive(self) -> None:
            m = self.model
            r = m.random
            m.log.append(("consultation", self.unique_id))
            if r.random() < rates["case"]:
                m.log.append(("opened", self.unique_id))
                self.later(rates["assess"], self.assessed)
            else:
                self.next_consultation()

        def later(self, mean: float, what: Any) -> None:
            self.model.simulator.schedule_event_relative(
                what, self.model.random.expovariate(1 / mean))

        def next_consultation(self) -> None:
            self.later(1 / rates["p"], self.arrive)

        def assessed(self) -> None:
            self.model.log.append(("assessed", self.unique_id))
            self.later(rates["plan"], self.planned)

        def planned(self) -> None:
            self.model.log.append(("plan", self.unique_id))
            self.model.log.append(("referral", self.unique_id))
            self.later(rates["accept"], self.accepted)

        def accepted(self) -> None:
            self.model.log.append(("accepted", self.unique_id))
            self.later(rates["support"], self.completed)

        def completed(self) -> None:
            self.model.log.append(("completed", self.unique_id))
            self.later(rates["follow"], self.follow_up)

        def follow_up(self) -> None:
            self.model.log.append(("follow_up", self.unique_id))
            if self.model.random.random() < rates["close"]:
                self.model.log.append(("closed", self.unique_id))
                self.next_consultation()
            else:
                self.later(rates["follow"], self.follow_up)

    class Model(mesa.Model):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(seed=seed)
            self.log: list[tuple[str, int]] = []
            self.simulator = DEVSimulator()
            self.simulator.setup(self)
            for home in Home.create_agents(self, households):
                home.next_consultation()

    def run() -> None:
        Model().simulator.run_until(365)

    return _best(repeat, run)


def _hokatsu_at(households: int, seed: int, repeat: int) -> float:
    scenario = attrs.evolve(presets.himi(), households=households)
    return _best(repeat, lambda: simulate(scenario, seed))


def _dask(runs: int) -> tuple[float, float] | None:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        return None
    scenario = presets.himi()
    seeds = range(runs)
    start = time.perf_counter()
    serial = sweep([scenario], seeds)
    serial_s = time.perf_counter() - start
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        executor = client.get_executor()
        sweep([scenario], [0], executor=executor, indicators=["2A1"])  # warm the workers
        start = time.perf_counter()
        parallel = sweep([scenario], seeds, executor=executor)
        dask_s = time.perf_counter() - start
    assert parallel == serial, "the Dask sweep must equal the serial one"
    return serial_s, dask_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mesa-households", type=int, default=16_096)
    parser.add_argument("--no-mesa", action="store_true")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--runs", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3,
                        help="best of this many runs for every timing but the daily-stepped "
                             "Mesa model's (one run)")
    args = parser.parse_args()

    seconds, peak_mb, events, households = _hokatsu(args.seed, args.repeat)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"hokatsu: 江戸川区, {households:,} households, one fiscal year: {events:,} events "
          f"in {seconds:.2f}s (target ≤ {TIME_TARGET_S:.0f}s: "
          f"{'met' if seconds <= TIME_TARGET_S else 'MISSED'}); peak traced memory "
          f"{peak_mb:,.0f} MB (target ≤ {MEMORY_TARGET_MB:,.0f} MB: "
          f"{'met' if peak_mb <= MEMORY_TARGET_MB else 'MISSED'}); max RSS {rss_mb:,.0f} MB")

    mesa_step = mesa_devs = same = None
    if not args.no_mesa:
        try:
            import mesa  # noqa: F401
        except ImportError:
            print("mesa: not installed (pip install 'mesa>=3.3,<3.4'); skipped")
        else:
            n = args.mesa_households
            same = _hokatsu_at(n, args.seed, args.repeat)
            mesa_step = _mesa_step(n, args.seed)
            mesa_devs = _mesa_devs(n, args.seed, args.repeat)
            print(f"mesa, {n:,} households, one year: stepped daily {mesa_step:.2f}s, "
                  f"devs {mesa_devs:.2f}s; hokatsu at the same scale {same:.3f}s: "
                  f"{mesa_step / same:.0f}× (target ≥ 100×) and {mesa_devs / same:.1f}× "
                  f"(target ≥ 10×)")

    dask_speedup = None
    if not args.no_dask:
        timed = _dask(args.runs)
        if timed is None:
            print("dask: not installed (pip install 'hokatsu[dask]'); skipped")
        else:
            serial_s, dask_s = timed
            dask_speedup = serial_s / dask_s
            print(f"dask: {args.runs} runs of 氷見市, serial {serial_s:.2f}s, 2-worker "
                  f"LocalCluster {dask_s:.2f}s: {dask_speedup:.2f}× (target ≥ 1.7×)")

    print(json.dumps({
        "benchmark": "simulation",
        "households": households,
        "events": events,
        "hokatsu_s": round(seconds, 3),
        "peak_mb": round(peak_mb, 1),
        "mesa_households": args.mesa_households if mesa_step is not None else None,
        "mesa_step_s": None if mesa_step is None else round(mesa_step, 3),
        "mesa_devs_s": None if mesa_devs is None else round(mesa_devs, 3),
        "hokatsu_same_scale_s": None if same is None else round(same, 3),
        "speedup_vs_mesa_step": None if mesa_step is None or same is None
        else round(mesa_step / same, 1),
        "speedup_vs_mesa_devs": None if mesa_devs is None or same is None
        else round(mesa_devs / same, 1),
        "dask_speedup": None if dask_speedup is None else round(dask_speedup, 2),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
