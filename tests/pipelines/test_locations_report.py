"""Reports with locations: the golden file of located pilots normalized exactly as written by
hand and applied; a point in another province is a warning naming it, shown to the submitter
and kept for the reviewer; a point outside China is an error; a 100,000-row report stays fast."""

from __future__ import annotations

import time

from sqlmodel import select

from dashboard.models import Pilot, Submission
from dashboard.permissions import allowed_provinces
from dashboard.submissions import json_rows
from pipelines.safe_read import read_table
from pipelines.validate import load_context, validate_table
from tests.pipelines.conftest import GOLDEN, load_json
from tests.pipelines.corpus_locations import LOCATED, located
from tests.pipelines.make_corpus import csv_bytes


def _validate(session, data: bytes, name: str, actor):
    table = read_table(data, name)
    ctx = load_context(session, scope=allowed_provinces(session, actor, "submit_report"))
    return validate_table(table, kind=None, ctx=ctx, session=session)


def test_golden_located_pilots_normalize_as_expected(session, actors):
    expected = load_json(GOLDEN / "pilot_locations.expected.json")
    data = (GOLDEN / "pilot_locations.csv").read_bytes()
    result = _validate(session, data, "pilot_locations.csv", actors["admin"])
    assert result.errors == [] and result.warnings == []
    assert result.kind == expected["kind"]
    assert json_rows(result.rows) == expected["rows"]


def test_golden_located_pilots_applied_as_reported(session, ingest, actors):
    data = (GOLDEN / "pilot_locations.csv").read_bytes()
    result = ingest(data, "pilot_locations.csv", actors["admin"], accept=True)
    assert result.status == "accepted", result.errors
    session.expire_all()
    by_code = {p.code: p for p in session.exec(select(Pilot)).all()}
    ningbo = by_code["ZJ-L-002"]
    assert (ningbo.longitude, ningbo.latitude, ningbo.location_datum) == (121.544, 29.8683, "gcj02")
    assert by_code["GD-L-001"].longitude is None and by_code["GD-L-001"].location_datum is None


def test_a_hangzhou_point_declared_jiangsu_is_a_warning_naming_zhejiang(session, ingest, actors):
    data = csv_bytes(
        LOCATED, [located(province_code="江苏", longitude="120.1551", latitude="30.2741")]
    )
    result = ingest(data, "jiangsu.csv", actors["admin"])
    assert result.errors == []
    (warning,) = result.warnings
    assert (warning["row"], warning["column"], warning["code"]) == (
        2,
        "longitude",
        "location_other_province",
    )
    assert "浙江省（330000）" in warning["message_zh"] and "江苏省" in warning["message_zh"]
    assert "Zhejiang (330000)" in warning["message_en"] and "Jiangsu" in warning["message_en"]
    # staged with its warning: the reviewer reads it with the submission
    assert result.status == "staged"
    session.expire_all()
    stored = session.get(Submission, result.submission_id)
    assert [w["code"] for w in stored.warnings] == ["location_other_province"]


def test_a_point_outside_china_is_an_error_and_nothing_is_written(session, ingest, actors):
    data = csv_bytes(LOCATED, [located(longitude="139.6917", latitude="35.6895")])
    result = ingest(data, "tokyo.csv", actors["admin"], accept=True)
    assert result.status == "rejected"
    (error,) = result.errors
    assert (error["row"], error["column"], error["code"]) == (
        2,
        "longitude",
        "location_outside_china",
    )
    assert "中国境外" in error["message_zh"] and "outside China" in error["message_en"]
    session.expire_all()
    assert session.exec(select(Pilot)).all() == []


def test_one_coordinate_alone_and_out_of_range_name_row_and_column(session, actors):
    rows = [
        located(pilot_code="A-1", latitude="30.2741"),
        located(pilot_code="A-2", longitude="200", latitude="30.2741"),
    ]
    result = _validate(session, csv_bytes(LOCATED, rows), "pair.csv", actors["admin"])
    marks = [(e["row"], e["column"], e["code"]) for e in result.errors]
    assert marks == [(2, "longitude", "location_pair"), (3, "longitude", "coordinate_range")]
    assert result.errors[0]["message_zh"].startswith("第 2 行")
    assert "-180" in result.errors[1]["message_en"]


def test_a_100000_row_located_report_validates_fast(session, actors):
    rows = [
        located(
            pilot_code=f"ZJ-{i:06d}",
            longitude=f"{120.0 + (i % 1000) / 2000:.4f}",
            latitude=f"{29.5 + (i // 1000) / 200:.4f}",
        )
        for i in range(100_000)
    ]
    data = csv_bytes(LOCATED, rows)
    table = read_table(data, "big.csv", max_rows=100_001)
    ctx = load_context(session, scope=None)
    validate_table(table, kind="pilot_status", ctx=ctx)  # warm: boundaries loaded once
    start = time.perf_counter()
    result = validate_table(table, kind="pilot_status", ctx=ctx)
    elapsed = time.perf_counter() - start
    assert result.errors == [] and len(result.rows) == 100_000
    assert elapsed < 20, elapsed


def test_a_located_pilots_prefilled_template_uploaded_unchanged_changes_nothing(
    session, engine, actors, ingest
):
    from datetime import date

    from dashboard.submissions import preview
    from pipelines.ingest import check_bytes
    from pipelines.prefill import prefill_rows
    from pipelines.templates import xlsx_template
    from tests import builders as b

    pilot = b.pilot(session, [("approved", date(2024, 9, 1))])
    actor = actors["coordinator:330000"]
    # a Hangzhou point written in GCJ-02
    pilot.longitude, pilot.latitude, pilot.location_datum = 120.16, 30.27, "gcj02"
    session.add(pilot)
    session.commit()
    rows = prefill_rows(session, actor=actor, kind="pilot_status")
    assert (rows[0]["longitude"], rows[0]["latitude"], rows[0]["datum"]) == (120.16, 30.27, "gcj02")
    data = xlsx_template("pilot_status", rows)
    checked = check_bytes(engine, data=data, filename="p.xlsx", actor=actor)
    assert (checked.status, checked.errors, checked.warnings) == ("valid", [], [])
    staged = ingest(data, "p.xlsx", actor)
    change = preview(session, actor=actors["ministry"], submission_id=staged.submission_id)
    assert change.counts["pilot"] == {"new": 0, "updated": 0, "unchanged": 1}
