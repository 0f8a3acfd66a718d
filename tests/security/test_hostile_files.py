"""Attack cases with report files: cost bounded by size (raw lengths checked before
normalisation, long shared strings refused, a rerun not validated again), a long cell named
as such, mixed encodings refused, hidden inbox files reported."""

from __future__ import annotations

import pytest

from bench.hostile_uploads import xlsx_with_shared_strings
from pipelines import cell_rules, ingest
from pipelines.check_cache import CHECKS
from pipelines.safe_read import MAX_CELL_CHARS, UnsafeFileError, read_csv_bytes, read_table
from tests import builders as b

HEADER = "pilot_code,pilot_name,pilot_type,province_code,uscc,industry,stage,stage_date\n"


def _csv(code: str) -> bytes:
    return (HEADER + f"{code},名称,park,330000,,steel,applied,2024-07-01\n").encode()


def test_long_codes_are_refused_before_normalisation(session, engine, monkeypatch):
    actor = b.user(session, "zj", "coordinator", province="330000")
    seen = []
    real = cell_rules.to_halfwidth
    monkeypatch.setattr(cell_rules, "to_halfwidth", lambda s: seen.append(len(s)) or real(s))
    result = ingest.check_bytes(
        engine, data=_csv("Ｐ" * 5000), filename="r.csv", actor=actor, kind="pilot_status"
    )
    assert [e["code"] for e in result.errors] == ["text_too_long"]
    assert max(seen, default=0) <= cell_rules.RAW_MAX_OTHER
    assert len(result.errors[0]["value"]) <= 80


def test_a_rerun_does_not_validate_the_same_file_again(session, engine, monkeypatch):
    CHECKS.clear()
    actor = b.user(session, "zj", "coordinator", province="330000")
    calls = []
    real = ingest._check
    monkeypatch.setattr(ingest, "_check", lambda *a: calls.append(1) or real(*a))
    data = _csv("P-1")
    first = ingest.check_bytes(engine, data=data, filename="r.csv", actor=actor)
    again = ingest.check_bytes(engine, data=data, filename="r.csv", actor=actor)
    assert len(calls) == 1 and again.errors == first.errors and again.status == first.status
    other = b.user(session, "zj2", "coordinator", province="330000")
    ingest.check_bytes(engine, data=data, filename="r.csv", actor=other)  # another user
    assert len(calls) == 2


def _xlsx_with_shared_string(text: str, cells: int) -> bytes:
    rows = [HEADER.strip().split(",")]
    row = ["park", "330000", "", "steel", "applied", "2024-07-01"]
    rows += [[0, f"n{i}", *row] for i in range(cells)]
    return xlsx_with_shared_strings([text], rows)


def test_a_shared_string_longer_than_a_cell_holds_is_refused():
    data = _xlsx_with_shared_string("x" * (MAX_CELL_CHARS + 1), 3)
    with pytest.raises(UnsafeFileError) as refused:
        read_table(data, "r.xlsx")
    assert (refused.value.code, refused.value.detail["row"]) == ("cell_too_long", 2)


def test_long_shared_strings_are_not_copied_per_cell():
    text = " " + "x" * 20_000 + " "  # strip would copy it for every cell
    table = read_table(_xlsx_with_shared_string(text, 50), "r.xlsx")
    assert len({id(row[0]) for row in table.rows}) == 1


def test_a_five_megabyte_cell_is_named_as_such_not_as_a_bad_csv():
    data = _csv("y" * 5_000_000)
    with pytest.raises(UnsafeFileError) as refused:
        read_csv_bytes(data, max_bytes=10_000_000)
    assert refused.value.code == "cell_too_long"
    assert refused.value.detail["row"] == 2


def test_a_long_cell_is_reported_on_the_upload_page(session, engine):
    actor = b.user(session, "zj", "coordinator", province="330000")
    result = ingest.check_bytes(engine, data=_csv("y" * 200_000), filename="r.csv", actor=actor)
    assert [(e["code"], e["row"]) for e in result.errors] == [("cell_too_long", 2)]
    assert "32767" in result.errors[0]["message_en"]


def test_mixed_encodings_are_refused_naming_the_first_mixed_line():
    lines = ["pilot_code,pilot_name", "P-1,浙江试点", "P-2,山东试点", "P-3,江苏试点"]
    encodings = ["ascii", "gb18030", "gb18030", "utf-8"]
    data = b"\n".join(line.encode(enc) for line, enc in zip(lines, encodings, strict=True))
    with pytest.raises(UnsafeFileError) as refused:
        read_csv_bytes(data)
    assert refused.value.code == "mixed_encoding"
    assert refused.value.detail["line"] == 4
    assert read_csv_bytes("\n".join(lines).encode("gb18030")).encoding == "gb18030"


def test_hidden_inbox_files_are_reported(tmp_path, capsys, db_url):
    from dashboard.cli import main as dashboard_cli
    from pipelines.__main__ import main

    assert dashboard_cli(["--database-url", db_url, "init-db"]) == 0
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / ".report.csv").write_bytes(_csv("P-1"))
    code = main(
        [
            "refresh",
            "--inbox",
            str(tmp_path / "inbox"),
            "--database-url",
            db_url,
            "--archive-dir",
            str(tmp_path / "archive"),
            "--lang",
            "en",
        ]
    )
    assert code == 0
    assert ".report.csv" in capsys.readouterr().err
