"""Golden files of standards' adoptions, zero-carbon park pilots and energy measurement
reviews: applied through review, and refused, row by row and in both languages, where the
registry or the rules say no. (Normalized and applied on acceptance like every kind's golden
file: tests/pipelines/test_golden_kinds.py.)"""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from dashboard.kinds.standard_adoption import StandardAdoption
from dashboard.kinds.zero_carbon_park import ZeroCarbonParkPilot
from dashboard.models import AuditEvent, Deliverable
from dashboard.submissions.review import accept, preview
from tests.pipelines.conftest import GOLDEN, count_rows
from tests.pipelines.corpus_adoption import XLSX
from tests.pipelines.make_corpus import csv_bytes, golden_name

HEADER = ["标准编号", "采信事项", "日期", "转化后编号"]


def _where(issue: dict) -> tuple:
    """An error's or a warning's (row, column, code)."""
    return issue["row"], issue["column"], issue["code"]


def test_adoption_of_a_standard_not_in_the_registry_is_refused(session, ingest, actors):
    rows = [["T/CNCA 999-2025", "纳入绿色产品评价标准清单", "2025-03-01", ""]]
    result = ingest(csv_bytes(HEADER, rows), "a.csv", actors["admin"], today=date(2026, 1, 1))
    assert result.status == "rejected"
    [error] = result.errors
    assert _where(error) == (2, "standard_number", "adoption_standard_unknown")
    assert "T/CNCA 999-2025" in error["message_zh"] and "标准库" in error["message_zh"]
    assert "standards registry" in error["message_en"]
    assert count_rows(session, StandardAdoption) == 0


def test_adoption_rules_row_by_row(session, ingest, actors, registry):
    rows = [
        # an international event on a group standard's number
        ["T/CAS 826-2024", "国际标准已发布", "2025-03-01", ""],
        # a conversion without the number it became
        ["T/CNCA 116.1-2025", "转化为国家标准", "2025-03-01", ""],
        # a green-list adoption has no target number
        ["T/CNCA 116.1-2025", "纳入绿色产品评价标准清单", "2025-03-01", "GB/T 1-2024"],
        # converted to a national standard, but the target is an industry number
        ["T/CAS 826-2024", "转化为国家标准", "2025-03-01", "HJ 1400-2025"],
        # a group-standard event named by an international number
        ["ISO/NP 14068-3", "转化为行业标准", "2025-03-01", "HJ 1400-2025"],
    ]
    result = ingest(csv_bytes(HEADER, rows), "a.csv", actors["admin"], today=date(2026, 1, 1))
    assert result.status == "rejected"
    found = [_where(e) for e in result.errors]
    assert found == [
        (2, "standard_number", "adoption_number_kind"),
        (3, "target_number", "adoption_target_required"),
        (4, "target_number", "adoption_target_not_allowed"),
        (5, "target_number", "adoption_number_kind"),
        (6, "standard_number", "adoption_number_kind"),
    ]
    kind_error = result.errors[0]
    assert "团体标准" in kind_error["message_zh"] and "国际标准" in kind_error["message_zh"]
    assert "group standard" in kind_error["message_en"].lower()
    assert count_rows(session, StandardAdoption) == 0


def test_coordinator_may_not_report_adoptions(session, ingest, actors, registry):
    rows = [["T/CAS 826-2024", "纳入绿色产品评价标准清单", "2025-03-01", ""]]
    result = ingest(csv_bytes(HEADER, rows), "a.csv", actors["coordinator:330000"])
    assert [e["code"] for e in result.errors] == ["kind_not_permitted"]


def test_adoption_reviewed_then_applied(session, ingest, actors, registry):
    rows = [["T/CAS 826-2024", "纳入绿色产品评价标准清单", "2025-03-01", ""]]
    result = ingest(csv_bytes(HEADER, rows), "a.csv", actors["admin"], today=date(2026, 1, 1))
    assert result.status == "staged", result.errors
    pv = preview(session, actor=actors["ministry"], submission_id=result.submission_id)
    assert pv.conflicts == [] and pv.counts["standardadoption"]["new"] == 1
    accept(
        session, actor=actors["ministry"], submission_id=result.submission_id, expected_version=1
    )
    session.commit()
    saved = session.exec(select(StandardAdoption)).one()
    assert (saved.standard_number, saved.event) == (
        "T/CAS 826-2024",
        "adopted_into_green_product_list",
    )
    assert session.exec(select(AuditEvent).where(AuditEvent.action == "submission_accept")).all()


def test_adoption_whose_standard_went_away_is_a_review_conflict(session, ingest, actors, registry):
    rows = [["T/CAS 826-2024", "纳入绿色产品评价标准清单", "2025-03-01", ""]]
    result = ingest(csv_bytes(HEADER, rows), "a.csv", actors["admin"], today=date(2026, 1, 1))
    gone = session.exec(select(Deliverable).where(Deliverable.number == "T/CAS 826-2024")).one()
    session.delete(gone)
    session.commit()
    pv = preview(session, actor=actors["ministry"], submission_id=result.submission_id)
    assert [c["code"] for c in pv.conflicts] == ["adoption_standard_unknown"]


def test_coordinator_reports_own_parks_through_review(session, ingest, actors):
    header = ["园区名称", "省份代码", "园区类型", "试点阶段", "阶段日期"]
    rows = [["浙江测试园区", "330000", "工业园区", "申报", "2025-01-01"]]
    result = ingest(csv_bytes(header, rows), "p.csv", actors["coordinator:330000"])
    assert result.status == "staged", result.errors
    accept(
        session, actor=actors["ministry"], submission_id=result.submission_id, expected_version=1
    )
    session.commit()
    assert session.exec(select(ZeroCarbonParkPilot.province_code)).all() == ["330000"]
    other = [["山东测试园区", "370000", "工业园区", "申报", "2025-01-01"]]
    refused = ingest(csv_bytes(header, other), "q.csv", actors["coordinator:330000"])
    assert [e["code"] for e in refused.errors] == ["province_scope"]


def test_park_stages_move_forward_only(session, ingest, actors):
    name = golden_name("zero_carbon_park", XLSX)
    data = (GOLDEN / name).read_bytes()
    assert ingest(data, name, actors["admin"], accept=True).status == "accepted"
    header = ["园区名称", "省份代码", "园区类型", "试点阶段", "阶段日期"]
    back = [["示例零碳园区（浙江）", "330000", "工业园区", "申报", "2025-06-01"]]
    result = ingest(csv_bytes(header, back), "back.csv", actors["admin"])
    assert [e["code"] for e in result.errors] == ["stage_move"]
    assert "批准开展" in result.errors[0]["message_zh"]


def test_measurement_review_files_are_not_taken_for_energy_reviews(session):
    """The energy review's header words differ from the carbon review's where it matters."""
    from pipelines.schemas import detect_kind

    carbon = ["统一社会信用代码", "企业名称", "省份代码", "行业", "审查状态", "状态日期"]
    assert detect_kind(carbon) == "measurement_review"
    energy = ["统一社会信用代码", "用能单位名称", "省份代码", "领域", "审查状态", "状态日期"]
    assert detect_kind(energy) == "energy_measurement_review"


def test_park_locations_are_kept_as_reported_and_checked_against_the_map(session, ingest, actors):
    """A zero-carbon park carries a location as pilots do: stored as reported with its datum
    (a later row without one keeps it), a point in another province is a warning naming it,
    one outside China an error, in both languages."""
    name = golden_name("zero_carbon_park", XLSX)
    data = (GOLDEN / name).read_bytes()
    assert ingest(data, name, actors["admin"], accept=True).status == "accepted"
    parks = {p.park_name: p for p in session.exec(select(ZeroCarbonParkPilot)).all()}
    zj, sd = parks["示例零碳园区（浙江）"], parks["示例零碳园区（山东）"]
    assert (zj.longitude, zj.latitude, zj.location_datum) == (119.6802, 30.6381, "wgs84")
    assert (sd.longitude, sd.latitude, sd.location_datum) == (117.1373, 36.6735, "gcj02")
    header = ["园区名称", "省份代码", "园区类型", "试点阶段", "阶段日期", "经度", "纬度"]
    # People's Square, Shanghai, declared in Zhejiang
    moved = [["浙江测试园区", "330000", "工业园区", "申报", "2025-01-01", "121.4737", "31.2304"]]
    result = ingest(csv_bytes(header, moved), "w.csv", actors["admin"], today=date(2026, 1, 1))
    assert result.errors == []
    [warning] = result.warnings
    assert _where(warning) == (2, "longitude", "location_other_province")
    assert "上海市" in warning["message_zh"] and "浙江省" in warning["message_zh"]
    assert "Shanghai (310000)" in warning["message_en"]
    tokyo = [["浙江东京园区", "330000", "工业园区", "申报", "2025-01-01", "139.6917", "35.6895"]]
    refused = ingest(csv_bytes(header, tokyo), "e.csv", actors["admin"], today=date(2026, 1, 1))
    assert refused.status == "rejected"
    assert [e["code"] for e in refused.errors] == ["location_outside_china"]
    assert "中国境外" in refused.errors[0]["message_zh"]
    assert "outside China" in refused.errors[0]["message_en"]
    names = session.exec(select(ZeroCarbonParkPilot.park_name)).all()
    assert "浙江东京园区" not in names
