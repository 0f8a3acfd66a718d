"""python -m pipelines: templates, refresh (JSON, exit codes, inbox handling), benchmark."""

from __future__ import annotations

import json
import shutil

import pytest
from openpyxl import load_workbook

from pipelines.__main__ import main
from pipelines.safe_read import read_table
from pipelines.schemas import REPORT_KINDS, detect_kind
from tests.pipelines.conftest import BAD, GOLDEN


def test_templates_for_every_kind(tmp_path, capsys):
    assert main(["templates", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(f"{k}.{ext}" for k in REPORT_KINDS for ext in ("csv", "xlsx"))
    for kind in REPORT_KINDS:
        for ext in ("csv", "xlsx"):
            table = read_table((tmp_path / f"{kind}.{ext}").read_bytes(), f"{kind}.{ext}")
            assert detect_kind(table.header) == kind and table.rows == []
    wb = load_workbook(tmp_path / "pilot_status.xlsx")
    assert wb.sheetnames == ["数据 data", "填写说明 instructions", "可选值 lists"]
    data = wb["数据 data"]
    assert data["A1"].value == "*试点编号 (pilot_code)" and data["A1"].comment is not None
    rules = {str(r.sqref).split(":")[0]: r.formula1 for r in data.data_validations.dataValidation}
    # type, province, industry, stage, the location's datum
    assert set(rules) == {"C2", "D2", "F2", "G2", "L2"}
    lists = wb["可选值 lists"]
    stage_column = rules["G2"].split("!")[1].split(":")[0].replace("$", "")[0]
    assert lists[f"{stage_column}2"].value == "已申报"
    text = " ".join(
        str(c.value) for row in wb["填写说明 instructions"].iter_rows() for c in row if c.value
    )
    assert "pilot_code" in text and "330000" in text and "必填" in text
    # the datum the coordinates are written in, and the default, are stated
    assert all(d in text for d in ("WGS-84", "GCJ-02", "BD-09", "不填按 WGS-84"))
    assert "blank means WGS-84" in text


def _inbox(tmp_path, *files):
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    for path in files:
        shutil.copy(path, inbox / path.name)
    (inbox / "~$lock.xlsx").write_bytes(b"x")  # Excel's lock file is skipped
    return inbox


def _refresh(tmp_path, db_url, *extra, as_json=True):
    """The refresh command on the inbox under tmp_path, archiving into its store."""
    inbox, store = str(tmp_path / "inbox"), str(tmp_path / "store")
    words = ["refresh", "--inbox", inbox, "--database-url", db_url, "--archive-dir", store]
    return main([*words, *(["--json"] if as_json else []), *extra])


def test_refresh_reports_json_and_exit_codes(engine, db_url, tmp_path, capsys):
    _inbox(tmp_path, GOLDEN / "pilot_status.csv", GOLDEN / "standard.csv", BAD / "date_invalid.csv")
    assert _refresh(tmp_path, db_url) == 1  # a file was rejected
    files = {f["file"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert {n: f["status"] for n, f in files.items()} == {
        "date_invalid.csv": "rejected",
        "pilot_status.csv": "staged",
        "standard.csv": "staged",
    }
    bad = files["date_invalid.csv"]
    assert bad["kind"] == "pilot_status" and bad["rows"] == 1 and len(bad["sha256"]) == 64
    (error,) = bad["errors"]
    assert {"row": 2, "column": "stage_date", "value": "2024-02-30"}.items() <= error.items()
    assert error["message"] == error["message_zh"] and error["message_en"]
    assert [p.name for p in (tmp_path / "inbox").iterdir()] == ["~$lock.xlsx"]
    assert len(list((tmp_path / "store" / "archive").iterdir())) == 3

    _inbox(tmp_path, GOLDEN / "pilot_status.csv", GOLDEN / "task_progress.xlsx")
    assert _refresh(tmp_path, db_url, "--accept", "--lang", "en") == 0
    files = {f["file"]: f for f in json.loads(capsys.readouterr().out)["files"]}
    assert files["pilot_status.csv"]["status"] == "duplicate"
    assert files["task_progress.xlsx"]["status"] == "accepted"


def test_refresh_usage_and_system_errors_exit_2(engine, db_url, tmp_path, capsys):
    assert _refresh(tmp_path, db_url) == 2  # no inbox directory
    assert "not a directory" in capsys.readouterr().err
    _inbox(tmp_path)
    empty = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    assert _refresh(tmp_path, empty) == 2
    assert "init-db" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["refresh"])
    assert caught.value.code == 2


def test_refresh_text_output(engine, db_url, tmp_path, capsys):
    _inbox(tmp_path, BAD / "many_errors.xlsx")
    code = _refresh(tmp_path, db_url, "--lang", "en", as_json=False)
    out = capsys.readouterr().out
    assert code == 1 and out.startswith("rejected") and "Row 2, column province_code" in out


@pytest.mark.slow
def test_benchmark_command_runs(capsys):
    assert main(["benchmark", "--rows", "2000", "--xlsx-rows", "500", "--json"]) == 0
    results = json.loads(capsys.readouterr().out)
    assert [(r["case"], r["status"], r["rows"]) for r in results] == [
        ("csv", "accepted", 2000),
        ("xlsx", "accepted", 500),
    ]
