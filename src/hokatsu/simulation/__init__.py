"""Simulation: a scenario and a seed give a ledger, so every consumer works on simulated data.

:class:`~hokatsu.simulation.scenario.Scenario` holds a directory, population figures,
:class:`~hokatsu.simulation.scenario.Rates`, a :class:`~hokatsu.simulation.scenario.Programme`
of activities, meeting schedules and a :class:`~hokatsu.simulation.scenario.CoordinatorPolicy`;
:func:`~hokatsu.simulation.engine.simulate` runs it with one seeded :class:`random.Random`
through an event-driven engine and returns a validated :class:`~hokatsu.ledger.Ledger`;
:func:`~hokatsu.simulation.sweep.sweep` runs a grid of scenarios × seeds, serially or on any
:class:`concurrent.futures.Executor`. :mod:`~hokatsu.simulation.presets` has 氷見市, 江戸川区
and 伊賀市; :mod:`~hokatsu.simulation.assumptions` lists every number the report does not give.

Examples:
    >>> from hokatsu.simulation import presets, simulate
    >>> len(simulate(presets.himi(), seed=0)) > 1000
    True
"""

from hokatsu.simulation import assumptions, presets
from hokatsu.simulation.engine import CONTENT_OF_FIELD, effective_directory, simulate
from hokatsu.simulation.scenario import (
    CoordinatorPolicy,
    MeetingSchedule,
    Programme,
    Rates,
    Scenario,
    remove_body,
)
from hokatsu.simulation.sweep import SweepResult, Table, network_measures, run_outputs, sweep

__all__ = [
    "CONTENT_OF_FIELD",
    "CoordinatorPolicy",
    "MeetingSchedule",
    "Programme",
    "Rates",
    "Scenario",
    "SweepResult",
    "Table",
    "assumptions",
    "effective_directory",
    "network_measures",
    "presets",
    "remove_body",
    "run_outputs",
    "simulate",
    "sweep",
]
