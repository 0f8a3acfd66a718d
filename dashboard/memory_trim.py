"""Give memory back to the system after sessions end.

Streamlit's default full garbage collection after every script run is turned off
(`.streamlit/config.toml`, it cost most of a busy server's CPU). Instead this thread, once a
minute, collects garbage and asks glibc to return free heap pages (`malloc_trim`), so the
memory of closed sessions does not stay with the process. Not on other C libraries.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
import time

PERIOD_S = 60.0
_started = threading.Event()


def _libc_trim():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        return libc.malloc_trim if libc is not None and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def trim_once(trim=None) -> None:
    gc.collect()
    if trim is not None:
        trim(0)


def start(period_s: float = PERIOD_S) -> None:
    """Start the background thread once per process."""
    if _started.is_set():
        return
    _started.set()
    trim = _libc_trim()

    def loop() -> None:
        while True:
            time.sleep(period_s)
            trim_once(trim)

    threading.Thread(target=loop, name="memory-trim", daemon=True).start()
