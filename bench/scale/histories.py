"""The national-scale histories: pilots and measurement reviews moving through their
stages, with restatements and corrections up to the history budget, and the policy tasks'
updates. Rows as dicts with explicit ids, for executemany.

Histories follow the counting rules' semantics: each record moves through its stages; the
extra entries restate the stage a record was in on that day (as quarterly reports do), and a
few are corrections (a new entry naming the entry it replaces), so the counts are what the
stage paths say and the correction subqueries have work to do."""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable
from datetime import date, timedelta

from sqlmodel import Session, select

from bench.scale.records import reported_columns, source, work_stamp
from dashboard.models import PolicyTask, TaskDepartment
from dashboard.synthetic import (
    CUTOFF,
    PROVINCE_WEIGHTS,
    dated,
    pilot_stage_path,
    review_status_path,
    weighted_provinces,
)
from dashboard.synthetic import day_between as _day
from dashboard.uscc import make_uscc
from dashboard.vocab import INDUSTRIES

ACTOR = "scale-generator"
CORRECTION_SHARE = 0.03


def _histories(
    rng: random.Random, paths: list[list[tuple[date, str]]], total: int
) -> tuple[list[tuple], list[tuple[date, str]]]:
    """Entries (day, is_correction, key, owner, state, corrects_key) for every owner: its
    path, then restatements and corrections up to its share of `total`. Returns the entries
    and each owner's current (day, state)."""
    entries: list[tuple] = []
    current = []
    key = 0
    n = len(paths)
    for idx, path in enumerate(paths):
        owner = idx + 1
        share = (idx + 1) * total // n - idx * total // n
        own: list[tuple] = []
        for day, state in path:
            own.append((day, 0, key, owner, state, None))
            key += 1
        days = [d for d, _ in path]
        first, span = path[0][0], max((CUTOFF - path[0][0]).days, 0)
        for _ in range(max(share - len(path), 0)):
            if rng.random() < CORRECTION_SHARE:
                target = own[rng.randrange(len(own))]
                if target[1] == 0:
                    own.append((target[0], 1, key, owner, target[4], target[2]))
                    key += 1
                    continue
            day = first + timedelta(days=rng.randint(0, span))
            state = path[bisect.bisect_right(days, day) - 1][1]
            own.append((day, 0, key, owner, state, None))
            key += 1
        entries.extend(own)
        current.append(path[-1])
    entries.sort(key=lambda e: (e[0], e[1], e[2]))
    return entries, current


def _history_rows(
    rng: random.Random,
    entries: list[tuple],
    owner_col: str,
    state_col: str,
    date_col: str,
    provinces: list[str],
    accepted: dict[str, list[int]],
) -> list[dict]:
    ids = {e[2]: i + 1 for i, e in enumerate(entries)}
    rows = []
    for i, (day, is_corr, _key, owner, state, corrects) in enumerate(entries):
        rows.append(
            {
                "id": i + 1,
                owner_col: owner,
                state_col: state,
                date_col: day,
                "corrects_id": ids[corrects] if is_corr else None,
                "note": "(synthetic) correction" if is_corr else None,
                "submission_id": source(rng, accepted, provinces[owner - 1]),
                "recorded_by": ACTOR,
                "recorded_at": work_stamp(day, rng),
            }
        )
    return rows


def _uscc_unique(rng: random.Random, code: str, seen: set[str]) -> str:
    while True:
        value = make_uscc(rng, code)
        if value not in seen:
            seen.add(value)
            return value


def _owners(
    rng: random.Random,
    codes: list[str],
    n: int,
    path: Callable[[random.Random], list[str]],
    starts: tuple[date, date],
    gap: tuple[int, int],
    budget: int,
) -> tuple[list[str], list[tuple], list[tuple[date, str]]]:
    """n records' provinces, their history entries (up to `budget`) and current states."""
    provinces = weighted_provinces(rng, codes, PROVINCE_WEIGHTS, n)
    paths = [dated(rng, path(rng), _day(rng, *starts), gap) for _ in range(n)]
    entries, current = _histories(rng, paths, budget)
    return provinces, entries, current


def pilots(rng, codes, n, budget, accepted) -> tuple[list[dict], list[dict]]:
    span = (date(2024, 3, 1), date(2025, 9, 30))
    provinces, entries, current = _owners(rng, codes, n, pilot_stage_path, span, (30, 150), budget)
    rows = []
    seen: set[str] = set()
    for i in range(n):
        code = provinces[i]
        park = i % 4 == 0
        day, stage = current[i]
        rows.append(
            {
                "id": i + 1,
                "code": f"SP-{code[:2]}-{i + 1:06d}",
                "name": f"（示例）{'园区' if park else '企业'}试点 {i + 1}",
                "pilot_type": "park" if park else "enterprise",
                "uscc": None if park else _uscc_unique(rng, code, seen),
                "province_code": code,
                "industry": rng.choice(INDUSTRIES),
                "standards_adopted": rng.randint(0, 12),
                "current_stage": stage,
                "current_stage_date": day,
                "note": None,
                **reported_columns(source(rng, accepted, code, 1.0)),
            }
        )
    stages = _history_rows(rng, entries, "pilot_id", "stage", "stage_date", provinces, accepted)
    return rows, stages


def reviews(rng, codes, n, budget, accepted) -> tuple[list[dict], list[dict]]:
    span = (date(2024, 6, 1), date(2025, 10, 31))
    provinces, entries, current = _owners(
        rng, codes, n, review_status_path, span, (20, 120), budget
    )
    rows = []
    seen: set[str] = set()
    for i in range(n):
        code = provinces[i]
        day, status = current[i]
        total = rng.randint(40, 900)
        rows.append(
            {
                "id": i + 1,
                "uscc": _uscc_unique(rng, code, seen),
                "enterprise_name": f"（示例）重点排放单位 {i + 1}",
                "province_code": code,
                "industry": rng.choice(INDUSTRIES),
                "status": status,
                "status_date": day,
                "instruments_total": total,
                "instruments_calibrated": rng.randint(total // 2, total),
                "note": None,
                **reported_columns(source(rng, accepted, code, 1.0)),
            }
        )
    history = _history_rows(rng, entries, "review_id", "status", "status_date", provinces, accepted)
    return rows, history


def task_updates(rng: random.Random, session: Session, n: int) -> tuple[list[dict], dict]:
    tasks = list(session.exec(select(PolicyTask).order_by(PolicyTask.code)).all())
    leads = {
        r.task_code: r.department_code
        for r in session.exec(select(TaskDepartment).where(TaskDepartment.role == "lead"))
    }
    rows: list[dict] = []
    latest: dict[str, tuple] = {}
    if not tasks:
        return rows, latest
    for idx, task in enumerate(tasks):
        share = (idx + 1) * n // len(tasks) - idx * n // len(tasks)
        days = sorted(_day(rng, date(2024, 8, 1), CUTOFF) for _ in range(share))
        finish = rng.random() < 0.3
        for j, day in enumerate(days):
            progress = (
                min(100, int(100 * (j + 1) / max(share, 1)))
                if finish
                else min(95, int(95 * (j + 1) / max(share, 1)))
            )
            status = "completed" if progress == 100 else "in_progress"
            if status == "in_progress" and j == share - 1 and rng.random() < 0.12:
                status = "delayed"
            rows.append(
                {
                    "id": len(rows) + 1,
                    "task_code": task.code,
                    "update_date": day,
                    "status": status,
                    "progress_pct": progress,
                    "department_code": leads.get(task.code),
                    "evidence": "（示例）合成的进展说明 / synthetic progress note",
                    "note": None,
                    "submission_id": None,
                    "recorded_by": ACTOR,
                    "created_at": work_stamp(day, rng),
                }
            )
            latest[task.code] = (status, progress, day)
    return rows, latest
