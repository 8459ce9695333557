"""Tests for hokatsu._gc.paused_gc: the collector's state is restored, what the block built
ends in the oldest generation, and a caller's own frozen objects stay frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from hokatsu._gc import PROMOTE_AT, paused_gc


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:  # pragma: no cover - pytest runs with the collector on
        gc.disable()


class _Node:
    """A container object the collector tracks."""


def _generation_of(obj: object) -> int | None:
    for generation in range(3):
        if any(o is obj for o in gc.get_objects(generation=generation)):
            return generation
    return None


def test_paused_inside_and_restored_after() -> None:
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    with paused_gc():
        assert not gc.isenabled()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_restored_when_the_block_raises() -> None:
    gc.enable()
    with pytest.raises(ValueError, match="boom"), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_what_a_big_block_built_is_in_the_oldest_generation() -> None:
    """Objects a big block allocated are moved to generation 2 without a collection, and
    nothing is left frozen."""
    gc.enable()
    gc.collect()
    with paused_gc():
        built = [_Node() for _ in range(PROMOTE_AT)]
        assert _generation_of(built) == 0
    assert _generation_of(built) == 2
    assert _generation_of(built[-1]) == 2
    assert gc.get_freeze_count() == 0


def test_a_small_block_leaves_the_young_generation_alone() -> None:
    """A block that built little leaves it where the collector's young collections free
    short-lived garbage."""
    gc.enable()
    gc.collect()
    with paused_gc():
        built = _Node()
    assert _generation_of(built) in (0, 1)  # where the young collections look


def test_a_callers_frozen_objects_stay_frozen() -> None:
    """With objects of the caller's in the permanent generation, even a big block leaves them
    there (and its own objects in the young generations)."""
    gc.enable()
    theirs = _Node()
    gc.freeze()
    frozen = gc.get_freeze_count()
    with paused_gc():
        built = [_Node() for _ in range(PROMOTE_AT)]
    assert gc.get_freeze_count() == frozen
    assert _generation_of(theirs) is None  # still frozen
    assert _generation_of(built) in (0, 1)  # not moved
