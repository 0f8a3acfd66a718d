"""The registry pages built from the kinds' descriptions, used through their widgets: a
coordinator reports their province's plan and adds and moves on records with stages, a
ministry official adds a measurement centre; each save is checked in the database and the
audit trail, and a refused save changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, delete, select

from dashboard.db import shared_engine
from dashboard.i18n import t
from dashboard.kinds.cems_pilot import CemsPilot, CemsPilotStage
from dashboard.kinds.emission_factor_release import EmissionFactorRelease
from dashboard.kinds.measurement_centre import MeasurementCentre, MeasurementCentreStage
from dashboard.kinds.provincial_plan import ProvincialPlan
from dashboard.kinds.zero_carbon_park import ZeroCarbonParkPilot, ZeroCarbonParkStage
from tests.pages.conftest import audit_events
from tests.pages.test_adoption_pages import PARKS
from tests.pages.widgets import (
    _ok,
    click,
    export,
    fill,
    frame,
    open_page,
    press_save,
    rows,
    saved,
    select_row,
)
from tests.pipelines.make_corpus import USCC_ZJ as USCC

PLANS = "../pages/provincial_plans.py"
CENTRES = "../pages/measurement_centres.py"
CEMS = "../pages/cems_pilots.py"
FACTORS = "../pages/emission_factors.py"


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
    at = open_page(writable_demo, "zhejiang", PLANS)
    assert any("浙江" in w.value for w in at.warning)  # listed among the regions without a plan
    form = "provincial_plan_form_new"
    fill(
        at,
        {
            "方案状态": "issued",
            "文号": "浙政办发〔2026〕3号",
            "印发机关": "浙江省人民政府办公厅",
            "印发日期": date(2026, 3, 1),
        },
    )
    press_save(at, form)
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
    at = open_page(writable_demo, "zhejiang", PLANS, "en")
    fill(at, {"Plan status": "issued", "Issue date": date(2026, 3, 1)})
    click(at, t("form.save", "en"), "provincial_plan_form_new")
    assert [e.value for e in at.error] == [t("pipeline.error.plan_number_required", "en")]
    assert _plan(writable_demo) is None
    assert len(audit_events(writable_demo, "record_save")) == before


def test_ministry_adds_a_measurement_centre_and_coordinator_may_not(writable_demo):
    at = open_page(writable_demo, "ministry", CENTRES)
    fill(
        at,
        {
            "计量中心名称": "国家碳计量中心（测试）",
            "省份": "440000",
            "领域": "power",
            "阶段": "approved_preparation",
            "阶段日期": date(2026, 5, 1),
        },
    )
    press_save(at, "measurement_centre_form_new")
    centre = saved(
        writable_demo, MeasurementCentre, MeasurementCentre.centre_name == "国家碳计量中心（测试）"
    )
    entries = rows(
        writable_demo,
        select(MeasurementCentreStage).where(MeasurementCentreStage.centre_id == centre.id),
    )
    assert (centre.province_code, centre.stage) == ("440000", "approved_preparation")
    assert [(e.stage, e.recorded_by) for e in entries] == [("approved_preparation", "ministry")]
    event = audit_events(writable_demo, "record_save", entity_type="measurement_centre")[-1]
    assert event.actor == "ministry" and event.entity_id == str(centre.id)

    coordinator = open_page(writable_demo, "zhejiang", CENTRES)
    assert not [b for b in coordinator.button if b.label == t("form.save", "zh")]


def test_ministry_issues_a_drafting_plan(writable_demo):
    at = open_page(writable_demo, "ministry", PLANS)
    table = frame(at, "provincial_plan_table")
    row = list(table["方案状态"]).index(t("plan_status.drafting", "zh"))
    province_name = table["省份"].iloc[row]
    select_row(at, "provincial_plan_table", row)
    _ok(at)
    fill(at, {"方案状态": "issued", "文号": "示例〔2026〕9号", "印发日期": date(2026, 4, 2)})
    form = next(f for f in {b.proto.form_id for b in at.button} if f.startswith("provincial"))
    press_save(at, form)
    event = audit_events(writable_demo, "record_save", entity_type="provincial_plan")[-1]
    assert event.actor == "ministry" and event.detail["before"]["status"] == "drafting"
    with Session(shared_engine(writable_demo)) as s:
        plan = s.get(ProvincialPlan, int(event.entity_id))
        assert (plan.status, plan.document_number) == ("issued", "示例〔2026〕9号")
        assert province_name.startswith(cached_name(plan.province_code))


def cached_name(code: str) -> str:
    from dashboard.ui import cached

    return cached.province_name(code, "zh")


# a kind with a stage history: its page, form, the label of its stage, the record made, its
# history table and owner column, what the new record's form gets, then its move and the
# columns the move saves
STAGED = [
    pytest.param(
        CEMS,
        "cems_pilot",
        "阶段",
        (CemsPilot, CemsPilot.uscc == USCC),
        (CemsPilotStage, "cems_pilot_id"),
        {
            "统一社会信用代码": USCC,
            "企业名称": "浙江测试电厂",
            "行业": "power",
            "阶段": "planned",
            "阶段日期": date(2026, 1, 5),
        },
        {"阶段": "installed", "阶段日期": date(2026, 2, 1), "安装日期": date(2026, 1, 20)},
        {"install_date": date(2026, 1, 20)},
        id="cems_pilot",
    ),
    pytest.param(
        PARKS,
        "zero_carbon_park",
        "试点阶段",
        (ZeroCarbonParkPilot, ZeroCarbonParkPilot.park_name == "浙江测试零碳园区"),
        (ZeroCarbonParkStage, "park_id"),
        {
            "园区名称": "浙江测试零碳园区",
            "园区类型": "industrial",
            "试点阶段": "applied",
            "阶段日期": date(2026, 1, 5),
        },
        {"试点阶段": "approved", "阶段日期": date(2026, 2, 1)},
        {},
        id="zero_carbon_park",
    ),
]


@pytest.mark.parametrize(
    ("page", "form", "stage", "record", "history", "new", "move", "kept"), STAGED
)
def test_coordinator_adds_a_record_with_stages_and_moves_it_on(
    writable_demo, page, form, stage, record, history, new, move, kept
):
    """The record lands in the coordinator's province at its first stage; the move adds an
    entry to its history (and saves the columns the move form asks for); both are audited."""
    (model, named), (entries, owner) = record, history
    first, moved = new[stage], move[stage]
    at = open_page(writable_demo, "zhejiang", page)
    fill(at, new)
    press_save(at, f"{form}_form_new")
    row = saved(writable_demo, model, named)
    assert (row.province_code, row.stage) == ("330000", first)
    rid = row.id
    select_row(at, f"{form}_table", 0)  # newest first
    _ok(at)
    fill(at, move)
    press_save(at, f"{form}_form_{rid}")
    stages = rows(writable_demo, select(entries.stage).where(getattr(entries, owner) == rid))
    assert sorted(stages) == sorted([first, moved])
    row = saved(writable_demo, model, model.id == rid)
    assert {column: getattr(row, column) for column in kept} == kept
    events = audit_events(writable_demo, "record_save", entity_id=str(rid))
    assert [e.actor for e in events] == ["zhejiang", "zhejiang"]
    assert events[-1].detail["after"]["stage"] == moved


def test_ministry_records_a_factor_release(writable_demo):
    at = open_page(writable_demo, "ministry", FACTORS, "en")
    fill(
        at,
        {
            "Release name": "2025 national grid average (test)",
            "Factor category": "national_electricity_average",
            "Scope": "national",
            "Publication date": date(2026, 6, 1),
            "Publishing department": "MEE",
            "Number of factors": 1,
        },
    )
    press_save(at, "emission_factor_release_form_new", "en")
    release = saved(
        writable_demo,
        EmissionFactorRelease,
        EmissionFactorRelease.release_name == "2025 national grid average (test)",
    )
    assert (release.scope, release.province_code, release.publishing_department) == (
        "national",
        None,
        "MEE",
    )
    event = audit_events(writable_demo, "record_save", entity_type="emission_factor_release")[-1]
    assert event.actor == "ministry" and event.entity_id == str(release.id)


def _without_zhejiang_cems_pilots(url: str) -> None:
    with Session(shared_engine(url)) as s:
        ids = s.exec(select(CemsPilot.id).where(CemsPilot.province_code == "330000")).all()
        assert ids, "the demo gives Zhejiang's coordinator a CEMS pilot of their own"
        s.exec(delete(CemsPilotStage).where(CemsPilotStage.cems_pilot_id.in_(ids)))
        s.exec(delete(CemsPilot).where(CemsPilot.id.in_(ids)))
        s.commit()


def test_a_registry_with_nothing_in_scope_says_so_in_the_viewers_language(writable_demo):
    # no CEMS pilot in Zhejiang; an empty data grid would say "empty" in English
    _without_zhejiang_cems_pilots(writable_demo)
    at = open_page(writable_demo, "zhejiang", CEMS)
    assert [i.value for i in at.info] == [t("registry.none", "zh")]
    assert not [d for d in at.dataframe if d.key == "cems_pilot_table"]


def test_ministry_exports_the_measurement_centres_as_a_workbook_with_typed_dates(demo_env):
    import io

    from openpyxl import load_workbook

    before = len(audit_events(demo_env, "export"))
    at = open_page(demo_env, "ministry", CENTRES)
    data, filename, fmt = export(at, "measurement_centre_export", "xlsx")
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
    at = open_page(demo_env, "zhejiang", PLANS, "en")
    data, _name, fmt = export(at, "provincial_plan_export", "csv")
    text = data.decode("utf-8-sig")
    assert fmt == "csv" and "Zhejiang" in text and "Jiangsu" not in text
