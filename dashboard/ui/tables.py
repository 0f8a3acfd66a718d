"""Turning service frames into labelled tables in the viewer's language."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import enum_label, fmt_date, t
from dashboard.ui import cached


def labelled(
    df: pd.DataFrame, lang: str, columns: dict[str, str | tuple[str, str]], *, typed=False
) -> pd.DataFrame:
    """Pick and rename columns. A value of (key, group) translates an enumeration,
    (key, "date") formats a date, (key, "province") names a province, (key, "list") joins.
    With typed=True dates stay dates (for XLSX exports)."""
    out = {}
    for col, spec in columns.items():
        key, how = (spec, None) if isinstance(spec, str) else (spec[0], spec[1])
        series = df[col]
        if how == "date" and typed:
            series = [v if v is not None and v == v else None for v in series]
        elif how == "date":
            series = [fmt_date(v, lang) if v is not None and v == v else "—" for v in series]
        elif how == "province":
            series = [cached.province_name(v, lang) if v else "—" for v in series]
        elif how == "list":
            series = ["、".join(v) if lang == "zh" else ", ".join(v) for v in series]
        elif how is not None:
            series = [enum_label(how, v, lang) for v in series]
        else:
            series = ["—" if v is None else v for v in series]
        out[t(key, lang)] = list(series)
    return pd.DataFrame(out)
