"""Valid event sequences for any municipality, deterministic for a seed.

The generator lives in :mod:`hokatsu.testing` (its private ``_scenarios`` module), which ships
it to applications as the strategies :func:`~hokatsu.testing.event_sequences`,
:func:`~hokatsu.testing.ledgers` and :func:`~hokatsu.testing.events`; this module re-exports
it under the names the tests have always used, with :func:`city_sequences`, which only the
tests need.

Examples:
    >>> from hokatsu.ledger import Ledger
    >>> from hokatsu.reference import himi
    >>> events = generate(himi(), seed=1, n_events=120)
    >>> len(Ledger(himi(), events)), events == generate(himi(), seed=1, n_events=120)
    (120, True)
"""

from __future__ import annotations

from hypothesis import strategies as st

from hokatsu.domain import Municipality
from hokatsu.events import Event
from hokatsu.testing import event_sequences, seeds
from hokatsu.testing._scenarios import DEFAULT_START, TRANSITION_CLASSES, generate

__all__ = [
    "DEFAULT_START",
    "TRANSITION_CLASSES",
    "city_sequences",
    "event_sequences",
    "generate",
    "seeds",
]


def city_sequences(
    cities: st.SearchStrategy[Municipality], *, min_events: int = 1, max_events: int = 120
) -> st.SearchStrategy[tuple[Municipality, list[Event]]]:
    """A municipality drawn from *cities* with a valid event sequence for it."""
    return st.tuples(cities, seeds, st.integers(min_events, max_events)).map(
        lambda t: (t[0], generate(t[0], t[1], t[2]))
    )
