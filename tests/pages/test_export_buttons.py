"""The export controls make the file on the server, audited; coordinators get none for
national data."""

from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.models import AuditEvent
from tests.pages.conftest import app_as


def _exports(url):
    with Session(shared_engine(url)) as s:
        return s.exec(select(AuditEvent).where(AuditEvent.action == "export")).all()


def test_briefing_exports_a_burnup_chart(demo_env):
    before = len(_exports(demo_env))
    at = app_as(demo_env, "briefing", "zh").run()
    at.switch_page("../pages/target_detail.py").run()
    at.selectbox[0].select("AP2024").run()  # the action plan (it opens on the next deadline)
    at.radio(key="fmt_burnup_T1").set_value("svg").run()
    at.button(key="prep_burnup_T1").click().run()
    assert not at.exception, [e.message for e in at.exception]
    data, filename, fmt = at.session_state["export_burnup_T1"]
    assert fmt == "svg" and filename.endswith(".svg")
    assert b"<svg" in data[:500] or b"<svg" in data
    events = _exports(demo_env)
    assert len(events) == before + 1
    assert events[-1].actor == "briefing" and events[-1].detail["format"] == "svg"


def test_coordinator_has_no_national_export(demo_env):
    at = app_as(demo_env, "zhejiang", "zh").run()
    at.switch_page("../pages/target_detail.py").run()
    at.selectbox[0].select("AP2024").run()
    keys = {b.key for b in at.button}
    assert "prep_burnup_T1" not in keys
    assert "prep_records_T1" in keys  # their own province's records
