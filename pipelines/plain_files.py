"""Report files as a reporter might make them by hand: a header row and the rows, as plain
CSV or XLSX bytes, without the template's lists, styling or help sheet. The benchmark
ingests them, and the test corpora are built from them."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

# A pilot_status and a measurement_review file's columns, by their keys (no location).
PILOT_HEADER = [
    "pilot_code",
    "pilot_name",
    "pilot_type",
    "province_code",
    "uscc",
    "industry",
    "stage",
    "stage_date",
    "standards_adopted",
    "note",
]
REVIEW_HEADER = [
    "uscc",
    "enterprise_name",
    "province_code",
    "industry",
    "review_status",
    "review_date",
    "instruments_total",
    "instruments_calibrated",
    "note",
]


def csv_bytes(header: list[str], rows: list[list[Any]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(
    header: list[str],
    rows: list[list[Any]],
    *,
    sheet: str | None = None,
    created: datetime | None = None,
) -> bytes:
    """One sheet (named `sheet`, else openpyxl's default) holding the header and the rows.
    `created` fixes the workbook's created and modified times (a file built again then
    holds the same)."""
    from openpyxl import Workbook

    wb = Workbook()  # not write-only: like Excel, it records the sheet's dimensions
    if created is not None:
        wb.properties.created = wb.properties.modified = created
    ws = wb.worksheets[0]  # the new workbook's one sheet
    if sheet is not None:
        ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
