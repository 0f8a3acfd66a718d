"""Benchmark: generate a pilot_status CSV and a measurement_review XLSX, ingest each with
accept (read, validate, one transaction, archive) into a fresh database, and report rows a
second and the peak memory of the process that did it (each case runs in its own process)."""

from __future__ import annotations

import csv
import gc
import io
import multiprocessing
import os
import random
import resource
import tempfile
import time
import uuid
from datetime import date, timedelta
from multiprocessing.queues import Queue
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from dashboard import vocab
from dashboard.uscc import make_uscc
from pipelines.plain_files import PILOT_HEADER, REVIEW_HEADER, csv_bytes, xlsx_bytes

PROVINCES = ("330000", "370000", "320000", "440000", "510000", "110000")
STAGES = ("applied", "recommended", "approved", "under_construction")


def pilot_rows(n: int, seed: int = 1) -> list[list[Any]]:
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    rows = []
    for i in range(n):
        province = rng.choice(PROVINCES)
        enterprise = i % 2 == 0
        rows.append(
            [
                f"B-{i:07d}",
                f"试点{i}号",
                "企业" if enterprise else "园区",
                province,
                make_uscc(rng, province) if enterprise else "",
                rng.choice(vocab.INDUSTRIES),
                rng.choice(STAGES),
                (start + timedelta(days=rng.randrange(600))).isoformat(),
                rng.randrange(10),
                "",
            ]
        )
    return rows


def review_rows(n: int, seed: int = 2) -> list[list[Any]]:
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    rows: list[list[Any]] = []
    seen: set[str] = set()
    while len(rows) < n:
        province = rng.choice(PROVINCES)
        uscc = make_uscc(rng, province)
        if uscc in seen:
            continue
        seen.add(uscc)
        total = rng.randrange(1, 500)
        rows.append(
            [
                uscc,
                f"企业{len(rows)}",
                province,
                rng.choice(vocab.INDUSTRIES),
                rng.choice(vocab.REVIEW_STATUSES),
                start + timedelta(days=rng.randrange(600)),
                total,
                rng.randrange(total + 1),
                "",
            ]
        )
    return rows


def _case(url: str, case: str, n: int, workdir: str, queue: Queue[dict[str, Any]]) -> None:
    """One measurement, in a fresh process (so its peak memory is its own)."""
    from dashboard.db import make_engine
    from pipelines.ingest import ingest_bytes
    from pipelines.refresh import pipeline_actor

    if case == "csv":
        data, name = csv_bytes(PILOT_HEADER, pilot_rows(n)), "bench.csv"
    else:
        data, name = xlsx_bytes(REVIEW_HEADER, review_rows(n)), "bench.xlsx"
    engine = make_engine(url)
    actor = pipeline_actor(engine)
    gc.collect()  # the generator's garbage (an openpyxl workbook is full of cycles) goes first
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu = time.perf_counter(), time.process_time()
    result = ingest_bytes(
        engine, data=data, filename=name, actor=actor, accept=True, archive_dir=Path(workdir)
    )
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    engine.dispose()
    queue.put(
        {
            "case": case,
            "kind": result.kind,
            "status": result.status,
            "rows": result.rows,
            "bytes": len(data),
            "seconds": round(seconds, 2),
            "rows_per_second": round(result.rows / seconds),
            "cpu_seconds": round(cpu, 2),
            "load_average": round(os.getloadavg()[0], 2),
            "peak_rss_mb": round(peak / 1024),
            "rss_before_ingest_mb": round(base / 1024),
            "errors": len(result.errors),
        }
    )


def _raw_columns(
    case: str, rows: list[list[Any]]
) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """(record columns, history columns less the owner) of the generated rows, as typed."""
    cols = [list(c) for c in zip(*rows, strict=True)]
    if case == "csv":
        days = [date.fromisoformat(d) for d in cols[7]]
        records = {"code": cols[0], "name": cols[1], "pilot_type": cols[2]}
        records |= {"province_code": cols[3], "uscc": [u or None for u in cols[4]]}
        records |= {"industry": cols[5], "current_stage": cols[6], "current_stage_date": days}
        records["standards_adopted"] = [int(x) for x in cols[8]]
        return records, {"stage": cols[6], "stage_date": days}
    days = [d.date() for d in cols[5]]
    records = {"uscc": cols[0], "enterprise_name": cols[1], "province_code": cols[2]}
    records |= {"industry": cols[3], "status": cols[4], "status_date": days}
    records |= {"instruments_total": cols[6], "instruments_calibrated": cols[7]}
    return records, {"status": cols[4], "status_date": days}


def _raw_case(url: str, case: str, n: int, queue: Queue[dict[str, Any]]) -> None:
    """The floor to compare with: the same file parsed with no checks (the csv module;
    openpyxl's read-only mode for XLSX) and its records and history rows written with the
    same bulk statements as the pipeline, in one transaction: no validation, plan, spans,
    submission, payload or audit."""
    from dashboard.bulk import insert_columns
    from dashboard.db import make_engine
    from dashboard.models import MeasurementReview, Pilot, PilotStage, ReviewStatusEntry
    from dashboard.models.common import table_of, utcnow

    if case == "csv":
        data = csv_bytes(PILOT_HEADER, pilot_rows(n))
        model, history, owner = table_of(Pilot), table_of(PilotStage), "pilot_id"
    else:
        data = xlsx_bytes(REVIEW_HEADER, review_rows(n))
        model, history = table_of(MeasurementReview), table_of(ReviewStatusEntry)
        owner = "review_id"
    engine = make_engine(url)
    with engine.connect() as conn:  # the connection opened before the clock starts
        conn.execute(text("SELECT 1"))
    started = time.perf_counter()
    rows: list[list[Any]]
    if case == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))[1:]
    else:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = [list(r) for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)]
        wb.close()
    records, entries = _raw_columns(case, rows)
    now = utcnow()
    with engine.begin() as conn:
        records |= {"version": [1] * n, "created_at": [now] * n, "updated_at": [now] * n}
        insert_columns(conn, model, records)
        ids = conn.execute(text(f"SELECT id FROM {model.name} ORDER BY id"))
        entries[owner] = [r[0] for r in ids]
        entries |= {"recorded_by": ["bench"] * n, "recorded_at": [now] * n}
        insert_columns(conn, history, entries)
    seconds = time.perf_counter() - started
    engine.dispose()
    queue.put({"raw_seconds": round(seconds, 2)})


def _prepare(url: str | None, workdir: Path) -> tuple[str, str | None]:
    """A fresh database: a temporary SQLite file, or a new PostgreSQL schema."""
    from sqlmodel import Session

    from dashboard.db import make_engine
    from dashboard.migrate import upgrade_to_head
    from dashboard.reference_data import sync_reference
    from dashboard.settings import normalise_database_url

    schema = None
    if url is None:
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    elif not url.startswith("sqlite"):
        url = normalise_database_url(url)
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with create_engine(url).begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url += ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    engine = make_engine(url)
    upgrade_to_head(engine)
    with Session(engine) as session:
        sync_reference(session)
        session.commit()
    engine.dispose()
    return url, schema


def _drop(database_url: str | None, schema: str | None) -> None:
    if schema and database_url:
        from dashboard.settings import normalise_database_url

        base = database_url.split("?")[0]
        with create_engine(normalise_database_url(base)).begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def run_benchmark(*, rows: int, xlsx_rows: int, database_url: str | None) -> list[dict]:
    results = []
    with tempfile.TemporaryDirectory(prefix="pipelines-bench-") as tmp:
        workdir = Path(tmp)
        url, schema = _prepare(database_url, workdir)
        try:
            # fork: a spawned child would re-run whatever script is __main__ (under pytest,
            # possibly an AppTest script)
            context = multiprocessing.get_context("fork")
            for case, n in (("csv", rows), ("xlsx", xlsx_rows)):
                if n <= 0:
                    continue
                queue = context.Queue()
                process = context.Process(target=_case, args=(url, case, n, tmp, queue))
                process.start()
                process.join()
                if process.exitcode != 0:
                    raise RuntimeError(f"the {case} benchmark failed (exit {process.exitcode})")
                result = queue.get(timeout=30)
                # the floor, into a second fresh database
                raw_url, raw_schema = _prepare(database_url, workdir / f"raw-{case}")
                try:
                    process = context.Process(target=_raw_case, args=(raw_url, case, n, queue))
                    process.start()
                    process.join()
                    if process.exitcode != 0:
                        raise RuntimeError(f"the raw {case} case failed")
                    result |= queue.get(timeout=30)
                finally:
                    _drop(database_url, raw_schema)
                result["ratio_to_raw"] = round(result["seconds"] / result["raw_seconds"], 1)
                results.append(result)
        finally:
            _drop(database_url, schema)
    for r in results:
        r["database"] = "postgresql" if schema else "sqlite"
    return results
