"""Pausing Python's cyclic garbage collector while a large report is read and written.

Ingesting 100,000 rows makes millions of small objects (cells, row dicts, parameter
tuples) that reference counting frees on its own; the cyclic collector, triggered by the
allocations, walks them all again and again (about a fifth of an ingest's CPU time, see
docs/BENCHMARKS.md). Automatic collection is paused for the duration and resumed after
(it is process-wide: nested or concurrent pauses resume it when the last one ends, and
only if it was on when the first began). `gc.collect()` still works meanwhile.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_resume = False


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
