"""Map measures of the kinds described in dashboard.kinds that have one (`map_measure`):
per province, the records of the kind there as of a day, computed from their own dates."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlmodel import Session

from dashboard.kinds import KINDS, RecordKind
from dashboard.kinds.provincial_plan import plan_status_by_province

# Kinds whose map measure the map had before the descriptions (computed by their targets).
_OWN = {"pilot_status", "measurement_review", "standard", "task_progress"}


def measure_kinds() -> list[RecordKind]:
    return [k for k in KINDS.values() if k.map_measure and k.key not in _OWN]


def _count(session: Session, spec: RecordKind, as_of: date) -> dict[str, int]:
    """Records of the kind in each province that existed on `as_of`: with a history, those
    with an entry on or before the day; otherwise those whose first date column is."""
    model = spec.model.__table__
    province = model.c[spec.province_column]
    if spec.history is not None:
        h = spec.history
        t = h.model.__table__
        stmt = (
            select(province, func.count(func.distinct(model.c.id)))
            .join(t, t.c[h.owner] == model.c.id)
            .where(t.c[h.day] <= as_of)
        )
    else:
        day = model.c[spec.attrs[spec.date_fields[0]]]
        stmt = select(province, func.count()).where(day <= as_of)
    rows = session.execute(stmt.where(province.is_not(None)).group_by(province)).all()
    return {code: int(n) for code, n in rows}


def kind_measures(session: Session, as_of: date) -> dict[str, dict[str, int]]:
    """measure -> province -> figure. The provincial plan's measure is 1 where the plan
    was issued by the day (0 where drafting or missing; the XPCC is not on the map)."""
    out: dict[str, dict[str, int]] = {}
    for spec in measure_kinds():
        if spec.key == "provincial_plan":
            status = plan_status_by_province(session, as_of)
            out[spec.map_measure] = {c: int(s == "issued") for c, s in status.items()}
        else:
            out[spec.map_measure] = _count(session, spec, as_of)
    return out
