"""Labelled tables: blanks show as a dash, provinces by name, values translated once."""

from datetime import date

import pandas as pd

from dashboard.ui import cached
from dashboard.ui.tables import labelled


def test_blanks_names_and_dates(monkeypatch):
    monkeypatch.setattr(cached, "province_names", lambda lang: {"330000": "浙江省"})
    df = pd.DataFrame(
        {
            "who": ["ministry", None],
            "province_code": ["330000", None],
            "day": [date(2025, 1, 2), None],
            "stage": ["approved", "approved"],
        }
    )
    out = labelled(
        df,
        "zh",
        {
            "who": "submit.decided_by",
            "province_code": ("col.province", "province"),
            "day": ("col.stage_date", "date"),
            "stage": ("col.stage", "stage"),
        },
    )
    assert out.iloc[1].tolist()[:3] == ["—", "—", "—"]
    assert out.iloc[0, 1] == "浙江省"
    assert out.iloc[0, 3] == out.iloc[1, 3] != "approved"  # translated
