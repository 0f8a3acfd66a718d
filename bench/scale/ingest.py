"""The 100,000-row ingest against a raw executemany of as many rows, and the briefing pack."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlmodel import Session

from bench.scale.timing import ROOT, Row, actor, ms
from bench.scratch import scratch_schema


def _scratch_url(url: str) -> tuple[str, Callable[[], None]]:
    """A fresh, initialised, empty database of the same kind: a temp SQLite file or a new
    PostgreSQL schema. Returns the URL and a function that removes it."""
    import tempfile

    from dashboard.cli import init_database
    from dashboard.db import make_engine

    if url.startswith("sqlite"):
        tmp = tempfile.mkdtemp(prefix="scale-raw-")
        scratch = f"sqlite:///{tmp}/raw.sqlite3"

        def drop() -> None:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)

    else:
        scratch, drop = scratch_schema(url, "scale_raw")

    engine = make_engine(scratch)
    init_database(engine)
    engine.dispose()
    return scratch, drop


def raw_ingest_ms(url: str, rows: int) -> float:
    """executemany of `rows` pilots and `rows` stage entries into a fresh database."""

    from sqlalchemy import insert

    from dashboard.db import make_engine
    from dashboard.models import Pilot, PilotStage

    scratch, drop = _scratch_url(url)
    try:
        engine = make_engine(scratch)
        now = datetime.now(UTC)
        pilots = [
            {
                "id": i + 1,
                "code": f"B-{i:07d}",
                "name": f"试点{i}号",
                "pilot_type": "enterprise",
                "uscc": None,
                "province_code": "330000",
                "industry": "steel",
                "standards_adopted": 1,
                "current_stage": "applied",
                "current_stage_date": date(2024, 1, 1),
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for i in range(rows)
        ]
        stages = [
            {
                "pilot_id": i + 1,
                "stage": "applied",
                "stage_date": date(2024, 1, 1),
                "recorded_by": "bench",
                "recorded_at": now,
            }
            for i in range(rows)
        ]
        start = time.perf_counter()
        with engine.begin() as conn:
            for i in range(0, rows, 10_000):
                conn.execute(insert(Pilot.__table__), pilots[i : i + 10_000])
            for i in range(0, rows, 10_000):
                conn.execute(insert(PilotStage.__table__), stages[i : i + 10_000])
        elapsed = ms(time.perf_counter() - start)
        engine.dispose()
        return elapsed
    finally:
        drop()


def time_ingest(url: str, rows: int, say) -> Row:
    if not (ROOT / "pipelines" / "benchmark.py").exists():
        return Row("ingest 100k rows", note="pipelines/benchmark.py is absent")
    cmd = [sys.executable, "-m", "pipelines", "benchmark", "--rows", str(rows)]
    cmd += ["--xlsx-rows", "0", "--json"]
    if not url.startswith("sqlite"):
        cmd += ["--database-url", url]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    say("  ingest: " + " ".join(cmd[1:]))
    done = subprocess.run(  # noqa: S603  (our own interpreter and module)
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return Row(f"ingest {rows:,} rows", note="failed: " + done.stderr.strip()[-300:])
    result = json.loads(done.stdout)[0]
    raw = raw_ingest_ms(url, rows)
    row = Row(
        f"ingest {rows:,} rows",
        cold_ms=ms(result["seconds"]),
        raw_ms=raw,
        note=f"{result['rows_per_second']:,} rows/s, peak RSS {result['peak_rss_mb']} MB, "
        f"status {result['status']}; into a fresh database",
        extra=result,
    )
    say(f"  ingest {row.cold_ms:8.1f} ms, raw executemany {raw:8.1f} ms")
    return row


def time_pack(url: str, as_of: date, runs: int, say) -> Row:
    try:
        from dashboard.exports.service import briefing_pack
    except ImportError as exc:
        return Row("briefing pack (PDF)", note=f"dashboard.exports is not importable: {exc}")
    from dashboard.db import make_engine

    engine = make_engine(url)
    times = []
    size = 0
    for _ in range(1 + runs):
        with Session(engine, expire_on_commit=False) as s:
            who = actor(s, "briefing")
            start = time.perf_counter()
            data = briefing_pack(s, actor=who, lang="zh", as_of=as_of, fmt="pdf")
            times.append(ms(time.perf_counter() - start))
            size = len(data)
            s.rollback()  # leave no export events behind
    engine.dispose()
    row = Row(
        "briefing pack (PDF)",
        cold_ms=times[0],
        warm_ms=round(statistics.median(times[1:]), 1) if runs else None,
        note=f"{size:,} bytes",
    )
    say(f"  briefing pack cold {row.cold_ms:8.1f} ms  warm {row.warm_ms} ms")
    return row
