"""Hypothesis strategies of valid hokatsu objects, for testing code that uses hokatsu.

An application embedding hokatsu tests its own code against hokatsu's objects: this module
gives a `hypothesis <https://hypothesis.readthedocs.io/>`_ strategy for every domain type and
period (:data:`STRATEGIES`), for every event class (:data:`EVENT_STRATEGIES`) and for valid
ledgers (:func:`ledgers`), the ones hokatsu's own tests use. Directories keep full referential
integrity; events come from a small simulation of a municipality's year, so that each one is
valid in its ledger.

hypothesis is not one of hokatsu's dependencies: it comes with the ``test`` extra
(``pip install 'hokatsu[test]'``). Importing this module without it raises
:class:`~hokatsu.errors.MissingExtraError`, which names the extra; ``import hokatsu``
never imports this module.

Examples:
    >>> from hypothesis import given, settings
    >>> from hokatsu.testing import households
    >>> @settings(max_examples=20, database=None)
    ... @given(households())
    ... def test_the_person_is_a_member(household):
    ...     assert household.person_id in {m.id for m in household.members}
    >>> test_the_person_is_a_member()
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401 - imported to fail early, naming the extra
except ImportError:
    from hokatsu.errors import MissingExtraError

    raise MissingExtraError("hokatsu.testing", "hypothesis", "test") from None

from hokatsu.testing._domain import (
    STRATEGIES,
    agencies,
    area_trees,
    areas,
    coordinators,
    dates,
    eligibilities,
    fiscal_years,
    frequencies,
    households,
    ids,
    issues,
    meeting_bodies,
    meeting_formats,
    members,
    memberships,
    months,
    municipalities,
    periods,
    quarters,
    services,
    texts,
    typologies,
)
from hokatsu.testing._events import (
    EVENT_STRATEGIES,
    event_sequences,
    events,
    ledgers,
    seeds,
    strategy_for,
)

__all__ = [
    "EVENT_STRATEGIES",
    "STRATEGIES",
    "agencies",
    "area_trees",
    "areas",
    "coordinators",
    "dates",
    "eligibilities",
    "event_sequences",
    "events",
    "fiscal_years",
    "frequencies",
    "households",
    "ids",
    "issues",
    "ledgers",
    "meeting_bodies",
    "meeting_formats",
    "members",
    "memberships",
    "months",
    "municipalities",
    "periods",
    "quarters",
    "seeds",
    "services",
    "strategy_for",
    "texts",
    "typologies",
]
