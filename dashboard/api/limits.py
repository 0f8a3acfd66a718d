"""Rate limits of the API, per token and per client address (per process).

A fixed window per key: at most `limit` calls in each `window` seconds. Memory is bounded:
at most `max_keys` keys are tracked; past that the least recently seen key is forgotten
(an address that is forgotten starts a fresh window, which the per-token limit still bounds).
With N server processes a client gets at most N times the limit.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

TOKEN_CALLS = 120  # per token ...
ADDRESS_CALLS = 240  # ... and per client address ...
WINDOW_SECONDS = 60  # ... in each minute
FAILED_AUTH_CALLS = 20  # calls without a valid token per address per window
MAX_TRACKED_KEYS = 10_000


class WindowLimiter:
    def __init__(
        self,
        limit: int,
        window: float = WINDOW_SECONDS,
        max_keys: int = MAX_TRACKED_KEYS,
    ):
        self.limit, self.window, self.max_keys = limit, window, max_keys
        self._seen: OrderedDict[str, tuple[float, int]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str, now: float | None = None) -> int:
        """Count a call; 0 when it is allowed, else the seconds until the window reopens."""
        now = time.monotonic() if now is None else now
        with self._lock:
            start, used = self._seen.pop(key, (now, 0))
            if now - start >= self.window:
                start, used = now, 0
            if used >= self.limit:
                self._seen[key] = (start, used)
                return max(1, math.ceil(start + self.window - now))
            self._seen[key] = (start, used + 1)
            while len(self._seen) > self.max_keys:
                self._seen.popitem(last=False)
            return 0

    def blocked(self, key: str, now: float | None = None) -> int:
        """Like `take` without counting: the seconds to wait, or 0."""
        now = time.monotonic() if now is None else now
        with self._lock:
            start, used = self._seen.get(key, (now, 0))
            if now - start >= self.window or used < self.limit:
                return 0
            return max(1, math.ceil(start + self.window - now))

    def tracked(self) -> int:
        return len(self._seen)


class Limits:
    """The three limiters one server process applies."""

    def __init__(
        self,
        token_calls: int = TOKEN_CALLS,
        address_calls: int = ADDRESS_CALLS,
        failed_auth_calls: int = FAILED_AUTH_CALLS,
        window: float = WINDOW_SECONDS,
    ):
        self.tokens = WindowLimiter(token_calls, window)
        self.addresses = WindowLimiter(address_calls, window)
        self.failed_auth = WindowLimiter(failed_auth_calls, window)
