"""A deterministic, seeded generator of a plausible national picture. Every record it makes
is synthetic, and the dataset is marked so (DatasetFact "synthetic"); every screen says so.

Its building blocks (dates, stage paths, weights, the synthetic marks) are
dashboard/synthetic.py, shared with the national-scale generator of bench/scale/."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from dashboard import demo_kinds
from dashboard.demo_deliverables import deliverables as _deliverables
from dashboard.models import (
    MeasurementReview,
    Pilot,
    PilotStage,
    PolicyTask,
    ReviewStatusEntry,
    Submission,
    TaskDepartment,
    TaskUpdate,
)
from dashboard.progress import spans
from dashboard.reporting import quarters_due
from dashboard.synthetic import (
    CUTOFF,
    PROVINCE_WEIGHTS,
    SUBMISSION_KINDS,
    dated,
    is_empty,
    mainland_provinces,
    mark_synthetic,
    pilot_stage_path,
    review_status_path,
    set_milestone_statuses,
    synthetic_rejection,
    weighted_provinces,
)
from dashboard.synthetic import day_between as _day
from dashboard.uscc import make_uscc
from dashboard.vocab import INDUSTRIES

SEED = 20240714
DEMO_ACTOR = "demo-generator"
REVIEW_WEIGHTS = {"370000": 40, "330000": 36}


class DemoDataError(RuntimeError):
    pass


def _pilots(rng: random.Random, codes: list[str]) -> list[tuple[Pilot, list[PilotStage]]]:
    out = []
    for i in range(128):
        province = weighted_provinces(rng, codes, PROVINCE_WEIGHTS)[0]
        pilot_type = "park" if i % 4 == 0 else "enterprise"
        path = pilot_stage_path(rng)
        start = _day(rng, date(2024, 8, 1), date(2025, 4, 30))
        stages = [
            PilotStage(stage=stage, stage_date=day, recorded_by=DEMO_ACTOR)
            for day, stage in dated(rng, path, start, (30, 150))
        ]
        pilot = Pilot(
            code=f"PILOT-{province[:2]}-{i + 1:03d}",
            name=f"（示例）{'园区' if pilot_type == 'park' else '企业'}试点 {i + 1}",
            pilot_type=pilot_type,
            uscc=make_uscc(rng, province) if pilot_type == "enterprise" else None,
            province_code=province,
            industry=rng.choice(INDUSTRIES),
            standards_adopted=rng.randint(0, 12),
            current_stage=stages[-1].stage,
            current_stage_date=stages[-1].stage_date,
        )
        out.append((pilot, stages))
    return out


def _reviews(rng: random.Random, codes: list[str]):
    out = []
    for i in range(262):
        province = weighted_provinces(rng, codes, REVIEW_WEIGHTS)[0]
        start = _day(rng, date(2024, 9, 1), date(2025, 10, 31))
        entries = [
            ReviewStatusEntry(status=status, status_date=day, recorded_by=DEMO_ACTOR)
            for day, status in dated(rng, review_status_path(rng), start, (20, 120))
        ]
        total = rng.randint(40, 900)
        review = MeasurementReview(
            uscc=make_uscc(rng, province),
            enterprise_name=f"（示例）重点排放单位 {i + 1}",
            province_code=province,
            industry=rng.choice(INDUSTRIES),
            status=entries[-1].status,
            status_date=entries[-1].status_date,
            instruments_total=total,
            instruments_calibrated=rng.randint(total // 2, total),
        )
        out.append((review, entries))
    return out


def _task_updates(rng: random.Random, session: Session) -> None:
    leads = {
        r.task_code: r.department_code
        for r in session.exec(select(TaskDepartment).where(TaskDepartment.role == "lead"))
    }
    for task in session.exec(select(PolicyTask).order_by(PolicyTask.code)).all():
        progress, day = 0, _day(rng, date(2024, 8, 1), date(2024, 12, 31))
        status = "not_started"
        for _ in range(rng.randint(1, 5)):
            if day > CUTOFF:
                break
            progress = min(100, progress + rng.randint(10, 40))
            status = "completed" if progress == 100 else "in_progress"
            if status == "in_progress" and rng.random() < 0.12:
                status = "delayed"
            session.add(
                TaskUpdate(
                    task_code=task.code,
                    update_date=day,
                    status=status,
                    progress_pct=progress,
                    department_code=leads.get(task.code),
                    evidence="（示例）合成的进展说明 / synthetic progress note",
                    recorded_by=DEMO_ACTOR,
                )
            )
            task.status, task.progress_pct, task.last_update_on = status, progress, day
            day += timedelta(days=rng.randint(45, 160))
    set_milestone_statuses(session)


def _submissions(rng: random.Random, codes: list[str]) -> list[Submission]:
    """A reporting history per province: mostly on time, some late, some missed quarters,
    a few returned or rejected; two provinces stop reporting in 2026."""
    out = []
    stopped = set(rng.sample(codes, 2))
    for code in codes:
        diligence = rng.random()
        for quarter in quarters_due(CUTOFF):
            if code in stopped and quarter.year >= 2026:
                break
            if rng.random() > 0.75 + 0.25 * diligence:
                continue  # a missed quarter
            on_time = rng.random() < 0.7 + 0.3 * diligence
            submitted = quarter.due + timedelta(
                days=rng.randint(-25, -1) if on_time else rng.randint(1, 30)
            )
            status = rng.choices(("accepted", "returned", "rejected"), weights=(88, 8, 4))[0]
            stamp = datetime.combine(
                submitted, time(9 + rng.randint(0, 8), rng.randint(0, 59)), UTC
            )
            decided = stamp + timedelta(days=rng.randint(2, 9)) if status != "rejected" else None
            kind = rng.choice(SUBMISSION_KINDS)
            out.append(
                Submission(
                    sha256=f"{rng.getrandbits(256):064x}",
                    filename=f"{code}_{quarter.label()}_{kind}.xlsx",
                    kind=kind,
                    province_code=code,
                    submitted_by=f"demo-{code}",
                    submitted_at=stamp,
                    status=status,
                    row_count=rng.randint(5, 60),
                    decided_by="ministry" if decided else None,
                    decided_at=decided,
                    decision_comment=(
                        "（示例）请补充第 3 行的证明材料 / (synthetic) add evidence for row 3"
                        if status == "returned"
                        else None
                    ),
                    errors=[synthetic_rejection(kind)] if status == "rejected" else [],
                )
            )
    return out


def _add_with_history(session: Session, records: list[tuple], owner_column: str) -> None:
    """Each record, then its history entries pointing at it."""
    for record, entries in records:
        session.add(record)
        session.flush()
        for entry in entries:
            setattr(entry, owner_column, record.id)
        session.add_all(entries)


def generate(session: Session) -> dict[str, int]:
    """Fill an empty database with the synthetic national picture."""
    if not is_empty(session):
        raise DemoDataError(
            "The database already holds records; demo data fills only an empty one."
        )
    rng = random.Random(SEED)
    codes = mainland_provinces(session)
    if not codes:
        raise DemoDataError("Reference data is missing; run `python -m dashboard init-db` first.")
    deliverables = _deliverables(rng, codes)
    session.add_all(deliverables)
    pilots = _pilots(rng, codes)
    _add_with_history(session, pilots, "pilot_id")
    reviews = _reviews(rng, codes)
    _add_with_history(session, reviews, "review_id")
    _task_updates(rng, session)
    session.add_all(_submissions(rng, codes))
    session.flush()
    # the histories were written here in bulk: their counting spans in the same transaction
    spans.rebuild(session.connection())
    # the other kinds, from streams of their own (the records above stay as they were)
    more = demo_kinds.generate(session, SEED, codes, CUTOFF)
    from dashboard.demo_locations import locate_demo_records  # geopandas, only here

    more["located"] = locate_demo_records(session)  # seeded, synthetic
    mark_synthetic(session)
    session.flush()
    counts = {"deliverables": len(deliverables), "pilots": len(pilots), "reviews": len(reviews)}
    return counts | more
