"""The located records the map draws and the province profile lists: pilots and CEMS pilots
with their coordinates as reported and converted to the map's GCJ-02. Scoped like the
registries: a coordinator sees only their own province's records."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from dashboard.locations.datums import to_map
from dashboard.models import CemsPilot, Pilot
from dashboard.permissions import Actor, allowed_provinces, authorize

# which records the map can show: kind -> (model, code, name, type or None, stage)
LAYERS = {
    "pilot_status": (Pilot, "code", "name", "pilot_type", "current_stage"),
    "cems_pilot": (CemsPilot, "uscc", "enterprise_name", None, "stage"),
}
STAGE_GROUP = {"pilot_status": "stage", "cems_pilot": "cems_stage"}
COLUMNS = [
    "code",
    "name",
    "type",
    "stage",
    "province_code",
    "longitude",
    "latitude",
    "datum",
    "map_lon",
    "map_lat",
]


def located_records(
    session: Session, *, actor: Actor, kind: str = "pilot_status", province: str | None = None
) -> pd.DataFrame:
    """The records of `kind` that have a location (COLUMNS; `type` is park or enterprise,
    map_lon/map_lat in GCJ-02), ordered by province and code."""
    model, code, name, kind_col, stage = LAYERS[kind]
    scope = allowed_provinces(session, actor, "view_records")
    if province is not None:
        authorize(session, actor, "view_records", province=province)
    t = model.__table__.c
    stmt = select(
        t[code],
        t[name],
        t[kind_col] if kind_col else t[code],
        t[stage],
        t.province_code,
        t.longitude,
        t.latitude,
        t.location_datum,
    ).where(t.longitude.is_not(None), t.latitude.is_not(None))
    if province is not None:
        stmt = stmt.where(t.province_code == province)
    if scope is not None:
        stmt = stmt.where(t.province_code.in_(sorted(scope)))
    rows = session.execute(stmt.order_by(t.province_code, t[code])).all()
    df = pd.DataFrame([tuple(r) for r in rows], columns=COLUMNS[:8])
    if kind_col is None:
        df["type"] = "enterprise"  # a CEMS pilot is an enterprise
    x, y = to_map(df["longitude"].to_numpy(), df["latitude"].to_numpy(), df["datum"].to_numpy())
    df["map_lon"], df["map_lat"] = x, y
    return df[COLUMNS]
