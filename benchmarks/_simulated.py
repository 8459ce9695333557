"""The benchmarks' realistic event stream: a simulated year of 氷見市, scaled to a size.

Not part of the library, and not a generator of its own: the project has one,
:func:`hokatsu.simulation.simulate`. Benchmarks that need a given number of events run the
氷見市 preset (its directory, districts, layered meetings and coordinators) with its households
multiplied, so that one fiscal year holds about that many events. Cases, referrals and the
lowest meetings' items grow with the households; the sessions, the themes of the upper tiers
and the coordinators' programmes do not, so the scaled year is mostly about cases, as a big
city's year is. Two small runs measure both parts (a city of one household: the fixed part;
ten times the preset's 16,096 households: some 40,000 events) and the third is scaled by them.
"""

from __future__ import annotations

import attrs

from hokatsu.ledger import Ledger
from hokatsu.simulation import presets, simulate


def himi_year(n_events: int, seed: int = 0) -> Ledger:
    """The validated ledger of one simulated year of 氷見市 with about *n_events* events."""
    preset = presets.himi()
    fixed = len(simulate(attrs.evolve(preset, households=1), seed))
    pilot = 10 * preset.n_households
    per_household = (len(simulate(attrs.evolve(preset, households=pilot), seed)) - fixed) / pilot
    households = max(1, round((n_events - fixed) / per_household))
    return simulate(attrs.evolve(preset, households=households), seed)
