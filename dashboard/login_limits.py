"""Bounds on what an anonymous visitor can make the server do at the login form.

- `acceptable`: typed lengths are checked before anything reaches the database.
- `audit_name`: only a short, escaped prefix of a typed username enters the audit trail.
- `reserve_attempt`: one atomic UPDATE ... RETURNING takes an attempt from the account's
  budget before its password is checked; the attempt that uses the last one locks the
  account in the same statement. Parallel guesses therefore cannot check more than
  MAX_FAILED_LOGINS passwords (SQLite and PostgreSQL both serialise the UPDATE on the row).
- `AddressLimiter`: failed logins per client address in a sliding window (per process).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from datetime import datetime, timedelta

from sqlalchemy import case, or_, update
from sqlmodel import Session

from dashboard.models import User

MAX_FAILED_LOGINS = 5
MAX_USERNAME_CHARS = 64  # User.username's column length
MAX_PASSWORD_CHARS = 1024
AUDIT_NAME_CHARS = 32
ADDRESS_FAILURES = 20  # failed logins per client address ...
ADDRESS_WINDOW_SECONDS = 15 * 60  # ... in this many seconds
MAX_TRACKED_ADDRESSES = 10_000


def acceptable(username: str, password: str) -> bool:
    return 0 < len(username) <= MAX_USERNAME_CHARS and len(password) <= MAX_PASSWORD_CHARS


def audit_name(username: str) -> str:
    """At most AUDIT_NAME_CHARS characters standing for what was typed: a character that is
    not printable is written as an escape, and a cut name ends with an ellipsis."""
    shown = "".join(
        c if c.isprintable() else f"\\u{ord(c):04x}" for c in username[: AUDIT_NAME_CHARS + 1]
    )
    return shown if len(shown) <= AUDIT_NAME_CHARS else shown[: AUDIT_NAME_CHARS - 1] + "…"


def reserve_attempt(session: Session, user_id: int, *, now: datetime, lockout: timedelta) -> bool:
    """Take one attempt from the account's budget and commit at once; False when the
    account is locked. The attempt that uses the last of the budget locks the account."""
    last = User.failed_logins + 1 >= MAX_FAILED_LOGINS
    statement = (
        update(User)
        .where(User.id == user_id, or_(User.locked_until.is_(None), User.locked_until <= now))
        .values(
            failed_logins=case((last, 0), else_=User.failed_logins + 1),
            locked_until=case((last, now + lockout), else_=None),
        )
        .returning(User.id)
        .execution_options(synchronize_session=False)
    )
    reserved = session.execute(statement).first() is not None
    session.commit()
    session.expire_all()  # the session's User objects were read before the UPDATE
    return reserved


def clear_attempts(session: Session, user_id: int) -> None:
    """A right password: the budget is whole again and any lock is lifted."""
    session.execute(
        update(User)
        .where(User.id == user_id)
        .values(failed_logins=0, locked_until=None)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()


class AddressLimiter:
    """Failed logins per client address in a sliding window. Per process: with N replicas
    an address gets at most N times the limit, which the per-account lock still bounds."""

    def __init__(self, limit: int = ADDRESS_FAILURES, window: float = ADDRESS_WINDOW_SECONDS):
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        times = self._failures.setdefault(address, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def blocked(self, address: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            return len(self._recent(address, now)) >= self.limit

    def try_acquire(self, address: str, now: float | None = None) -> bool:
        """Count an attempt in advance (so parallel requests cannot all pass the check);
        `succeeded` gives it back."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._failures) > MAX_TRACKED_ADDRESSES:
                self._failures = {a: q for a, q in self._failures.items() if q}
                if len(self._failures) > MAX_TRACKED_ADDRESSES:
                    self._failures.clear()
            times = self._recent(address, now)
            if len(times) >= self.limit:
                return False
            times.append(now)
            return True

    def succeeded(self, address: str) -> None:
        with self._lock:
            times = self._failures.get(address)
            if times:
                times.pop()
