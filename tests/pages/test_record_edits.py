"""The record pages' edit forms, used through their widgets (select a row, fill, save) by the
role that has the grant: the ministry updates a task, a coordinator moves their own pilot on
and updates their own measurement review; each save is checked in the database and the audit
trail. Each test works on a private copy of the demo database (`writable_demo`)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import local_today, t
from dashboard.models import MeasurementReview, Pilot, PilotStage, PolicyTask, TaskUpdate
from tests.pages.conftest import audit_events
from tests.pages.widgets import _ok, frame, open_page, press_save, select_row


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ministry_updates_a_task(writable_demo, lang):
    at = open_page(writable_demo, "ministry", "../pages/tasks.py", lang)
    table = frame(at, "task_table")
    code = table[t("col.code", lang)].iloc[0]
    select_row(at, "task_table", 0)
    _ok(at)
    form = f"task_form_{code}"
    status_box = next(s for s in at.selectbox if s.label == t("col.status", lang))
    status_box.set_value("completed")
    next(n for n in at.number_input if n.label == t("col.progress", lang)).set_value(100)
    evidence = next(x for x in at.text_input if x.label == t("col.evidence", lang))
    evidence.input("Notice 2026-11 <b>published</b>")
    next(x for x in at.text_input if x.label == t("col.note", lang)).input("checked")
    press_save(at, form, lang)
    assert any(s.value == t("form.saved", lang) for s in at.success)

    with Session(shared_engine(writable_demo)) as s:
        task = s.get(PolicyTask, code)
        latest = s.exec(
            select(TaskUpdate).where(TaskUpdate.task_code == code).order_by(TaskUpdate.id.desc())
        ).first()
    assert (task.status, task.progress_pct, task.last_update_on) == (
        "completed",
        100,
        local_today(),
    )
    assert latest.evidence == "Notice 2026-11 <b>published</b>"
    assert (latest.note, latest.recorded_by) == ("checked", "ministry")
    event = audit_events(writable_demo, "task_update", entity_id=code)[-1]
    assert event.actor == "ministry" and event.outcome == "ok"
    assert event.detail["after"]["status"] == "completed"
    assert event.detail["after"]["progress_pct"] == 100


def _row_where(frame, column: str, value) -> int:
    matches = [i for i, v in enumerate(frame[column]) if v == value]
    assert matches, (column, value, sorted(set(frame[column]))[:10])
    return matches[0]


def test_coordinator_moves_own_pilot_on(writable_demo):
    at = open_page(writable_demo, "zhejiang", "../pages/pilots.py")
    table = frame(at, "pilot_table")
    assert set(table[t("col.province", "zh")]) == {"浙江省"}
    row = _row_where(table, t("col.stage", "zh"), t("stage.under_construction", "zh"))
    code = table[t("col.code", "zh")].iloc[row]
    select_row(at, "pilot_table", row)
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        pilot = s.exec(select(Pilot).where(Pilot.code == code)).one()
        pid = pilot.id
    assert pilot.province_code == "330000"
    next(b for b in at.selectbox if b.label == t("col.stage", "zh")).set_value("midterm_evaluation")
    next(x for x in at.text_input if x.label == t("col.note", "zh")).input("中期评估报告 [链接](x)")
    press_save(at, f"pilot_form_{pid}")
    with Session(shared_engine(writable_demo)) as s:
        pilot = s.get(Pilot, pid)
        entry = s.exec(
            select(PilotStage).where(PilotStage.pilot_id == pid).order_by(PilotStage.id.desc())
        ).first()
    assert (pilot.current_stage, pilot.current_stage_date) == ("midterm_evaluation", local_today())
    assert (entry.stage, entry.recorded_by, entry.note) == (
        "midterm_evaluation",
        "zhejiang",
        "中期评估报告 [链接](x)",
    )
    event = audit_events(writable_demo, "pilot_stage", entity_id=str(pid))[-1]
    assert event.actor == "zhejiang" and event.outcome == "ok"


def test_coordinator_updates_own_measurement_review(writable_demo):
    at = open_page(writable_demo, "zhejiang", "../pages/measurement_reviews.py")
    table = frame(at, "review_table")
    row = _row_where(table, t("col.status", "zh"), t("review_status.planned", "zh"))
    uscc = table[t("col.uscc", "zh")].iloc[row]
    select_row(at, "review_table", row)
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        rid = s.exec(select(MeasurementReview).where(MeasurementReview.uscc == uscc)).one().id
    next(b for b in at.selectbox if b.label == t("col.status", "zh")).set_value("in_review")
    next(n for n in at.number_input if n.label == t("col.instruments_total", "zh")).set_value(40)
    label = t("col.instruments_calibrated", "zh")
    next(n for n in at.number_input if n.label == label).set_value(31)
    press_save(at, f"review_form_{rid}")
    with Session(shared_engine(writable_demo)) as s:
        review = s.get(MeasurementReview, rid)
    assert (review.status, review.status_date) == ("in_review", local_today())
    assert (review.instruments_total, review.instruments_calibrated) == (40, 31)
    event = audit_events(writable_demo, "review_update", entity_id=str(rid))[-1]
    assert event.actor == "zhejiang" and event.outcome == "ok"
