"""The provincial map: a choropleth of a chosen measure with the table beside it."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard.charts.china_map import choropleth_spec, web_choropleth_spec
from dashboard.i18n import fmt_date, t
from dashboard.services.provinces import MEASURES
from dashboard.ui import cached
from dashboard.ui.context import Viewer
from dashboard.ui.export_widgets import export_panel
from dashboard.ui.tables import labelled

PROFILE_KEY = "profile_province"
MAP_WIDTH = 580  # the map's 560 px and a little room


def render(v: Viewer, as_of: date) -> None:
    lang = v.lang
    measure = st.selectbox(
        t("map.measure", lang), MEASURES, format_func=lambda m: t("measure." + m, lang)
    )
    df = cached.province_measures(as_of)
    mapped = df[df["on_map"]]
    # The map has a fixed size (its projection is laid out in pixels): side by side with the
    # table where both fit, the table below the map where they do not (1024 px), never a map
    # squeezed into a narrow column (which drew two provinces).
    row = st.container(horizontal=True, wrap=True, gap="medium")
    left = row.container(width=MAP_WIDTH)
    right = row.container(width="stretch")
    with left:
        options = {
            "value_column": measure,
            "value_title": t("measure." + measure, lang),
            "title": t("measure." + measure, lang),
            "subtitle": t("chart.subtitle_asof", lang, as_of=fmt_date(as_of, lang)),
            "lang": lang,
        }
        values = mapped[["code", measure]].dropna()
        event = st.vega_lite_chart(
            spec=web_choropleth_spec(values, **options),
            width="content",
            on_select="rerun",
            key="province_map",
            selection_mode="province",
        )
        st.caption(t("map.click_hint", lang))
        export_panel(
            v,
            key=f"map_{measure}",
            title=t("measure." + measure, lang),
            as_of=as_of,
            subtitle=t("chart.subtitle_asof", lang, as_of=fmt_date(as_of, lang)),
            chart=lambda: choropleth_spec(values, **options),
            table=df[["code", f"name_{lang}", measure]].rename(
                columns={
                    "code": t("col.code", lang),
                    f"name_{lang}": t("col.province", lang),
                    measure: t("measure." + measure, lang),
                }
            ),
        )
    with right:
        table = df.sort_values(measure, ascending=False, na_position="last")
        st.dataframe(
            labelled(
                table,
                lang,
                {"code": "col.code", f"name_{lang}": "col.province", measure: "measure." + measure},
            ),
            hide_index=True,
            width="stretch",
            height=520,
        )
        xpcc = df[~df["is_standard"]]
        if len(xpcc):
            st.caption(t("map.xpcc_note", lang))
    picked = _picked(event)
    if picked:
        st.session_state[PROFILE_KEY] = picked
        st.switch_page("../pages/province.py")


def _picked(event) -> str | None:
    if not event:
        return None
    chosen = event.selection.get("province") if hasattr(event, "selection") else None
    if chosen:
        return chosen[0].get("code")
    return None
