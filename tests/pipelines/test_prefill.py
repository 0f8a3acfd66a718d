"""A coordinator's template comes pre-filled with their province's pilots and reviews; the
blank template stays blank; a pre-filled file uploaded unchanged changes nothing, and one
edited row becomes one stage move."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from dashboard.i18n import enum_label
from dashboard.submissions import preview
from pipelines.ingest import check_bytes
from pipelines.prefill import prefill_rows
from pipelines.templates import DATA_SHEET, csv_template, xlsx_template
from tests import builders as b

ZJ = "coordinator:330000"


@pytest.fixture
def records(session):
    own = b.pilot(session, [("applied", date(2024, 3, 1)), ("approved", date(2024, 9, 1))])
    other = b.pilot(session, [("approved", date(2024, 9, 1))], province="370000")
    review = b.review(session, [("planned", date(2024, 5, 1))], province="330000")
    b.review(session, [("planned", date(2024, 5, 1))], province="370000")
    session.commit()
    return {"own": own, "other": other, "review": review}


def _sheet_rows(data: bytes) -> list[tuple]:
    ws = load_workbook(io.BytesIO(data))[DATA_SHEET]
    return [r for r in ws.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]


def test_a_coordinators_template_holds_their_provinces_records(session, actors, records):
    rows = prefill_rows(session, actor=actors[ZJ], kind="pilot_status")
    assert [r["pilot_code"] for r in rows] == [records["own"].code]
    (line,) = _sheet_rows(xlsx_template("pilot_status", rows))
    own = records["own"]
    assert line[:4] == (own.code, own.name, enum_label("pilot_type", "park", "zh"), "330000")
    assert line[6] == enum_label("stage", "approved", "zh")
    assert line[7].date() == date(2024, 9, 1)
    reviews = prefill_rows(session, actor=actors[ZJ], kind="measurement_review")
    assert [r["uscc"] for r in reviews] == [records["review"].uscc]
    text = csv_template("measurement_review", reviews).decode("utf-8-sig")
    assert records["review"].enterprise_name in text and "2024-05-01" in text


def test_national_actors_and_other_kinds_get_the_blank_template(session, actors, records):
    assert prefill_rows(session, actor=actors["admin"], kind="pilot_status") == []
    assert prefill_rows(session, actor=actors[ZJ], kind="standard") == []
    assert _sheet_rows(xlsx_template("pilot_status")) == []
    assert csv_template("pilot_status").decode("utf-8-sig").count("\n") == 1


def test_the_prefilled_file_unchanged_changes_nothing(session, engine, actors, ingest, records):
    data = xlsx_template(
        "pilot_status", prefill_rows(session, actor=actors[ZJ], kind="pilot_status")
    )
    checked = check_bytes(engine, data=data, filename="p.xlsx", actor=actors[ZJ])
    assert (checked.status, checked.errors) == ("valid", [])
    staged = ingest(data, "p.xlsx", actors[ZJ])
    change = preview(session, actor=actors["ministry"], submission_id=staged.submission_id)
    assert change.move_count == 0 and change.conflicts == []
    assert change.counts["pilot"] == {"new": 0, "updated": 0, "unchanged": 1}


def test_an_edited_row_is_one_stage_move(session, actors, ingest, records):
    data = xlsx_template(
        "pilot_status", prefill_rows(session, actor=actors[ZJ], kind="pilot_status")
    )
    wb = load_workbook(io.BytesIO(data))
    ws = wb[DATA_SHEET]
    ws.cell(row=2, column=7, value=enum_label("stage", "under_construction", "zh"))
    ws.cell(row=2, column=8, value=date(2025, 2, 1))
    out = io.BytesIO()
    wb.save(out)
    staged = ingest(out.getvalue(), "p2.xlsx", actors[ZJ])
    assert staged.status == "staged", staged.errors
    change = preview(session, actor=actors["ministry"], submission_id=staged.submission_id)
    assert change.moves == [
        {
            "key": records["own"].code,
            "from": "approved",
            "to": "under_construction",
            "date": "2025-02-01",
        }
    ]
