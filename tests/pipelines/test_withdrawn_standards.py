"""A standard's withdrawal date in a report: checked against its status and issue date, and
counted as the rule says (in the figures before its withdrawal, not after)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.models import Target
from dashboard.progress.service import progress_for

HEADER = "number,kind,category,title_zh,status,issue_date,withdrawn_on\n"


@pytest.mark.parametrize(
    ("row", "code"),
    [
        (
            "GB/T 1-2024,national_standard,carbon_accounting,甲,issued,2024-03-01,2025-01-01",
            "withdrawn_on_needs_status",
        ),
        (
            "GB/T 2-2024,national_standard,carbon_accounting,乙,withdrawn,2024-03-01,2024-01-01",
            "withdrawn_before_issue",
        ),
    ],
)
def test_a_wrong_withdrawal_date_is_refused_and_nothing_changes(session, ingest, actors, row, code):
    result = ingest((HEADER + row + "\n").encode(), "std.csv", actors["admin"], accept=True)
    assert result.status == "rejected"
    assert [(e["row"], e["column"], e["code"]) for e in result.errors] == [
        (2, "withdrawn_on", code)
    ]


def test_a_withdrawn_standard_counts_until_its_withdrawal(session, ingest, actors):
    rows = (
        "GB/T 3-2024,national_standard,carbon_accounting,丙,withdrawn,2024-03-01,2025-02-01\n"
        "GB/T 4-2024,national_standard,carbon_accounting,丁,issued,2024-04-01,\n"
    )
    result = ingest((HEADER + rows).encode(), "std.csv", actors["admin"], accept=True)
    assert result.status == "accepted", result.errors
    t1 = session.get(Target, "T1")  # national standards issued in 2024
    assert progress_for(session, t1, date(2024, 12, 31)).actual == 2  # in force then
