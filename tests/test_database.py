"""The schema built by Alembic, the settings, and the command line."""

import json
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from dashboard.cli import main
from dashboard.db import make_engine
from dashboard.migrate import current_revision, head_revision, upgrade_to_head
from dashboard.settings import SettingsError, load_settings


def test_upgrade_empty_database_to_head_matches_models(db_url):
    engine = make_engine(db_url)
    upgrade_to_head(engine)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert set(SQLModel.metadata.tables) <= tables
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    upgrade_to_head(engine)  # a second upgrade is a no-op
    engine.dispose()


def test_sqlite_pragmas(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000


def test_cli_demo_and_progress_json(db_url, capsys):
    assert main(["--database-url", db_url, "demo"]) == 0
    capsys.readouterr()
    args = ["progress", "--as-of", "2025-06-30", "--json", "--programme", "AP2024"]
    assert main(["--database-url", db_url, *args]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["as_of"] == "2025-06-30"
    targets = {t["code"]: t for t in out["targets"]}
    assert set(targets) == {"T1", "T2", "T3", "T4", "T5", "T6"}
    assert targets["T1"]["quantity"] == 70 and targets["T3"]["threshold"] == 201
    for t in targets.values():
        assert t["status"] in {"achieved", "on_track", "at_risk", "off_track", "missed"}
        assert t["name_zh"] and t["name_en"]
    # by province: the provinces and the records without one add up to the figure
    assert main(["--database-url", db_url, *args, "--by", "province"]) == 0
    for t in json.loads(capsys.readouterr().out)["targets"]:
        assert sum(t["by_province"].values()) == t["actual"], t["code"]
    # every programme by default
    assert main(["--database-url", db_url, "progress", "--json"]) == 0
    codes = {t["code"] for t in json.loads(capsys.readouterr().out)["targets"]}
    assert {"T1", "PCFG-100", "PCF23-200"} <= codes
    # demo data fills only an empty database
    assert main(["--database-url", db_url, "demo"]) == 0
    assert "left as it was" in capsys.readouterr().out


def test_demo_is_deterministic(tmp_path, capsys):
    outs = []
    for name in ("a", "b"):
        url = f"sqlite:///{tmp_path / name}.sqlite3"
        main(["--database-url", url, "demo"])
        capsys.readouterr()
        main(["--database-url", url, "progress", "--as-of", "2025-09-30", "--json"])
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1]


def test_module_entry_point(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "--database-url", url, "init-db"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "provinces 35" in done.stdout


def test_settings_refuse_short_secret_outside_demo(tmp_path):
    missing = tmp_path / "none.toml"
    with pytest.raises(SettingsError):
        load_settings({"DASHBOARD_SECRET_KEY": "short"}, missing)
    with pytest.raises(SettingsError):
        load_settings({}, missing)
    demo = load_settings({"DASHBOARD_DEMO": "1"}, missing)
    assert demo.demo_mode and len(demo.secret_key) >= 32
    ok = load_settings(
        {"DASHBOARD_SECRET_KEY": "x" * 32, "DATABASE_URL": "postgresql://h/db"}, missing
    )
    assert ok.database_url == "postgresql+psycopg://h/db" and not ok.demo_mode


def test_settings_from_secrets_file(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('secret_key = "' + "k" * 40 + '"\ndatabase_url = "sqlite:///x.db"\n')
    s = load_settings({}, secrets)
    assert s.secret_key == "k" * 40 and s.database_url == "sqlite:///x.db"
