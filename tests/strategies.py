"""Hypothesis strategies producing valid hokatsu objects, one per domain type.

They are the public ones of :mod:`hokatsu.testing`, re-exported here under the names the tests
have always used, plus two helpers of this test suite (:func:`scaled`, :func:`attrs_classes`).
:data:`STRATEGIES` maps every domain type to its strategy, so that a test can iterate over
"every domain type".
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import settings

from hokatsu.testing import (
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
    strategy_for,
    texts,
    typologies,
)

__all__ = [
    "STRATEGIES",
    "agencies",
    "area_trees",
    "areas",
    "attrs_classes",
    "coordinators",
    "dates",
    "eligibilities",
    "fiscal_years",
    "frequencies",
    "households",
    "ids",
    "issues",
    "meeting_bodies",
    "meeting_formats",
    "members",
    "memberships",
    "months",
    "municipalities",
    "periods",
    "quarters",
    "scaled",
    "services",
    "strategy_for",
    "texts",
    "typologies",
]


def scaled(fraction: float) -> settings:
    """Settings running *fraction* of the loaded profile's examples (at least 10).

    For test families that are costly per example or run once per class, so that the thorough
    CI profile stays within its time budget as the API grows.
    """
    return settings(max_examples=max(10, int(settings().max_examples * fraction)))


def attrs_classes(namespace: dict[str, Any], names: list[str]) -> list[type[Any]]:
    """The attrs classes among *names* in *namespace* (e.g. a package's ``__all__``)."""
    found = [namespace[n] for n in names]
    return [c for c in found if isinstance(c, type) and attrs.has(c)]
