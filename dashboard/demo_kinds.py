"""Synthetic demo records of every kind whose description makes them (`RecordKind.demo_rows`:
plans, CEMS pilots, factor releases, measurement centres, adoptions, parks, energy reviews).
Invented values for the demo only; written through the same apply step as report rows."""

from __future__ import annotations

import random
from datetime import date

from sqlmodel import Session

from dashboard.accounts import DEMO_USERS
from dashboard.kinds import KINDS
from dashboard.kinds.base import DemoWorld
from dashboard.submissions import apply_rows

ACTOR = "demo-generator"
# the demo coordinators' provinces (Zhejiang, Shandong): they find records of their own
FEATURED = tuple(p for _, _, p in DEMO_USERS if p)


def generate(session: Session, seed: int, codes: list[str], cutoff: date) -> dict[str, int]:
    """Write the kinds' synthetic records, in the order of KINDS, each kind's from the random
    stream its description names (seeded `seed` + stream); returns the records per kind (a
    record's stage moves are rows of their own)."""

    def write(kind: str, rows: list[dict]) -> None:
        apply_rows(session, kind=kind, rows=rows, submission_id=None, actor_name=ACTOR)

    world = DemoWorld(session, codes, cutoff, write, FEATURED)
    streams: dict[int, random.Random] = {}
    out = {}
    for kind in KINDS.values():
        demo = kind.demo_rows
        if demo is None:
            continue
        rng = streams.setdefault(demo.stream, random.Random(seed + demo.stream))
        rows = demo.make(rng, world)
        write(kind.key, rows)
        out[kind.key] = len({tuple(r.get(c) for c in kind.record_key) for r in rows})
    return out
