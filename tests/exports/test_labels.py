"""One helper for every table export: labelled columns in the viewer's language, enumerations
translated, province names beside their codes, typed dates, moments in the display zone,
filters stated truthfully, and formula neutralisation kept."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.exports import service
from dashboard.exports.column_labels import table_columns
from dashboard.exports.labels import filters_text, table_frame
from tests.builders import user
from tests.exports.conftest import AS_OF

COLUMNS = table_columns(
    "code",
    "name",
    "pilot_type",
    "province_code",
    "current_stage",
    "current_stage_date",
    "updated_at",
)
NAMES = {"330000": "浙江省"}


def pilots() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2],
            "code": ["ZJ-001", "ZJ-002"],
            "name": ['=HYPERLINK("http://x")', "嘉兴园区"],
            "pilot_type": ["enterprise", "park"],
            "province_code": ["330000", "330000"],
            "current_stage": ["midterm_evaluation", "approved"],
            "current_stage_date": [date(2025, 3, 1), None],
            "updated_at": [datetime(2025, 3, 3, 1, 17), datetime(2025, 3, 3, 1, 17, tzinfo=UTC)],
            "version": [3, 1],
        }
    )


def test_export_cells_are_labelled_translated_typed_and_named():
    out = table_frame(pilots(), COLUMNS, "zh", provinces=NAMES, typed=True)
    assert list(out.columns) == [
        "编号",
        "名称",
        "类型",
        "省份",
        "省份代码（GB/T 2260）",
        "阶段",
        "阶段日期",
        "最后修改时间（北京时间）",
    ]
    row = out.iloc[0].tolist()
    assert row[2:6] == ["企业", "浙江省", "330000", "中期评估"]
    assert out.iloc[1, 2] == "园区"
    assert row[6] == date(2025, 3, 1) and out.iloc[1, 6] is None
    # naive (SQLite) and aware UTC moments alike: 01:17 UTC is 09:17 in Beijing
    assert out.iloc[0, 7] == out.iloc[1, 7] == datetime(2025, 3, 3, 9, 17)


def test_screen_cells_are_text_with_a_dash_for_blanks():
    out = table_frame(pilots(), COLUMNS, "en", provinces={"330000": "Zhejiang"})
    assert "Province code (GB/T 2260)" not in out.columns  # the screen shows the name only
    assert out.iloc[0].tolist()[2:5] == ["Enterprise", "Zhejiang", "Mid-term evaluation"]
    assert out.iloc[1]["Stage date"] == "—"
    assert out.iloc[0]["Last changed"] == "3 Mar 2025 09:17 Beijing time"


def test_filters_are_stated_and_no_filter_says_nothing():
    assert filters_text("zh", [("filter.stage", ["已批准", "建设中"]), ("filter.search", "")]) == (
        "阶段：已批准、建设中"
    )
    assert filters_text("en", [("filter.stage", []), ("filter.search", "")]) == ""


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_service_labels_through_the_helper_and_neutralises(session, fmt):
    briefing = user(session, "brief", "briefing")
    meta = service.export_meta(
        session, actor=briefing, title="试点", as_of=AS_OF, subtitle="阶段：中期评估"
    )
    data = service.export_table_for(
        session, actor=briefing, df=pilots(), fmt=fmt, meta=meta, lang="zh", columns=COLUMNS
    )
    if fmt == "csv":
        lines = data.decode("utf-8-sig").splitlines()
        assert lines[0].startswith("编号,名称,类型,省份,省份代码（GB/T 2260）,阶段")
        assert "'=HYPERLINK" in lines[1] and "浙江省,330000,中期评估" in lines[1]
        assert "2025-03-03 09:17:00" in lines[1]
        return
    wb = load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    assert ws["B2"].value.startswith("'=") and ws["B2"].data_type == "s"
    assert ws["C3"].value == "园区" and ws["E2"].value == "330000"
    assert isinstance(ws["G2"].value, datetime) and ws["G2"].number_format == "yyyy-mm-dd"
    assert ws["H2"].value == datetime(2025, 3, 3, 9, 17)
    about = {r[0]: r[1] for r in wb.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert about["筛选条件"] == "阶段：中期评估"


def test_a_coordinator_export_is_checked_on_the_raw_province_codes(session):
    zj = user(session, "zj", "coordinator", "330000")
    meta = service.export_meta(session, actor=zj, title="试点", as_of=AS_OF)
    mixed = pilots().assign(province_code=["330000", "370000"])
    with pytest.raises(ValueError, match="other provinces"):
        service.export_table_for(
            session,
            actor=zj,
            df=mixed,
            fmt="csv",
            meta=meta,
            lang="zh",
            province="330000",
            columns=COLUMNS,
        )
