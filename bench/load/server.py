"""The load test's server side: a demo database (a temp SQLite file or a scratch PostgreSQL
schema), the real server started and stopped, and what the servers use (memory, CPU, the
problems in their logs, the writes the audit trail recorded)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bench.scratch import scratch_schema

ROOT = Path(__file__).resolve().parents[2]


def prepare_database(url: str | None, workdir: Path) -> tuple[str, Callable[[], None]]:
    """A demo database: a temp SQLite file, the SQLite file given (filled if empty), or a
    fresh schema in the PostgreSQL database given. Returns the URL and a clean-up."""
    from dashboard.cli import main as cli

    def nothing() -> None:
        return None

    if url is None:
        url = f"sqlite:///{workdir / 'load.sqlite3'}"
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        if not path.exists() or path.stat().st_size == 0:
            assert cli(["--database-url", url, "demo"]) == 0
        return url, nothing
    scoped, drop = scratch_schema(url, "load")
    try:
        assert cli(["--database-url", scoped, "demo"]) == 0
    except BaseException:
        drop()
        raise
    return scoped, drop


def recorded_writes(url: str) -> int:
    """Language changes the audit trail recorded (each one is a write of the user row)."""
    from sqlalchemy import func, select

    from dashboard.db import make_engine
    from dashboard.models import AuditEvent

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.scalar(
                    select(func.count())
                    .select_from(AuditEvent)
                    .where(AuditEvent.action == "set_language", AuditEvent.outcome == "ok")
                )
            )
    finally:
        engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    url: str,
    port: int,
    workdir: Path,
    extra: list[str],
    extra_env: dict | None = None,
    log_name: str = "server.log",
) -> subprocess.Popen:
    env = {
        **os.environ,
        **(extra_env or {}),
        "DATABASE_URL": url,
        "DASHBOARD_DEMO": "1",
        "DASHBOARD_ARCHIVE_DIR": str(workdir / "archive"),
    }
    env.pop("DASHBOARD_I18N_STRICT", None)
    env.pop("PYTHONPATH", None)  # started as README and docs/DEPLOY.md start it, without one
    log = open(workdir / log_name, "w")  # noqa: SIM115  (closed by stop_server)
    cmd = [str(Path(sys.executable).with_name("streamlit")), "run", "dashboard/server.py"]
    cmd += ["--server.port", str(port), "--server.address", "127.0.0.1", *extra]
    proc = subprocess.Popen(  # noqa: S603  (the streamlit beside our own interpreter)
        cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    proc.log = log  # type: ignore[attr-defined]
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.5)
    stop_server(proc)
    raise RuntimeError("the server did not start: " + (workdir / log_name).read_text()[-2000:])


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    proc.log.close()  # type: ignore[attr-defined]


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the servers together."""
    return round(sum(_rss_mb(pid) for pid in pids), 1)


def cpu_seconds(pids: list[int]) -> float:
    return sum(_cpu_seconds(pid) for pid in pids)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def log_problems(path: Path) -> dict[str, int]:
    text = path.read_text(errors="replace")
    return {
        "database_is_locked": text.lower().count("database is locked"),
        "tracebacks": text.count("Traceback (most recent call last)"),
    }
