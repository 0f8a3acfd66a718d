"""`python -m bench.scale.generate`: a national-scale synthetic dataset for benchmarks.

Fills an EMPTY database (after the migrations and the reference data, as `init-db` makes
them) with, by default, 20,000 standardization pilots, 20,000 measurement-review
enterprises, 5,000 standards and measurement deliverables and 1,000,000 history and report
rows (pilot stage entries, review status entries, policy-task updates and submissions), and
the demo accounts. The dataset is marked synthetic. The same seed gives the same data.

Histories follow the counting rules' semantics: each record moves through its stages; the
extra entries restate the stage a record was in on that day (as quarterly reports do), and a
few are corrections (a new entry naming the entry it replaces), so the counts are what the
stage paths say and the correction subqueries have work to do.

Rows are written with executemany in chunks of 10,000 (Core `insert(table)`), with explicit
ids; on PostgreSQL the id sequences are moved past them afterwards. Then ANALYZE (and
VACUUM on PostgreSQL).
"""

from __future__ import annotations

import argparse
import bisect
import os
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

from sqlalchemy import insert, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from dashboard.demo import synthetic_rejection
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
from dashboard.progress import spans
from dashboard.uscc import make_uscc
from dashboard.vocab import INDUSTRIES, PILOT_STAGES, TARGET_STANDARD_CATEGORIES

SEED = 20250630
CHUNK = 10_000
ACTOR = "scale-generator"
CUTOFF = date(2026, 10, 15)  # histories end here
KINDS = ("pilot_status", "measurement_review", "standard", "task_progress")
WEIGHTS = {  # more records in the larger industrial provinces
    "370000": 9, "330000": 9, "320000": 8, "440000": 8, "110000": 6, "310000": 6,
    "510000": 5, "420000": 5, "130000": 4, "410000": 4, "350000": 4, "340000": 4,
}  # fmt: skip
REVIEW_PATH = ("planned", "in_review", "rectification", "completed")
CORRECTION_SHARE = 0.03


class ScaleDataError(RuntimeError):
    pass


@dataclass(frozen=True)
class Size:
    pilots: int = 20_000
    reviews: int = 20_000
    standards: int = 5_000
    history: int = 1_000_000
    submissions: int | None = None  # default: 5% of history
    task_updates: int | None = None  # default: 5% of history

    def split(self) -> dict[str, int]:
        subs = self.submissions if self.submissions is not None else self.history // 20
        tasks = self.task_updates if self.task_updates is not None else self.history // 20
        rest = max(self.history - subs - tasks, 0)
        return {
            "submission": subs,
            "taskupdate": tasks,
            "pilotstage": rest // 2,
            "reviewstatusentry": rest - rest // 2,
        }


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _stamp(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, dtime(8 + rng.randint(0, 9), rng.randint(0, 59)), UTC)


def _chunks(rows: list[dict], size: int = CHUNK) -> Iterator[list[dict]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


class _Writer:
    def __init__(self, engine: Engine, say: Callable[[str], None]):
        self.engine = engine
        self.say = say
        self.counts: dict[str, int] = {}

    def write(self, model, rows: list[dict]) -> None:
        table = model.__table__
        start = time.perf_counter()
        with self.engine.begin() as conn:
            for chunk in _chunks(rows):
                conn.execute(insert(table), chunk)
        self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)
        self.say(f"  {table.name:<18} {len(rows):>9,} rows  {time.perf_counter() - start:6.1f} s")


def _provinces(session: Session) -> list[str]:
    codes = [
        p.code
        for p in session.exec(
            select(Province)
            .where(Province.is_standard, Province.code < "700000")
            .order_by(Province.code)
        )
    ]
    if not codes:
        raise ScaleDataError("Reference data is missing; run `python -m dashboard init-db`.")
    return codes


def _weighted(rng: random.Random, codes: list[str], n: int) -> list[str]:
    return rng.choices(codes, weights=[WEIGHTS.get(c, 2) for c in codes], k=n)


# --- submissions ---------------------------------------------------------------------------


def _submissions(rng: random.Random, codes: list[str], n: int) -> list[dict]:
    rows = []
    provinces = _weighted(rng, codes, n)
    for i in range(n):
        code = provinces[i]
        day = _day(rng, date(2024, 9, 1), CUTOFF)
        stamp = _stamp(day, rng)
        status = rng.choices(("accepted", "returned", "rejected", "staged"), weights=(86, 8, 4, 2))[
            0
        ]
        decided = stamp + timedelta(days=rng.randint(1, 9)) if status != "staged" else None
        kind = rng.choice(KINDS)
        rows.append(
            {
                "id": i + 1,
                "sha256": f"{rng.getrandbits(256):064x}",
                "filename": f"{code}_{day.isoformat()}_{kind}_{i + 1}.xlsx",
                "kind": kind,
                "province_code": code,
                "submitted_by": f"scale-{code}",
                "submitted_at": stamp,
                "due_on": None,
                "status": status,
                "row_count": rng.randint(5, 200),
                "errors": [synthetic_rejection(kind)] if status == "rejected" else [],
                "warnings": [],
                "payload": [],
                "decided_by": "ministry" if decided else None,
                "decided_at": decided,
                "decision_comment": "(synthetic) add evidence" if status == "returned" else None,
                "archive_path": None,
                "version": 1,
            }
        )
    return rows


def _accepted_by_province(subs: list[dict]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for s in subs:
        if s["status"] == "accepted":
            out.setdefault(s["province_code"], []).append(s["id"])
    return out


def _source(
    rng: random.Random, accepted: dict[str, list[int]], code: str, share: float = 0.5
) -> int | None:
    """An accepted submission of the province, for `share` of the rows (at national scale
    every pilot and review arrives through a report: share 1)."""
    ids = accepted.get(code)
    return rng.choice(ids) if ids and rng.random() < share else None


# --- deliverables --------------------------------------------------------------------------


def _deliverables(rng: random.Random, codes: list[str], n: int) -> list[dict]:
    kinds = (
        ("national_standard", 50),
        ("measurement_spec", 15),
        ("measurement_standard", 4),
        ("reference_material", 6),
        ("technology_study", 5),
        ("group_standard", 10),
        ("local_standard", 10),
    )
    names, weights = zip(*kinds, strict=True)
    now = datetime(2026, 10, 15, tzinfo=UTC)
    rows = []
    for i in range(n):
        kind = rng.choices(names, weights=weights)[0]
        issued: date | None = _day(rng, date(2023, 6, 1), date(2026, 9, 30))
        started = issued - timedelta(days=rng.randint(120, 700))
        province = None
        status = "issued"
        category = "measurement"
        if kind in {"national_standard", "group_standard", "local_standard"}:
            category = rng.choice((*TARGET_STANDARD_CATEGORIES, "recycling", "green_product"))
            prefix = {"national_standard": "GB/T", "group_standard": "T/CNCA"}.get(kind, "DB")
            number = f"{prefix} {100000 + i}-{issued.year}"
            if kind == "local_standard":
                province = rng.choice(codes)
                number = f"DB{province[:2]}/T {100000 + i}-{issued.year}"
        elif kind == "measurement_spec":
            if rng.random() < 0.1:
                province = rng.choice(codes)
                number = f"JJF({province[:2]}) {100000 + i}-{issued.year}"
            else:
                number = f"JJF {100000 + i}-{issued.year}"
        elif kind == "technology_study":
            number = f"STUDY-{100000 + i}"
            status = "completed" if rng.random() < 0.4 else "in_progress"
            issued = None
        else:
            number = f"GBW(E) {100000 + i}" if kind == "reference_material" else f"MS-{i}"
            if rng.random() < 0.15:
                status, issued = "in_progress", None
            else:
                status = "completed"
        rows.append(
            {
                "id": i + 1,
                "number": number,
                "kind": kind,
                "category": category,
                "title_zh": f"（示例）{kind} {i + 1}",
                "title_en": f"(Synthetic) {kind} {i + 1}",
                "status": status,
                "started_on": started,
                "issue_date": issued,
                "implementation_date": issued + timedelta(days=180) if issued else None,
                "responsible_org": "(synthetic)",
                "province_code": province,
                "submission_id": None,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    return rows


# --- histories -----------------------------------------------------------------------------


def _pilot_path(rng: random.Random) -> list[str]:
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


def _review_path(rng: random.Random) -> list[str]:
    depth = rng.choices((1, 2, 3, 4), weights=(2, 3, 2, 5))[0]
    path = list(REVIEW_PATH[:depth])
    if depth == 4 and rng.random() < 0.5:
        path.remove("rectification")
    return path


def _dated(rng: random.Random, states: list[str], start: date, gap: tuple[int, int]):
    out, day = [], start
    for state in states:
        if day > CUTOFF:
            break
        out.append((day, state))
        day += timedelta(days=rng.randint(*gap))
    return out


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
                "submission_id": _source(rng, accepted, provinces[owner - 1]),
                "recorded_by": ACTOR,
                "recorded_at": _stamp(day, rng),
            }
        )
    return rows


def _uscc_unique(rng: random.Random, code: str, seen: set[str]) -> str:
    while True:
        value = make_uscc(rng, code)
        if value not in seen:
            seen.add(value)
            return value


def _pilots(rng, codes, n, budget, accepted) -> tuple[list[dict], list[dict]]:
    provinces = _weighted(rng, codes, n)
    paths = [
        _dated(rng, _pilot_path(rng), _day(rng, date(2024, 3, 1), date(2025, 9, 30)), (30, 150))
        for _ in range(n)
    ]
    entries, current = _histories(rng, paths, budget)
    now = datetime(2026, 10, 15, tzinfo=UTC)
    pilots = []
    seen: set[str] = set()
    for i in range(n):
        code = provinces[i]
        park = i % 4 == 0
        day, stage = current[i]
        pilots.append(
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
                "submission_id": _source(rng, accepted, code, 1.0),
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    stages = _history_rows(rng, entries, "pilot_id", "stage", "stage_date", provinces, accepted)
    return pilots, stages


def _reviews(rng, codes, n, budget, accepted) -> tuple[list[dict], list[dict]]:
    provinces = _weighted(rng, codes, n)
    paths = [
        _dated(rng, _review_path(rng), _day(rng, date(2024, 6, 1), date(2025, 10, 31)), (20, 120))
        for _ in range(n)
    ]
    entries, current = _histories(rng, paths, budget)
    now = datetime(2026, 10, 15, tzinfo=UTC)
    reviews = []
    seen: set[str] = set()
    for i in range(n):
        code = provinces[i]
        day, status = current[i]
        total = rng.randint(40, 900)
        reviews.append(
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
                "submission_id": _source(rng, accepted, code, 1.0),
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    rows = _history_rows(rng, entries, "review_id", "status", "status_date", provinces, accepted)
    return reviews, rows


def _task_updates(rng: random.Random, session: Session, n: int) -> tuple[list[dict], dict]:
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
                    "created_at": _stamp(day, rng),
                }
            )
            latest[task.code] = (status, progress, day)
    return rows, latest


# --- the whole run -------------------------------------------------------------------------

SEQUENCED = (
    "submission",
    "deliverable",
    "pilot",
    "pilotstage",
    "measurementreview",
    "reviewstatusentry",
    "taskupdate",
)


def _fix_sequences(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for table in SEQUENCED:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                    f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
                )
            )


def analyze(engine: Engine) -> None:
    """Planner statistics; on PostgreSQL also VACUUM, which sets the visibility map that
    index-only scans need (autovacuum would do both, later)."""
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
        else:
            conn.execute(text("ANALYZE"))
            conn.commit()


def generate(
    engine: Engine,
    size: Size = Size(),
    *,
    seed: int = SEED,
    say: Callable[[str], None] = print,
    do_analyze: bool = True,
) -> dict[str, int]:
    """Fill an empty, initialised database. Returns rows written per table."""
    from dashboard import demo
    from dashboard.accounts import create_demo_users

    rng = random.Random(seed)
    split = size.split()
    writer = _Writer(engine, say)
    with Session(engine, expire_on_commit=False) as session:
        if not demo.is_empty(session):
            raise ScaleDataError("The database already holds records; use an empty one.")
        codes = _provinces(session)
        start = time.perf_counter()
        say(f"building rows (seed {seed}) ...")
        subs = _submissions(rng, codes, split["submission"])
        accepted = _accepted_by_province(subs)
        deliverables = _deliverables(rng, codes, size.standards)
        pilots, stages = _pilots(rng, codes, size.pilots, split["pilotstage"], accepted)
        reviews, entries = _reviews(rng, codes, size.reviews, split["reviewstatusentry"], accepted)
        updates, latest = _task_updates(rng, session, split["taskupdate"])
        say(f"  built in {time.perf_counter() - start:.1f} s; writing ...")
    writer.write(Submission, subs)
    writer.write(Deliverable, deliverables)
    writer.write(Pilot, pilots)
    writer.write(PilotStage, stages)
    writer.write(MeasurementReview, reviews)
    writer.write(ReviewStatusEntry, entries)
    writer.write(TaskUpdate, updates)
    del subs, deliverables, pilots, stages, reviews, entries, updates
    _fix_sequences(engine)
    start = time.perf_counter()
    with engine.begin() as conn:
        made = spans.rebuild(conn)
    writer.counts["countingspan"] = sum(made.values())
    say(f"  countingspan {sum(made.values()):>13,} rows {time.perf_counter() - start:7.1f} s")
    with Session(engine, expire_on_commit=False) as session:
        for task in session.exec(select(PolicyTask)).all():
            if task.code in latest:
                task.status, task.progress_pct, task.last_update_on = latest[task.code]
        for i, milestone in enumerate(session.exec(select(Milestone).order_by(Milestone.code))):
            milestone.status = ("completed", "in_progress", "delayed", "in_progress")[i % 4]
            milestone.status_note = "（示例）synthetic status"
        create_demo_users(session)
        now = datetime.now(UTC).isoformat()
        session.merge(DatasetFact(key="synthetic", value="true"))
        session.merge(DatasetFact(key="last_refresh_at", value=now))
        session.merge(
            DatasetFact(
                key="scale_generated",
                value=f"seed={seed} pilots={size.pilots} reviews={size.reviews} "
                f"standards={size.standards} history={size.history}",
            )
        )
        session.commit()
    if do_analyze:
        start = time.perf_counter()
        analyze(engine)
        say(f"  (VACUUM) ANALYZE {time.perf_counter() - start:.1f} s")
    return writer.counts


def history_rows(counts: dict[str, int]) -> int:
    return sum(
        counts.get(t, 0) for t in ("pilotstage", "reviewstatusentry", "submission", "taskupdate")
    )


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.scale.generate", description=__doc__)
    p.add_argument("--database-url", help="overrides DATABASE_URL")
    p.add_argument("--pilots", type=int, default=20_000)
    p.add_argument("--reviews", type=int, default=20_000)
    p.add_argument("--standards", type=int, default=5_000)
    p.add_argument("--history", type=int, default=1_000_000, help="history and report rows")
    p.add_argument("--submissions", type=int, help="of which submissions (default 5%%)")
    p.add_argument("--task-updates", type=int, help="of which task updates (default 5%%)")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--no-analyze", action="store_true", help="skip ANALYZE at the end")
    return p


def main(argv: Iterable[str] | None = None) -> int:
    from dashboard.cli import init_database
    from dashboard.db import make_engine
    from dashboard.settings import default_database_url

    args = build_parser().parse_args(list(argv) if argv is not None else None)
    url = args.database_url or os.environ.get("DATABASE_URL") or default_database_url()
    engine = make_engine(url)
    size = Size(
        pilots=args.pilots,
        reviews=args.reviews,
        standards=args.standards,
        history=args.history,
        submissions=args.submissions,
        task_updates=args.task_updates,
    )
    start = time.perf_counter()
    try:
        init_database(engine)
        print(f"schema and reference data ready ({time.perf_counter() - start:.1f} s)")
        counts = generate(engine, size, seed=args.seed, do_analyze=not args.no_analyze)
    except ScaleDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(
        f"done in {time.perf_counter() - start:.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items())
        + f"; history and report rows {history_rows(counts):,}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
