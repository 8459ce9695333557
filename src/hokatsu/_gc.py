"""Pausing the cyclic garbage collector around allocation-heavy folds.

Replaying or indexing a large ledger allocates many small containers, none of them in
reference cycles. CPython's cyclic collector, triggered by allocation counts, would walk every
live object (all the ledger's events) again and again, which costs more than the fold itself.
Pausing it for the duration of such a call, and restoring the caller's setting afterwards, is
safe because the fold creates no cycles; reference counting still frees everything.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused_gc"]


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block, restoring its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
