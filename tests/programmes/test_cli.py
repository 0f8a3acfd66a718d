"""python -m dashboard programmes list | load | export, as an operator runs them."""

from __future__ import annotations

import copy
import json

from sqlmodel import Session, select

from dashboard.cli import init_database, main
from dashboard.db import make_engine
from dashboard.models import AuditEvent, ProgrammeVersion, Target
from tests import builders as b
from tests.programmes.test_store import NEW


def _setup(db_url):
    engine = make_engine(db_url)
    init_database(engine)
    with Session(engine) as s:
        b.user(s, "root", "admin")
    return engine


def test_load_refuses_then_dry_runs_then_loads_and_exports(db_url, tmp_path, capsys):
    engine = _setup(db_url)
    bad = copy.deepcopy(NEW)
    bad["targets"][0]["quantity"] = -1
    path = tmp_path / "p.json"
    path.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    assert main(["--database-url", db_url, "programmes", "load", str(path)]) == 1
    assert "targets[0].quantity" in capsys.readouterr().err
    path.write_text(json.dumps(NEW, ensure_ascii=False), encoding="utf-8")
    argv = ["--database-url", db_url, "programmes", "load", str(path), "--user", "root"]
    assert main([*argv, "--dry-run"]) == 0
    assert "would load version 1" in capsys.readouterr().out
    with Session(engine) as s:  # the dry run left nothing, not even an audit event
        assert s.get(Target, "PCF-X100") is None
        loads = s.exec(select(AuditEvent).where(AuditEvent.entity_id == "PCF-TEST")).all()
        assert loads == []
    assert main([*argv, "--note", "from the CLI"]) == 0
    assert "loaded version 1" in capsys.readouterr().out
    with Session(engine) as s:
        version = s.exec(
            select(ProgrammeVersion).where(ProgrammeVersion.programme_code == "PCF-TEST")
        ).one()
        assert (version.loaded_by, version.note) == ("root", "from the CLI")
    assert main(["--database-url", db_url, "programmes", "list"]) == 0
    assert "PCF-TEST" in capsys.readouterr().out
    out = tmp_path / "out.json"
    assert (
        main(["--database-url", db_url, "programmes", "export", "PCF-TEST", "--out", str(out)]) == 0
    )
    assert json.loads(out.read_text(encoding="utf-8")) == NEW
    assert main(["--database-url", db_url, "programmes", "export", "NOPE"]) == 2
