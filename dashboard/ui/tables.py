"""Turning service frames into labelled tables in the viewer's language (the same helper the
exports use: `dashboard.exports.labels`), and a titled table of one row per item."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.exports.labels import Columns, table_frame
from dashboard.i18n import t
from dashboard.ui import cached


def labelled(df: pd.DataFrame, lang: str, columns: Columns, *, typed=False) -> pd.DataFrame:
    """Pick and rename columns. A value of (key, group) translates an enumeration,
    (key, "date") formats a date or a moment (in the display zone), (key, "province") names
    a province, (key, "list") joins. With typed=True the cells are the export's: dates stay
    dates and a province's code stands beside its name."""
    return table_frame(df, columns, lang, provinces=cached.province_names(lang), typed=typed)


def titled_rows(
    rows: Sequence[Any],
    lang: str,
    title_key: str,
    caption_key: str,
    cells: dict[str, Callable[[Any], Any]],
) -> None:
    """A table of one line per item of `rows` under its title and caption, a column for each
    of the `cells` (its label's key, and what it shows of an item); nothing without rows."""
    if not rows:
        return
    st.subheader(t(title_key, lang))
    st.caption(t(caption_key, lang))
    table = pd.DataFrame({t(key, lang): [cell(r) for r in rows] for key, cell in cells.items()})
    st.dataframe(table, hide_index=True, width="stretch")
