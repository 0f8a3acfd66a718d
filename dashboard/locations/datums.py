"""Coordinates written in WGS-84, GCJ-02 or BD-09, converted to GCJ-02 (the datum of the
shipped boundaries in geo/ and so of the map).

The conversions are the widely published ones (the same formulas as the open-source
"eviltransform" and "coordtransform" libraries, checked in tests/test_locations.py against
their reference points):

* WGS-84 -> GCJ-02: the GCJ-02 offset (a few hundred metres), applied only inside China's
  rough bounding box (longitude 73.66-135.05 E, latitude 3.86-53.55 N), as map providers do:
  outside it GCJ-02 equals WGS-84. A point outside China is refused anyway (provinces.py).
* BD-09 -> GCJ-02: Baidu's further offset removed (exact inverse of GCJ-02 -> BD-09 to within
  a few centimetres).

CGCS2000, the national geodetic datum, differs from WGS-84 by centimetres: it is read as
WGS-84. Works on scalars and on numpy arrays alike.
"""

from __future__ import annotations

import numpy as np

DATUMS = ("wgs84", "gcj02", "bd09")
DEFAULT_DATUM = "wgs84"  # GPS receivers, surveys (CGCS2000) and most exported data
MAP_DATUM = "gcj02"

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as the GCJ-02 formulas use
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = np.pi * 3000.0 / 180.0
CHINA_BOX = (73.66, 135.05, 3.86, 53.55)  # lon min, lon max, lat min, lat max


def in_china_box(lon, lat):
    lon0, lon1, lat0, lat1 = CHINA_BOX
    return (lon > lon0) & (lon < lon1) & (lat > lat0) & (lat < lat1)


def _offset_lat(x, y):
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    return ret


def _offset_lon(x, y):
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon, lat):
    """(lon, lat) in GCJ-02 of a WGS-84 point; unchanged outside China's box."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    dlat = _offset_lat(lon - 105.0, lat - 35.0)
    dlon = _offset_lon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * np.pi
    magic = 1 - _EE * np.sin(rad) ** 2
    sqrt_magic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * np.cos(rad) * np.pi)
    inside = in_china_box(lon, lat)
    return np.where(inside, lon + dlon, lon), np.where(inside, lat + dlat, lat)


def bd09_to_gcj02(lon, lat):
    """(lon, lat) in GCJ-02 of a BD-09 (Baidu) point."""
    x = np.asarray(lon, dtype=float) - 0.0065
    y = np.asarray(lat, dtype=float) - 0.006
    z = np.sqrt(x * x + y * y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta), z * np.sin(theta)


def gcj02_to_bd09(lon, lat):
    """(lon, lat) in BD-09 of a GCJ-02 point (for tests and the demo's round trips)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    z = np.sqrt(lon * lon + lat * lat) + 0.00002 * np.sin(lat * _X_PI)
    theta = np.arctan2(lat, lon) + 0.000003 * np.cos(lon * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def to_map(lon, lat, datum):
    """(lon, lat) in the map's GCJ-02 of points written in `datum` (one datum, or an array of
    datums one per point; None counts as the default)."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    datum = np.asarray(datum, dtype=object)
    datum = np.where(datum == None, DEFAULT_DATUM, datum)  # noqa: E711 (element-wise)
    wx, wy = wgs84_to_gcj02(lon, lat)
    bx, by = bd09_to_gcj02(lon, lat)
    x = np.where(datum == "wgs84", wx, np.where(datum == "bd09", bx, lon))
    y = np.where(datum == "wgs84", wy, np.where(datum == "bd09", by, lat))
    return x, y
