"""Report templates: <kind>.xlsx (data sheet with bilingual headers and drop-down lists for
every enumeration and the province codes, an instructions sheet, a lists sheet) and
<kind>.csv (the bilingual header, UTF-8 with BOM so Excel shows the Chinese).

Blank by default (`python -m pipelines templates`); given `rows` (see pipelines.prefill)
the data sheet starts with them, enumerated values written as the drop-down lists show
them (Chinese), so a coordinator updates their records' rows instead of retyping them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dashboard.i18n import enum_label, t
from dashboard.reference_data import load_json
from pipelines.schemas import REPORT_KINDS, Column, ReportKind

DATA_SHEET = "数据 data"
HELP_SHEET = "填写说明 instructions"
LISTS_SHEET = "可选值 lists"
VALIDATED_ROWS = 5000
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
OPTIONAL_FILL = PatternFill("solid", fgColor="E2EFDA")

# a template cell: a label or code, a number, a date (XLSX) or nothing
CellValue = str | int | float | date | None


def header_text(col: Column) -> str:
    return ("*" if col.required else "") + col.header()


def headers(kind: str) -> list[str]:
    return [header_text(c) for c in REPORT_KINDS[kind].columns]


def _enum_text(col: Column, value: str, lang: str) -> str:
    assert col.enum is not None, f"enum column {col.key} names no vocabulary"
    return enum_label(col.enum, value, lang)


def cell_values(spec: ReportKind, row: dict[str, Any], *, text_dates: bool) -> list[CellValue]:
    """A row's cells in column order: enumerations as their Chinese labels, dates as dates
    (or ISO text for CSV), blanks empty."""
    out: list[CellValue] = []
    for col in spec.columns:
        value = row.get(col.key)
        if value is None:
            out.append(None)
        elif col.type == "enum":
            out.append(_enum_text(col, value, "zh"))
        elif isinstance(value, date):
            out.append(value.isoformat() if text_dates else value)
        else:
            out.append(value)
    return out


def csv_template(kind: str, rows: list[dict[str, Any]] | None = None) -> bytes:
    spec = REPORT_KINDS[kind]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headers(kind))
    for row in rows or ():
        writer.writerow(["" if v is None else v for v in cell_values(spec, row, text_dates=True)])
    return buffer.getvalue().encode("utf-8-sig")


def _provinces() -> list[dict[str, Any]]:
    return load_json("provinces")


def _lists_sheet(wb: Workbook, spec: ReportKind) -> dict[str, str]:
    """One column per drop-down list; returns column key -> formula of its range."""
    ws = wb.create_sheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    position = 0
    for col in spec.columns:
        if col.type == "enum":
            values = [_enum_text(col, v, "zh") for v in col.values]
        elif col.type == "province":
            values = [p["code"] for p in _provinces()]
        else:
            continue
        position += 1
        letter = get_column_letter(position)
        ws.cell(row=1, column=position, value=col.header()).font = Font(bold=True)
        for i, value in enumerate(values, 2):
            ws.cell(row=i, column=position, value=value)
        ws.column_dimensions[letter].width = 22
        ranges[col.key] = f"='{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _data_sheet(
    wb: Workbook,
    spec: ReportKind,
    ranges: dict[str, str],
    rows: Sequence[dict[str, Any]] = (),
) -> None:
    ws = wb.worksheets[0]  # the new workbook's first sheet (the lists sheet comes after it)
    ws.title = DATA_SHEET
    for i, col in enumerate(spec.columns, 1):
        cell = ws.cell(row=1, column=i, value=header_text(col))
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if col.required else OPTIONAL_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        note = f"{col.help(spec.key, 'zh')}\n{col.help(spec.key, 'en')}".strip()
        if note:
            cell.comment = Comment(note, "template", width=320, height=120)
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(14, min(34, len(col.header()) + 6))
        if col.key in ranges:
            rule = DataValidation(type="list", formula1=ranges[col.key], allow_blank=True)
            rule.error = t("pipeline.template.bad_value", "zh") + " / "
            rule.error += t("pipeline.template.bad_value", "en")
            rule.showErrorMessage = True
            rule.add(f"{letter}2:{letter}{VALIDATED_ROWS + 1}")
            ws.add_data_validation(rule)
        if col.type in ("text", "code", "uscc", "number", "task", "province"):
            for row in range(2, 52 + len(rows)):  # keep codes such as 330000 or 0012 as text
                ws.cell(row=row, column=i).number_format = "@"
    for r, record in enumerate(rows, 2):
        for i, value in enumerate(cell_values(spec, record, text_dates=False), 1):
            if value is not None:
                cell = ws.cell(row=r, column=i, value=value)
                if isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"


def _values_text(col: Column) -> str:
    if col.type == "enum":
        return "；".join(f"{_enum_text(col, v, 'zh')} / {v}" for v in col.values)
    if col.type == "province":
        return t("pipeline.template.provinces", "zh") + "：" + LISTS_SHEET
    return ""


def _help_sheet(wb: Workbook, spec: ReportKind) -> None:
    ws = wb.create_sheet(HELP_SHEET, 1)
    report_zh, report_en = spec.label("zh"), spec.label("en")
    ws.append([t("pipeline.template.title", "zh", report=report_zh)])
    ws.append([t("pipeline.template.title", "en", report=report_en)])
    ws.append([t("pipeline.template.intro", "zh")])
    ws.append([t("pipeline.template.intro", "en")])
    ws.append([])
    names = ("col_column", "col_key", "col_required", "col_help", "col_help", "col_values")
    ws.append(
        [f"{t(f'pipeline.template.{n}', 'zh')} {t(f'pipeline.template.{n}', 'en')}" for n in names]
    )
    for cell in ws[6]:
        cell.font = Font(bold=True)
    for col in spec.columns:
        required = t(f"pipeline.template.{'yes' if col.required else 'no'}", "zh")
        ws.append(
            [
                col.zh,
                col.key,
                required + (" / yes" if col.required else " / no"),
                col.help(spec.key, "zh"),
                col.help(spec.key, "en"),
                _values_text(col),
            ]
        )
    ws.append([])
    ws.append([t("pipeline.template.provinces", "zh"), t("pipeline.template.provinces", "en")])
    for p in _provinces():
        ws.append([p["code"], p["name_zh"], p["name_en"]])
    ws["A1"].font = Font(bold=True, size=14)
    for letter, width in zip("ABCDEF", (22, 22, 12, 50, 50, 60), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def xlsx_template(kind: str, rows: list[dict[str, Any]] | None = None) -> bytes:
    spec = REPORT_KINDS[kind]
    wb = Workbook()
    ranges = _lists_sheet(wb, spec)
    _data_sheet(wb, spec, ranges, rows or ())
    _help_sheet(wb, spec)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_templates(out: Path) -> list[Path]:
    """Write <kind>.xlsx and <kind>.csv for every report kind into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in REPORT_KINDS:
        for suffix, data in ((".xlsx", xlsx_template(kind)), (".csv", csv_template(kind))):
            path = out / f"{kind}{suffix}"
            path.write_bytes(data)
            written.append(path)
    return written
