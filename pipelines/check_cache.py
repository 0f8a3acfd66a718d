"""Validation results kept per (file hash, user, ...) for a few minutes, so that the upload
page's reruns (a language switch, a checkbox) do not validate the same file again.

The key holds everything the result depends on: the file's SHA-256, the user's id, role and
province, the report kind asked for and the day. The history a file is checked against can
change meanwhile, so entries expire after TTL_SECONDS; submitting checks again anyway."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

MAX_ENTRIES = 32
TTL_SECONDS = 300


class CheckCache:
    def __init__(self, max_entries: int = MAX_ENTRIES, ttl: float = TTL_SECONDS):
        self.max_entries, self.ttl = max_entries, ttl
        self._items: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple, now: float | None = None) -> Any | None:
        now = time.monotonic() if now is None else now
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] <= now - self.ttl:
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: tuple, value: Any, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            self._items[key] = (now, value)
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


CHECKS = CheckCache()
