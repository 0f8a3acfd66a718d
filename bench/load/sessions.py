"""What a simulated user does, whatever drives the session: who signs in, a seeded plan of
reads and writes, and the figures each action leaves."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

USERS = ("ministry", "briefing", "zhejiang", "shandong", "admin")
PAGES = ("overview", "map", "tasks", "standards", "pilots", "province", "target_detail")
AS_OF_DATES = ("2024/12/31", "2025/03/31", "2025/06/30", "2025/09/30")
ACTION_TIMEOUT_S = 120.0
THINK_S = [0.5, 2.5]  # seconds between a session's actions (--think)


@dataclass
class Stats:
    latency_ms: dict[str, list[float]] = field(default_factory=dict)
    idle_ms: dict[str, list[float]] = field(default_factory=dict)
    login_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    actions: int = 0

    def add(self, kind: str, finished_ms: float, idle_ms: float) -> None:
        self.latency_ms.setdefault(kind, []).append(finished_ms)
        self.idle_ms.setdefault(kind, []).append(idle_ms)
        self.actions += 1


def label(kind: str, action: str) -> str:
    """read:page:map, read:as_of, write:language"""
    return f"{kind}:{action}" if action.startswith("page:") else f"{kind}:{action.split(':')[0]}"


def plan(rng: random.Random, user: str, steps: int) -> list[tuple[str, str]]:
    """A seeded mix: about one write (language switch) in four actions."""
    pages = [p for p in PAGES if not (p == "province" and user in (*USERS[:2], "admin"))]
    out: list[tuple[str, str]] = []
    for i in range(steps):
        roll = rng.random()
        if i % 4 == 3:
            out.append(("write", "language"))
        elif roll < 0.3:
            out.append(("read", "as_of:" + rng.choice(AS_OF_DATES)))
        else:
            out.append(("read", "page:" + rng.choice(pages)))
    return out
