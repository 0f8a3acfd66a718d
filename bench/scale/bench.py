"""`python -m bench.scale.bench`: how long the pages take at national scale.

Run it on a database filled by `python -m bench.scale.generate`. Three measurements:

1. Pages: the real page scripts run with Streamlit's AppTest, signed in as `ministry`,
   timing `at.run()` (the page's whole server-side run: the router, the session check, the
   cached reads, the services, building every element). *Cold* = Streamlit's caches cleared
   and a fresh database engine (so also SQLAlchemy's statement cache and the connection
   pool; in a process that has already imported the code); *warm* = the median of the next
   five reruns; *after a write* = Streamlit's caches cleared but the engine kept, as a
   running server has it after a saved change or a cache expiry.
2. Services: the service functions the pages call, cold (fresh engine, first call) and warm
   (median of five), without Streamlit.
3. Raw SQL: the queries that make the same figures (the counting rules of
   `dashboard/progress/counting.py`, the registry's filtered select, the drill-down's
   join, the reporting aggregates), compiled once to SQL text with bound parameters and run
   on the DB-API cursor with `fetchall()`; the median of five. The ratio is page (or
   service) over raw SQL.

Plus the 100,000-row ingest (`python -m pipelines benchmark`, into a fresh database: a temp
SQLite file or a scratch PostgreSQL schema) against a raw `executemany` of the same number
of pilots and stage entries, and the briefing pack (`dashboard.exports.service.briefing_pack`)
against the raw SQL of its figures.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlmodel import Session

from bench.machine import load_average, machine
from bench.scale.ingest import time_ingest, time_pack
from bench.scale.pages import time_pages
from bench.scale.raw_sql import raw_statements, run_raw
from bench.scale.report import table, verdicts
from bench.scale.services import time_services
from bench.scale.timing import AS_OF, RUNS, Row, median


def run(args) -> int:
    from dashboard.db import make_engine
    from dashboard.settings import normalise_database_url

    url = normalise_database_url(
        args.database_url or os.environ.get("DATABASE_URL") or "sqlite:///var/tracker.sqlite3"
    )
    as_of = date.fromisoformat(args.as_of)
    say = print if not args.quiet else (lambda *_a: None)
    load_start = load_average()
    engine = make_engine(url)
    with Session(engine) as s:
        from dashboard.models import PilotStage, ReviewStatusEntry, Submission, TaskUpdate

        history = sum(
            int(s.scalar(select(func.count()).select_from(m)))
            for m in (PilotStage, ReviewStatusEntry, Submission, TaskUpdate)
        )
        statements = raw_statements(engine, s, as_of)
    say(f"database {engine.dialect.name}: {history:,} history and report rows; as of {as_of}")
    raw = {}
    for name, stmts in statements.items():
        run_raw(engine, stmts)  # once to warm the database's own caches
        raw[name] = median(lambda stmts=stmts: run_raw(engine, stmts), args.runs)
        say(f"  raw SQL {name:<24} {raw[name]:8.1f} ms ({len(stmts)} statements)")
    engine.dispose()

    services = time_services(url, as_of, args.runs, say)
    for r in services:
        r.raw_ms = raw.get(r.name)
    pages, first = ([], None) if args.skip_pages else time_pages(url, as_of, args.runs, say)
    for r in pages:
        r.raw_ms = raw.get(r.name)
    extra: list[Row] = []
    if args.skip_ingest:
        extra.append(Row("ingest 100,000 rows", note="skipped (--skip-ingest)"))
    else:
        extra.append(time_ingest(url, args.ingest_rows, say))
    if args.skip_pack:
        extra.append(Row("briefing pack (PDF)", note="skipped (--skip-pack)"))
    else:
        pack = time_pack(url, as_of, min(args.runs, 2), say)
        pack.raw_ms = raw.get("briefing pack")
        extra.append(pack)

    print()
    print(f"## {engine.dialect.name}, {history:,} history and report rows, as of {as_of}")
    print(f"Machine: {machine()}. Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.")
    end = load_average()
    print(f"Load average at the start / end: {load_start} / {end} (other jobs included).")
    print()
    print("Pages (AppTest `at.run()`, signed in as ministry):")
    print()
    print(table(pages + extra))
    if first is not None:
        print(f"\nFirst overview run in a new process (imports included): {first:,.0f} ms.")
    print()
    print("Services (no Streamlit):")
    print()
    print(table(services))
    print()
    for line in verdicts(pages, services):
        print("- " + line)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "database": engine.dialect.name,
                    "history_rows": history,
                    "as_of": as_of.isoformat(),
                    "machine": machine(),
                    "load_start": load_start,
                    "load_end": load_average(),
                    "pages": [r.__dict__ for r in pages + extra],
                    "services": [r.__dict__ for r in services],
                    "raw": raw,
                    "first_run_ms": first,
                },
                default=str,
                indent=1,
            )
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.scale.bench", description=__doc__)
    p.add_argument("--database-url", help="overrides DATABASE_URL")
    p.add_argument("--as-of", default=AS_OF.isoformat())
    p.add_argument("--runs", type=int, default=RUNS, help="warm runs (median)")
    p.add_argument("--skip-ingest", action="store_true")
    p.add_argument("--skip-pack", action="store_true")
    p.add_argument("--skip-pages", action="store_true", help="services and raw SQL only")
    p.add_argument("--ingest-rows", type=int, default=100_000)
    p.add_argument("--json", help="also write the figures to this file")
    p.add_argument("--quiet", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
