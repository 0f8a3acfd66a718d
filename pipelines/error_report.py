"""Error reports for a rejected file, in CSV (UTF-8 with BOM, so Excel shows Chinese) and
XLSX: one line per problem with the row as Excel shows it (header = row 1), the column, the
value, a code and the message in Chinese and English."""

from __future__ import annotations

import csv
import io
import os
import secrets
from pathlib import Path
from typing import Any

from dashboard.cells import neutralise
from dashboard.i18n import t
from pipelines.schemas import REPORT_KINDS

FIELDS = ("kind", "row", "column", "value", "code", "message_zh", "message_en")
MAX_XLSX_LINES = 100_000


def _header() -> list[str]:
    return [f"{t(f'pipeline.report.{f}', 'zh')} {f}" for f in FIELDS]


def _column_text(kind: str | None, column: str | None) -> str:
    spec = REPORT_KINDS.get(kind or "")
    if spec and column:
        for col in spec.columns:
            if col.key == column:
                return col.header()
    return column or ""


Issues = list[dict[str, Any]]  # pipelines.messages.issue, each


def report_lines(errors: Issues, warnings: Issues, kind: str | None) -> list[list[object]]:
    lines: list[list[object]] = []
    for level, items in (("error", errors), ("warning", warnings)):
        label = f"{t(f'pipeline.report.{level}', 'zh')} {level}"
        for item in items:
            lines.append(
                [
                    label,
                    item.get("row") if item.get("row") is not None else "",
                    _column_text(kind, item.get("column")),
                    item.get("value", ""),
                    item.get("code", ""),
                    item.get("message_zh", ""),
                    item.get("message_en", ""),
                ]
            )
    return lines


def report_csv_bytes(errors: Issues, warnings: Issues, kind: str | None) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(_header())
    for line in report_lines(errors, warnings, kind):
        writer.writerow(_safe_cells(line))
    return buffer.getvalue().encode("utf-8-sig")


def _safe_cells(line: list[object]) -> list[object]:
    """Values a spreadsheet would run as a formula are prefixed with an apostrophe."""
    return [neutralise(v) for v in line]


def report_xlsx_bytes(errors: Issues, warnings: Issues, kind: str | None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook(write_only=False)
    ws = wb.worksheets[0]  # the new workbook's one sheet
    ws.title = "errors"
    ws.append(_header())
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for line in report_lines(errors, warnings, kind)[:MAX_XLSX_LINES]:
        ws.append(_safe_cells(line))
    for letter, width in zip("ABCDEFG", (14, 8, 28, 24, 26, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2, min_col=6, max_col=7):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_reports(base: Path, errors: Issues, warnings: Issues, kind: str | None) -> None:
    """Write <base>.errors.csv and <base>.errors.xlsx (replacing any earlier ones)."""
    for suffix, data in (
        (".errors.csv", report_csv_bytes(errors, warnings, kind)),
        (".errors.xlsx", report_xlsx_bytes(errors, warnings, kind)),
    ):
        target = base.with_name(base.name + suffix)
        write_atomic(target, data)


def write_atomic(target: Path, data: bytes) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a file. The
    temporary file is the writer's own, so two processes archiving the same file at once
    (two `refresh` runs) each rename a whole file and neither loses its temporary."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.part")
    try:
        temporary.write_bytes(data)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
