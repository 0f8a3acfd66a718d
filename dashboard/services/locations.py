"""The located records the map draws and the province profile lists: pilots, CEMS pilots and
zero-carbon parks with their coordinates as reported and converted to the map's GCJ-02.
Scoped like the registries: a coordinator sees only their own province's records."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select
from sqlmodel import Session

from dashboard.kinds.cems_pilot import CemsPilot
from dashboard.kinds.zero_carbon_park import ZeroCarbonParkPilot
from dashboard.locations.datums import to_map
from dashboard.models import Pilot
from dashboard.permissions import Actor, allowed_provinces, authorize

# which records the map can show: kind -> (model, code, name, type column or the type of
# every record, stage); the type is park or enterprise (the map's shapes)
LAYERS = {
    "pilot_status": (Pilot, "code", "name", "pilot_type", "current_stage"),
    "cems_pilot": (CemsPilot, "uscc", "enterprise_name", "enterprise", "stage"),
    "zero_carbon_park": (ZeroCarbonParkPilot, "park_name", "park_name", "park", "stage"),
}


def has_code(kind: str) -> bool:
    """Whether the kind's records have a code besides their name (a zero-carbon park is
    known by its name alone, so the map does not show the name twice)."""
    _, code, name, *_ = LAYERS[kind]
    return code != name


STAGE_GROUP = {
    "pilot_status": "stage",
    "cems_pilot": "cems_stage",
    "zero_carbon_park": "park_stage",
}
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
    fixed = kind_col not in model.__table__.c
    scope = allowed_provinces(session, actor, "view_records")
    if province is not None:
        authorize(session, actor, "view_records", province=province)
    t = model.__table__.c
    stmt = select(
        t[code],
        t[name],
        t[code] if fixed else t[kind_col],
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
    if fixed:
        df["type"] = kind_col  # a CEMS pilot is an enterprise, a zero-carbon park a park
    x, y = to_map(df["longitude"].to_numpy(), df["latitude"].to_numpy(), df["datum"].to_numpy())
    df["map_lon"], df["map_lat"] = x, y
    return df[COLUMNS]


def pilot_location(
    session: Session, *, actor: Actor, pilot_id: int
) -> tuple[float | None, float | None, str | None]:
    """A pilot's location as reported: (longitude, latitude, datum), blanks when none."""
    pilot = session.get(Pilot, pilot_id)
    if pilot is None:
        return None, None, None
    authorize(
        session, actor, "view_records", province=pilot.province_code, entity=("pilot", pilot_id)
    )
    return pilot.longitude, pilot.latitude, pilot.location_datum
