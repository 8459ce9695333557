"""Sweeps: a grid of scenarios × seeds, serial or on any :class:`concurrent.futures.Executor`.

:func:`sweep` runs every (scenario, seed) pair — serially by default, or through an executor
you pass in (a :class:`~concurrent.futures.ProcessPoolExecutor`; Dask's
``Client.get_executor()`` for a cluster). It changes no global state (no start method is
forced). Results come back as one :class:`Table` per output, keyed by run id: ``runs`` (which
scenario and seed, how many events, cases …), ``indicators`` (every row the indicator engine
gives, each of its fields kept as a plain value) and ``networks`` (measures of the referral
network between agencies). A table converts to plain records and, when pandas is installed,
to a DataFrame.

Examples:
    >>> from hokatsu.simulation import presets
    >>> result = sweep([presets.himi()], seeds=[0, 1], indicators=["2A1"])
    >>> result.runs.columns[:3], len(result.runs)
    (('run_id', 'scenario', 'seed'), 2)
    >>> [(r["run_id"], r["indicator"], r["period"]) for r in result.indicators.records()]
    [(0, '2A1', 'FY2017'), (1, '2A1', 'FY2017')]
"""

from __future__ import annotations

import concurrent.futures as cf
import importlib
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from hokatsu import _validators as v
from hokatsu.domain.households import classify
from hokatsu.errors import InvalidValueError
from hokatsu.events import CaseOpened, ConsultationReceived, ReferralRequested
from hokatsu.indicators import compute
from hokatsu.ledger import Ledger
from hokatsu.simulation.engine import simulate
from hokatsu.simulation.scenario import Scenario

__all__ = ["NETWORK_MEASURES", "SweepResult", "Table", "network_measures", "run_outputs", "sweep"]

RUN_COLUMNS = ("run_id", "scenario", "seed", "events", "consultations", "cases", "hard_cases",
               "first_date", "last_date")
INDICATOR_COLUMNS = ("run_id", "indicator", "period", "area_id", "group", "value",
                     "numerator", "denominator", "respondents", "distribution", "movements")
NETWORK_COLUMNS = ("run_id", "measure", "value")

#: The measures of the referral network (agencies joined by the referrals between them).
NETWORK_MEASURES = ("agencies", "ties", "density", "mean_degree", "largest_component_share",
                    "clustering")


@attrs.frozen(kw_only=True, repr=False)
class Table:
    """One output of a sweep: named columns and rows of plain values.

    Args:
        name: the output (``"runs"``, ``"indicators"``, ``"networks"``).
        columns: the column names; the first is always ``run_id``.
        rows: the rows, each a tuple in column order.

    Raises:
        InvalidValueError: an empty name, no columns, or a row that is not a tuple.

    Examples:
        >>> from hokatsu.simulation.sweep import Table
        >>> table = Table(name="runs", columns=("run_id", "seed"), rows=((0, 7), (1, 8)))
        >>> table, len(table), list(table)[0]
        (<Table runs: 2 rows × 2 columns>, 2, (0, 7))
    """

    name: str = attrs.field(validator=v.TEXT)
    columns: tuple[str, ...] = attrs.field(validator=v.tuple_of(v.TEXT, nonempty=True))
    rows: tuple[tuple[Any, ...], ...] = attrs.field(validator=v.tuple_of(v.instance_of(tuple)))

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self.rows)

    def __repr__(self) -> str:
        return f"<Table {self.name}: {len(self.rows):,} rows × {len(self.columns)} columns>"

    def records(self) -> list[dict[str, Any]]:
        """The rows as plain dictionaries, column name to value.

        Returns:
            One new dict per row, in row order.

        Examples:
            >>> from hokatsu.simulation.sweep import Table
            >>> table = Table(name="runs", columns=("run_id", "seed"), rows=((0, 7), (1, 8)))
            >>> table.records()
            [{'run_id': 0, 'seed': 7}, {'run_id': 1, 'seed': 8}]
        """
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_pandas(self) -> Any:
        """The table as a :class:`pandas.DataFrame` (pandas must be installed).

        Returns:
            A new DataFrame with the table's columns, one row per row.

        Raises:
            ModuleNotFoundError: pandas is not installed (``pip install pandas``).

        Examples:
            >>> from hokatsu.simulation.sweep import Table
            >>> table = Table(name="runs", columns=("run_id", "seed"), rows=((0, 7), (1, 8)))
            >>> frame = table.to_pandas()
            >>> list(frame.columns), frame["seed"].sum()
            (['run_id', 'seed'], np.int64(15))
        """
        pd: Any = importlib.import_module("pandas")  # optional: imported on use, untyped
        return pd.DataFrame.from_records(list(self.rows), columns=list(self.columns))


@attrs.frozen(kw_only=True, repr=False)
class SweepResult:
    """The tables of a sweep, each keyed by ``run_id`` (the run's place in the grid).

    Attributes:
        runs: one row per run: its scenario, seed, and counts of events, consultations,
            cases and hard cases, with its first and last dates.
        indicators: every row the indicator engine gave, per run.
        networks: the referral network's measures (:data:`NETWORK_MEASURES`), per run.

    Examples:
        >>> from hokatsu.simulation.sweep import SweepResult, Table
        >>> empty = Table(name="networks", columns=("run_id",), rows=())
        >>> SweepResult(runs=empty, indicators=empty, networks=empty)
        <SweepResult: 0 runs, 0 indicator rows, 0 network rows>
    """

    runs: Table
    indicators: Table
    networks: Table

    def __repr__(self) -> str:
        return (f"<SweepResult: {len(self.runs)} runs, {len(self.indicators):,} indicator "
                f"rows, {len(self.networks):,} network rows>")

    @property
    def tables(self) -> dict[str, Table]:
        """The tables by name.

        Examples:
            >>> from hokatsu.simulation.sweep import SweepResult, Table
            >>> empty = Table(name="networks", columns=("run_id",), rows=())
            >>> list(SweepResult(runs=empty, indicators=empty, networks=empty).tables)
            ['runs', 'indicators', 'networks']
        """
        return {"runs": self.runs, "indicators": self.indicators, "networks": self.networks}


Outputs = tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]


def run_outputs(scenario: Scenario, seed: int, run_id: int = 0,
                indicators: tuple[str, ...] | None = None) -> Outputs:
    """Simulate one run and reduce it to the rows of the sweep's three tables.

    A module-level function, so that a process pool or a Dask worker can run it; see
    :func:`~hokatsu.simulation.engine.simulate`.

    Args:
        scenario: the scenario.
        seed: the run's seed.
        run_id: the id the rows carry in their ``run_id`` column.
        indicators: catalogue ids to compute; None for the whole catalogue.

    Returns:
        The run's row of ``runs``, its rows of ``indicators`` and its rows of ``networks``.

    Raises:
        InvalidValueError: a bad scenario or seed.

    Examples:
        >>> import attrs
        >>> from hokatsu.simulation import presets
        >>> small = attrs.evolve(presets.himi(), households=500, population=1500)
        >>> run, indicators, network = run_outputs(small, 0, run_id=3, indicators=("2A1",))
        >>> run[:3], [row[:3] for row in indicators], len(network)
        ((3, '氷見市', 0), [(3, '2A1', 'FY2017')], 6)
    """
    ledger = simulate(scenario, seed)
    return (_run_row(ledger, scenario, seed, run_id),
            _indicator_rows(ledger, run_id, indicators),
            [(run_id, k, value) for k, value in network_measures(ledger).items()])


def _run_pickled(scenario: bytes, seed: int, run_id: int,
                 indicators: tuple[str, ...] | None) -> Outputs:
    """:func:`run_outputs` of a scenario the sweep pickled (a task of a sweep on an executor)."""
    return run_outputs(pickle.loads(scenario), seed, run_id, indicators)


def _run_row(ledger: Ledger, scenario: Scenario, seed: int, run_id: int) -> tuple[Any, ...]:
    opened = [e for e in ledger if type(e) is CaseOpened]
    consultations = sum(1 for e in ledger if type(e) is ConsultationReceived)
    hard = sum(1 for e in opened if classify(e.household) is not None)
    events = ledger.events
    return (run_id, scenario.name, seed, len(events), consultations, len(opened), hard,
            events[0].date.isoformat() if events else None,
            events[-1].date.isoformat() if events else None)


def _indicator_rows(ledger: Ledger, run_id: int, indicators: tuple[str, ...] | None
                    ) -> list[tuple[Any, ...]]:
    # every field of a Row, as plain values: the period as its key, a composite's movements
    # as (indicator, previous, current, direction)
    return [(run_id, r.indicator, r.period.key, r.area_id, r.group, r.value, r.numerator,
             r.denominator, r.respondents, r.distribution,
             tuple((m.indicator, m.previous, m.current, m.direction) for m in r.movements))
            for r in compute(ledger, indicators=indicators)]


def network_measures(ledger: Ledger) -> dict[str, float]:
    """Measures of the referral network: agencies joined when one referred to the other.

    (To be read from ``hokatsu.network`` once that module exists: one definition per measure.)

    Args:
        ledger: the ledger whose referrals make the network.

    Returns:
        Each of :data:`NETWORK_MEASURES` by name, as a float; all 0.0 without referrals.

    Raises:
        InvalidValueError: *ledger* is not a Ledger.

    Examples:
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.reference.sample import himi_fy2017
        >>> from hokatsu.simulation.sweep import network_measures
        >>> measures = network_measures(Ledger(himi(), himi_fy2017()))
        >>> measures["agencies"], measures["ties"], round(measures["density"], 3)
        (7.0, 5.0, 0.238)
        >>> network_measures(Ledger(himi()))["ties"]
        0.0
    """
    v.argument("network_measures", "ledger", ledger, v.instance_of(Ledger))
    nx: Any = importlib.import_module("networkx")  # a runtime dependency without stubs
    graph = nx.Graph()
    for e in ledger:
        if type(e) is ReferralRequested:
            graph.add_edge(e.from_agency_id, e.to_agency_id)
    n = graph.number_of_nodes()
    if n == 0:
        return dict.fromkeys(NETWORK_MEASURES, 0.0)
    largest = max(len(c) for c in nx.connected_components(graph))
    return {
        "agencies": float(n),
        "ties": float(graph.number_of_edges()),
        "density": float(nx.density(graph)),
        "mean_degree": 2 * graph.number_of_edges() / n,
        "largest_component_share": largest / n,
        "clustering": float(nx.average_clustering(graph)),
    }


def sweep(
    scenarios: Sequence[Scenario] | Mapping[str, Scenario],
    seeds: Iterable[int],
    *,
    executor: cf.Executor | None = None,
    progress: Callable[[int, int], object] | None = None,
    indicators: Iterable[str] | None = None,
) -> SweepResult:
    """Run every scenario with every seed and gather the results in tables.

    Args:
        scenarios: the scenarios; a mapping names them (the name goes in the ``scenario``
            column), otherwise each scenario's own name is used.
        seeds: the seeds, each run with every scenario.
        executor: where to run; None runs serially in this process. Any
            :class:`concurrent.futures.Executor` works: a process pool, or Dask's
            ``Client.get_executor()``. The sweep never shuts it down.
        progress: called as ``progress(done, total)`` after each run completes.
        indicators: catalogue ids to compute; default the whole catalogue.

    Returns:
        A :class:`SweepResult`; run ids number the grid scenario by scenario, seed by seed,
        whatever order the runs completed in.

    Raises:
        InvalidValueError: a scenario that is not a Scenario, a bad seed, an executor
            without ``submit``, a progress that is not callable.

    Examples:
        >>> import attrs
        >>> from hokatsu.simulation import presets
        >>> small = attrs.evolve(presets.himi(), households=500, population=1500)
        >>> from hokatsu.simulation.sweep import sweep
        >>> done = []
        >>> result = sweep({"small": small}, seeds=[5], indicators=["2A1"],
        ...                progress=lambda n, total: done.append((n, total)))
        >>> result.runs.records()[0]["scenario"], result.runs.records()[0]["seed"], done
        ('small', 5, [(1, 1)])
        >>> sweep([small], seeds=[-1])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """
    named = _named(scenarios)
    try:
        seed_list = list(seeds)
    except TypeError:
        raise InvalidValueError("sweep", "seeds", seeds, "an iterable of seeds") from None
    v.argument("sweep", "seeds", tuple(seed_list), v.tuple_of(v.integer(0), nonempty=True))
    if executor is not None and not callable(getattr(executor, "submit", None)):
        raise InvalidValueError("sweep", "executor", type(executor).__name__,
                                "None or a concurrent.futures.Executor")
    if progress is not None and not callable(progress):
        raise InvalidValueError("sweep", "progress", type(progress).__name__,
                                "None or a callable (done, total)")
    ids: tuple[str, ...] | None = None
    if indicators is not None:
        try:
            ids = tuple(indicators)
        except TypeError:
            raise InvalidValueError("sweep", "indicators", indicators,
                                    "an iterable of indicator ids") from None
        v.argument("sweep", "indicators", ids, v.tuple_of(v.ID))
    grid = [(name, scenario, seed) for name, scenario in named for seed in seed_list]
    total = len(grid)
    results: dict[int, Outputs] = {}
    if executor is None:
        for run_id, (name, scenario, seed) in enumerate(grid):
            results[run_id] = _rename(run_outputs(scenario, seed, run_id, ids), name)
            if progress is not None:
                progress(len(results), total)
    else:
        # each scenario pickled once, here: a task carries bytes, which the executor's own
        # serialisation copies (Dask pickles a task's arguments, and its scheduler, in this
        # process, reads them back) instead of walking the directory's objects for every run
        blobs = {id(scenario): pickle.dumps(scenario, protocol=pickle.HIGHEST_PROTOCOL)
                 for _, scenario in named}
        futures = {executor.submit(_run_pickled, blobs[id(scenario)], seed, run_id, ids):
                   (run_id, name) for run_id, (name, scenario, seed) in enumerate(grid)}
        for future in cf.as_completed(futures):
            run_id, name = futures[future]
            results[run_id] = _rename(future.result(), name)
            if progress is not None:
                progress(len(results), total)
    ordered = [results[i] for i in range(total)]
    return SweepResult(
        runs=Table(name="runs", columns=RUN_COLUMNS, rows=tuple(o[0] for o in ordered)),
        indicators=Table(name="indicators", columns=INDICATOR_COLUMNS,
                         rows=tuple(row for o in ordered for row in o[1])),
        networks=Table(name="networks", columns=NETWORK_COLUMNS,
                       rows=tuple(row for o in ordered for row in o[2])),
    )


def _named(scenarios: object) -> list[tuple[str, Scenario]]:
    if isinstance(scenarios, Mapping):
        pairs = list(scenarios.items())
    elif isinstance(scenarios, Sequence) and not isinstance(scenarios, str):
        pairs = [(getattr(s, "name", None), s) for s in scenarios]
    else:
        raise InvalidValueError("sweep", "scenarios", type(scenarios).__name__,
                                "a sequence of Scenario or a mapping of names to Scenario")
    if not pairs:
        raise InvalidValueError("sweep", "scenarios", "empty", "at least one scenario")
    for i, (name, s) in enumerate(pairs):
        if not isinstance(s, Scenario):
            raise InvalidValueError("sweep", f"scenarios[{i}]", type(s).__name__, "a Scenario")
        v.argument("sweep", f"scenarios[{i}] name", name, v.TEXT)
    return pairs


def _rename(outputs: Outputs, name: str) -> Outputs:
    run, rows, network = outputs
    return ((run[0], name, *run[2:]), rows, network)
