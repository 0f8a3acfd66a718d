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
            series = [v if _present(v) else None for v in series]
        elif how == "date":
            series = _each_distinct(series, lambda v: fmt_date(v, lang) if _present(v) else "—")
        elif how == "province":
            names = cached.province_names(lang)
            series = [names.get(v, v) if isinstance(v, str) and v else "—" for v in series]
        elif how == "list":
            series = ["、".join(v) if lang == "zh" else ", ".join(v) for v in series]
        elif how is not None:
            series = _each_distinct(series, lambda v, how=how: enum_label(how, v, lang))
        else:
            series = [v if _present(v) else "—" for v in series]  # None, or NaN in a frame
        out[t(key, lang)] = list(series)
    return pd.DataFrame(out)


def _present(value) -> bool:
    return value is not None and value == value  # NaN and NaT are not equal to themselves


def _each_distinct(values, label) -> list:
    """label(v) for every value, computed once per distinct value (a registry has 20,000
    rows and a few dozen distinct stages or dates)."""
    memo: dict = {}
    out = []
    for v in values:
        try:
            out.append(memo[v])
        except KeyError:
            memo[v] = label(v)
            out.append(memo[v])
        except TypeError:  # unhashable
            out.append(label(v))
    return out
