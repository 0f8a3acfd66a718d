"""A deterministic, seeded generator of a plausible national picture. Every record it makes
is synthetic, and the dataset is marked so (DatasetFact "synthetic"); every screen says so."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, func, select

from dashboard import demo_adoption, demo_kinds
from dashboard.i18n import t
from dashboard.models import (
    DatasetFact,
    Deliverable,
    MeasurementReview,
    Milestone,
    Pilot,
    PilotStage,
    PolicyTask,
    Province,
    ReviewStatusEntry,
    Submission,
    TaskDepartment,
    TaskUpdate,
)
from dashboard.models.common import utcnow
from dashboard.reporting import quarters_due
from dashboard.uscc import make_uscc
from dashboard.vocab import INDUSTRIES, PILOT_STAGES, TARGET_STANDARD_CATEGORIES

SEED = 20240714
DEMO_ACTOR = "demo-generator"
CUTOFF = date(2026, 10, 15)  # the demo data's histories end here

PILOT_WEIGHTS = {  # provinces with more pilots in the synthetic picture
    "370000": 9, "330000": 9, "320000": 8, "440000": 8, "110000": 6, "310000": 6,
    "510000": 5, "420000": 5, "130000": 4, "410000": 4, "350000": 4, "340000": 4,
}  # fmt: skip
REVIEW_WEIGHTS = {"370000": 40, "330000": 36}


class DemoDataError(RuntimeError):
    pass


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _weighted_province(rng: random.Random, codes: list[str], weights: dict[str, int]) -> str:
    return rng.choices(codes, weights=[weights.get(c, 2) for c in codes])[0]


def _deliverables(rng: random.Random, codes: list[str]) -> list[Deliverable]:
    out: list[Deliverable] = []
    # National standards: most issued through 2024 (the 70 target), more in 2025.
    for i in range(118):
        issued = _day(rng, date(2024, 1, 10), date(2025, 12, 20))
        if i < 8:
            issued = _day(rng, date(2023, 6, 1), date(2023, 12, 28))
        category = rng.choice((*TARGET_STANDARD_CATEGORIES, "recycling", "green_product"))
        prefix = rng.choice(("GB/T", "GB/T", "GB/T", "GB"))
        out.append(
            Deliverable(
                number=f"{prefix} {40000 + i * 7}-{issued.year}",
                kind="national_standard",
                category=category,
                title_zh=f"（示例）{t('category.' + category, 'zh')}国家标准 {i + 1}",
                title_en=f"(Synthetic) national standard {i + 1}, "
                f"{t('category.' + category, 'en').lower()}",
                status="issued",
                issue_date=issued,
                implementation_date=issued + timedelta(days=rng.choice((90, 180, 365))),
                responsible_org="SAMR/SAC (synthetic)",
            )
        )
    # National measurement technical specifications (JJF): 50 by end of 2025 is tight.
    for i in range(47):
        issued = _day(rng, date(2024, 3, 1), date(2025, 12, 28))
        out.append(
            Deliverable(
                number=f"JJF {2100 + i}-{issued.year}",
                kind="measurement_spec",
                category="measurement",
                title_zh=f"（示例）双碳计量技术规范 {i + 1}",
                title_en=f"(Synthetic) dual-carbon measurement specification {i + 1}",
                status="issued",
                issue_date=issued,
                responsible_org="SAMR (synthetic)",
            )
        )
    for i in range(6):  # provincial specifications do not count for the national target
        code = rng.choice(codes)
        issued = _day(rng, date(2024, 6, 1), date(2025, 11, 30))
        out.append(
            Deliverable(
                number=f"JJF(皖) {200 + i}-{issued.year}",
                kind="measurement_spec",
                category="measurement",
                title_zh=f"（示例）地方计量技术规范 {i + 1}",
                title_en=f"(Synthetic) provincial measurement specification {i + 1}",
                status="issued",
                issue_date=issued,
                province_code=code,
                responsible_org="Provincial market regulator (synthetic)",
            )
        )
    for i in range(24):  # measurement standards and certified reference materials
        kind = "reference_material" if i % 3 else "measurement_standard"
        done = i < 21
        issued = _day(rng, date(2024, 4, 1), date(2025, 12, 15)) if done else None
        number = f"GBW(E) {130500 + i}" if kind == "reference_material" else f"MS-DC-{i + 1:03d}"
        out.append(
            Deliverable(
                number=number,
                kind=kind,
                category="measurement",
                title_zh=f"（示例）碳计量标准物质 {i + 1}",
                title_en=f"(Synthetic) carbon measurement standard or CRM {i + 1}",
                status="completed" if done else "in_progress",
                started_on=_day(rng, date(2024, 1, 15), date(2024, 9, 30)),
                issue_date=issued,
                responsible_org="NIM (synthetic)",
            )
        )
    for i in range(23):  # key measurement technology studies: 25 needed, 23 started
        out.append(
            Deliverable(
                number=f"STUDY-{2024 + i // 12}-{i + 1:02d}",
                kind="technology_study",
                category="measurement",
                title_zh=f"（示例）碳计量关键技术研究 {i + 1}",
                title_en=f"(Synthetic) key carbon measurement technology study {i + 1}",
                status="completed" if i < 9 else "in_progress",
                started_on=_day(rng, date(2024, 2, 1), date(2025, 11, 30)),
                responsible_org="NIM (synthetic)",
            )
        )
    for i in range(30):  # group standards adopted (a milestone, not a target)
        issued = _day(rng, date(2024, 2, 1), date(2025, 12, 1))
        out.append(
            Deliverable(
                number=f"T/CNCA {100 + i}-{issued.year}",
                kind="group_standard",
                category=rng.choice(TARGET_STANDARD_CATEGORIES),
                title_zh=f"（示例）团体标准 {i + 1}",
                title_en=f"(Synthetic) group standard {i + 1}",
                status="issued",
                issue_date=issued,
                responsible_org="CNCA (synthetic)",
            )
        )
    out += _after_2025(rng, codes)
    return out


def _after_2025(rng: random.Random, codes: list[str]) -> list[Deliverable]:
    """Records the programmes after 2025 count (product carbon footprint standards), and the
    cases the counting rules must get right: verification regulations (JJG) apart from JJF
    specifications, two batches of one reference material, a standard withdrawn later."""
    out = []
    for i in range(40):  # product carbon footprint accounting standards, national and group
        issued = _day(rng, date(2025, 1, 10), date(2026, 11, 20))
        group = i % 3 == 0
        out.append(
            Deliverable(
                number=f"T/CNCA {300 + i}-{issued.year}"
                if group
                else f"GB/T {46000 + i}-{issued.year}",
                kind="group_standard" if group else "national_standard",
                category="carbon_footprint",
                title_zh=f"（示例）产品碳足迹核算 {i + 1}",
                title_en=f"(Synthetic) product carbon footprint accounting {i + 1}",
                status="issued",
                issue_date=issued,
                responsible_org="SAMR/SAC (synthetic)",
            )
        )
    for i in range(4):  # verification regulations: not specifications
        issued = _day(rng, date(2024, 3, 1), date(2025, 10, 1))
        out.append(
            Deliverable(
                number=f"JJG {1500 + i}-{issued.year}",
                kind="verification_regulation",
                category="measurement",
                title_zh=f"（示例）计量检定规程 {i + 1}",
                title_en=f"(Synthetic) verification regulation {i + 1}",
                status="issued",
                issue_date=issued,
                responsible_org="SAMR (synthetic)",
            )
        )
    for batch in ("a", "b"):  # one reference material in two batches: counts once
        out.append(
            Deliverable(
                number=f"GBW(E) 130900{batch}",
                kind="reference_material",
                category="measurement",
                title_zh=f"（示例）烟气二氧化碳标准物质 批次{batch}",
                title_en=f"(Synthetic) flue-gas CO2 reference material, batch {batch}",
                status="completed",
                issue_date=date(2025, 3, 1) if batch == "a" else date(2025, 9, 1),
                province_code=rng.choice(codes),
                responsible_org="NIM (synthetic)",
            )
        )
    out.append(  # issued in 2024, withdrawn in 2025: in the 2024 figure, not after
        Deliverable(
            number="GB/T 45999-2024",
            kind="national_standard",
            category="carbon_accounting",
            title_zh="（示例）已废止的碳核算国家标准",
            title_en="(Synthetic) carbon accounting national standard, since withdrawn",
            status="withdrawn",
            issue_date=date(2024, 5, 20),
            withdrawn_on=date(2025, 8, 1),
            responsible_org="SAMR/SAC (synthetic)",
        )
    )
    return out


def _stage_path(rng: random.Random) -> list[str]:
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


def _pilots(rng: random.Random, codes: list[str]) -> list[tuple[Pilot, list[PilotStage]]]:
    out = []
    for i in range(128):
        province = _weighted_province(rng, codes, PILOT_WEIGHTS)
        pilot_type = "park" if i % 4 == 0 else "enterprise"
        path = _stage_path(rng)
        day = _day(rng, date(2024, 8, 1), date(2025, 4, 30))
        stages = []
        for stage in path:
            if day > CUTOFF:
                break
            stages.append(PilotStage(stage=stage, stage_date=day, recorded_by=DEMO_ACTOR))
            day += timedelta(days=rng.randint(30, 150))
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
        province = _weighted_province(rng, codes, REVIEW_WEIGHTS)
        day = _day(rng, date(2024, 9, 1), date(2025, 10, 31))
        depth = rng.choices((1, 2, 3, 4), weights=(2, 3, 2, 5))[0]
        path = ["planned", "in_review", "rectification", "completed"][:depth]
        if depth == 4 and rng.random() < 0.5:
            path.remove("rectification")
        entries = []
        for status in path:
            if day > CUTOFF:
                break
            entries.append(
                ReviewStatusEntry(status=status, status_date=day, recorded_by=DEMO_ACTOR)
            )
            day += timedelta(days=rng.randint(20, 120))
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
    for i, milestone in enumerate(session.exec(select(Milestone).order_by(Milestone.code))):
        milestone.status = ("completed", "in_progress", "delayed", "in_progress")[i % 4]
        milestone.status_note = "（示例）synthetic status"


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


def _submissions(rng: random.Random, codes: list[str]) -> list[Submission]:
    """A reporting history per province: mostly on time, some late, some missed quarters,
    a few returned or rejected; two provinces stop reporting in 2026."""
    out = []
    kinds = ("pilot_status", "measurement_review", "standard", "task_progress")
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
            kind = rng.choice(kinds)
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


def is_empty(session: Session) -> bool:
    for model in (Deliverable, Pilot, MeasurementReview, TaskUpdate):
        if session.scalar(select(func.count()).select_from(model)):
            return False
    return True


def generate(session: Session) -> dict[str, int]:
    """Fill an empty database with the synthetic national picture."""
    if not is_empty(session):
        raise DemoDataError(
            "The database already holds records; demo data fills only an empty one."
        )
    rng = random.Random(SEED)
    codes = [
        p.code
        for p in session.exec(
            select(Province)
            .where(Province.is_standard, Province.code < "700000")
            .order_by(Province.code)
        )
    ]
    if not codes:
        raise DemoDataError("Reference data is missing; run `python -m dashboard init-db` first.")
    deliverables = _deliverables(rng, codes)
    session.add_all(deliverables)
    pilots = _pilots(rng, codes)
    for pilot, stages in pilots:
        session.add(pilot)
        session.flush()
        for s in stages:
            s.pilot_id = pilot.id
        session.add_all(stages)
    reviews = _reviews(rng, codes)
    for review, entries in reviews:
        session.add(review)
        session.flush()
        for e in entries:
            e.review_id = review.id
        session.add_all(entries)
    _task_updates(rng, session)
    session.add_all(_submissions(rng, codes))
    session.flush()
    # the other kinds, from a stream of their own (the records above stay as they were)
    more = demo_kinds.generate(session, random.Random(SEED + 14), codes, CUTOFF)
    more |= demo_adoption.generate(session, random.Random(SEED + 15), codes, CUTOFF)
    from dashboard.demo_locations import locate_demo_records  # geopandas, only here

    more["located"] = locate_demo_records(session)  # seeded, synthetic
    now = utcnow().isoformat()
    session.merge(DatasetFact(key="synthetic", value="true"))
    session.merge(DatasetFact(key="last_refresh_at", value=now))
    session.flush()
    counts = {"deliverables": len(deliverables), "pilots": len(pilots), "reviews": len(reviews)}
    return counts | more
