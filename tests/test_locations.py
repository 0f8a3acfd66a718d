"""Datum conversions against published reference points, and the spatial join that places a
point in its province."""

from __future__ import annotations

import time

import numpy as np
import pytest

from dashboard.locations.datums import (
    bd09_to_gcj02,
    gcj02_to_bd09,
    in_china_box,
    to_map,
    wgs84_to_gcj02,
)
from dashboard.locations.provinces import OUTSIDE_M, TOLERANCE_M, place, province_of

# (WGS-84 lon, lat) -> (GCJ-02 lon, lat): the reference points of the open-source
# "eviltransform" tests (Shanghai, Shenzhen, Beijing) and the "coordtransform" README.
WGS_TO_GCJ = [
    ((121.5272106, 31.1774276), (121.531541859215, 31.17530398364597)),
    ((113.912316, 22.543847), (113.9171764808363, 22.540796131694766)),
    ((116.377817, 39.911954), (116.38404722455657, 39.91334545536069)),
    ((116.404, 39.915), (116.41024449916938, 39.91640428150164)),
]
# coordtransform's BD-09 <-> GCJ-02 reference results for (116.404, 39.915)
BD_TO_GCJ = ((116.404, 39.915), (116.39762729119315, 39.90865673957631))
GCJ_TO_BD = ((116.404, 39.915), (116.41036949371029, 39.92133699351021))


@pytest.mark.parametrize(("wgs", "gcj"), WGS_TO_GCJ)
def test_wgs84_to_gcj02_matches_the_reference_points(wgs, gcj):
    lon, lat = wgs84_to_gcj02(*wgs)
    assert float(lon) == pytest.approx(gcj[0], abs=1e-9)
    assert float(lat) == pytest.approx(gcj[1], abs=1e-9)


def test_bd09_and_gcj02_match_the_reference_points():
    assert np.allclose(bd09_to_gcj02(*BD_TO_GCJ[0]), BD_TO_GCJ[1], atol=1e-9)
    assert np.allclose(gcj02_to_bd09(*GCJ_TO_BD[0]), GCJ_TO_BD[1], atol=1e-9)
    # a round trip comes back to within a few centimetres
    back = bd09_to_gcj02(*gcj02_to_bd09(120.155, 30.274))
    assert np.allclose(back, (120.155, 30.274), atol=1e-6)


def test_gcj02_is_applied_inside_china_only():
    assert in_china_box(116.4, 39.9) and not in_china_box(139.69, 35.69)
    lon, lat = wgs84_to_gcj02(139.6917, 35.6895)  # Tokyo: no offset outside China
    assert (float(lon), float(lat)) == (139.6917, 35.6895)
    assert to_map(120.0, 30.0, "gcj02") == (120.0, 30.0)


def test_to_map_takes_one_datum_per_point_and_defaults_to_wgs84():
    x, y = to_map(
        [121.5272106, 116.404, 120.0], [31.1774276, 39.915, 30.0], [None, "bd09", "gcj02"]
    )
    assert np.allclose(x, [121.531541859215, 116.39762729119315, 120.0], atol=1e-9)
    assert np.allclose(y, [31.17530398364597, 39.90865673957631, 30.0], atol=1e-9)


# ------------------------------------------------------------------------------ spatial join
HANGZHOU = (120.1551, 30.2741)  # WGS-84
NANJING = (118.7969, 32.0603)
URUMQI = (87.6168, 43.8256)


def _placed(points, declared, datum="wgs84"):
    x, y = to_map([p[0] for p in points], [p[1] for p in points], datum)
    return place(x, y, declared)


def test_a_point_in_its_province_is_not_flagged():
    assert _placed([HANGZHOU, NANJING], ["330000", "320000"]) == []


def test_a_hangzhou_point_declared_jiangsu_lies_in_zhejiang():
    (m,) = _placed([HANGZHOU, NANJING], ["320000", "320000"])
    assert (m.index, m.found) == (0, "330000")


def test_outside_china_and_xpcc():
    stray = _placed([(139.6917, 35.6895), URUMQI], ["330000", "XPCC"])
    assert [(m.index, m.found) for m in stray] == [(0, None)]  # the XPCC lies in Xinjiang


def test_tolerance_near_a_border():
    # Shanghai's Hongqiao hub, about 10 km inside Shanghai; and a point in the sea 5 km off
    # the coast counts for the nearest province
    assert province_of(121.32, 31.19) == "310000"
    assert TOLERANCE_M < OUTSIDE_M
    assert province_of(0.0, 0.0) is None


def test_placing_100000_points_is_fast():
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(119.0, 121.0, 100_000), rng.uniform(29.0, 30.5, 100_000)
    place([120.0], [30.0], ["330000"])  # the boundaries are loaded once per process
    start = time.perf_counter()
    stray = place(lon, lat, ["330000"] * len(lon))
    assert time.perf_counter() - start < 3.0
    # that box lies in Zhejiang but for corners of Anhui and Jiangxi
    assert 0 < len(stray) < 5_000
    assert {m.found for m in stray} <= {"340000", "360000"}
    for m in stray[:20]:
        assert province_of(lon[m.index], lat[m.index]) == m.found
