"""Pausing the cyclic garbage collector around allocation-heavy folds.

Replaying or indexing a large ledger allocates many small containers, none of them in
reference cycles. CPython's cyclic collector, triggered by allocation counts, would walk every
live object (all the ledger's events) again and again, which costs more than the fold itself.
Pausing it for the duration of such a call, and restoring the caller's setting afterwards, is
safe because the fold creates no cycles; reference counting still frees everything.

What a big fold builds lives on (a ledger's index, an engine's running state, a replay): on
the way out, when the block left at least :data:`PROMOTE_AT` new objects in the young
generation, they are moved to the collector's oldest generation, where it would put them
anyway after walking them through the younger ones. The move is two list splices
(``gc.freeze()`` then ``gc.unfreeze()``), so the first collection after a big fold does not
walk hundreds of thousands of objects it cannot free. Small blocks (an engine updated with a
day's events) leave the young generation alone: promoting at every small call would keep
short-lived garbage of the caller's away from the young collections that free it. The move
is also skipped when the caller has frozen objects of their own (the permanent generation is
not empty), which ``gc.unfreeze()`` would release.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["PROMOTE_AT", "paused_gc"]

#: How many objects a block must leave in the young generation to be moved out of it.
PROMOTE_AT = 50_000


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block, restoring its previous state after and,
    after a big block, moving what it allocated to the oldest generation."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_count()[0] >= PROMOTE_AT and not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
