"""Target progress for the pages, the CLI and exports: counts from SQL (one engine for
every counting spec), arithmetic from the engine.

A figure for a past as-of date is computed under the definition of the target that was in
force on that date: the latest version of its programme loaded on or before that day (the
first version for earlier days). `in_force(...).changed_since` says when that is not today's."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlmodel import Session, col, select

from dashboard.models import ProgrammeVersion, Target
from dashboard.models.common import as_utc
from dashboard.programmes.spec import CountingSpec, parse_counting
from dashboard.progress.counting import count_by, count_waiting, counts_at
from dashboard.progress.engine import (
    Progress,
    TargetDefinition,
    compute,
    history_points,
    month_ends,
)


@lru_cache(maxsize=256)
def _spec(counting_json: str) -> CountingSpec:
    return parse_counting(json.loads(counting_json))


def definition(target: Target) -> TargetDefinition:
    """The target's current definition."""
    return TargetDefinition(
        code=target.code,
        spec=_spec(target.counting),
        quantity=target.quantity,
        comparison=target.comparison,
        window_start=target.window_start,
        deadline=target.deadline,
    )


@dataclass(frozen=True)
class InForce:
    definition: TargetDefinition
    version: int  # the programme version the definition comes from
    current_version: int

    @property
    def changed_since(self) -> bool:
        return self.version != self.current_version


def _versions(session: Session, programme: str) -> list[tuple[int, date]]:
    rows = session.exec(
        select(ProgrammeVersion.version, ProgrammeVersion.loaded_at)
        .where(ProgrammeVersion.programme_code == programme)
        .order_by(col(ProgrammeVersion.version))
    ).all()
    # A definition takes force on the day it was loaded (the UTC day: Beijing's day can be one
    # later, and a version loaded today must govern today's figures wherever the server is).
    return [(v, as_utc(at).date()) for v, at in rows]


def _definition_of(session: Session, programme: str, version: int) -> dict:
    text = session.exec(
        select(ProgrammeVersion.definition).where(
            ProgrammeVersion.programme_code == programme, ProgrammeVersion.version == version
        )
    ).one()
    return json.loads(text)


def in_force(session: Session, target: Target, as_of: date) -> InForce:
    """The target's definition in force on `as_of` (see the module's docstring)."""
    current = definition(target)
    versions = _versions(session, target.document_code)
    if not versions:
        return InForce(current, 0, 0)
    latest = versions[-1][0]
    chosen = versions[0][0]
    for version, day in versions:
        if day <= as_of:
            chosen = version
    if chosen == latest:
        return InForce(current, latest, latest)
    then = _definition_of(session, target.document_code, chosen).get("targets", [])
    old = next((t for t in then if t["code"] == target.code), None)
    if old is None:  # the target did not exist yet: today's definition
        return InForce(current, latest, latest)
    return InForce(
        TargetDefinition(
            code=target.code,
            spec=_spec(json.dumps(old["counting"], sort_keys=True)),
            quantity=old["quantity"],
            comparison=old.get("comparison", "at_least"),
            window_start=date.fromisoformat(old["window_start"]),
            deadline=date.fromisoformat(old["deadline"]),
        ),
        chosen,
        latest,
    )


def list_targets(session: Session, programme: str | None = None) -> list[Target]:
    stmt = select(Target)
    if programme is not None:
        stmt = stmt.where(Target.document_code == programme)
    return list(
        session.exec(
            stmt.order_by(col(Target.document_code), col(Target.seq), col(Target.code))
        ).all()
    )


def progress_of(session: Session, d: TargetDefinition, as_of: date) -> Progress:
    """The figure and its forecast: the count on each day of the history (twelve months,
    see dashboard.progress.forecast), one indexed count each, and the records waiting."""
    counts = counts_at(session, d, history_points(d, as_of))
    waiting = count_waiting(session, d, as_of) if as_of < d.deadline else 0
    return compute(d, as_of=as_of, counts=counts, waiting=waiting)


def progress_for(session: Session, target: Target, as_of: date) -> Progress:
    return progress_of(session, in_force(session, target, as_of).definition, as_of)


def all_progress(
    session: Session, as_of: date, programme: str | None = None
) -> list[tuple[Target, Progress]]:
    return [(t, progress_for(session, t, as_of)) for t in list_targets(session, programme)]


@dataclass(frozen=True)
class BurnupPoint:
    day: date
    actual: int


def burnup(session: Session, target: Target, as_of: date) -> list[BurnupPoint]:
    """Cumulative count at each month end from the window start to the as-of date."""
    d = in_force(session, target, as_of).definition
    end = min(as_of, d.deadline)
    if end < d.window_start:
        return []
    days = month_ends(d.window_start, end)
    return [BurnupPoint(day, n) for day, n in zip(days, counts_at(session, d, days), strict=True)]


def breakdown(session: Session, target: Target, as_of: date, *, by: str) -> dict:
    return count_by(session, in_force(session, target, as_of).definition, as_of, by=by)
