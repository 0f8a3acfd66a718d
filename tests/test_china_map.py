"""Offline China base map (geo/) and the choropleth builder (dashboard/charts/china_map.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from dashboard.charts import base_map, china_map

GEO_DIR = Path(__file__).resolve().parents[1] / "geo"
PROVINCES = GEO_DIR / "china_provinces.geojson"
DASH_LINE = GEO_DIR / "china_dash_line.geojson"

MAINLAND_PREFIXES = (
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33",
    "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50",
    "51", "52", "53", "54", "61", "62", "63", "64", "65",
)  # fmt: skip
EXPECTED_CODES = {*(f"{p}0000" for p in MAINLAND_PREFIXES), "710000", "810000", "820000"}


@pytest.fixture(scope="module")
def provinces() -> dict:
    return json.loads(PROVINCES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dash_line() -> dict:
    return json.loads(DASH_LINE.read_text(encoding="utf-8"))


def by_code(fc: dict) -> dict[str, dict]:
    return {f["properties"]["code"]: f for f in fc["features"]}


def vertices(feature: dict) -> set[tuple[float, float]]:
    geom = feature["geometry"]
    polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    return {(x, y) for polygon in polygons for ring in polygon for x, y in ring}


def walk(obj) -> Iterator[tuple[str, object]]:
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield key, value
            yield from walk(value)
    elif isinstance(obj, list):
        for item in obj:
            yield from walk(item)


# --- the geojson files -----------------------------------------------------------------------


def test_province_file_has_the_34_divisions(provinces):
    assert provinces["type"] == "FeatureCollection"
    codes = [f["properties"]["code"] for f in provinces["features"]]
    assert len(codes) == 34
    assert len(set(codes)) == 34
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    assert set(codes) == EXPECTED_CODES
    for feature in provinces["features"]:
        assert set(feature["properties"]) == {"code", "name_zh", "name_en"}
        assert feature["properties"]["name_zh"] and feature["properties"]["name_en"]
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    named = by_code(provinces)
    assert named["110000"]["properties"]["name_zh"] == "北京市"
    assert named["650000"]["properties"]["name_en"] == "Xinjiang"
    assert named["820000"]["properties"]["name_en"] == "Macao"


def test_files_fit_the_size_budget():
    assert PROVINCES.stat().st_size + DASH_LINE.stat().st_size <= 500 * 1024


def test_dash_line_file_has_line_features(dash_line):
    lines = [
        f
        for f in dash_line["features"]
        if f["geometry"]["type"] in {"LineString", "MultiLineString"}
    ]
    assert lines
    segments = [
        seg
        for f in lines
        for seg in (
            f["geometry"]["coordinates"]
            if f["geometry"]["type"] == "MultiLineString"
            else [f["geometry"]["coordinates"]]
        )
    ]
    assert len(segments) >= 9  # the dashes of the South China Sea line
    lats = [y for seg in segments for _, y in seg]
    assert min(lats) < 5 and max(lats) > 20


def test_neighbouring_provinces_share_borders(provinces):
    # Coverage-preserving simplification keeps identical vertices along shared borders.
    named = by_code(provinces)
    beijing = vertices(named["110000"])
    assert len(beijing & vertices(named["130000"])) >= 20  # Hebei
    assert len(beijing & vertices(named["120000"])) >= 2  # Tianjin
    assert len(vertices(named["440000"]) & vertices(named["450000"])) >= 10  # Guangdong-Guangxi
    assert not beijing & vertices(named["650000"])  # Xinjiang is far away


def test_islands_survive_simplification(provinces):
    named = by_code(provinces)
    for code in ("460000", "710000", "810000", "820000"):
        assert named[code]["geometry"]["coordinates"], code
    hainan = named["460000"]["geometry"]["coordinates"]
    south_china_sea = [p for p in hainan if max(y for _, y in p[0]) < 18.0]
    assert len(south_china_sea) >= 50
    assert min(y for p in south_china_sea for _, y in p[0]) < 5  # down to Zengmu Ansha


# --- the chart builder -----------------------------------------------------------------------

VALUES = pd.DataFrame({"code": ["110000", "440000", "650000"], "pilots": [3, 7, 1]})


@pytest.fixture(scope="module")
def spec() -> dict:
    chart = china_map.choropleth(
        VALUES,
        value_column="pilots",
        value_title="试点数",
        title="各省试点",
        subtitle="截至 2025 年",
    )
    return chart.to_dict()


def chart_features(spec: dict) -> dict[str, dict]:
    return {f["properties"]["code"]: f for f in spec["datasets"][china_map.PROVINCES_DATASET]}


def test_load_geo_is_cached():
    assert china_map.load_geo() is china_map.load_geo()
    provinces, dash = china_map.load_geo()
    assert len(provinces["features"]) == 34 and dash["features"]


def test_chart_data_is_inline(spec):
    assert not [key for key, _ in walk(spec) if key == "url"]
    assert china_map.PROVINCES_DATASET in spec["datasets"]
    assert china_map.DASH_LINE_DATASET in spec["datasets"]


def test_values_are_merged_into_properties(spec):
    features = chart_features(spec)
    assert len(features) == 34
    assert features["110000"]["properties"]["value"] == 3
    assert features["440000"]["properties"]["value"] == 7
    assert features["650000"]["properties"]["value"] == 1
    assert features["710000"]["properties"]["value"] is None
    assert features["310000"]["properties"]["value"] is None
    assert features["110000"]["properties"]["name"] == "北京市"


def test_english_names(spec):
    chart = china_map.choropleth(
        VALUES, value_column="pilots", value_title="Pilots", title="Pilots", lang="en"
    )
    features = chart_features(chart.to_dict())
    assert features["150000"]["properties"]["name"] == "Inner Mongolia"


def test_missing_provinces_are_grey(spec):
    fills = [
        layer["encoding"]["color"]
        for layer in spec["layer"]
        if "color" in layer.get("encoding", {})
    ]
    assert fills
    for color in fills:
        assert color["condition"]["value"] == china_map.MISSING_COLOR
        assert "isValid" in color["condition"]["test"]


def test_dash_line_layers(spec):
    dash_layers = [
        layer
        for layer in spec["layer"]
        if layer.get("data", {}).get("name") == china_map.DASH_LINE_DATASET
    ]
    assert len(dash_layers) == 2  # main map and South China Sea inset
    for layer in dash_layers:
        assert layer["mark"]["type"] == "geoshape"
        assert layer["mark"]["filled"] is False
    # Drawn on top of the provinces it overlaps.
    names = [layer.get("data", {}).get("name") for layer in spec["layer"]]
    assert names.index(china_map.DASH_LINE_DATASET) > names.index(china_map.PROVINCES_DATASET)


def test_inset_has_its_own_projection(spec):
    projections = [layer["projection"] for layer in spec["layer"] if "projection" in layer]
    scales = {p["scale"] for p in projections}
    assert len(scales) == 2
    for p in projections:
        assert p["type"] == "conicEqualArea"
        assert p["rotate"] == [-105, 0]


def test_province_selection_param(spec):
    params = [p for p in spec.get("params", []) if p["name"] == "province"]
    assert len(params) == 1
    assert params[0]["select"]["type"] == "point"
    assert params[0]["select"]["fields"] == ["code"]


def test_title_and_no_font_config(spec):
    assert spec["title"]["text"] == "各省试点"
    assert spec["title"]["subtitle"] == "截至 2025 年"
    assert not [key for key, _ in walk(spec.get("config", {})) if "font" in key.lower()]


def test_geometry_is_wound_for_d3(spec):
    # d3-geo wants clockwise exterior rings; RFC 7946 order would fill the whole globe.
    for feature in chart_features(spec).values():
        for polygon in feature["geometry"]["coordinates"]:
            assert base_map.signed_area(polygon[0]) <= 0


def test_categorical_values_keep_null_out_of_the_legend():
    values = pd.DataFrame(
        {"code": ["110000", "310000", "320000"], "status": ["accepted", None, "approved"]}
    )
    spec = china_map.choropleth(
        values, value_column="status", value_title="Status", title="Status", lang="en"
    ).to_dict()
    color = spec["layer"][0]["encoding"]["color"]
    assert color["type"] == "nominal"
    assert color["scale"]["domain"] == ["accepted", "approved"]
    assert chart_features(spec)["310000"]["properties"]["value"] is None


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match="code"):
        china_map.choropleth(pd.DataFrame({"x": [1]}), value_column="x", value_title="x", title="t")
    with pytest.raises(ValueError, match="duplicate"):
        china_map.choropleth(
            pd.DataFrame({"code": ["110000", "110000"], "v": [1, 2]}),
            value_column="v",
            value_title="v",
            title="t",
        )


def test_renders_offline_to_png(spec):
    vlc = pytest.importorskip("vl_convert")
    png = vlc.vegalite_to_png(json.dumps(spec), scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(png) > 10_000


# --- the web map: geometry by URL from this server --------------------------------------------

WEB_OPTIONS = {"value_column": "pilots", "value_title": "试点数", "title": "各省试点"}


def test_web_spec_is_valid_small_and_only_names_this_servers_geometry():
    chart, datasets = china_map._choropleth(
        VALUES, geometry_url=china_map.GEOMETRY_URL, **WEB_OPTIONS
    )
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert datasets == {} and "datasets" not in spec
    urls = {value for key, value in walk(spec) if key == "url"}
    assert urls == {"/geo/provinces.json", "/geo/dash-line.json"}
    assert len(json.dumps(spec)) < 10_000
    lookups = [v for k, v in walk(spec) if k == "lookup"]
    assert lookups and spec == china_map.web_choropleth_spec(VALUES, **WEB_OPTIONS)
    values = {
        v["code"]: v["value"] for k, vs in walk(spec) if k == "values" for v in vs if "code" in v
    }
    assert values == {"110000": 3, "440000": 7, "650000": 1}


def test_served_geometry_is_the_inline_geometry(spec):
    served = json.loads(china_map.web_geometry()["provinces.json"])
    inline = chart_features(spec)
    assert len(served["features"]) == 34
    for feature in served["features"]:
        code = feature["properties"]["code"]
        assert feature["geometry"] == inline[code]["geometry"]
        assert {"name_zh", "name_en"} <= set(feature["properties"])
    dash = json.loads(china_map.web_geometry()["dash-line.json"])
    assert dash["features"] == spec["datasets"][china_map.DASH_LINE_DATASET]


def test_web_map_draws_the_same_picture_as_the_inline_map(spec):
    """With the URLs replaced by the files' contents, vl-convert draws the web map exactly
    as the export map: the lookup joins the same values to the same provinces."""
    vlc = pytest.importorskip("vl_convert")
    web = china_map.web_choropleth_spec(VALUES, **WEB_OPTIONS, subtitle="截至 2025 年")
    files = {
        f"{china_map.GEOMETRY_URL}/{name}": json.loads(body)["features"]
        for name, body in china_map.web_geometry().items()
    }

    def inline(obj):
        if isinstance(obj, dict):
            if "url" in obj and obj["url"] in files:
                return {"values": files[obj["url"]]}
            return {k: inline(v) for k, v in obj.items()}
        if isinstance(obj, list):
            return [inline(v) for v in obj]
        return obj

    web_png = vlc.vegalite_to_png(json.dumps(inline(web)), scale=1)
    inline_png = vlc.vegalite_to_png(json.dumps(spec), scale=1)
    assert web_png == inline_png


@pytest.mark.parametrize("values", [[1, 2, 3], ["已验收", "已批准", "已验收"]])
def test_the_legend_covers_no_province(values):
    """The legend used to sit over Xizang. It is placed in pixels, and no boundary vertex of
    any province on the main map falls inside its box (title and gradient, or two rows)."""
    df = pd.DataFrame({"code": ["540000", "310000", "320000"], "v": values})
    spec = china_map.choropleth(df, value_column="v", value_title="V", title="T").to_dict()
    legend = spec["layer"][0]["encoding"]["color"]["legend"]
    assert legend["orient"] == "none"
    x0, y0 = legend["legendX"], legend["legendY"]
    x1, y1 = x0 + 130, y0 + china_map.LEGEND_HEIGHT
    main = base_map.layout(560, 480)["main"]
    k, (tx, ty) = main["scale"], main["translate"]
    covered = [
        feature["properties"]["code"]
        for feature in china_map.load_geo()[0]["features"]
        for polygon in feature["geometry"]["coordinates"]
        for lon, lat in polygon[0]
        if x0 <= k * base_map.project(lon, lat)[0] + tx <= x1
        and y0 <= k * base_map.project(lon, lat)[1] + ty <= y1
    ]
    assert not covered, sorted(set(covered))
