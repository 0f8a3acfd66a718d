"""A record form on a kind's registry page saved after someone else changed the record: the
save is refused with the reason in the viewer's language, the other change stands, and the
refusal is in the audit trail (the version is checked under the apply lock:
dashboard/services/kind_records.save_record)."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import fmt_date, t, zone_label
from dashboard.kinds.provincial_plan import ProvincialPlan
from dashboard.permissions import Actor
from dashboard.services.kind_records import save_record
from tests.pages.conftest import app_as, audit_events, user_row
from tests.pages.widgets import _ok, click, select_row

PLANS = "../pages/provincial_plans.py"


def _coordinator_saves(url: str, evidence: str) -> ProvincialPlan:
    """Zhejiang's coordinator saves their plan with this evidence, at the version it has."""
    user = user_row(url, "zhejiang")
    coordinator = Actor(id=user.id, username=user.username, role=user.role)
    with Session(shared_engine(url), expire_on_commit=False) as s:
        plan = s.exec(select(ProvincialPlan).where(ProvincialPlan.province_code == "330000")).one()
        values = {
            "province_code": "330000",
            "status": plan.status,
            "document_number": plan.document_number,
            "issuing_body": plan.issuing_body,
            "issue_date": plan.issue_date,
            "evidence": evidence,
        }
        save_record(
            session=s,
            actor=coordinator,
            kind="provincial_plan",
            values=values,
            expected_version=plan.version,
        )
        s.commit()
        return s.get(ProvincialPlan, plan.id)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_form_saved_over_a_newer_version_is_refused(writable_demo, lang):
    plan = _coordinator_saves(writable_demo, "浙江省人民政府公报")  # first in the table (newest)
    at = app_as(writable_demo, "ministry", lang).run()
    at.switch_page(PLANS).run()
    _ok(at)
    select_row(at, "provincial_plan_table", 0)
    _ok(at)
    form = f"provincial_plan_form_{plan.id}"
    assert at.session_state[f"{form}_version"] == plan.version  # what the form read

    # the coordinator changes the plan again while the ministry's form is open
    _coordinator_saves(writable_demo, "省政府门户网站公告")

    scope = "适用范围" if lang == "zh" else "Scope"
    field = next(w for w in at.text_input if w.label == scope and w.key.startswith(form))
    field.input("全省（部委补录）")
    click(at, t("form.save", lang), form)
    assert not at.exception, [e.message for e in at.exception]
    [error] = [e.value for e in at.error]
    assert error.startswith("保存未成功" if lang == "zh" else "Not saved")
    assert "zhejiang" in error  # who changed it, and when, in the display zone
    when = audit_events(writable_demo, "record_save", actor="zhejiang")[-1].occurred_at
    assert fmt_date(when, lang) in error and zone_label(lang) in error
    assert ("未覆盖任何内容" if lang == "zh" else "nothing was overwritten") in error

    with Session(shared_engine(writable_demo)) as s:
        now = s.get(ProvincialPlan, plan.id)
        assert (now.version, now.evidence) == (plan.version + 1, "省政府门户网站公告")
        assert now.scope == plan.scope  # the ministry's change was not written
    denied = audit_events(writable_demo, "record_save", outcome="denied")
    assert [(e.actor, e.entity_id) for e in denied] == [("ministry", str(plan.id))]
    assert denied[0].detail["reason"] == "stale_version"
    assert denied[0].detail["expected_version"] == plan.version
    assert denied[0].detail["current_version"] == plan.version + 1


def test_the_open_form_stays_on_the_picked_record_when_the_table_reorders(writable_demo):
    at = app_as(writable_demo, "ministry", "en").run()
    at.switch_page(PLANS).run()
    _ok(at)
    select_row(at, "provincial_plan_table", 1)  # the second row: not Zhejiang's plan
    _ok(at)
    [picked] = [h.value for h in at.subheader]  # the plan's province code heads its form
    assert picked != "330000"

    # Zhejiang's save makes its plan the newest change: the rows below it shift by one
    _coordinator_saves(writable_demo, "浙江省人民政府公报（重排）")
    at.run()
    _ok(at)
    assert [h.value for h in at.subheader] == [picked]  # the form did not switch records
