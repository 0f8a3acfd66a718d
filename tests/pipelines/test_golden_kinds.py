"""Golden files of the kinds added through their descriptions (and of the adoption kinds):
normalized exactly as written by hand, applied on acceptance; refused where the province or
the stage machine says no."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from dashboard.kinds.cems_pilot import CemsPilot, CemsPilotStage
from dashboard.kinds.emission_factor_release import EmissionFactorRelease
from dashboard.kinds.energy_measurement_review import EnergyMeasurementReview, EnergyReviewEntry
from dashboard.kinds.measurement_centre import MeasurementCentre, MeasurementCentreStage
from dashboard.kinds.provincial_plan import ProvincialPlan
from dashboard.kinds.standard_adoption import StandardAdoption
from dashboard.kinds.zero_carbon_park import ZeroCarbonParkPilot, ZeroCarbonParkStage
from dashboard.models import AuditEvent
from dashboard.permissions import allowed_provinces
from dashboard.submissions import apply_rows, json_rows
from pipelines.safe_read import read_table
from pipelines.validate import load_context, validate_table
from tests.pipelines import corpus_adoption, corpus_kinds
from tests.pipelines.conftest import GOLDEN, count_rows, load_json
from tests.pipelines.make_corpus import csv_bytes, golden_name

# kind -> (record table, history table or None, records, history entries) after applying
APPLIED = {
    "provincial_plan": (ProvincialPlan, None, 3, 0),
    "cems_pilot": (CemsPilot, CemsPilotStage, 2, 3),
    "emission_factor_release": (EmissionFactorRelease, None, 3, 0),
    "measurement_centre": (MeasurementCentre, MeasurementCentreStage, 2, 3),
    "standard_adoption": (StandardAdoption, None, 4, 0),
    "zero_carbon_park": (ZeroCarbonParkPilot, ZeroCarbonParkStage, 2, 3),
    "energy_measurement_review": (EnergyMeasurementReview, EnergyReviewEntry, 2, 3),
}
FILE_NAMES = {
    **{kind: golden_name(kind, corpus_kinds.XLSX) for kind in corpus_kinds.FILES},
    **{kind: golden_name(kind, corpus_adoption.XLSX) for kind in corpus_adoption.FILES},
}
TODAY = date(2026, 1, 1)  # after every date in the files


@pytest.mark.parametrize("kind", list(APPLIED))
def test_golden_file_normalizes_as_expected(session, actors, registry, kind):
    name = FILE_NAMES[kind]
    expected = load_json(GOLDEN / f"{kind}.expected.json")
    table = read_table((GOLDEN / name).read_bytes(), name)
    scope = allowed_provinces(session, actors["admin"], "submit_report")
    ctx = load_context(session, scope=scope, today=TODAY)
    result = validate_table(table, kind=None, ctx=ctx, session=session)
    assert result.errors == []
    assert result.kind == kind == expected["kind"]
    assert json_rows(result.rows) == expected["rows"]


@pytest.mark.parametrize("kind", list(APPLIED))
def test_golden_file_applied_on_acceptance(session, ingest, actors, registry, kind):
    name = FILE_NAMES[kind]
    data = (GOLDEN / name).read_bytes()
    result = ingest(data, name, actors["admin"], accept=True, today=TODAY)
    assert result.status == "accepted", result.errors
    model, history, records, entries = APPLIED[kind]
    session.expire_all()
    assert count_rows(session, model) == records
    if history is not None:
        assert count_rows(session, history) == entries
    assert ingest(data, name, actors["admin"], today=TODAY).status == "duplicate"
    rows = load_json(GOLDEN / f"{kind}.expected.json")["rows"]
    again = apply_rows(session, kind=kind, rows=rows, submission_id=None, actor_name="t")
    session.commit()
    assert again["records_new"] == 0 and again["history_new"] == 0
    assert count_rows(session, model) == records  # applying twice equals applying once


def test_cems_pilot_moves_forward_only(session, ingest, actors):
    name = FILE_NAMES["cems_pilot"]
    assert ingest((GOLDEN / name).read_bytes(), name, actors["admin"], accept=True).status
    header = ["统一社会信用代码", "企业名称", "省份代码", "行业", "阶段", "阶段日期"]
    back = [["91370100MA3C5D6E79", "山东示例水泥", "370000", "水泥", "计划安装", "2025-02-01"]]
    result = ingest(csv_bytes(header, back), "back.csv", actors["admin"])
    assert result.status == "rejected"
    assert [e["code"] for e in result.errors] == ["stage_move"]
    assert "比对" in result.errors[0]["message_zh"]


def test_coordinator_reports_own_plan_only(session, ingest, actors):
    header = ["省份代码", "方案状态", "文号", "印发日期"]
    rows = [["370000", "已印发", "鲁政发〔2024〕1号", "2024-04-01"]]
    result = ingest(csv_bytes(header, rows), "plan.csv", actors["coordinator:330000"])
    assert result.status == "rejected"
    assert [e["code"] for e in result.errors] == ["province_scope"]
    assert count_rows(session, ProvincialPlan) == 0


def test_issued_plan_needs_its_number_and_date(session, ingest, actors):
    header = ["省份代码", "方案状态"]
    result = ingest(csv_bytes(header, [["330000", "已印发"]]), "p.csv", actors["admin"])
    codes = sorted(e["code"] for e in result.errors)
    assert codes == ["plan_issue_date_required", "plan_number_required"]
    assert (
        "文号"
        in next(e for e in result.errors if e["code"] == "plan_number_required")["message_zh"]
    )


def test_factor_scope_and_province_agree(session, ingest, actors):
    header = ["发布批次名称", "因子类别", "范围", "省份代码", "发布日期"]
    rows = [
        ["A", "能源品种", "全国", "330000", "2025-01-01"],
        ["B", "能源品种", "省级", "", "2025-01-01"],
    ]
    result = ingest(csv_bytes(header, rows), "f.csv", actors["admin"])
    assert [(e["row"], e["code"]) for e in result.errors] == [
        (2, "factor_province_national"),
        (3, "factor_province_required"),
    ]
    assert count_rows(session, EmissionFactorRelease) == 0


def test_department_short_forms_resolve(session, ingest, actors):
    header = ["计量中心名称", "省份代码", "领域", "阶段", "阶段日期", "批准部门"]
    words = ["市场监管总局", "国家发展改革委", "State Administration of Market Supervision"]
    rows = [
        [f"中心{i}", "330000", "电力", "批准筹建", "2024-03-01", w] for i, w in enumerate(words)
    ]
    result = ingest(csv_bytes(header, rows), "c.csv", actors["admin"], accept=True)
    assert result.status == "accepted", result.errors
    session.expire_all()
    found = session.exec(select(MeasurementCentre).order_by(MeasurementCentre.centre_name)).all()
    assert [c.approving_department for c in found] == ["SAMR", "NDRC", "SAMR"]
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "submission_accept")).all()
