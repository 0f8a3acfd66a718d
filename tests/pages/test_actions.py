"""Every write the permission table grants, performed through the widgets (select, fill,
save) by each role that has it, with its effect checked in the database and the audit trail.

Each test works on a private copy of the demo database (`writable_demo`)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import t
from dashboard.models import PolicyTask, TaskUpdate
from tests.pages.conftest import app_as, audit_events


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
