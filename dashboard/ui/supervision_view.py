"""The supervision page: the national ranking (lagging first) with every measure's rule and
scoring, and a province's supervision sheet with its PDF and XLSX downloads. A coordinator
gets their own province's sheet only: the service computes nothing else for them."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import streamlit as st

from dashboard.exports.fonts import FontMissingError
from dashboard.exports.service import MIME_TYPES
from dashboard.i18n import LANGS, fmt_date, t
from dashboard.permissions import PermissionDenied, can
from dashboard.supervision import rules
from dashboard.supervision import sheet_text as text
from dashboard.supervision.service import SHEET_FORMATS, export_sheet, scope_of
from dashboard.supervision.sheets import Supervision, compute
from dashboard.ui.context import Viewer, session
from dashboard.ui.page_chrome import LANG_LABELS

PICK_KEY = "supervision_province"


@st.cache_data(ttl=120, max_entries=32, show_spinner=False)
def _computed(as_of: date, only: str | None) -> Supervision:
    """Cached by the scope: None (every province) or the one province computed alone."""
    with session() as s:
        return compute(s, as_of, only=only)


def _frame(table, lang: str) -> pd.DataFrame:
    """A sheet table for the screen: dates in the viewer's words, every cell text."""
    headers, rows = table

    def cell(value) -> str:
        if value is None:
            return "—"
        if isinstance(value, datetime | date):
            return fmt_date(value, lang)
        return str(value)

    return pd.DataFrame([[cell(v) for v in row] for row in rows], columns=headers)


def render(v: Viewer, as_of: date) -> None:
    lang = v.lang
    try:
        with session() as s:
            only = scope_of(s, actor=v.actor)
    except PermissionDenied:
        st.error(t("error.permission", lang))
        return
    result = _computed(as_of, only)
    st.caption(t("supervision.intro", lang))
    for line in text.notes(result, lang):
        st.caption(line)
    if result.ranked:
        st.subheader(t("supervision.ranking_heading", lang))
        st.caption(rules.ranking_text(lang))
        st.dataframe(
            _frame(text.ranking_rows(result, lang), lang), hide_index=True, width="stretch"
        )
        codes = [s.code for s in result.sheets]  # lagging first: the first is the most lagging
        names = {s.code: text.province_name(s, lang) for s in result.sheets}
        code = st.selectbox(
            t("supervision.pick", lang),
            codes,
            key=PICK_KEY,
            format_func=lambda c: names[c],
        )
    else:
        st.info(t("supervision.coordinator_note", lang))
        code = only
    _sheet(v, result.only(code), as_of)


def _sheet(v: Viewer, result: Supervision, as_of: date) -> None:
    lang = v.lang
    if not result.sheets:
        return
    sheet = result.sheets[0]
    st.subheader(text.sheet_heading(sheet, lang))
    st.caption(text.standing_line(sheet, result.total, lang))
    # every measure with its figure, points, rule and scoring, wrapped in full
    st.table(_frame(text.summary_table(sheet, lang), lang), hide_index=True)
    tabs = st.tabs(
        [t(f"supervision.section.{k}", lang) for k in ("quarters", "overdue", "returns")]
    )
    tables = (
        text.quarter_table(sheet, lang),
        text.overdue_table(sheet, lang),
        text.returns_table(sheet, as_of, lang),
    )
    for tab, table in zip(tabs, tables, strict=True):
        with tab:
            if table[1]:
                st.dataframe(_frame(table, lang), hide_index=True, width="stretch")
            else:
                st.caption(t("supervision.none", lang))
    _downloads(v, sheet.code, as_of)


def _downloads(v: Viewer, code: str, as_of: date) -> None:
    lang = v.lang
    if not can(v.role, "export"):
        return
    with st.popover(t("supervision.download", lang), icon=":material/download:"):
        fmt = st.radio(
            t("supervision.format", lang),
            SHEET_FORMATS,
            key="sup_fmt",
            horizontal=True,
            format_func=lambda f: t("export.format." + f, lang),
        )
        sheet_lang = st.radio(
            t("language", lang),
            LANGS,
            key="sup_lang",
            horizontal=True,
            index=LANGS.index(lang),
            format_func=LANG_LABELS.get,
        )
        made_from = (code, as_of, fmt, sheet_lang)
        if st.button(t("export.prepare", lang), key="sup_prepare"):
            st.session_state["sup_file"] = None
            try:
                with st.spinner(t("export.working", lang)), session() as s:
                    made = export_sheet(
                        s, actor=v.actor, code=code, as_of=as_of, fmt=fmt, lang=sheet_lang
                    )
                    s.commit()
                st.session_state["sup_file"] = (made_from, *made)
            except PermissionDenied:
                st.error(t("export.denied", lang))
            except FontMissingError:
                st.error(t("export.font_missing", lang))
        ready = st.session_state.get("sup_file")
        if ready and ready[0] == made_from:  # never a file made for another choice
            _made, data, filename = ready
            st.download_button(
                t("export.download", lang),
                data,
                file_name=filename,
                mime=MIME_TYPES[fmt],
                key="sup_download",
                icon=":material/download:",
            )
