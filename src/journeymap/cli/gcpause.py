"""Pause Python's cyclic garbage collector while a journey is compiled or drawn.

Compiling and drawing allocate many small objects that live until the call
returns and form almost no reference cycles. With the default thresholds the
collector scans that growing heap again and again: about a tenth of compiling
a 1,000-step journey and more of drawing it, for nothing found. Reference
counting still frees everything as usual; only the cycle search waits until
the call returns. The collector's state is restored even on error, and a
caller that had disabled it keeps it disabled.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Within the block, no cyclic garbage collection (usable as a decorator too)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
