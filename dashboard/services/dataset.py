"""Facts about the dataset as a whole: synthetic or not, last refresh, emptiness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import inspect
from sqlmodel import Session, func, select

from dashboard.models import DatasetFact, Deliverable, MeasurementReview, Pilot, Submission


@dataclass(frozen=True)
class DatasetStatus:
    initialised: bool
    empty: bool
    synthetic: bool
    last_refresh_at: datetime | None


def dataset_status(session: Session) -> DatasetStatus:
    if not inspect(session.get_bind()).has_table("datasetfact"):
        return DatasetStatus(False, True, False, None)
    facts = {f.key: f.value for f in session.exec(select(DatasetFact))}
    empty = not any(
        session.scalar(select(func.count()).select_from(m))
        for m in (Deliverable, Pilot, MeasurementReview)
    )
    last = facts.get("last_refresh_at")
    accepted = session.scalar(select(func.max(Submission.decided_at)))
    stamp = datetime.fromisoformat(last) if last else None
    if accepted is not None and (
        stamp is None or accepted.replace(tzinfo=None) > stamp.replace(tzinfo=None)
    ):
        stamp = accepted
    return DatasetStatus(True, empty, facts.get("synthetic") == "true", stamp)
