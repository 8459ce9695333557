"""Pausing the cyclic garbage collector around allocation-heavy folds.

Replaying or indexing a large ledger allocates many small containers, none of them in
reference cycles. CPython's cyclic collector, triggered by allocation counts, would walk every
live object (all the ledger's events) again and again, which costs more than the fold itself.
Pausing it for the duration of such a call, and restoring the caller's setting afterwards, is
safe because the fold creates no cycles; reference counting still frees everything.

What such a fold builds lives on (a ledger's index, an engine's running state, a replay): on
the way out the objects allocated meanwhile are moved to the collector's oldest generation,
where it would put them anyway after walking them through the younger ones. The move is two
list splices (``gc.freeze()`` then ``gc.unfreeze()``), so the first collection after a big
fold does not walk hundreds of thousands of objects it cannot free. It is skipped when the
caller has frozen objects of their own (the permanent generation is not empty), which
``gc.unfreeze()`` would release.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block, restoring its previous state after and
    moving what the block allocated to the oldest generation."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()
