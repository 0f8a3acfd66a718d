"""Tables as people read them: one helper for every table shown or exported.

A table is described once, as a dict from the service frame's column to its catalog label,
optionally with how its values read:

    {"code": "col.code",                                  # as it is
     "pilot_type": ("col.type", "pilot_type"),            # an enumeration: its label
     "province_code": ("col.province", "province"),       # a GB/T 2260 code: the name
     "current_stage_date": ("col.stage_date", "date"),    # a date or a moment
     "lead": ("col.lead", "list")}                        # a list, joined

The product's columns are described once, in `dashboard.exports.column_labels`; a page names
its columns there (`table_columns`).

`table_frame(..., typed=False)` gives the screen's text; `typed=True` gives the export's
cells: dates stay dates, moments become datetimes in the display zone (named in the header),
a province gets its name and, beside it, its code, and blanks stay empty. Formula
neutralisation happens when the cells are written (`dashboard.exports.tables`).

`filters_text` states the filters of an export in words; no filters, no text (the export
then says "all records").
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
from sqlmodel import Session, select

from dashboard.i18n import enum_label, fmt_date, has, local_time, t, zone_label
from dashboard.models import Province

Columns = dict[str, "str | tuple[str, str]"]
PLAIN = (None, "date", "province", "list")


def province_names(session: Session, lang: str) -> dict[str, str]:
    rows = session.exec(select(Province.code, Province.name_zh, Province.name_en)).all()
    return {code: (zh if lang == "zh" else en) or code for code, zh, en in rows}


def _spec(spec) -> tuple[str, str | None]:
    return (spec, None) if isinstance(spec, str) else (spec[0], spec[1])


def province_fields(columns: Columns) -> list[str]:
    """The columns holding province codes (the export's scope check reads them)."""
    return [field for field, spec in columns.items() if _spec(spec)[1] == "province"]


def present(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return False
    try:
        return bool(value == value)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):  # arrays, lists
        return True


def _as_time(value):
    """A date or datetime from what a frame holds (SQLite may give ISO text)."""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _distinct(values, label) -> list:
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


def _enum(group: str, lang: str):
    def label(v):
        if not present(v):
            return None
        return enum_label(group, v, lang) if has(f"{group}.{v}") else str(v)

    return label


def table_frame(
    df: pd.DataFrame,
    columns: Columns,
    lang: str,
    *,
    provinces: dict[str, str],
    typed: bool = False,
) -> pd.DataFrame:
    """The columns picked, labelled in `lang`, their values as people read them."""
    out: dict[str, list] = {}
    blank = None if typed else "—"
    for field, spec in columns.items():
        key, how = _spec(spec)
        label = t(key, lang)
        values = list(df[field]) if field in df.columns else [None] * len(df)
        if how == "date":
            values = _distinct(values, _as_time)
            moments = any(isinstance(v, datetime) for v in values)
            if typed:
                values = [
                    (local_time(v).replace(tzinfo=None) if isinstance(v, datetime) else v)
                    if present(v)
                    else None
                    for v in values
                ]
                if moments:
                    label += f"（{zone_label(lang)}）" if lang == "zh" else f" ({zone_label(lang)})"
            else:
                values = _distinct(values, lambda v: fmt_date(v, lang) if present(v) else "—")
        elif how == "province":
            names = [provinces.get(v, v) if present(v) and v else blank for v in values]
            if typed:
                out[label] = names
                label = t("col.province_code", lang)
                values = [v if present(v) and v else None for v in values]
            else:
                values = names
        elif how == "list":
            sep = "、" if lang == "zh" else ", "
            values = [sep.join(map(str, v)) if present(v) else blank for v in values]
        elif how is not None:
            values = [v if v is not None else blank for v in _distinct(values, _enum(how, lang))]
        else:
            values = [v if present(v) else blank for v in values]
        out[label] = values
    return pd.DataFrame(out, columns=list(out))


def filters_text(lang: str, filters: list[tuple[str, list[str] | str | None]]) -> str:
    """The filters in force, in words: [(label key, chosen values already labelled)].
    A filter with nothing chosen is left out; no filter at all gives ""."""
    sep, colon, join = ("；", "：", "、") if lang == "zh" else ("; ", ": ", ", ")
    parts = []
    for key, chosen in filters:
        if chosen is None or chosen == "" or chosen == [] or chosen == ():
            continue
        text = chosen if isinstance(chosen, str) else join.join(map(str, chosen))
        parts.append(f"{t(key, lang)}{colon}{text}")
    return sep.join(parts)
