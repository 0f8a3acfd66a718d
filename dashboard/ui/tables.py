"""Turning service frames into labelled tables in the viewer's language (the same helper the
exports use: `dashboard.exports.labels`)."""

from __future__ import annotations

import pandas as pd

from dashboard.exports.labels import Columns, table_frame
from dashboard.ui import cached


def labelled(df: pd.DataFrame, lang: str, columns: Columns, *, typed=False) -> pd.DataFrame:
    """Pick and rename columns. A value of (key, group) translates an enumeration,
    (key, "date") formats a date or a moment (in the display zone), (key, "province") names
    a province, (key, "list") joins. With typed=True the cells are the export's: dates stay
    dates and a province's code stands beside its name."""
    return table_frame(df, columns, lang, provinces=cached.province_names(lang), typed=typed)
