"""The registry pages built from the kinds' descriptions, used through their widgets: a
coordinator reports their province's plan, a ministry official adds a measurement centre;
each save is checked in the database and the audit trail, and a refused save changes nothing."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, delete, select

from dashboard.db import shared_engine
from dashboard.i18n import t
from dashboard.models import (
    CemsPilot,
    CemsPilotStage,
    EmissionFactorRelease,
    MeasurementCentre,
    MeasurementCentreStage,
    ProvincialPlan,
)
from tests.pages.conftest import app_as, audit_events
from tests.pages.test_actions import _ok, click, frame, select_row

PLANS = "../pages/provincial_plans.py"
CENTRES = "../pages/measurement_centres.py"
CEMS = "../pages/cems_pilots.py"
FACTORS = "../pages/emission_factors.py"
USCC = "91330106MA2B3C4D5D"  # a valid code (tests/pipelines/make_corpus.py)


def _widget(widgets, label: str):
    return next(w for w in widgets if w.label in (label, label + " *"))


def _without_zhejiang_plan(url: str) -> None:
    with Session(shared_engine(url)) as s:
        s.exec(delete(ProvincialPlan).where(ProvincialPlan.province_code == "330000"))
        s.commit()


def _plan(url: str):
    with Session(shared_engine(url), expire_on_commit=False) as s:
        return s.exec(
            select(ProvincialPlan).where(ProvincialPlan.province_code == "330000")
        ).first()


def test_coordinator_reports_the_province_plan(writable_demo):
    _without_zhejiang_plan(writable_demo)
    at = app_as(writable_demo, "zhejiang").run()
    at.switch_page(PLANS).run()
    _ok(at)
    assert any("浙江" in w.value for w in at.warning)  # listed among the regions without a plan
    form = "provincial_plan_form_new"
    _widget(at.selectbox, "方案状态").set_value("issued")
    _widget(at.text_input, "文号").input("浙政办发〔2026〕3号")
    _widget(at.text_input, "印发机关").input("浙江省人民政府办公厅")
    _widget(at.date_input, "印发日期").set_value(date(2026, 3, 1))
    click(at, t("form.save", "zh"), form)
    _ok(at)
    plan = _plan(writable_demo)
    assert (plan.status, plan.document_number, plan.issue_date) == (
        "issued",
        "浙政办发〔2026〕3号",
        date(2026, 3, 1),
    )
    event = audit_events(writable_demo, "record_save", entity_type="provincial_plan")[-1]
    assert event.actor == "zhejiang" and event.outcome == "ok"
    assert event.detail["after"]["status"] == "issued" and event.detail["before"] is None
    assert not any("浙江" in w.value for w in at.warning)


def test_an_issued_plan_without_its_number_is_refused(writable_demo):
    _without_zhejiang_plan(writable_demo)
    before = len(audit_events(writable_demo, "record_save"))
    at = app_as(writable_demo, "zhejiang", "en").run()
    at.switch_page(PLANS).run()
    _widget(at.selectbox, "Plan status").set_value("issued")
    _widget(at.date_input, "Issue date").set_value(date(2026, 3, 1))
    click(at, t("form.save", "en"), "provincial_plan_form_new")
    assert [e.value for e in at.error] == [t("pipeline.error.plan_number_required", "en")]
    assert _plan(writable_demo) is None
    assert len(audit_events(writable_demo, "record_save")) == before


def test_ministry_adds_a_measurement_centre_and_coordinator_may_not(writable_demo):
    at = app_as(writable_demo, "ministry").run()
    at.switch_page(CENTRES).run()
    _ok(at)
    _widget(at.text_input, "计量中心名称").input("国家碳计量中心（测试）")
    _widget(at.selectbox, "省份").set_value("440000")
    _widget(at.selectbox, "领域").set_value("power")
    _widget(at.selectbox, "阶段").set_value("approved_preparation")
    _widget(at.date_input, "阶段日期").set_value(date(2026, 5, 1))
    click(at, t("form.save", "zh"), "measurement_centre_form_new")
    _ok(at)
    with Session(shared_engine(writable_demo), expire_on_commit=False) as s:
        centre = s.exec(
            select(MeasurementCentre).where(
                MeasurementCentre.centre_name == "国家碳计量中心（测试）"
            )
        ).one()
        entries = s.exec(
            select(MeasurementCentreStage).where(MeasurementCentreStage.centre_id == centre.id)
        ).all()
    assert (centre.province_code, centre.stage) == ("440000", "approved_preparation")
    assert [(e.stage, e.recorded_by) for e in entries] == [("approved_preparation", "ministry")]
    event = audit_events(writable_demo, "record_save", entity_type="measurement_centre")[-1]
    assert event.actor == "ministry" and event.entity_id == str(centre.id)

    coordinator = app_as(writable_demo, "zhejiang").run()
    coordinator.switch_page(CENTRES).run()
    _ok(coordinator)
    assert not [b for b in coordinator.button if b.label == t("form.save", "zh")]


def test_ministry_issues_a_drafting_plan(writable_demo):
    at = app_as(writable_demo, "ministry").run()
    at.switch_page(PLANS).run()
    _ok(at)
    table = frame(at, "provincial_plan_table")
    row = list(table["方案状态"]).index(t("plan_status.drafting", "zh"))
    province_name = table["省份"].iloc[row]
    select_row(at, "provincial_plan_table", row)
    _ok(at)
    _widget(at.selectbox, "方案状态").set_value("issued")
    _widget(at.text_input, "文号").input("示例〔2026〕9号")
    _widget(at.date_input, "印发日期").set_value(date(2026, 4, 2))
    form = next(f for f in {b.proto.form_id for b in at.button} if f.startswith("provincial"))
    click(at, t("form.save", "zh"), form)
    _ok(at)
    event = audit_events(writable_demo, "record_save", entity_type="provincial_plan")[-1]
    assert event.actor == "ministry" and event.detail["before"]["status"] == "drafting"
    with Session(shared_engine(writable_demo)) as s:
        plan = s.get(ProvincialPlan, int(event.entity_id))
        assert (plan.status, plan.document_number) == ("issued", "示例〔2026〕9号")
        assert province_name.startswith(cached_name(plan.province_code))


def cached_name(code: str) -> str:
    from dashboard.ui import cached

    return cached.province_name(code, "zh")


def test_coordinator_adds_and_moves_on_a_cems_pilot(writable_demo):
    at = app_as(writable_demo, "zhejiang").run()
    at.switch_page(CEMS).run()
    _ok(at)
    _widget(at.text_input, "统一社会信用代码").input(USCC)
    _widget(at.text_input, "企业名称").input("浙江测试电厂")
    _widget(at.selectbox, "行业").set_value("power")
    _widget(at.selectbox, "阶段").set_value("planned")
    _widget(at.date_input, "阶段日期").set_value(date(2026, 1, 5))
    click(at, t("form.save", "zh"), "cems_pilot_form_new")
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        pilot = s.exec(select(CemsPilot).where(CemsPilot.uscc == USCC)).one()
        assert (pilot.province_code, pilot.stage) == ("330000", "planned")
        pid = pilot.id
    select_row(at, "cems_pilot_table", 0)  # newest first
    _ok(at)
    _widget(at.selectbox, "阶段").set_value("installed")
    _widget(at.date_input, "阶段日期").set_value(date(2026, 2, 1))
    _widget(at.date_input, "安装日期").set_value(date(2026, 1, 20))
    click(at, t("form.save", "zh"), f"cems_pilot_form_{pid}")
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        stages = s.exec(
            select(CemsPilotStage.stage).where(CemsPilotStage.cems_pilot_id == pid)
        ).all()
        assert sorted(stages) == ["installed", "planned"]
        assert s.get(CemsPilot, pid).install_date == date(2026, 1, 20)
    events = audit_events(writable_demo, "record_save", entity_id=str(pid))
    assert [e.actor for e in events] == ["zhejiang", "zhejiang"]
    assert events[-1].detail["after"]["stage"] == "installed"


def test_ministry_records_a_factor_release(writable_demo):
    at = app_as(writable_demo, "ministry", "en").run()
    at.switch_page(FACTORS).run()
    _ok(at)
    _widget(at.text_input, "Release name").input("2025 national grid average (test)")
    _widget(at.selectbox, "Factor category").set_value("national_electricity_average")
    _widget(at.selectbox, "Scope").set_value("national")
    _widget(at.date_input, "Publication date").set_value(date(2026, 6, 1))
    _widget(at.selectbox, "Publishing department").set_value("MEE")
    _widget(at.number_input, "Number of factors").set_value(1)
    click(at, t("form.save", "en"), "emission_factor_release_form_new")
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        release = s.exec(
            select(EmissionFactorRelease).where(
                EmissionFactorRelease.release_name == "2025 national grid average (test)"
            )
        ).one()
        assert (release.scope, release.province_code, release.publishing_department) == (
            "national",
            None,
            "MEE",
        )
    event = audit_events(writable_demo, "record_save", entity_type="emission_factor_release")[-1]
    assert event.actor == "ministry" and event.entity_id == str(release.id)


def test_a_registry_with_nothing_in_scope_says_so_in_the_viewers_language(demo_env):
    # the demo has no CEMS pilot in Zhejiang; an empty data grid would say "empty" in English
    at = app_as(demo_env, "zhejiang", "zh").run()
    at.switch_page("../pages/cems_pilots.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert [i.value for i in at.info] == [t("registry.none", "zh")]
    assert not [d for d in at.dataframe if d.key == "cems_pilot_table"]


def test_ministry_exports_the_measurement_centres_as_a_workbook_with_typed_dates(demo_env):
    import io

    from openpyxl import load_workbook

    before = len(audit_events(demo_env, "export"))
    at = app_as(demo_env, "ministry", "zh").run()
    at.switch_page("../pages/measurement_centres.py").run()
    at.radio(key="fmt_measurement_centre_export").set_value("xlsx").run()
    at.button(key="prep_measurement_centre_export").click().run()
    assert not at.exception, [e.message for e in at.exception]
    data, filename, fmt = at.session_state["export_measurement_centre_export"]
    assert fmt == "xlsx" and filename.endswith(".xlsx")
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    header = next(r for r in rows if r and "省份" in [str(c) for c in r])
    at_header = rows.index(header)
    body = [r for r in rows[at_header + 1 :] if any(c is not None for c in r)]
    assert body, "no rows exported"
    dates = [i for i, h in enumerate(header) if h and "日期" in str(h)]
    assert dates and any(
        hasattr(r[i], "year") for r in body for i in dates
    )  # a date cell, not its text
    province = header.index("省份")
    assert all("(" in str(r[province]) for r in body)  # the name beside the code
    events = audit_events(demo_env, "export")
    assert len(events) == before + 1 and events[-1].actor == "ministry"


def test_a_coordinator_exports_only_their_own_plans(demo_env):
    at = app_as(demo_env, "zhejiang", "en").run()
    at.switch_page("../pages/provincial_plans.py").run()
    at.radio(key="fmt_provincial_plan_export").set_value("csv").run()
    at.button(key="prep_provincial_plan_export").click().run()
    assert not at.exception, [e.message for e in at.exception]
    data, _name, fmt = at.session_state["export_provincial_plan_export"]
    text = data.decode("utf-8-sig")
    assert fmt == "csv" and "Zhejiang" in text and "Jiangsu" not in text
