"""`python -m bench.scale.generate`: a national-scale synthetic dataset for benchmarks.

Fills an EMPTY database (after the migrations and the reference data, as `init-db` makes
them) with, by default, 20,000 standardization pilots, 20,000 measurement-review
enterprises, 5,000 standards and measurement deliverables and 1,000,000 history and report
rows (pilot stage entries, review status entries, policy-task updates and submissions), and
the demo accounts. The dataset is marked synthetic. The same seed gives the same data.

The rows are built by bench/scale/records.py (submissions, deliverables) and
bench/scale/histories.py (pilots, reviews and their histories, task updates), from the
building blocks the demo uses too (dashboard/synthetic.py).

Rows are written with executemany in chunks of 10,000 (Core `insert(table)`), with explicit
ids; on PostgreSQL the id sequences are moved past them afterwards. Then ANALYZE (and
VACUUM on PostgreSQL).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import insert, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bench.scale import histories, records
from dashboard import models
from dashboard.dataclass_copy import from_attributes
from dashboard.progress import spans
from dashboard.synthetic import (
    is_empty,
    mainland_provinces,
    mark_synthetic,
    set_milestone_statuses,
)

SEED = 20250630
CHUNK = 10_000


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
    from dashboard.accounts import create_demo_users

    rng = random.Random(seed)
    split = size.split()
    writer = _Writer(engine, say)
    with Session(engine, expire_on_commit=False) as session:
        if not is_empty(session):
            raise ScaleDataError("The database already holds records; use an empty one.")
        codes = mainland_provinces(session)
        if not codes:
            raise ScaleDataError("Reference data is missing; run `python -m dashboard init-db`.")
        start = time.perf_counter()
        say(f"building rows (seed {seed}) ...")
        subs = records.submissions(rng, codes, split["submission"])
        accepted = records.accepted_by_province(subs)
        deliverables = records.deliverables(rng, codes, size.standards)
        pilots, stages = histories.pilots(rng, codes, size.pilots, split["pilotstage"], accepted)
        reviews, entries = histories.reviews(
            rng, codes, size.reviews, split["reviewstatusentry"], accepted
        )
        updates, latest = histories.task_updates(rng, session, split["taskupdate"])
        say(f"  built in {time.perf_counter() - start:.1f} s; writing ...")
    writer.write(models.Submission, subs)
    writer.write(models.Deliverable, deliverables)
    writer.write(models.Pilot, pilots)
    writer.write(models.PilotStage, stages)
    writer.write(models.MeasurementReview, reviews)
    writer.write(models.ReviewStatusEntry, entries)
    writer.write(models.TaskUpdate, updates)
    del subs, deliverables, pilots, stages, reviews, entries, updates
    _fix_sequences(engine)
    start = time.perf_counter()
    with engine.begin() as conn:
        made = spans.rebuild(conn)
    writer.counts["countingspan"] = sum(made.values())
    say(f"  countingspan {sum(made.values()):>13,} rows {time.perf_counter() - start:7.1f} s")
    with Session(engine, expire_on_commit=False) as session:
        for task in session.exec(select(models.PolicyTask)).all():
            if task.code in latest:
                task.status, task.progress_pct, task.last_update_on = latest[task.code]
        set_milestone_statuses(session)
        create_demo_users(session)
        mark_synthetic(session)
        session.merge(
            models.DatasetFact(
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
    size = from_attributes(Size, args)  # the options are named after the sizes
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
