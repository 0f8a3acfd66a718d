"""The standards and measurement deliverables registry."""

from __future__ import annotations

import streamlit as st

from dashboard.exports.column_labels import table_columns
from dashboard.exports.labels import filters_text
from dashboard.i18n import enum_label, fmt_int, t
from dashboard.services.registries import StandardFilter, standards_frame
from dashboard.ui.context import Viewer, session
from dashboard.ui.export_widgets import filtered_export
from dashboard.ui.registry_widgets import count_chart, enum_filter
from dashboard.ui.tables import labelled
from dashboard.vocab import DELIVERABLE_CATEGORIES, DELIVERABLE_KINDS, DELIVERABLE_STATUSES

COLUMNS = table_columns(
    "number",
    "adopted_standard",
    ("kind", "kind"),
    ("category", "category"),
    "title_zh",
    "title_en",
    ("status", "dstatus"),
    "issue_date",
    "started_on",
    "responsible_org",
)


def render(v: Viewer) -> None:
    lang = v.lang
    c1, c2, c3, c4, c5 = st.columns([2, 2, 2, 1.5, 2])  # the year needs room for "全部"
    kinds = enum_filter(c1, "filter.kind", DELIVERABLE_KINDS, "kind", lang)
    cats = enum_filter(c2, "filter.category", DELIVERABLE_CATEGORIES, "category", lang)
    statuses = enum_filter(c3, "filter.status", DELIVERABLE_STATUSES, "dstatus", lang)
    year = c4.selectbox(
        t("filter.year", lang),
        [None, 2023, 2024, 2025, 2026],
        format_func=lambda y: t("filter.all", lang) if y is None else str(y),
    )
    text = c5.text_input(t("filter.search", lang), max_chars=100)
    with session() as s:
        df = standards_frame(
            s,
            actor=v.actor,
            f=StandardFilter(tuple(kinds), tuple(cats), tuple(statuses), year, text),
        )
    filters = [
        ("filter.kind", [enum_label("kind", k, lang) for k in kinds]),
        ("filter.category", [enum_label("category", k, lang) for k in cats]),
        ("filter.status", [enum_label("dstatus", k, lang) for k in statuses]),
        ("filter.year", None if year is None else str(year)),
        ("filter.search", text.strip()),
    ]
    st.caption(t("registry.count", lang, n=fmt_int(len(df), lang)))
    if df.empty:
        st.info(t("registry.none", lang))
        return
    count_chart(
        v,
        df.groupby("kind").size().reset_index(name="n"),
        category="kind",
        value="n",
        label_key="filter.kind",
        title_key="standards.by_kind",
        key="standards_by_kind",
        subtitle=filters_text(lang, filters),
    )
    table = labelled(df, lang, COLUMNS)
    st.dataframe(table, hide_index=True, width="stretch")
    filtered_export(
        v, key="standards", title_key="standards.title", table=df, columns=COLUMNS, filters=filters
    )
