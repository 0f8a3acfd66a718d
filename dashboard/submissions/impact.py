"""What accepting a staged submission would change in the target figures.

Worked out by doing it: inside a savepoint the submission's rows are applied with the same
function that accepting uses (`apply_rows`, which also keeps the counting spans), the
figures are read with the same public counting functions the overview uses, and the
savepoint is rolled back. Nothing is estimated, and nothing stays written.

For every target whose records the submission touches: the national figure now and after,
the figure of each province concerned now and after, and the records that start or stop
counting, with their names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from sqlalchemy import literal, select, tuple_
from sqlmodel import Session

from dashboard.kinds import KINDS, RecordKind
from dashboard.models import Target
from dashboard.permissions import Actor
from dashboard.progress.counting import count_as_of, qualifying
from dashboard.progress.service import in_force, list_targets, progress_for
from dashboard.submissions.apply import apply_rows
from dashboard.submissions.errors import MoveConflict
from dashboard.submissions.plan import as_dates, chunks
from dashboard.submissions.review import visible_submission


@dataclass(frozen=True)
class RecordRef:
    """A record that starts or stops counting: its key (code, USCC or number) and name."""

    record_type: str
    record_id: int
    key: str
    name_zh: str
    name_en: str
    province_code: str | None


@dataclass(frozen=True)
class ProvinceFigure:
    province_code: str
    before: int
    after: int


@dataclass(frozen=True)
class TargetImpact:
    code: str
    name_zh: str
    name_en: str
    threshold: int
    counted_at: date  # the as-of date, or the deadline when it has passed
    before: int  # the national figure now (as the overview's card shows it)
    after: int  # the national figure once the submission is accepted
    status_before: str
    status_after: str
    provinces: list[ProvinceFigure]
    starting: list[RecordRef] = field(default_factory=list)
    stopping: list[RecordRef] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return (
            self.before != self.after
            or bool(self.starting or self.stopping)
            or any(p.before != p.after for p in self.provinces)
        )


@dataclass(frozen=True)
class Impact:
    submission_id: int
    as_of: date
    targets: list[TargetImpact]
    refused: bool = False  # acceptance would be refused (moves no longer allowed): no change

    @property
    def changes(self) -> bool:
        return any(t.changes for t in self.targets)


def _touched(session: Session, spec: RecordKind, rows: list[dict]) -> dict[int, RecordRef]:
    """The records the rows name, as the database has them now (by id), with the key and
    names the kind's description gives them; keys are looked up in chunks (SQLite limits
    the parameters of one statement)."""
    out: dict[int, RecordRef] = {}
    names = spec.model_names
    if names is None or spec.record_type is None:
        return out
    table = spec.model.__table__
    key_columns = [table.c[c] for c in spec.model_key]
    ident, zh, en = (table.c[c] for c in names)
    province = table.c[spec.province_column] if spec.province_column else literal(None)
    wanted = {tuple(r[c] for c in spec.record_key) for r in rows}
    if len(key_columns) == 1:
        keys, match = sorted(k for (k,) in wanted), key_columns[0].in_
    else:
        keys, match = sorted(wanted), tuple_(*key_columns).in_
    for part in chunks(keys):
        found = session.execute(select(table.c.id, ident, zh, en, province).where(match(part)))
        for i, key, name_zh, name_en, prov in found:
            out[i] = RecordRef(spec.record_type, i, key, name_zh, name_en or name_zh, prov)
    return out


def _counting(
    session: Session, target: Target, as_of: date, record_type: str, ids: Iterable[int]
) -> set[int]:
    """Which of the records `ids` count for the target as of the date (by the target's own
    qualifying selection)."""
    q = qualifying(in_force(session, target, as_of).definition, as_of).subquery()
    found: set[int] = set()
    for part in chunks(sorted(ids)):
        stmt = select(q.c.record_id).where(q.c.record_type == record_type, q.c.record_id.in_(part))
        found.update(int(i) for (i,) in session.execute(stmt))
    return found


def _snapshot(
    session: Session,
    targets: list[Target],
    as_of: date,
    record_type: str,
    refs: dict[int, RecordRef],
    provinces: list[str],
) -> dict[str, dict[str, Any]]:
    ids = list(refs)
    out = {}
    for target in targets:
        progress = progress_for(session, target, as_of)
        d = in_force(session, target, as_of).definition
        out[target.code] = {
            "actual": progress.actual,
            "status": progress.status,
            "threshold": progress.threshold,
            "provinces": {p: count_as_of(session, d, as_of, province=p) for p in provinces},
            "counting": _counting(session, target, as_of, record_type, ids),
        }
    return out


def _counted(session: Session, targets: list[Target], as_of: date, record_type: str | None) -> bool:
    """Whether the rule in force of some target counts records of this type."""
    return record_type is not None and any(
        in_force(session, t, as_of).definition.spec.records == record_type for t in targets
    )


def acceptance_impact(session: Session, *, actor: Actor, submission_id: int, as_of: date) -> Impact:
    """What accepting the submission would change in the figures as of `as_of`.

    The actor must be allowed to see the submission. The caller's session may hold other
    work: only the savepoint is rolled back."""
    sub = visible_submission(session, actor, submission_id, "view_submissions")
    spec = KINDS.get(sub.kind or "")
    targets = list_targets(session)
    record_type = spec.record_type if spec else None
    if spec is None or not _counted(session, targets, as_of, record_type):
        return Impact(cast(int, sub.id), as_of, [])  # its records count for no target
    kind = spec.key
    rows = as_dates(kind, sub.payload)
    before_refs = _touched(session, spec, rows)
    savepoint = session.begin_nested()
    try:
        try:
            apply_rows(
                session, kind=kind, rows=rows, submission_id=sub.id, actor_name=actor.username
            )
        except MoveConflict:
            savepoint.rollback()
            return Impact(cast(int, sub.id), as_of, [], refused=True)
        session.flush()
        after_refs = _touched(session, spec, rows)
        refs = before_refs | after_refs
        provinces = sorted(
            {r.province_code for r in refs.values() if r.province_code}
            | ({sub.province_code} if sub.province_code else set())
        )
        after = _snapshot(session, targets, as_of, cast(str, record_type), refs, provinces)
    finally:
        if savepoint.is_active:
            savepoint.rollback()
    # the records of this type as they were: only the records that existed can have counted
    before = _snapshot(session, targets, as_of, cast(str, record_type), refs, provinces)
    impacts = []
    for target in targets:
        b, a = before[target.code], after[target.code]
        touched = b["counting"] | a["counting"]
        if not touched and b["actual"] == a["actual"] and b["provinces"] == a["provinces"]:
            continue  # the submission's records are not of this target's kind, or never count
        impacts.append(
            TargetImpact(
                code=target.code,
                name_zh=target.name_zh,
                name_en=target.name_en,
                threshold=a["threshold"],
                counted_at=min(as_of, in_force(session, target, as_of).definition.deadline),
                before=b["actual"],
                after=a["actual"],
                status_before=b["status"],
                status_after=a["status"],
                provinces=[
                    ProvinceFigure(p, b["provinces"][p], a["provinces"][p]) for p in provinces
                ],
                starting=[refs[i] for i in sorted(a["counting"] - b["counting"])],
                stopping=[refs[i] for i in sorted(b["counting"] - a["counting"])],
            )
        )
    return Impact(cast(int, sub.id), as_of, impacts)
