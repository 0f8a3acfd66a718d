"""Golden files: one good file per report kind, normalized exactly as expected, and applied."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, func, select

from dashboard import models
from dashboard.permissions import allowed_provinces
from dashboard.submissions import json_rows
from pipelines.safe_read import read_table
from pipelines.validate import load_context, validate_table
from tests.pipelines.conftest import GOLDEN, load_json

FILES = [
    "pilot_status.csv",
    "measurement_review.xlsx",
    "measurement_review_provinces.csv",
    "standard.csv",
    "task_progress.xlsx",
]


def _validate(session: Session, name: str, actor):
    table = read_table((GOLDEN / name).read_bytes(), name)
    ctx = load_context(session, scope=allowed_provinces(session, actor, "submit_report"))
    return table, validate_table(table, kind=None, ctx=ctx, session=session)


@pytest.mark.parametrize("name", FILES)
def test_golden_file_normalizes_as_expected(session, actors, name):
    expected = load_json(GOLDEN / (name.rsplit(".", 1)[0] + ".expected.json"))
    _table, result = _validate(session, name, actors["admin"])
    assert result.errors == []
    assert result.kind == expected["kind"]
    assert json_rows(result.rows) == expected["rows"]


def test_gb18030_csv_is_read_as_gb18030(session, actors):
    table, _result = _validate(session, "pilot_status.csv", actors["admin"])
    assert table.encoding == "gb18030"


def _count(session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_golden_pilots_applied(session, ingest, actors):
    result = ingest(
        (GOLDEN / "pilot_status.csv").read_bytes(), "pilot_status.csv", actors["admin"], accept=True
    )
    assert result.status == "accepted", result.errors
    assert result.counts["records_new"] == 3 and result.counts["history_new"] == 4
    session.expire_all()
    assert _count(session, models.Pilot) == 3 and _count(session, models.PilotStage) == 4
    park = session.exec(select(models.Pilot).where(models.Pilot.code == "ZJ-P-001")).one()
    assert (park.current_stage, park.current_stage_date.isoformat()) == (
        "recommended",
        "2024-05-06",
    )
    assert park.standards_adopted == 2 and park.submission_id == result.submission_id
    assert park.note == "首批申报"  # a blank note keeps the earlier one


def test_golden_reviews_applied(session, ingest, actors):
    name = "measurement_review.xlsx"
    result = ingest((GOLDEN / name).read_bytes(), name, actors["admin"], accept=True)
    assert result.status == "accepted", result.errors
    session.expire_all()
    assert (
        _count(session, models.MeasurementReview) == 3
        and _count(session, models.ReviewStatusEntry) == 3
    )
    review = session.exec(
        select(models.MeasurementReview).where(models.MeasurementReview.province_code == "330000")
    ).one()
    assert (review.status, review.instruments_total, review.instruments_calibrated) == (
        "rectification",
        80,
        60,
    )


def test_golden_standards_applied(session, ingest, actors):
    result = ingest(
        (GOLDEN / "standard.csv").read_bytes(), "standard.csv", actors["admin"], accept=True
    )
    assert result.status == "accepted", result.errors
    session.expire_all()
    numbers = set(session.exec(select(models.Deliverable.number)).all())
    assert numbers == {
        "GB/T 24067-2024",
        "JJF 1207-2008",
        "GBW(E) 130113",
        "DB33/T 123-2024",
        "T/CNCA 116.1-2025",
        "JJG 1156-2018",
        "GB/T 32150-2015",
        "HJ 1357-2024",
        "HJ/T 353-2007",
        "NB/T 10001-2016",
        "GBW 08101a",
    }
    kinds = dict(session.exec(select(models.Deliverable.number, models.Deliverable.kind)).all())
    assert (kinds["JJG 1156-2018"], kinds["JJF 1207-2008"]) == (
        "verification_regulation",
        "measurement_spec",
    )
    assert {n for n, k in kinds.items() if k == "industry_standard"} == {
        "HJ 1357-2024",
        "HJ/T 353-2007",
        "NB/T 10001-2016",
    }
    adopted = dict(
        session.exec(select(models.Deliverable.number, models.Deliverable.adopted_standard)).all()
    )
    assert adopted.pop("GB/T 24067-2024") == "ISO 14067:2018"
    assert set(adopted.values()) == {None}
    local = session.exec(
        select(models.Deliverable).where(models.Deliverable.number == "DB33/T 123-2024")
    ).one()
    assert local.province_code == "330000"  # written 浙江
    # the standards registry shows the adopted standard beside the number
    from dashboard.services.registries import StandardFilter, standards_frame

    shown = standards_frame(
        session, actor=actors["admin"], f=StandardFilter((), (), (), None, "24067")
    )
    assert shown[["number", "adopted_standard"]].values.tolist() == [
        ["GB/T 24067-2024", "ISO 14067:2018"]
    ]
    industry = standards_frame(
        session, actor=actors["admin"], f=StandardFilter(("industry_standard",), (), (), None, "")
    )
    assert sorted(industry["number"]) == ["HJ 1357-2024", "HJ/T 353-2007", "NB/T 10001-2016"]
    withdrawn = session.exec(
        select(models.Deliverable).where(models.Deliverable.number == "GB/T 32150-2015")
    ).one()
    assert (withdrawn.status, withdrawn.withdrawn_on) == ("withdrawn", date(2025, 5, 1))


def test_golden_provinces_as_written_are_applied(session, ingest, actors):
    name = "measurement_review_provinces.csv"
    result = ingest((GOLDEN / name).read_bytes(), name, actors["admin"], accept=True)
    assert result.status == "accepted", result.errors
    session.expire_all()
    by_uscc = dict(
        session.exec(
            select(models.MeasurementReview.uscc, models.MeasurementReview.province_code)
        ).all()
    )
    assert by_uscc["91660100MA7XY001K7"] == by_uscc["91660000MA7XY001K2"] == "XPCC"
    assert by_uscc["91100000MA7XY001KP"] == "110000"  # written "11", registered nationally
    assert sorted(set(by_uscc.values())) == [
        "110000",
        "150000",
        "330000",
        "450000",
        "540000",
        "640000",
        "650000",
        "810000",
        "820000",
        "XPCC",
    ]


def test_golden_task_updates_move_tasks(session, ingest, actors):
    name = "task_progress.xlsx"
    result = ingest((GOLDEN / name).read_bytes(), name, actors["admin"], accept=True)
    assert result.status == "accepted", result.errors
    session.expire_all()
    assert _count(session, models.TaskUpdate) == 3
    task = session.get(models.PolicyTask, "AP-KT-02")
    assert (task.status, task.progress_pct, task.last_update_on.isoformat()) == (
        "completed",
        100,
        "2024-12-20",
    )


@pytest.mark.parametrize("name", FILES)
def test_golden_staged_then_reapplied_is_idempotent(session, ingest, actors, name):
    """A staged submission stores its rows; applying them twice leaves the database as once."""
    from dashboard.submissions import apply_rows

    result = ingest((GOLDEN / name).read_bytes(), name, actors["admin"])
    assert result.status == "staged"
    sub = session.get(models.Submission, result.submission_id)
    first = apply_rows(
        session, kind=sub.kind, rows=sub.payload, submission_id=sub.id, actor_name="t"
    )
    session.commit()
    snapshot = _snapshot(session)
    second = apply_rows(
        session, kind=sub.kind, rows=sub.payload, submission_id=sub.id, actor_name="t"
    )
    session.commit()
    assert first["records_new"] + first["history_new"] > 0
    assert second["records_new"] == second["records_updated"] == second["history_new"] == 0
    assert _snapshot(session) == snapshot


def _snapshot(session) -> dict:
    session.expire_all()
    tables = (
        models.Pilot,
        models.PilotStage,
        models.MeasurementReview,
        models.ReviewStatusEntry,
        models.Deliverable,
        models.TaskUpdate,
    )
    out = {m.__name__: _count(session, m) for m in tables}
    out["pilot_versions"] = sorted(
        session.exec(select(models.Pilot.code, models.Pilot.version)).all()
    )
    out["task_versions"] = sorted(
        session.exec(select(models.PolicyTask.code, models.PolicyTask.version)).all()
    )
    return out
