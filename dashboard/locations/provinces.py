"""Which province a point lies in: a spatial join (geopandas) of points in GCJ-02 against the
shipped province boundaries (geo/china_provinces.geojson, the map's own).

Distances are measured in metres on the Albers equal-area conic the map is drawn with
(central meridian 105 E, standard parallels 25 N and 47 N): across China its scale errors
stay within a few per cent, ample for kilometre tolerances.

Two tolerances, stated in the template and the README:

* `TOLERANCE_M` (2 km): a point this close to its declared province counts as inside it. It
  covers a datum declared wrongly (the three datums differ by up to about 1 km) and the
  simplification of the shipped boundaries (about 2 km, geo/SOURCE.md), so a pilot near a
  border is not flagged for the map's generalisation.
* `OUTSIDE_M` (10 km): a point farther than this from every province is outside China (an
  error). Nearer, it is on a coastal islet or reclaimed land the simplified coastline left
  out, and counts for the nearest province.

The boundaries are read, projected, buffered and indexed once per process (`boundaries`);
a 100,000-point report is placed in well under a second (docs/BENCHMARKS.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from dashboard.charts.base_map import load_geo

ALBERS = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +datum=WGS84 +units=m +no_defs"
TOLERANCE_M = 2_000.0
OUTSIDE_M = 10_000.0
# Divisions without a boundary of their own on the map, and the one they lie in.
WITHIN = {"XPCC": "650000"}  # the XPCC's units lie in Xinjiang


@dataclass(frozen=True)
class Boundaries:
    frame: gpd.GeoDataFrame  # code, geometry (Albers metres), spatial index built
    buffered: np.ndarray  # each province's geometry grown by TOLERANCE_M, prepared
    row_of: dict[str, int]  # province code -> row


@lru_cache(maxsize=1)
def boundaries() -> Boundaries:
    provinces, _ = load_geo()
    # The files are GCJ-02; EPSG:4326 only names their axes (degrees) for the projection.
    frame = gpd.GeoDataFrame.from_features(provinces["features"], crs="EPSG:4326")
    frame = frame[["code", "geometry"]].to_crs(ALBERS)
    _ = frame.sindex  # built now, once, not on the first report
    buffered = np.asarray(frame.buffer(TOLERANCE_M).values, dtype=object)
    shapely.prepare(buffered)
    return Boundaries(frame, buffered, {c: i for i, c in enumerate(frame["code"])})


@dataclass(frozen=True)
class Misplaced:
    index: int  # position in the arrays given to `place`
    found: str | None  # the province the point lies in; None: outside China


@lru_cache(maxsize=1)
def _to_albers() -> Transformer:
    return Transformer.from_crs("EPSG:4326", ALBERS, always_xy=True)


def place(lon, lat, declared) -> list[Misplaced]:
    """The points (GCJ-02 degrees) that do not lie in (or within TOLERANCE_M of) their
    declared province, with the province they do lie in (None: outside China)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    if not len(lon):
        return []
    b = boundaries()
    xs, ys = _to_albers().transform(lon, lat)
    rows = np.array([b.row_of.get(WITHIN.get(c, c), -1) for c in declared])
    ok = np.zeros(len(lon), dtype=bool)
    known = rows >= 0
    ok[known] = shapely.contains_xy(b.buffered[rows[known]], xs[known], ys[known])
    if ok.all():
        return []
    at = np.flatnonzero(~ok)
    stray = gpd.GeoDataFrame(geometry=gpd.points_from_xy(xs[at], ys[at], crs=ALBERS), index=at)
    provinces = b.frame
    inside = gpd.sjoin(stray, provinces, how="left", predicate="within")
    inside = inside[~inside.index.duplicated()]
    found = inside["code"]
    lost = stray[found.isna().to_numpy()]
    if not lost.empty:
        near = gpd.sjoin_nearest(lost, provinces, how="left", max_distance=OUTSIDE_M)
        near = near[~near.index.duplicated()]["code"]
        found = found.where(found.notna(), near.reindex(found.index))
    out = []
    for i, code in found.items():
        code = None if pd.isna(code) else str(code)
        if code is not None and rows[i] >= 0 and code == b.frame["code"].iat[rows[i]]:
            continue  # near the coast of its own province
        out.append(Misplaced(int(i), code))
    return out


def province_of(lon: float, lat: float) -> str | None:
    """The province a single GCJ-02 point lies in (the nearest within OUTSIDE_M), or None."""
    stray = place([lon], [lat], ["000000"])
    return stray[0].found if stray else None
