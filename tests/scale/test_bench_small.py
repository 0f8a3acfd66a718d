"""The national-scale benchmark runs end to end on a small generated database and reports a
time for every page, service and raw query set."""

import json
import os
import subprocess
import sys
from pathlib import Path

from bench.scale.generate import Size, generate
from dashboard.cli import init_database
from dashboard.db import make_engine

ROOT = Path(__file__).resolve().parents[2]


def test_bench_reports_every_page(tmp_path):
    url = f"sqlite:///{tmp_path / 'scale.sqlite3'}"
    engine = make_engine(url)
    init_database(engine)
    generate(engine, Size(pilots=60, reviews=60, standards=80, history=1_500), say=lambda _: None)
    engine.dispose()
    out = tmp_path / "bench.json"
    cmd = [sys.executable, "-m", "bench.scale.bench", "--database-url", url, "--runs", "1"]
    cmd += ["--skip-ingest", "--skip-pack", "--json", str(out), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DASHBOARD_I18N_STRICT", None)
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "overview warm" in done.stdout and "pages within 3x" in done.stdout
    figures = json.loads(out.read_text())
    pages = {p["name"]: p for p in figures["pages"]}
    for name in ("overview", "map", "registry (filtered)", "drill-down page"):
        assert pages[name]["cold_ms"] > 0 and pages[name]["warm_ms"] > 0, name
        assert pages[name]["after_write_ms"] > 0 and pages[name]["raw_ms"] > 0, name
    assert {s["name"] for s in figures["services"]} >= {"overview", "drill-down", "burn-up"}
    assert figures["history_rows"] > 1_000
