"""Offline choropleth of China's 34 provincial-level divisions (Altair / Vega-Lite).

The base map (geometry, projection, the layout of the main map and of the South China Sea
inset) is dashboard/charts/base_map.py. Every chart carries its geometry inline (or, for the
browser, loads it from this server by URL), loads nothing over the network and always shows
the South China Sea dash line: on the main map (east of Taiwan) and in an inset of the South
China Sea islands in the lower right corner. Pure module: no Streamlit import.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any

import altair as alt
import pandas as pd

from dashboard.charts.base_map import (
    BORDER_COLOR,
    DASH_LINE_COLOR,
    DASH_LINE_DATASET,
    GEOMETRY_URL,
    INSET_OUTLINE_COLOR,
    MARGIN,
    PROVINCES_DATASET,
    base_features,
    d3_geometries,
    inset_frame,
    layout,
    load_geo,
    projection,
)

SELECTION_NAME = "province"

MISSING_COLOR = "#dcdcdc"
# Sequential scheme, starting above white so that the lowest value differs from "no data" and
# from the sea.
SEQUENTIAL_SCHEME = {"name": "blues", "extent": [0.2, 1.0]}


# --- data ------------------------------------------------------------------------------------


def _categories(column: pd.Series) -> list[str]:
    """Legend order for a non-numeric column: its categories if categorical, else first seen."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return [str(c) for c in column.cat.categories]
    return [str(v) for v in pd.unique(column.dropna())]


def _value_lookup(values: pd.DataFrame, value_column: str) -> tuple[dict[str, Any], bool]:
    """Province code to value (None when missing), and whether the values are numeric."""
    if "code" not in values.columns:
        raise ValueError("values needs a 'code' column of 6-digit GB/T 2260 codes")
    if value_column not in values.columns:
        raise ValueError(f"values has no column {value_column!r}")
    codes = values["code"].astype(str).str.strip()
    if codes.duplicated().any():
        dup = sorted(set(codes[codes.duplicated()]))
        raise ValueError(f"duplicate province codes in values: {dup}")
    column = values[value_column]
    numeric = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
    lookup: dict[str, Any] = {}
    for code, raw in zip(codes, column, strict=True):
        if raw is None or (not isinstance(raw, str) and pd.isna(raw)):
            lookup[code] = None
        elif numeric:
            lookup[code] = raw.item() if hasattr(raw, "item") else raw
        else:
            lookup[code] = str(raw)
    return lookup, numeric


def _features_with_values(
    values: pd.DataFrame, value_column: str, lang: str
) -> tuple[list[dict], bool]:
    """Copy the province features and merge ``value`` and ``name`` into their properties.

    Returns the features (d3 winding) and whether the value column is numeric.
    """
    lookup, numeric = _value_lookup(values, value_column)
    provinces, _ = load_geo()
    geometries = d3_geometries()
    name_key = "name_zh" if lang == "zh" else "name_en"
    features = []
    for feature in provinces["features"]:
        props = dict(feature["properties"])
        props["name"] = props[name_key]
        props["value"] = lookup.get(props["code"])
        features.append(
            {
                "type": "Feature",
                "id": props["code"],
                "properties": props,
                "geometry": geometries[props["code"]],
            }
        )
    return features, numeric


@lru_cache(maxsize=1)
def web_geometry() -> dict[str, bytes]:
    """The geometry the web map loads by URL, once per browser (see `choropleth_spec`):
    province features with d3 winding and both names, and the dash line. Served by
    dashboard/server.py under GEOMETRY_URL; nothing comes from outside the server."""
    _, dash = load_geo()
    features = base_features()

    def encode(collection: list[dict]) -> bytes:
        doc = {"type": "FeatureCollection", "features": collection}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    return {"provinces.json": encode(features), "dash-line.json": encode(dash["features"])}


LEGEND_HEIGHT = 58  # px the legend takes: its title and a gradient, or two rows of symbols


# --- chart -----------------------------------------------------------------------------------


def _choropleth(
    values: pd.DataFrame,
    *,
    value_column: str,
    value_title: str,
    title: str,
    lang: str = "zh",
    subtitle: str | None = None,
    width: int = 560,
    height: int = 480,
    geometry_url: str | None = None,
) -> tuple[alt.LayerChart, dict]:
    """Province choropleth with the dash line and a South China Sea inset.

    ``values`` has a ``code`` column (6-digit GB/T 2260 strings) and ``value_column``; numeric
    values get a sequential scale, anything else a categorical one. Provinces without a value are
    light grey. A point selection named ``"province"`` on the field ``code`` reports the clicked
    province (``st.vega_lite_chart(spec, on_select="rerun")``). With ``geometry_url`` the
    boundaries are loaded from that URL and the values joined by a lookup; otherwise everything
    is inline (named ``datasets``: no URLs). There is no top-level ``config``.
    """
    at = layout(width, height)
    if geometry_url is None:
        features, numeric = _features_with_values(values, value_column, lang)
        _, dash_geo = load_geo()
        dash_features = copy.deepcopy(dash_geo["features"])
        # Named inline datasets: the geometry is carried once although two layers draw it.
        datasets = {PROVINCES_DATASET: features, DASH_LINE_DATASET: dash_features}
        data = alt.Data(name=PROVINCES_DATASET)
        dash_data = alt.Data(name=DASH_LINE_DATASET)
    else:
        lookup, numeric = _value_lookup(values, value_column)
        as_features = alt.DataFormat(type="json", property="features")
        datasets = {}
        data = alt.UrlData(url=f"{geometry_url}/provinces.json", format=as_features)
        dash_data = alt.UrlData(url=f"{geometry_url}/dash-line.json", format=as_features)
    main_projection = projection(at["main"])
    inset_projection = projection(at["inset"])

    name_label = "省份" if lang == "zh" else "Province"
    # A short horizontal legend placed in pixels in the south-west corner of the main map,
    # below Xizang and west of Yunnan (outside China's boundary): the vertical "bottom-left"
    # legend covered Xizang, and one below the plot does not fit the page's fixed-height map.
    map_bottom = at["main"]["clipExtent"][1][1]
    legend = alt.Legend(
        orient="none",
        legendX=MARGIN,
        legendY=round(map_bottom - LEGEND_HEIGHT),
        direction="horizontal",
        gradientLength=110,
        columns=2,
        labelLimit=100,
    )
    if numeric:
        color_enc = alt.Color(
            "value:Q", title=value_title, scale=alt.Scale(scheme=SEQUENTIAL_SCHEME), legend=legend
        )
        tooltip_value = alt.Tooltip("value:Q", title=value_title, format=",.4~g")
    else:
        # An explicit domain keeps "null" (provinces without a value) out of the legend.
        domain = _categories(values[value_column])
        color_enc = alt.Color(
            "value:N",
            title=value_title,
            scale=alt.Scale(domain=domain, scheme="tableau10"),
            legend=legend,
        )
        tooltip_value = alt.Tooltip("value:N", title=value_title)
    # Test for a missing value first: with invalid="show" Vega-Lite would otherwise paint nulls
    # with the colour of zero (and with the default "filter" drop those provinces).
    color = alt.condition("!isValid(datum.value)", alt.value(MISSING_COLOR), color_enc)
    tooltip = [alt.Tooltip("name:N", title=name_label), tooltip_value]

    # Lift the properties to top-level fields so that the selection reports {"code": ...}.
    if geometry_url is None:
        base = alt.Chart(data).transform_calculate(
            code="datum.properties.code",
            name="datum.properties.name",
            value="datum.properties.value",
        )
    else:  # the values travel with the chart; the geometry comes by URL (cached by the browser)
        rows = [{"code": code, "value": value} for code, value in lookup.items()]
        base = (
            alt.Chart(data)
            .transform_calculate(
                code="datum.properties.code",
                name=f"datum.properties.{'name_zh' if lang == 'zh' else 'name_en'}",
            )
            .transform_lookup(
                lookup="code",
                from_=alt.LookupData(data=alt.Data(values=rows), key="code", fields=["value"]),
            )
        )
    selection = alt.selection_point(name=SELECTION_NAME, fields=["code"], on="click")

    provinces_main = (
        base.mark_geoshape(stroke=BORDER_COLOR, strokeWidth=0.5, invalid="show")
        .encode(
            color=color,
            opacity=alt.condition(selection, alt.value(1.0), alt.value(0.45)),
            tooltip=tooltip,
        )
        .add_params(selection)
        .project(**main_projection)
    )
    dash_main = (
        alt.Chart(dash_data)
        .mark_geoshape(filled=False, stroke=DASH_LINE_COLOR, strokeWidth=1.2, aria=False)
        .project(**main_projection)
    )
    inset = inset_frame(at["inset_box"])
    provinces_inset = (
        base.mark_geoshape(stroke=INSET_OUTLINE_COLOR, strokeWidth=0.3, invalid="show")
        .encode(color=color, tooltip=tooltip)
        .project(**inset_projection)
    )
    dash_inset = (
        alt.Chart(dash_data)
        .mark_geoshape(filled=False, stroke=DASH_LINE_COLOR, strokeWidth=1.0, aria=False)
        .project(**inset_projection)
    )

    title_params = (
        alt.TitleParams(text=title, subtitle=subtitle, anchor="start")
        if subtitle
        else alt.TitleParams(text=title, anchor="start")
    )
    chart = alt.layer(
        provinces_main,
        dash_main,
        inset,
        provinces_inset,
        dash_inset,
        title=title_params,
        width=width,
        height=height,
        view=alt.ViewBackground(stroke=None),
    )
    return chart, datasets


def choropleth(values: pd.DataFrame, **options) -> alt.LayerChart:
    """The map as an Altair chart (see `choropleth_spec` for the arguments)."""
    chart, datasets = _choropleth(values, **options)
    return chart.properties(datasets=datasets)


def choropleth_spec(values: pd.DataFrame, **options) -> dict:
    """The map as a Vega-Lite dict: the same chart as `choropleth`, with the geometry added
    after Altair has validated the small part, so no schema walk goes through thousands of
    coordinates (about 1 s a build at 2 cores). For the exports and the briefing pack, which
    render it without a server."""
    chart, datasets = _choropleth(values, **options)
    spec = chart.to_dict()
    spec["datasets"] = datasets
    return spec


def web_choropleth_spec(values: pd.DataFrame, **options) -> dict:
    """The map for the browser: the geometry is loaded from this server by URL
    (`web_geometry`), so a rerun sends the 35 values and not the boundaries again (each
    rerun used to serialise and re-parse about a megabyte of coordinates)."""
    chart, _ = _choropleth(values, geometry_url=GEOMETRY_URL, **options)
    return chart.to_dict(validate=False)  # validated by tests/test_china_map.py
