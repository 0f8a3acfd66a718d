"""The building blocks of synthetic data, shared by the demo (`python -m dashboard demo`,
dashboard/demo.py and its demo_* modules) and the national-scale generator
(`python -m bench.scale.generate`): dates, the provinces with more records, the paths a
pilot's stages and a measurement review's statuses follow, the error a synthetic rejected
file had, and the marks that say a dataset is synthetic.

Each function draws from the random stream it is given in a fixed order, so a seed gives the
same data wherever it is used."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from sqlmodel import Session, func, select

from dashboard.models import (
    DatasetFact,
    Deliverable,
    MeasurementReview,
    Milestone,
    Pilot,
    Province,
    TaskUpdate,
)
from dashboard.models.common import utcnow
from dashboard.uscc import make_uscc
from dashboard.vocab import PILOT_STAGES

CUTOFF = date(2026, 10, 15)  # synthetic histories end here
PROVINCE_WEIGHTS = {  # provinces with more records in the synthetic picture (others: 2)
    "370000": 9, "330000": 9, "320000": 8, "440000": 8, "110000": 6, "310000": 6,
    "510000": 5, "420000": 5, "130000": 4, "410000": 4, "350000": 4, "340000": 4,
}  # fmt: skip
REVIEW_PATH = ("planned", "in_review", "rectification", "completed")
# the report kinds synthetic submissions are of (the first four; _DATE_COLUMN names a column
# of each for the synthetic rejection)
SUBMISSION_KINDS = ("pilot_status", "measurement_review", "standard", "task_progress")
MILESTONE_STATUSES = ("completed", "in_progress", "delayed", "in_progress")
DEMO_NOTE = "合成演示数据 synthetic demo data"  # the note of some synthetic rows


def day_between(rng: random.Random, start: date, end: date) -> date:
    """A day from start to end, both included (start when end is before it)."""
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def weighted_provinces(
    rng: random.Random, codes: list[str], weights: dict[str, int], k: int = 1
) -> list[str]:
    """k provinces drawn with the weights given (2 for a province not named)."""
    return rng.choices(codes, weights=[weights.get(c, 2) for c in codes], k=k)


def pilot_stage_path(rng: random.Random) -> list[str]:
    """The stages a pilot passes through: some withdrawn or failed, most accepted to some
    depth, a few revoked at the end."""
    roll = rng.random()
    if roll < 0.08:
        return ["applied", "withdrawn"]
    if roll < 0.14:
        return ["applied", "recommended", "failed"]
    if roll < 0.2:
        return ["applied", "recommended"]
    depth = rng.choices((2, 3, 4, 5), weights=(3, 4, 3, 2))[0]
    path = list(PILOT_STAGES[: depth + 1])
    if rng.random() < 0.04:
        path.append("revoked")
    return path


def review_status_path(rng: random.Random) -> list[str]:
    """The statuses a measurement review passes through; half the completed ones needed no
    rectification."""
    depth = rng.choices((1, 2, 3, 4), weights=(2, 3, 2, 5))[0]
    path = list(REVIEW_PATH[:depth])
    if depth == 4 and rng.random() < 0.5:
        path.remove("rectification")
    return path


def dated(
    rng: random.Random,
    states: list[str],
    start: date,
    gap: tuple[int, int],
    cutoff: date = CUTOFF,
) -> list[tuple[date, str]]:
    """(day, state) for each state from `start`, `gap` days apart (drawn), up to `cutoff`."""
    out, day = [], start
    for state in states:
        if day > cutoff:
            break
        out.append((day, state))
        day += timedelta(days=rng.randint(*gap))
    return out


def forward_path(
    rng: random.Random,
    stages: tuple[str, ...] | list[str],
    start: date,
    cutoff: date,
    *,
    days_per_stage: int,
    gap: tuple[int, int],
) -> list[tuple[str, date]]:
    """(stage, day) along the first few stages (how many is drawn), from a day between `start`
    and `days_per_stage` days a stage before `cutoff`, `gap` days apart (drawn), never after
    `cutoff`."""
    depth = rng.randint(1, len(stages))
    day = day_between(rng, start, cutoff - timedelta(days=days_per_stage * depth))
    out = []
    for stage in stages[:depth]:
        out.append((stage, day))
        day = min(cutoff, day + timedelta(days=rng.randint(*gap)))
    return out


def distinct_enterprises(
    rng: random.Random, codes: list[str], draws: int, first: tuple[str, ...] = ()
) -> Iterator[tuple[int, str, str]]:
    """(draw, province, USCC) of `draws` enterprises, each in a province drawn from `codes`
    (the first ones in the provinces `first` names, with the same draws), skipping a USCC
    drawn before. Lazy: what the caller draws for one enterprise comes before the next one
    is drawn."""
    seen: set[str] = set()
    for i in range(draws):
        code = rng.choice(codes)
        code = first[i] if i < len(first) else code
        uscc = make_uscc(rng, code)
        if uscc in seen:
            continue
        seen.add(uscc)
        yield i, code, uscc


def mainland_provinces(session: Session) -> list[str]:
    """The codes of the provinces records are made for (none until `init-db`)."""
    return list(
        session.exec(
            select(Province.code)
            .where(Province.is_standard, Province.code < "700000")
            .order_by(Province.code)
        )
    )


def is_empty(session: Session) -> bool:
    """No records yet: synthetic data fills only an empty database."""
    for model in (Deliverable, Pilot, MeasurementReview, TaskUpdate):
        if session.scalar(select(func.count()).select_from(model)):
            return False
    return True


_DATE_COLUMN = {
    "pilot_status": "stage_date",
    "measurement_review": "review_date",
    "standard": "issue_date",
    "task_progress": "update_date",
}


def synthetic_rejection(kind: str) -> dict:
    """The error a synthetic rejected file had: a rejection always names its errors."""
    return {
        "row": 3,
        "column": _DATE_COLUMN[kind],
        "value": "2024-02-30",
        "code": "date_invalid",
        "message_zh": "（示例）日期不存在：2024-02-30",
        "message_en": "(synthetic) not a real date: 2024-02-30",
    }


def set_milestone_statuses(session: Session) -> None:
    """A synthetic status on every milestone, in turn."""
    for i, milestone in enumerate(session.exec(select(Milestone).order_by(Milestone.code))):
        milestone.status = MILESTONE_STATUSES[i % len(MILESTONE_STATUSES)]
        milestone.status_note = "（示例）synthetic status"


def mark_synthetic(session: Session) -> None:
    """The dataset says it is synthetic (every screen then says so) and when it was made."""
    session.merge(DatasetFact(key="synthetic", value="true"))
    session.merge(DatasetFact(key="last_refresh_at", value=utcnow().isoformat()))


def featured_sample(
    rng: random.Random, codes: list[str], k: int, featured: tuple[str, ...]
) -> list[str]:
    """`k` provinces sampled from `codes` (the same draws as `rng.sample`), the `featured`
    ones first and in any case."""
    drawn = rng.sample(codes, k)
    rest = [c for c in drawn if c not in featured]
    return [*featured, *rest][:k]
