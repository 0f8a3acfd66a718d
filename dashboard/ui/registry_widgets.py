"""What the record registries (pilots, measurement reviews, standards, tasks) draw alike: a
filter of vocabulary values, the table a person picks one record from, the picked record
and its history."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.i18n import enum_label, fmt_int, t
from dashboard.permissions import can
from dashboard.ui.context import Viewer
from dashboard.ui.tables import labelled


def enum_filter(
    place: Any, label_key: str, choices: Sequence[str], group: str, lang: str
) -> list[str]:
    """A multiselect of vocabulary values, shown by their labels; none chosen means all."""
    return place.multiselect(
        t(label_key, lang),
        choices,
        format_func=lambda x: enum_label(group, x, lang),
        placeholder=t("filter.choose", lang),
        select_all=False,
    )


def pick_table(df: pd.DataFrame, lang: str, columns: dict, key: str) -> Any:
    """How many records, that the counting marks are as of today, and the table (labelled)
    a person picks one record from; returns the table's selection event."""
    st.caption(t("registry.count", lang, n=fmt_int(len(df), lang)))
    st.caption(t("registry.today_note", lang))
    return st.dataframe(
        labelled(df, lang, columns),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )


def picked(event: Any, df: pd.DataFrame, lang: str, hint_key: str) -> pd.Series | None:
    """The record picked in the table, or None (and a hint to pick one)."""
    record = followed_row(event, df, f"{hint_key}_picked")
    if record is None:
        st.caption(t(hint_key, lang))
    return record


def followed_row(event: Any, df: pd.DataFrame, key: str, id_column: str = "id") -> Any:
    """The row a person picked, followed by its identifier. A table keeps its selection as
    a row position; when another person's save reorders the rows (newest change first), the
    position would point at another record and the open form would switch to it. The id
    picked is kept beside the position: None when that record is no longer listed."""
    rows = event.selection.rows if event else []
    if not rows:
        st.session_state.pop(key, None)
        return None
    position = rows[0]
    held = st.session_state.get(key)
    if held is not None and held[0] == position:
        same = df[df[id_column] == held[1]]
        return same.iloc[0] if len(same) else None
    if position >= len(df):
        return None
    record = df.iloc[position]
    st.session_state[key] = (position, record[id_column])
    return record


def history_table(history: pd.DataFrame, lang: str, columns: dict) -> None:
    """A record's history entries, labelled."""
    st.dataframe(labelled(history, lang, columns), hide_index=True, width="stretch")


def may_edit_own(v: Viewer, action: str, record: pd.Series) -> bool:
    """The viewer's role may take the action, and the record is of their own province."""
    return can(v.role, action) and record["province_code"] == v.province


def held_version(prefix: str, record: pd.Series) -> str:
    """The session-state key that holds the version of the record the form was opened on
    (a save over a newer version is refused by the service)."""
    key = f"{prefix}_version_{int(record['id'])}"
    st.session_state.setdefault(key, int(record["version"]))
    return key
