"""The point map's spec: the offline GCJ-02 base map with points coloured by stage and shaped
by type, each point drawn once (main map or South China Sea inset), nothing loaded by URL in
the export's spec; and rendered, its text present."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard.charts.point_map import POINTS_DATASET, point_map_spec, web_point_map_spec
from dashboard.exports.chart_export import assert_offline, render
from dashboard.ui.points_view import chart_options

ROWS = [
    # code, name, type, stage, province, lon, lat (GCJ-02)
    ("P-1", "杭州园区", "park", "applied", "330000", 120.16, 30.27),
    ("P-2", "宁波企业", "enterprise", "accepted", "330000", 121.55, 29.87),
    ("P-3", "永兴岛企业", "enterprise", "approved", "460000", 112.33, 16.83),
]


def _points() -> pd.DataFrame:
    df = pd.DataFrame(
        ROWS, columns=["code", "name", "type", "stage", "province_code", "map_lon", "map_lat"]
    )
    return df.assign(
        longitude=df["map_lon"],
        latitude=df["map_lat"],
        datum="gcj02",
        type_label=df["type"],
        stage_label=df["stage"],
        province=df["province_code"],
        datum_label="GCJ-02",
    )


def _options(lang="en") -> dict:
    return chart_options("pilot_status", lang, date(2026, 10, 1))


def _point_layers(spec: dict) -> list[dict]:
    return [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "point"]


def test_points_are_coloured_by_stage_and_shaped_by_type():
    spec = point_map_spec(_points(), **_options())
    main, inset = _point_layers(spec)
    enc = main["encoding"]
    assert (enc["longitude"]["field"], enc["latitude"]["field"]) == ("lon", "lat")
    assert enc["color"]["field"] == "stage"
    assert enc["color"]["scale"]["domain"][0] == "Applied"  # every stage, in order
    assert enc["shape"]["scale"]["range"] == ["square", "circle"]
    assert enc["shape"]["scale"]["domain"] == ["Park", "Enterprise"]
    rows = spec["datasets"][POINTS_DATASET]
    assert [(r["code"], r["shape"]) for r in rows] == [
        ("P-1", "square"),
        ("P-2", "circle"),
        ("P-3", "circle"),
    ]
    # each point drawn once: the islands' in the inset, the others on the main map
    assert main["transform"] == [{"filter": "datum.lat >= 18.0"}]
    assert inset["transform"] == [{"filter": "datum.lat < 18.0"}]


def test_the_export_spec_is_offline_and_the_web_spec_loads_the_boundaries_by_url():
    assert_offline(point_map_spec(_points(), **_options()))
    web = web_point_map_spec(_points(), **_options())
    urls = [layer["data"].get("url") for layer in web["layer"] if "url" in layer.get("data", {})]
    assert "/geo/provinces.json" in urls and POINTS_DATASET in web["datasets"]


def test_the_point_map_renders_with_its_text():
    svg = render(point_map_spec(_points(), **_options("zh")), "svg").decode("utf-8")
    assert "碳排放管理标准化试点位置" in svg and "园区" in svg and "已申报" in svg
