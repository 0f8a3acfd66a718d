"""Small frictions found by walking through the app (issue 12, item 10)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import t
from dashboard.models import Submission
from tests.pages.conftest import app_as


def _ok(at) -> None:
    assert not at.exception, [e.message for e in at.exception]


def _group(at, key: str):
    return next(b for b in at.button_group if b.key == key)


def test_the_selected_language_cannot_be_deselected(demo_env):
    at = app_as(demo_env, "briefing", "zh").run()
    _ok(at)
    switch = _group(at, "lang_switch")
    assert switch.value == "zh"
    # Clicking the selected option is refused in the browser only when the widget is required
    assert switch.proto.required


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_deadline_as_of_date_applies_in_one_click(demo_env, lang):
    at = app_as(demo_env, "briefing", lang).run()
    _ok(at)
    quick = _group(at, "as_of_quick")
    assert quick.options[0] == t("as_of.today", lang)
    quick.set_value("2025-12-31").run()
    _ok(at)
    assert at.session_state["as_of"] == date(2025, 12, 31)
    shown = "2025年12月31日" if lang == "zh" else "31 Dec 2025"
    assert any(shown in c.value for c in at.caption), [c.value for c in at.caption]
    assert _group(at, "as_of_quick").value is None  # ready for the next click


def test_no_demo_submission_is_rejected_without_errors(demo_env):
    with Session(shared_engine(demo_env)) as s:
        rejected = s.exec(select(Submission).where(Submission.status == "rejected")).all()
    assert rejected, "the demo data has rejected submissions"
    assert all(len(sub.errors) >= 1 for sub in rejected)


def test_a_coordinators_templates_are_prefilled_and_the_admins_blank(demo_env):
    from sqlalchemy import func

    from dashboard.models import Pilot

    with Session(shared_engine(demo_env)) as s:
        n = s.exec(
            select(func.count()).select_from(Pilot).where(Pilot.province_code == "330000")
        ).one()
    at = app_as(demo_env, "zhejiang", "zh").run()
    at.switch_page("../pages/submit.py").run()
    _ok(at)
    kind = t("report_kind.pilot_status", "zh")
    shown = [m.value for m in at.markdown]
    assert t("submit.template_rows", "zh", kind=kind, n=n) in shown, shown
    at = app_as(demo_env, "admin", "zh").run()
    at.switch_page("../pages/submit.py").run()
    _ok(at)
    assert kind in [m.value for m in at.markdown]
