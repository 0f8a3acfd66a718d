"""Every write the permission table grants, performed through the widgets (select, fill,
save) by each role that has it, with its effect checked in the database and the audit trail.

Each test works on a private copy of the demo database (`writable_demo`)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import t
from dashboard.models import Pilot, PolicyTask, Submission, TaskUpdate
from dashboard.progress.service import list_targets, progress_for
from tests.pages.conftest import app_as, audit_events, zhejiang_pilot_report


def _ok(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def click(at, label: str, form: str | None = None):
    """Click the button with this label (inside `form` when given) and rerun."""
    found = [b for b in at.button if b.label == label and (form is None or b.proto.form_id == form)]
    assert len(found) == 1, [(b.label, b.proto.form_id) for b in at.button]
    return found[0].click().run()


def select_row(at, key: str, row: int):
    """Select one row of a `st.dataframe(..., on_select="rerun", key=key)` and rerun."""
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ministry_updates_a_task(writable_demo, lang):
    at = app_as(writable_demo, "ministry", lang).run()
    at.switch_page("../pages/tasks.py").run()
    _ok(at)
    table = at.dataframe[0].value
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
    click(at, t("form.save", lang), form)
    _ok(at)
    assert any(s.value == t("form.saved", lang) for s in at.success)

    with Session(shared_engine(writable_demo)) as s:
        task = s.get(PolicyTask, code)
        latest = s.exec(
            select(TaskUpdate).where(TaskUpdate.task_code == code).order_by(TaskUpdate.id.desc())
        ).first()
    assert (task.status, task.progress_pct, task.last_update_on) == (
        "completed",
        100,
        date.today(),
    )
    assert latest.evidence == "Notice 2026-11 <b>published</b>"
    assert (latest.note, latest.recorded_by) == ("checked", "ministry")
    event = audit_events(writable_demo, "task_update", entity_id=code)[-1]
    assert event.actor == "ministry" and event.outcome == "ok"
    assert event.detail["after"]["status"] == "completed"
    assert event.detail["after"]["progress_pct"] == 100


RAW = {"pilot", "pilotstage", "key", "from", "to", "date", "None", "nan", "approved", "recommended"}


def _cells(frame) -> set[str]:
    return {str(c) for c in frame.columns} | {str(v) for v in frame.to_numpy().ravel()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ministry_accepts_knowing_what_it_changes(writable_demo, lang):
    sid, known = zhejiang_pilot_report(writable_demo)
    with Session(shared_engine(writable_demo)) as s:
        target = next(x for x in list_targets(s) if x.metric == "standardization_pilots")
        now = progress_for(s, target, date.today()).actual
    at = app_as(writable_demo, "ministry", lang).run()
    at.switch_page("../pages/review.py").run()
    _ok(at)
    assert at.subheader[0].value == t("impact.title", lang)
    figures, provinces, records = (d.value for d in at.dataframe[:3])
    name = target.name_zh if lang == "zh" else target.name_en
    row = figures[figures[t("impact.col.target", lang)] == name].iloc[0]
    assert (row[t("impact.col.before", lang)], row[t("impact.col.after", lang)]) == (now, now + 2)
    prow = provinces.iloc[0]
    assert prow[t("col.province", lang)] == ("浙江省" if lang == "zh" else "Zhejiang")
    assert (
        prow[t("impact.col.province_after", lang)] - prow[t("impact.col.province_before", lang)]
        == 2
    )
    assert set(records[t("col.name", lang)]) == {known["name"], "测试新园区 *粗体*"}
    assert set(records[t("impact.col.effect", lang)]) == {t("impact.starts", lang)}
    # no table name, raw stage key, blank cell or English header on the screen's tables
    for frame in (d.value for d in at.dataframe[:5]):
        assert not (_cells(frame) & RAW), _cells(frame) & RAW

    click(at, t("review.accept", lang))
    _ok(at)
    assert any(s.value == t("review.accepted", lang) for s in at.success)
    with Session(shared_engine(writable_demo)) as s:
        sub = s.get(Submission, sid)
        assert (sub.status, sub.decided_by) == ("accepted", "ministry")
        assert s.exec(select(Pilot).where(Pilot.code == "ZJ-NEW-01")).one().province_code == (
            "330000"
        )
        # the page's "after" is what the overview counts once accepted
        assert progress_for(s, target, date.today()).actual == now + 2
    (event,) = audit_events(writable_demo, "submission_accept", entity_id=str(sid))
    assert event.actor == "ministry" and event.detail["records_new"] == 1


def test_ministry_returns_with_a_comment(writable_demo):
    sid, _ = zhejiang_pilot_report(writable_demo)
    at = app_as(writable_demo, "ministry", "zh").run()
    at.switch_page("../pages/review.py").run()
    _ok(at)
    at.text_area[0].input("请补充 [佐证](http://x.example) 材料")
    click(at, t("review.return", "zh"), f"return_{sid}")
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        sub = s.get(Submission, sid)
        assert (sub.status, sub.decided_by) == ("returned", "ministry")
        assert sub.decision_comment == "请补充 [佐证](http://x.example) 材料"
        assert s.exec(select(Pilot).where(Pilot.code == "ZJ-NEW-01")).first() is None
    (event,) = audit_events(writable_demo, "submission_return", entity_id=str(sid))
    assert event.detail["comment"] == sub.decision_comment
    # the coordinator sees the comment as text, not as a link
    at = app_as(writable_demo, "zhejiang", "zh").run()
    at.switch_page("../pages/submit.py").run()
    _ok(at)
    (note,) = [w.value for w in at.warning if "佐证" in w.value]
    assert "[佐证](http" not in note
