"""The provincial map: a choropleth of a chosen measure with the table beside it."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.charts.china_map import choropleth_spec, web_choropleth_spec
from dashboard.exports.column_labels import table_columns
from dashboard.i18n import fmt_date, t
from dashboard.services.provinces import MEASURES
from dashboard.ui import cached
from dashboard.ui.context import Viewer
from dashboard.ui.export_widgets import export_panel
from dashboard.ui.tables import labelled

PROFILE_KEY = "profile_province"
MAP_WIDTH = 580  # the map's 560 px and a little room


def _first_with_figures(mapped: pd.DataFrame, order: list[str]) -> int:
    """The measure the map opens on: the first in `order` that some province has a figure
    for (a programme whose targets count national records only would open on a blank map),
    or the first when none has."""
    for i, measure in enumerate(order):
        if pd.to_numeric(mapped[measure], errors="coerce").fillna(0).any():
            return i
    return 0


def render(v: Viewer, as_of: date, programme: str | None = None) -> None:
    lang = v.lang
    if st.toggle(t("map.points_toggle", lang), key="map_points"):
        from dashboard.ui import points_view

        points_view.render(v, as_of)
        return
    df = cached.province_measures(as_of)
    labels = {m: t("measure." + m, lang) for m in MEASURES}
    if programme:
        by_target = cached.target_measures(as_of, programme)
        cards = {c.code: c for c in cached.target_cards(as_of, programme)}
        for code in by_target.columns[1:]:
            card = cards.get(code)
            name = getattr(card, f"name_{lang}") if card else code
            label = f"{code} · {name}"
            if card and card.at_deadline:
                deadline = fmt_date(date.fromisoformat(card.progress["deadline"]), lang)
                label += " · " + t("programme.figure_at_deadline", lang, date=deadline)
            labels[code] = label
        df = df.merge(by_target, on="code", how="left")
        # the programme's targets first, then the reporting measures
        order = [
            *by_target.columns[1:],
            "pilots_accepted",
            "reports_on_time_pct",
            "days_since_report",
        ]
    else:
        order = list(MEASURES)
    mapped = df[df["on_map"]]
    opening = _first_with_figures(mapped, order)
    measure = st.selectbox(t("map.measure", lang), order, index=opening, format_func=labels.get)
    if measure not in MEASURES:  # a target: say what the map cannot show
        figure = cards[measure].progress["actual"] if measure in cards else 0
        national = figure - int(df[measure].fillna(0).sum())
        if national > 0:
            st.caption(t("map.national_records", lang, n=national, figure=figure))
    # The map has a fixed size (its projection is laid out in pixels): side by side with the
    # table where both fit, the table below the map where they do not (1024 px), never a map
    # squeezed into a narrow column (which drew two provinces).
    row = st.container(horizontal=True, wrap=True, gap="medium")
    left = row.container(width=MAP_WIDTH)
    right = row.container(width="stretch")
    with left:
        options = {
            "value_column": measure,
            "value_title": measure if measure not in MEASURES else labels[measure],
            "title": labels[measure],
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
            title=labels[measure],
            as_of=as_of,
            subtitle=t("chart.subtitle_asof", lang, as_of=fmt_date(as_of, lang)),
            chart=lambda: choropleth_spec(values, **options),
            table=df[["code", f"name_{lang}", measure]].rename(
                columns={
                    "code": t("col.code", lang),
                    f"name_{lang}": t("col.province", lang),
                    measure: labels[measure],
                }
            ),
        )
    with right:
        table = df.sort_values(measure, ascending=False, na_position="last")
        st.dataframe(
            labelled(
                table,
                lang,
                table_columns("code", {f"name_{lang}": "col.province"}),
            ).assign(**{labels[measure]: [_shown(x) for x in table[measure]]}),
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


def _shown(value):
    return "—" if value is None or value != value else value  # NaN is not equal to itself


def _picked(event) -> str | None:
    if not event:
        return None
    chosen = event.selection.get("province") if hasattr(event, "selection") else None
    if chosen:
        return chosen[0].get("code")
    return None
