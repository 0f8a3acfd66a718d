"""What every measurement of the national-scale benchmark shares: the date and user it
measures as, a row of the report, and the stopwatch."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2025, 6, 30)
USER = "ministry"
RUNS = 5
DRILL_TARGET = "T2"  # standardization pilots
PILOT_STAGES_FILTER = ("accepted",)
PILOT_INDUSTRIES_FILTER = ("steel",)


@dataclass
class Row:
    name: str
    cold_ms: float | None = None
    warm_ms: float | None = None
    raw_ms: float | None = None
    after_write_ms: float | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    def ratio(self, which: str = "cold") -> float | None:
        value = {"cold": self.cold_ms, "warm": self.warm_ms, "after_write": self.after_write_ms}[
            which
        ]
        if value is None or not self.raw_ms:
            return None
        return value / self.raw_ms


def ms(seconds: float) -> float:
    return round(seconds * 1000.0, 1)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return ms(time.perf_counter() - start)


def median(fn: Callable[[], object], runs: int = RUNS) -> float:
    return round(statistics.median(timed(fn) for _ in range(runs)), 1)


def actor(session: Session, username: str = USER):
    """The signed-in user the services see."""
    from dashboard.models import User
    from dashboard.permissions import Actor

    user = session.exec(select(User).where(User.username == username)).one()
    return Actor(id=user.id, username=user.username)
