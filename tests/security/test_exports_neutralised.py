"""Every CSV/XLSX the app writes goes through dashboard.cells.neutralise: the audit
download (a typed username such as =HYPERLINK(...)) and the validation error reports."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from dashboard import auth
from dashboard.services.audit_log import audit_csv_bytes, audit_frame
from pipelines.error_report import report_csv_bytes, report_xlsx_bytes
from tests import builders as b

ATTACK = '=HYPERLINK("http://127.0.0.2/x","y")'


def test_the_audit_download_keeps_a_typed_formula_as_text(session):
    admin = b.user(session, "root", "admin")
    with pytest.raises(auth.AuthError):
        auth.login(session, username=ATTACK, password="whatever-long-password")
    rows = list(
        csv.reader(
            io.StringIO(audit_csv_bytes(audit_frame(session, actor=admin)).decode("utf-8-sig"))
        )
    )
    actors = [r[rows[0].index("actor")] for r in rows[1:]]
    assert any(a.startswith("'=HYPERLINK") for a in actors)
    assert not any(a.startswith(("=", "+", "-", "@")) for r in rows[1:] for a in r)


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_error_reports_keep_formulas_as_text(value):
    errors = [{"row": 2, "column": "pilot_code", "value": value, "code": "x",
               "message_zh": value, "message_en": value}]  # fmt: skip
    text = report_csv_bytes(errors, [], "pilot_status").decode("utf-8-sig")
    cells = [c for r in csv.reader(io.StringIO(text)) for c in r]
    assert "'" + value in cells and value not in cells
    wb = load_workbook(io.BytesIO(report_xlsx_bytes(errors, [], "pilot_status")))
    values = [c.value for row in wb.active.iter_rows() for c in row]
    assert "'" + value in values and value not in values
