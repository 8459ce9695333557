"""Hypothesis strategies for events and valid ledgers, drawn from the scenario generator.

Every event these strategies give was made by a small simulation of a municipality's year
(:mod:`hokatsu.testing._scenarios`), so that it is valid in its ledger: its case was opened,
its referral requested, its session held before it.
"""

from __future__ import annotations

import random
from typing import Any, TypeVar

from hypothesis import strategies as st

from hokatsu import _validators as v
from hokatsu.domain import Municipality
from hokatsu.errors import InvalidValueError, UnknownReferenceError
from hokatsu.events import EVENT_TYPES, Event
from hokatsu.ledger import Ledger
from hokatsu.reference import himi
from hokatsu.testing._domain import STRATEGIES
from hokatsu.testing._scenarios import generate, stream

__all__ = [
    "EVENT_STRATEGIES",
    "event_sequences",
    "events",
    "ledgers",
    "seeds",
    "strategy_for",
]

T = TypeVar("T")

#: Seeds of the scenario generator: each gives one sequence of events.
seeds: st.SearchStrategy[int] = st.integers(0, 2**32 - 1)

#: The most events a sequence may ask for (a larger one would make a slow example).
MAX_EVENTS = 10_000

#: How far into a scenario :func:`events` looks for an event of a rare class.
_SEARCH = 5_000


def _city(func: str, city: Any) -> Municipality:
    v.argument(func, "city", city, v.optional(v.instance_of(Municipality)))
    return himi() if city is None else city


def _bounds(func: str, min_events: Any, max_events: Any) -> None:
    v.argument(func, "min_events", min_events, v.integer(0, MAX_EVENTS))
    v.argument(func, "max_events", max_events, v.integer(0, MAX_EVENTS))
    if max_events < min_events:
        raise InvalidValueError(func, "max_events", max_events,
                                f"at least min_events ({min_events})")


def event_sequences(
    city: Municipality | None = None, *, min_events: int = 50, max_events: int = 300
) -> st.SearchStrategy[list[Event]]:
    """Valid sequences of events for *city*, in date order, each drawn from a seed.

    Every sequence is one a :class:`~hokatsu.ledger.Ledger` of *city* accepts as it stands;
    the longer ones cover every kind of event, every referral transition and the escalation
    ladder (地域会議 → ブロック会議 → コア会議 → 構築会議 in 氷見市, 第3章 3.(2)④). A
    directory without agencies, community actors or meeting bodies gets no events that need
    them.

    Args:
        city: the municipality; 氷見市 (:func:`~hokatsu.reference.himi`) when None.
        min_events: the fewest events in a sequence.
        max_events: the most events in a sequence (at most 10,000).

    Returns:
        A strategy of lists of :class:`~hokatsu.events.base.Event`.

    Raises:
        InvalidValueError: *city* is not a Municipality, or bounds that are not whole numbers
            from 0 to 10,000 in order.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.ledger import Ledger
        >>> from hokatsu.reference import himi
        >>> from hokatsu.testing import event_sequences
        >>> @settings(max_examples=3, database=None, derandomize=True)
        ... @given(event_sequences(min_events=5, max_events=20))
        ... def check(events):
        ...     assert 5 <= len(events) <= 20
        ...     assert len(Ledger(himi(), events)) == len(events)
        >>> check()
        >>> event_sequences(min_events=10, max_events=5)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """
    city = _city("event_sequences", city)
    _bounds("event_sequences", min_events, max_events)
    return st.builds(generate, st.just(city), seeds, st.integers(min_events, max_events))


def ledgers(
    city: Municipality | None = None, *, min_events: int = 1, max_events: int = 150
) -> st.SearchStrategy[Ledger]:
    """Valid ledgers of *city*: a :class:`~hokatsu.ledger.Ledger` holding one of
    :func:`event_sequences`.

    For ledgers of random directories, draw the directory first:
    ``municipalities().flatmap(ledgers)``.

    Args:
        city: the municipality; 氷見市 when None.
        min_events: the fewest events in a ledger.
        max_events: the most events in a ledger (at most 10,000).

    Returns:
        A strategy of :class:`~hokatsu.ledger.Ledger`.

    Raises:
        InvalidValueError: as for :func:`event_sequences`.

    Examples:
        >>> from hypothesis import given, settings
        >>> from hokatsu.testing import ledgers
        >>> @settings(max_examples=3, database=None, derandomize=True)
        ... @given(ledgers(max_events=10))
        ... def check(ledger):
        ...     assert 1 <= len(ledger) <= 10
        ...     assert ledger.directory.name == "氷見市"
        >>> check()
        >>> ledgers(city="himi")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """
    city = _city("ledgers", city)
    _bounds("ledgers", min_events, max_events)
    return st.builds(Ledger, st.just(city),
                     event_sequences(city, min_events=min_events, max_events=max_events))


def _event_of(city: Municipality, cls: type[Event], seed: int, nth: int) -> Event | None:
    """The *nth* event of class *cls* in the scenario of *seed* (or the last one met), None
    when the scenario has none in its first events."""
    found: Event | None = None
    seen = 0
    for i, event in enumerate(stream(city, random.Random(seed))):
        if isinstance(event, cls):
            found = event
            seen += 1
            if seen > nth:
                break
        if i >= _SEARCH:
            break
    return found


def events(cls: type[Event] = Event, city: Municipality | None = None) -> st.SearchStrategy[Event]:
    """Events of the class *cls*, each valid in the ledger of its scenario.

    Args:
        cls: a concrete event class (:data:`~hokatsu.events.EVENT_TYPES`), or
            :class:`~hokatsu.events.base.Event` for events of any class.
        city: the municipality whose scenarios the events come from; 氷見市 when None. A
            directory that cannot make events of *cls* (one without meeting bodies has no
            sessions) gives none, and hypothesis reports the strategy as unsatisfiable.

    Returns:
        A strategy of instances of *cls*.

    Raises:
        InvalidValueError: *cls* is not an event class, or *city* not a Municipality.

    Examples:
        >>> from hypothesis.strategies import SearchStrategy
        >>> from hokatsu.events import CaseOpened
        >>> from hokatsu.testing import events
        >>> isinstance(events(CaseOpened), SearchStrategy)
        True
        >>> events(int)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.InvalidValueError: ...
    """
    classes = (Event, *EVENT_TYPES.values())
    if not (isinstance(cls, type) and cls in classes):
        raise InvalidValueError("events", "cls", cls,
                                "Event or a concrete event class of hokatsu.events.EVENT_TYPES")
    city = _city("events", city)
    found = st.builds(_event_of, st.just(city), st.just(cls), seeds, st.integers(0, 3))
    return found.filter(lambda event: event is not None)  # type: ignore[return-value]


#: A strategy per concrete event class, as :func:`events` gives them for 氷見市.
EVENT_STRATEGIES: dict[type[Event], st.SearchStrategy[Event]] = {
    cls: events(cls) for cls in sorted(EVENT_TYPES.values(), key=lambda c: c.__name__)
}


def strategy_for(cls: type[T]) -> st.SearchStrategy[T]:
    """The strategy of valid instances of *cls*: a domain type or period
    (:data:`STRATEGIES`) or an event class (:data:`EVENT_STRATEGIES`).

    Args:
        cls: the class.

    Returns:
        The strategy hokatsu.testing holds for *cls*.

    Raises:
        UnknownReferenceError: hokatsu.testing has no strategy for *cls*.

    Examples:
        >>> from hokatsu.domain.households import Household
        >>> from hokatsu.events import CaseOpened
        >>> from hokatsu.testing import EVENT_STRATEGIES, STRATEGIES, strategy_for
        >>> strategy_for(Household) is STRATEGIES[Household]
        True
        >>> strategy_for(CaseOpened) is EVENT_STRATEGIES[CaseOpened]
        True
        >>> strategy_for(int)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        hokatsu.errors.UnknownReferenceError: ...
    """
    tables: tuple[dict[Any, st.SearchStrategy[Any]], ...] = (STRATEGIES, EVENT_STRATEGIES)
    for table in tables:
        try:
            found = table.get(cls)
        except TypeError:  # an unhashable value is no class
            found = None
        if found is not None:
            return found
    known = [c.__name__ for c in (*STRATEGIES, *EVENT_STRATEGIES)]
    raise UnknownReferenceError("strategy_for", "cls", cls, known)
