"""The map's point layer: where the pilots (or the CEMS pilots) are, coloured by stage and
shaped by type, with the same records as a table beside it (for screen readers and for
copying) and the export of both."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.charts.point_map import point_map_spec, web_point_map_spec
from dashboard.i18n import enum_label, fmt_date, fmt_int, t
from dashboard.kinds import ENUMS
from dashboard.services.locations import LAYERS, STAGE_GROUP, has_code, located_records
from dashboard.ui import cached
from dashboard.ui.context import Viewer, session
from dashboard.ui.export_widgets import export_panel

MAX_POINTS = 20_000  # a browser draws this many points comfortably; the table has them all
MAP_WIDTH = 580


def labelled_points(df: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """The located records with their labels in `lang` (what the chart and table show)."""
    group = STAGE_GROUP[kind]
    return df.assign(
        type_label=[enum_label("pilot_type", x, lang) for x in df["type"]],
        stage_label=[enum_label(group, x, lang) for x in df["stage"]],
        province=[cached.province_name(c, lang) for c in df["province_code"]],
        datum_label=[enum_label("datum", x, lang) for x in df["datum"]],
    )


def points_table(df: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    codes = {t("col.code", lang): df["code"]} if has_code(kind) else {}
    return pd.DataFrame(
        {
            **codes,
            t("col.name", lang): df["name"],
            t("col.type", lang): df["type_label"],
            t("col.stage", lang): df["stage_label"],
            t("col.province", lang): df["province"],
            t("locations.col.longitude", lang): df["longitude"],
            t("locations.col.latitude", lang): df["latitude"],
            t("locations.col.datum", lang): df["datum_label"],
        }
    )


def chart_options(kind: str, lang: str, as_of: date) -> dict:
    group = STAGE_GROUP[kind]
    return {
        "title": t(f"locations.title.{kind}", lang),
        "subtitle": t("chart.subtitle_asof", lang, as_of=fmt_date(as_of, lang)),
        "lang": lang,
        "stages": [enum_label(group, s, lang) for s in ENUMS[group]],
        "labels": {
            "stage": t("col.stage", lang),
            "type": t("col.type", lang),
            "name": t("col.name", lang),
            **({"code": t("col.code", lang)} if has_code(kind) else {}),
            "province": t("col.province", lang),
            "location": t("locations.col.location", lang),
            "type.park": enum_label("pilot_type", "park", lang),
            "type.enterprise": enum_label("pilot_type", "enterprise", lang),
        },
    }


def render(v: Viewer, as_of: date) -> None:
    lang = v.lang
    kind = st.radio(
        t("locations.layer", lang),
        list(LAYERS),
        horizontal=True,
        format_func=lambda k: t(f"locations.layer.{k}", lang),
        key="map_points_layer",
    )
    with session() as s:
        df = located_records(s, actor=v.actor, kind=kind)
    df = labelled_points(df, kind, lang)
    st.caption(t("locations.count", lang, n=fmt_int(len(df), lang)))
    shown = df.head(MAX_POINTS)
    if len(df) > MAX_POINTS:
        st.caption(t("locations.capped", lang, n=fmt_int(MAX_POINTS, lang)))
    options = chart_options(kind, lang, as_of)
    row = st.container(horizontal=True, wrap=True, gap="medium")
    left = row.container(width=MAP_WIDTH)
    right = row.container(width="stretch")
    table = points_table(df, kind, lang)
    with left:
        st.vega_lite_chart(
            spec=web_point_map_spec(shown, **options), width="content", key="points_map"
        )
        st.caption(t("locations.note", lang))
        export_panel(
            v,
            key=f"map_points_{kind}",
            title=options["title"],
            as_of=as_of,
            subtitle=options["subtitle"],
            chart=lambda: point_map_spec(shown, **options),
            table=table,
        )
    with right:
        st.dataframe(table, hide_index=True, width="stretch", height=520)
