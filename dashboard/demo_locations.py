"""Synthetic locations for the demo database: a share of the demo pilots, CEMS pilots and
zero-carbon parks get a point drawn at random (seeded) inside their province's boundary
polygon, in the map's GCJ-02. They are as synthetic as the records they belong to (the
dataset is marked so): plausible for the map, the province profile and the tests, and
nobody's real site."""

from __future__ import annotations

import random
from collections import Counter

import geopandas as gpd
import shapely
from sqlmodel import Session, select

from dashboard.charts.base_map import load_geo
from dashboard.kinds.cems_pilot import CemsPilot
from dashboard.kinds.zero_carbon_park import ZeroCarbonParkPilot
from dashboard.locations.provinces import WITHIN
from dashboard.models import Pilot

SEED = 20240715
SHARE = 0.6  # of the demo records get a location; the others show how a blank one looks
DECIMALS = 5  # about a metre


def sample_points(counts: dict[str, int], seed: int) -> dict[str, list[tuple[float, float]]]:
    """`n` points (lon, lat) drawn uniformly inside each province's polygon, per code."""
    provinces, _ = load_geo()
    frame = gpd.GeoDataFrame.from_features(provinces["features"]).set_index("code")
    out = {}
    for code, n in sorted(counts.items()):
        area = WITHIN.get(code, code)
        if n <= 0 or area not in frame.index:
            continue
        drawn = frame.loc[[area]].geometry.sample_points(n, rng=seed + int(area[:2]))
        parts = shapely.get_parts(drawn.iloc[0])
        out[code] = [(round(p.x, DECIMALS), round(p.y, DECIMALS)) for p in parts]
    return out


def locate_demo_records(session: Session) -> int:
    """Give a seeded share of the demo's pilots, CEMS pilots and zero-carbon parks a
    synthetic location (the parks drawn apart, so the pilots' points stay as they were)."""
    rng = random.Random(SEED)
    located = 0
    groups = (
        ((Pilot, Pilot.code), (CemsPilot, CemsPilot.uscc)),
        ((ZeroCarbonParkPilot, ZeroCarbonParkPilot.park_name),),
    )
    for seed, models in enumerate(groups, start=SEED):
        chosen = []
        for model, key in models:
            for record in session.exec(select(model).order_by(key)).all():
                if rng.random() < SHARE:
                    chosen.append(record)
        points = sample_points(Counter(r.province_code for r in chosen), seed)
        for record in chosen:
            todo = points.get(record.province_code)
            if not todo:
                continue
            record.longitude, record.latitude = todo.pop()
            record.location_datum = "gcj02"
            session.add(record)
            located += 1
    session.flush()
    return located
