"""The supervision sheet as XLSX: a sheet of measures (figure, points, rule) headed by the
province and its standing, one sheet per table behind them (quarters, overdue items, open
returns) and the metadata sheet every export carries. Dates are date cells; text that could
run as a formula is neutralised (dashboard.cells)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dashboard.cells import neutralise
from dashboard.exports.chart_export import ExportMeta
from dashboard.exports.tables import metadata_rows, sheet_title
from dashboard.exports.textfit import display_width
from dashboard.i18n import t
from dashboard.supervision import sheet_text as st
from dashboard.supervision.sheets import Supervision

HEAD = PatternFill("solid", fgColor="E8EEF2")
MAX_WIDTH = 70


def _value(value):
    return neutralise(value) if isinstance(value, str) else value


def _table(ws, table, start_row: int) -> None:
    headers, rows = table
    ws.append([_value(h) for h in headers])
    for cell in ws[start_row]:
        cell.font = Font(bold=True)
        cell.fill = HEAD
    for row in rows:
        ws.append([_value(v) for v in row])
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=start_row):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str):
                cell.data_type = "s"
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            text = "" if cell.value is None else str(cell.value)
            widths[cell.column] = max(widths.get(cell.column, 8), display_width(text) + 2)
    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(w, MAX_WIDTH)


def sheet_xlsx(result: Supervision, *, lang: str, synthetic: bool, author: str) -> bytes:
    """The workbook of `result.sheets[0]`."""
    sheet, as_of = result.sheets[0], result.as_of
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(t("supervision.section.measures", lang))
    ws.append([st.sheet_heading(sheet, lang)])
    ws["A1"].font = Font(bold=True, size=14)
    preamble = st.preamble(result, lang, synthetic)
    for line in preamble:
        ws.append([neutralise(line)])
    ws.append([])
    _table(ws, st.summary_table(sheet, lang), start_row=len(preamble) + 3)
    for key, table in (
        ("quarters", st.quarter_table(sheet, lang)),
        ("overdue", st.overdue_table(sheet, lang)),
        ("returns", st.returns_table(sheet, as_of, lang)),
    ):
        part = wb.create_sheet(sheet_title(t(f"supervision.section.{key}", lang)))
        _table(part, table, start_row=1)
        part.freeze_panes = "A2"
    meta = ExportMeta(
        title=st.sheet_heading(sheet, lang),
        subtitle=t("supervision.sheet.code", lang, code=sheet.code),
        as_of=as_of,
        synthetic=synthetic,
        exported_at=datetime.now(UTC),
        exported_by=author,
    )
    about = wb.create_sheet(sheet_title(t("export.meta.sheet", lang)))
    about.append([t("export.meta.item", lang), t("export.meta.value", lang)])
    for label, value in metadata_rows(meta, lang):
        about.append([label, neutralise(value)])
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 80
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
