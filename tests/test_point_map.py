"""The point map's spec: the offline GCJ-02 base map with points coloured by stage and shaped
by type, each point drawn in the views whose area it falls in (the main map, the South China
Sea inset, or both for Hainan and the southern coast), nothing loaded by URL in the export's
spec; and rendered, its text present and its points where the views draw them."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from dashboard.charts import base_map
from dashboard.charts.point_map import POINTS_DATASET, point_map_spec, web_point_map_spec
from dashboard.exports.chart_export import assert_offline, render
from dashboard.ui.points_view import chart_options

ROWS = [
    # code, name, type, stage, province, lon, lat (GCJ-02)
    ("P-1", "杭州园区", "park", "applied", "330000", 120.16, 30.27),
    ("P-2", "宁波企业", "enterprise", "accepted", "330000", 121.55, 29.87),
    ("P-3", "永兴岛企业", "enterprise", "approved", "460000", 112.33, 16.83),
]


def _points(rows=ROWS) -> pd.DataFrame:
    df = pd.DataFrame(
        rows, columns=["code", "name", "type", "stage", "province_code", "map_lon", "map_lat"]
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
    # each view draws the points of its area: the islands' in the inset only
    assert main["transform"] == [{"filter": "datum.main"}]
    assert inset["transform"] == [{"filter": "datum.inset"}]
    assert [(r["main"], r["inset"]) for r in rows] == [(True, False), (True, False), (False, True)]


def test_the_export_spec_is_offline_and_the_web_spec_loads_the_boundaries_by_url():
    assert_offline(point_map_spec(_points(), **_options()))
    web = web_point_map_spec(_points(), **_options())
    urls = [layer["data"].get("url") for layer in web["layer"] if "url" in layer.get("data", {})]
    assert "/geo/provinces.json" in urls and POINTS_DATASET in web["datasets"]


def test_the_point_map_renders_with_its_text():
    svg = render(point_map_spec(_points(), **_options("zh")), "svg").decode("utf-8")
    assert "碳排放管理标准化试点位置" in svg and "园区" in svg and "已申报" in svg


# A point in each part of the inset's region, north and south of 18 N, and two far from it.
SOUTH = [
    ("HZ", "杭州", "park", "applied", "330000", 120.16, 30.27),  # main map only
    ("UR", "乌鲁木齐", "park", "applied", "650000", 87.62, 43.83),  # main map only
    ("HK", "海口", "enterprise", "approved", "460000", 110.35, 20.02),  # Hainan: both
    ("SY", "三亚", "park", "approved", "460000", 109.51, 18.25),  # Hainan's south: both
    ("ZJ", "湛江", "enterprise", "applied", "440000", 110.36, 21.27),  # Guangdong: both
    ("KS", "高雄", "enterprise", "applied", "710000", 120.30, 22.62),  # Taiwan's south: both
    ("XS", "永兴岛", "enterprise", "approved", "460000", 112.33, 16.83),  # Xisha: inset only
    ("NS", "永暑礁", "enterprise", "approved", "460000", 112.89, 9.55),  # Nansha: inset only
]
WHERE = {
    "HZ": (True, False),
    "UR": (True, False),
    "HK": (True, True),
    "SY": (True, True),
    "ZJ": (True, True),
    "KS": (True, True),
    "XS": (False, True),
    "NS": (False, True),
}


def _symbols(svg: str) -> list[list[tuple[float, float]]]:
    """The positions of the symbols of each point layer of a rendered SVG, in layer order."""
    groups = re.findall(r'<g class="mark-symbol role-mark [^"]*"[^>]*>(.*?)</g>', svg, re.S)
    return [
        [tuple(map(float, xy.split(","))) for xy in re.findall(r"translate\(([^)]*)\)", g)]
        for g in groups
    ]


def test_the_inset_shows_every_point_of_its_area_and_the_main_map_its_own():
    """The inset used to show only the points south of 18 N, so Hainan and the southern coast
    showed in it without their pilots. Each view now draws the points that fall in it, and
    the rendered symbols sit inside the view that draws them."""
    spec = point_map_spec(_points(SOUTH), **_options())
    rows = spec["datasets"][POINTS_DATASET]
    assert {r["code"]: (r["main"], r["inset"]) for r in rows} == WHERE
    at = base_map.layout(560, 480)
    main_rows = [r for r in rows if r["main"]]
    inset_rows = [r for r in rows if r["inset"]]
    main, inset = _symbols(render(spec, "svg").decode("utf-8"))
    assert len(main) == len(main_rows) and len(inset) == len(inset_rows)
    ix0, iy0, ix1, iy1 = at["inset_box"]
    for x, y in inset:
        assert ix0 <= x <= ix1 and iy0 <= y <= iy1, (x, y)
    bottom = at["main"]["clipExtent"][1][1]
    for x, y in main:
        assert 0 <= y <= bottom and not (ix0 <= x <= ix1 and iy0 <= y <= iy1), (x, y)
    # drawn where base_map places them (the same projection as Vega's)
    xs, ys = base_map.pixels(
        [r["lon"] for r in inset_rows], [r["lat"] for r in inset_rows], at["inset"]
    )
    expected = sorted(zip(xs.tolist(), ys.tolist(), strict=True))
    assert [c for p in sorted(inset) for c in p] == pytest.approx(
        [c for p in expected for c in p], abs=0.01
    )


@pytest.mark.parametrize(("kind", "coded"), [("pilot_status", True), ("zero_carbon_park", False)])
def test_a_park_known_by_its_name_alone_is_not_named_twice(kind, coded):
    from dashboard.ui.points_view import points_table

    options = chart_options(kind, "en", date(2026, 10, 1))
    spec = point_map_spec(_points(), **options)
    titles = [t["title"] for t in _point_layers(spec)[0]["encoding"]["tooltip"]]
    assert titles[0] == "Name"
    assert ("Code" in titles) is coded
    assert ("Code" in points_table(_points(), kind, "en").columns) is coded
