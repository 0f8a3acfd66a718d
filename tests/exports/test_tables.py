"""Data downloads: CSV with a BOM for Chinese Excel, XLSX with types, a frozen header, widths
and a metadata sheet; formula injection neutralised in both, numbers left as numbers."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta, timezone

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard.exports.chart_export import ExportMeta
from dashboard.exports.tables import neutralise, to_csv_bytes, to_xlsx_bytes

MALICIOUS = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", "\n=1"]
META = ExportMeta(
    title="试点清单",
    subtitle="省份：浙江省",
    as_of=date(2025, 6, 30),
    synthetic=True,
    exported_at=datetime(2025, 7, 1, 8, 30, tzinfo=UTC),
    exported_by="briefing",
)


def frame() -> pd.DataFrame:
    n = len(MALICIOUS)
    return pd.DataFrame(
        {
            "名称": MALICIOUS,
            "数量": [-2, 3, 0, 10, 1, 2, 3],
            "比例": [3.5, -0.25, 1.0, 2.0, 0.5, 0.1, float("nan")],
            "日期": [date(2025, 1, i + 1) for i in range(n)],
            "记录时间": [datetime(2025, 1, 1, 12, tzinfo=timezone(timedelta(hours=8)))] * n,
            "已验收": [True, False, True, False, True, False, None],
            "牵头部门": [["NDRC", "SAMR"]] * n,
            "省份名称很长的一列": ["浙江省杭州市某某低碳产业园区"] * n,
        }
    )


@pytest.mark.parametrize("text", MALICIOUS)
def test_text_that_starts_a_formula_gets_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", [-2, 3.5, 0, "浙江省", "a=b", "", None, date(2025, 1, 1)])
def test_other_values_pass_unchanged(value):
    assert neutralise(value) == value


def test_csv_is_utf8_with_bom_and_neutralised():
    data = to_csv_bytes(frame(), META, "zh")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "名称"
    assert [r[0] for r in rows[1:]] == ["'" + m for m in MALICIOUS]
    assert [r[1] for r in rows[1:3]] == ["-2", "3"]  # numbers stay numbers
    assert rows[1][2] == "3.5" and rows[2][2] == "-0.25"
    assert rows[7][2] == ""  # NaN is an empty cell
    assert rows[1][3] == "2025-01-01"
    assert rows[1][4] == "2025-01-01 12:00:00"  # 04:00 UTC in the display zone (Beijing)
    assert rows[1][6] == "NDRC; SAMR"
    assert "\r\n" in text


def test_xlsx_reads_back_with_types_and_neutralised_text():
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(frame(), META, "zh", "试点")))
    assert wb.sheetnames == ["试点", "说明"]
    ws = wb["试点"]
    assert [c.value for c in ws[1]][:3] == ["名称", "数量", "比例"]
    assert ws.freeze_panes == "A2"
    for i, text in enumerate(MALICIOUS, start=2):
        cell = ws.cell(i, 1)
        assert cell.value == "'" + text
        assert cell.data_type == "s"
    assert ws["B2"].value == -2 and isinstance(ws["B2"].value, int)
    assert ws["C2"].value == 3.5 and isinstance(ws["C2"].value, float)
    assert ws["C8"].value is None
    assert isinstance(ws["D2"].value, datetime) and ws["D2"].value.date() == date(2025, 1, 1)
    assert ws["D2"].number_format == "yyyy-mm-dd"
    assert ws["E2"].value == datetime(2025, 1, 1, 12, 0)  # 04:00 UTC, in Beijing time
    assert ws["F2"].value is True and ws["F8"].value is None
    assert ws["G2"].value == "NDRC; SAMR"
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    # 14 CJK characters count double: wider than the 10-character date column
    assert widths["H"] >= 28 > widths["D"] >= 10


def test_xlsx_metadata_sheet():
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(frame(), META, "en")))
    about = {row[0]: row[1] for row in wb["About"].iter_rows(min_row=2, values_only=True)}
    assert about["Title"] == "试点清单"
    assert about["Filters"] == "省份：浙江省"
    assert about["As of"] == "30 Jun 2025"
    assert about["Exported by"] == "briefing"
    assert about["Exported at"] == "1 Jul 2025 16:30 Beijing time"
    assert about["Demo data"] == "Yes"
    assert about["Rows"] == len(MALICIOUS)
    assert "accepted" in about["Data included"]


def test_empty_table_still_has_its_header():
    df = pd.DataFrame(columns=["a", "b"])
    assert to_csv_bytes(df, META, "zh").decode("utf-8-sig") == "a,b\r\n"
    wb = load_workbook(io.BytesIO(to_xlsx_bytes(df, META, "zh")))
    assert [c.value for c in wb.worksheets[0][1]] == ["a", "b"]
