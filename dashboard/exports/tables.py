"""Data downloads: CSV (UTF-8 with a BOM, for Chinese Excel) and XLSX (typed cells, a frozen
header, widths from the content, and a metadata sheet).

The CSV is kept a clean table, one header row and the data, so that it reads back into any
tool without skipping rows; its metadata (title, as-of date) goes into the file name
(`service.suggested_filename`), and the XLSX carries the full metadata sheet.

Text that begins with =, +, -, @, a tab, CR or LF is prefixed with a single quote in both
formats, so that a spreadsheet cannot run it as a formula; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dashboard.cells import FORMULA_STARTS, neutralise  # noqa: F401  (re-exported)
from dashboard.exports.chart_export import ExportMeta, basis_text, source_text, stamp
from dashboard.exports.textfit import display_width
from dashboard.i18n import fmt_date, local_time, t

BOM = "\ufeff"
MIN_WIDTH, MAX_WIDTH = 8, 60
HEADER_FILL = PatternFill("solid", fgColor="E8EEF2")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
BAD_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def _missing(value) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, pd.Timestamp) and pd.isna(value)


def plain_value(value):
    """A pandas/numpy value as the plain Python value of its type: None when missing, numpy
    scalars unwrapped, a Timestamp as a datetime, a Decimal as a float."""
    if _missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, Decimal):
        return float(value)
    return value


def cell_value(value):
    """A table value as a spreadsheet cell: its plain value (`plain_value`), a timestamp in
    the display zone, a list joined, text neutralised."""
    value = plain_value(value)
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # spreadsheets have no time zones: the display zone's
            value = local_time(value).replace(tzinfo=None)
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, bool | int | float | date | str):
        return neutralise(value)
    return neutralise(str(value))


def _rows(df: pd.DataFrame):
    for row in df.itertuples(index=False, name=None):
        yield [cell_value(v) for v in row]


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def to_csv_bytes(df: pd.DataFrame, meta: ExportMeta | None = None, lang: str = "zh") -> bytes:
    """The table as CSV in UTF-8 with a byte-order mark and CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise(str(c)) for c in df.columns])
    for row in _rows(df):
        writer.writerow([_csv_text(v) for v in row])
    return (BOM + buf.getvalue()).encode("utf-8")


def sheet_title(name: str) -> str:
    cleaned = name.translate(BAD_SHEET_CHARS).strip("'").strip() or "Sheet"
    return cleaned[:31]


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return max(display_width(line) for line in str(value).split("\n"))


def _xlsx(value):
    """Control characters that XML cannot hold are dropped from text."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _write_data(ws, df: pd.DataFrame) -> None:
    headers = [_xlsx(neutralise(str(c))) for c in df.columns]
    ws.append(headers)
    widths = [display_width(h) for h in headers]
    for row in _rows(df):
        row = [_xlsx(v) for v in row]
        ws.append(row)
        widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=True)]
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for col in ws.iter_cols(min_row=2):
        for cell in col:
            if isinstance(cell.value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(w + 2, MIN_WIDTH), MAX_WIDTH)
    ws.freeze_panes = "A2"
    if df.shape[1]:
        ws.auto_filter.ref = f"A1:{get_column_letter(df.shape[1])}{max(len(df) + 1, 1)}"


def metadata_rows(meta: ExportMeta, lang: str, rows: int | None = None) -> list[tuple[str, str]]:
    yes_no = t("export.yes" if meta.synthetic else "export.no", lang)
    out = [
        (t("export.meta.title", lang), meta.title),
        (t("export.meta.filters", lang), meta.subtitle or t("export.no_filters", lang)),
        (t("export.meta.as_of", lang), fmt_date(meta.as_of, lang)),
        (t("export.meta.source", lang), source_text(meta, lang)),
        (t("export.meta.basis", lang), basis_text(meta, lang)),
        (t("export.meta.synthetic", lang), yes_no),
        (t("export.meta.exported_at", lang), stamp(meta.exported_at, lang)),
        (t("export.meta.exported_by", lang), meta.exported_by or "—"),
    ]
    if rows is not None:
        out.append((t("export.meta.rows", lang), rows))
    out.append((t("export.meta.injection", lang), t("export.meta.injection_text", lang)))
    return out


def _write_metadata(ws, meta: ExportMeta, lang: str, rows: int) -> None:
    ws.append([t("export.meta.item", lang), t("export.meta.value", lang)])
    for label, value in metadata_rows(meta, lang, rows):
        ws.append([label, neutralise(value)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for (cell,) in ws.iter_rows(min_col=2, max_col=2, min_row=2):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if isinstance(cell.value, str):
            cell.data_type = "s"
    ws.column_dimensions["A"].width = 20
    ws.column_dimensions["B"].width = 80
    ws.freeze_panes = "A2"


def to_xlsx_bytes(
    df: pd.DataFrame, meta: ExportMeta, lang: str, sheet_name: str | None = None
) -> bytes:
    """The table as an XLSX workbook: the data sheet first, then the metadata sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(sheet_name or t("export.data_sheet", lang))
    _write_data(ws, df)
    about = wb.create_sheet(sheet_title(t("export.meta.sheet", lang)))
    _write_metadata(about, meta, lang, len(df))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
