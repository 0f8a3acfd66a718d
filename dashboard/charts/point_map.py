"""Where the pilots are: the offline base map of dashboard/charts/base_map.py (GCJ-02
boundaries, the dash line, the South China Sea inset) with a point layer on top, coloured by
stage and shaped by type (parks squares, enterprises circles). Pure module: no Streamlit.

Points are given in GCJ-02 (dashboard.services.locations converts them), the boundaries'
datum, so they sit where the map says they are. Each view draws the points of its area: the
main map those inside its clip, the South China Sea inset every point of its region, so a
pilot in Hainan or on the coast of Guangdong shows in both, as its province does.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from dashboard.charts import base_map as bm

BASE_FILL = "#e8ebef"
SHAPES = {"park": "square", "enterprise": "circle"}
POINT_SIZE = 42
POINTS_DATASET = "located_records"


def _base(geometry_url: str | None):
    """(provinces data, dash line data, datasets) without any values: a plain base map."""
    if geometry_url is not None:
        as_features = alt.DataFormat(type="json", property="features")
        return (
            alt.UrlData(url=f"{geometry_url}/provinces.json", format=as_features),
            alt.UrlData(url=f"{geometry_url}/dash-line.json", format=as_features),
            {},
        )
    _, dash = bm.load_geo()
    datasets = {
        bm.PROVINCES_DATASET: bm.base_features(),
        bm.DASH_LINE_DATASET: list(dash["features"]),
    }
    return alt.Data(name=bm.PROVINCES_DATASET), alt.Data(name=bm.DASH_LINE_DATASET), datasets


def _point_rows(points: pd.DataFrame, at: dict) -> list[dict]:
    """The points as the chart's dataset, each with the views that draw it (`main`,
    `inset`: base_map.views_of)."""
    rows = [
        {
            "lon": round(float(r.map_lon), 6),
            "lat": round(float(r.map_lat), 6),
            "name": str(r.name),
            "code": str(r.code),
            "type": str(r.type_label),
            "shape": SHAPES.get(r.type, "circle"),
            "stage": str(r.stage_label),
            "province": str(r.province),
            "where": f"{r.longitude:.5f}, {r.latitude:.5f} ({r.datum_label})",
        }
        for r in points.itertuples(index=False)
    ]
    lon, lat = [r["lon"] for r in rows], [r["lat"] for r in rows]
    main, inset = bm.views_of(lon, lat, at)
    for row, on_main, in_inset in zip(rows, main.tolist(), inset.tolist(), strict=True):
        row["main"], row["inset"] = on_main, in_inset
    return rows


def point_map(
    points: pd.DataFrame,
    *,
    title: str,
    lang: str,
    stages: list[str],
    labels: dict[str, str],
    subtitle: str | None = None,
    width: int = 560,
    height: int = 480,
    geometry_url: str | None = None,
) -> tuple[alt.LayerChart, dict]:
    """The base map and one point per row of `points` (dashboard.services.locations
    COLUMNS plus type_label, stage_label, province and datum_label, in the viewer's
    language). `stages`: the stage labels in legend order; `labels`: the titles of the
    legends and tooltips (stage, type, name, code, province, location; without `code`
    the tooltip has no code)."""
    layout = bm.layout(width, height)
    provinces, dash, datasets = _base(geometry_url)
    datasets[POINTS_DATASET] = _point_rows(points, layout)
    main = bm.projection(layout["main"])
    inset = bm.projection(layout["inset"])
    map_bottom = layout["main"]["clipExtent"][1][1]
    shown_types = [SHAPES[k] for k in SHAPES]
    type_domain = [labels[f"type.{k}"] for k in SHAPES]
    color = alt.Color(
        "stage:N",
        title=labels["stage"],
        scale=alt.Scale(domain=stages, scheme="tableau10"),
        legend=alt.Legend(
            orient="none",
            legendX=bm.MARGIN,
            legendY=round(map_bottom - 150),
            columns=1,
            symbolSize=40,
            labelLimit=110,
        ),
    )
    shape = alt.Shape(
        "type:N",
        title=labels["type"],
        scale=alt.Scale(domain=type_domain, range=shown_types),
        legend=alt.Legend(orient="none", legendX=bm.MARGIN + 120, legendY=round(map_bottom - 150)),
    )
    tooltip = [
        alt.Tooltip("name:N", title=labels["name"]),
        *([alt.Tooltip("code:N", title=labels["code"])] if "code" in labels else []),
        alt.Tooltip("type:N", title=labels["type"]),
        alt.Tooltip("stage:N", title=labels["stage"]),
        alt.Tooltip("province:N", title=labels["province"]),
        alt.Tooltip("where:N", title=labels["location"]),
    ]

    def provinces_layer(projection, stroke, width_px):
        return (
            alt.Chart(provinces)
            .mark_geoshape(fill=BASE_FILL, stroke=stroke, strokeWidth=width_px, aria=False)
            .project(**projection)
        )

    def dash_layer(projection, width_px):
        return (
            alt.Chart(dash)
            .mark_geoshape(
                filled=False, stroke=bm.DASH_LINE_COLOR, strokeWidth=width_px, aria=False
            )
            .project(**projection)
        )

    def points_layer(projection, size, where):
        # a projection's clipExtent clips shapes, not points: each view draws the points
        # that fall in it (base_map.views_of)
        return (
            alt.Chart(alt.Data(name=POINTS_DATASET))
            .transform_filter(where)
            .mark_point(filled=True, opacity=0.85, stroke="#ffffff", strokeWidth=0.5)
            .encode(
                longitude="lon:Q",
                latitude="lat:Q",
                color=color,
                shape=shape,
                size=alt.value(size),
                tooltip=tooltip,
            )
            .project(**projection)
        )

    frame = bm.inset_frame(layout["inset_box"])
    title_params = alt.TitleParams(text=title, subtitle=subtitle or "", anchor="start")
    chart = alt.layer(
        provinces_layer(main, bm.BORDER_COLOR, 0.6),
        dash_layer(main, 1.2),
        points_layer(main, POINT_SIZE, "datum.main"),
        frame,
        provinces_layer(inset, bm.INSET_OUTLINE_COLOR, 0.3),
        dash_layer(inset, 1.0),
        points_layer(inset, POINT_SIZE / 2, "datum.inset"),
        title=title_params,
        width=width,
        height=height,
        view=alt.ViewBackground(stroke=None),
    )
    return chart, datasets


def point_map_spec(points: pd.DataFrame, **options) -> dict:
    """The map with everything inline (for the exports: nothing is loaded by URL)."""
    chart, datasets = point_map(points, **options)
    spec = chart.to_dict()
    spec["datasets"] = datasets
    return spec


def web_point_map_spec(points: pd.DataFrame, **options) -> dict:
    """The map for the browser: the boundaries by URL (as the choropleth), the points
    inline."""
    chart, datasets = point_map(points, geometry_url=bm.GEOMETRY_URL, **options)
    spec = bm.fixed_size(chart.to_dict())
    spec["datasets"] = datasets
    return spec
