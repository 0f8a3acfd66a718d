"""Programmes in the database: load a checked file as a new version, list, export.

A load is one transaction: the document row, its targets and milestones, the whole file as
a `ProgrammeVersion`, the stage sets its rules count (with their spans) and an audit event.
It may add targets and change texts; it may change a target's definition only with a change
note, never drop a target (retire it) and never bring a retired one back."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlmodel import Session, select

from dashboard import audit
from dashboard.models import Department, Document, Milestone, ProgrammeVersion, Target
from dashboard.permissions import Actor, authorize
from dashboard.programmes.files import Programme, canonical_json, parse_programme
from dashboard.programmes.spec import SpecError
from dashboard.progress.spans import ensure_sets, set_key

SYSTEM_ACTOR = "reference-data"


@dataclass(frozen=True)
class LoadResult:
    code: str
    version: int
    changed: bool
    added_targets: tuple[str, ...] = ()
    changed_targets: tuple[str, ...] = ()
    retired_targets: tuple[str, ...] = ()


def departments(session: Session) -> set[str]:
    return set(session.exec(select(Department.code)).all())


def check(session: Session, raw) -> Programme:
    """Parse and hold the file against what is stored (SpecError on the first problem)."""
    programme = parse_programme(raw, departments=departments(session))
    existing = {
        t.code: t
        for t in session.exec(select(Target).where(Target.document_code == programme.code))
    }
    codes = {t.code for t in programme.targets}
    for code in sorted(set(existing) - codes):
        raise SpecError("targets", "target_dropped", value=code)
    for i, t in enumerate(programme.targets):
        other = session.get(Target, t.code)
        if other is not None and other.document_code != programme.code:
            raise SpecError(f"targets[{i}].code", "code_taken", value=t.code)
        old = existing.get(t.code)
        if old is None:
            continue
        if old.retired_on is not None and t.retired_on is None:
            raise SpecError(f"targets[{i}].retired_on", "unretire", value=t.code)
        defined = old.counting not in ("", "{}")  # rows from before programme files are not
        if (
            defined
            and _definition(old) != t.definition_key()
            and not (t.change_note_zh and t.change_note_en)
        ):
            raise SpecError(f"targets[{i}]", "change_needs_note", value=t.code)
    for i, m in enumerate(programme.milestones):
        other = session.get(Milestone, m.code)
        if other is not None and other.document_code != programme.code:
            raise SpecError(f"milestones[{i}].code", "code_taken", value=m.code)
    return programme


def _definition(t: Target) -> tuple:
    return (t.quantity, t.comparison, t.window_start, t.deadline, json.loads(t.counting))


def _sha(raw: dict) -> str:
    return hashlib.sha256(json.dumps(raw, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def latest_version(session: Session, code: str) -> ProgrammeVersion | None:
    return session.exec(
        select(ProgrammeVersion)
        .where(ProgrammeVersion.programme_code == code)
        .order_by(ProgrammeVersion.version.desc())
        .limit(1)
    ).first()


def _write(session: Session, p: Programme) -> tuple[list[str], list[str], list[str]]:
    doc = session.get(Document, p.code) or Document(
        code=p.code, doc_number="", title_zh="", title_en="", issued_on=p.issued_on
    )
    doc.doc_number, doc.title_zh, doc.title_en = p.doc_number, p.title_zh, p.title_en
    doc.issued_on, doc.seed_file = p.issued_on, p.seed_file
    doc.issuers = json.dumps(list(p.issuers), ensure_ascii=False)
    doc.clauses = json.dumps([c.__dict__ for c in p.clauses], ensure_ascii=False, default=str)
    session.add(doc)
    session.flush()
    added, changed, retired = [], [], []
    for seq, t in enumerate(p.targets):
        row = session.get(Target, t.code)
        if row is None:
            added.append(t.code)
            row = Target(code=t.code, document_code=p.code)
        elif _definition(row) != t.definition_key():
            changed.append(t.code)
        if t.retired_on is not None and row.retired_on is None:
            retired.append(t.code)
        row.name_zh, row.name_en = t.name_zh, t.name_en
        row.quantity, row.comparison = t.quantity, t.comparison
        row.unit_zh, row.unit_en = t.unit_zh, t.unit_en
        row.window_start, row.deadline = t.window_start, t.deadline
        row.counting = json.dumps(t.counting.as_dict(), ensure_ascii=False)
        row.why_zh, row.why_en = t.why_zh, t.why_en
        row.clause_zh, row.clause_en = t.clause.zh, t.clause.en
        row.quote_zh = t.quote_zh or t.clause.quote_zh
        row.quote_en = t.quote_en or t.clause.quote_en
        row.retired_on, row.seq = t.retired_on, seq
        session.add(row)
    for m in p.milestones:
        row = session.get(Milestone, m.code) or Milestone(
            code=m.code,
            document_code=p.code,
            name_zh="",
            name_en="",
            deadline=m.deadline,
            clause_zh="",
            clause_en="",
        )
        row.name_zh, row.name_en, row.deadline = m.name_zh, m.name_en, m.deadline
        row.clause_zh, row.clause_en = m.clause.zh, m.clause.en
        row.quote_en = m.quote_en or m.clause.quote_en
        row.window_start = m.window_start
        row.counting = (
            None if m.counting is None else json.dumps(m.counting.as_dict(), ensure_ascii=False)
        )
        session.add(row)  # status and its history are kept
    session.flush()
    return added, changed, retired


def load(
    session: Session,
    raw,
    *,
    actor: Actor | None,
    note: str | None = None,
) -> LoadResult:
    """Load a programme file as a new version (nothing if it is unchanged). `actor` None is
    the reference-data sync (init-db); otherwise the actor must be allowed to manage
    programmes. A preview or a dry run loads and then rolls the caller's transaction back."""
    if actor is not None:
        code = str(raw.get("code", ""))[:16] if isinstance(raw, dict) else ""
        authorize(session, actor, "manage_programmes", entity=("programme", code))
    programme = check(session, raw)
    sha = _sha(programme.raw)
    last = latest_version(session, programme.code)
    if last is not None and last.sha256 == sha:
        return LoadResult(programme.code, last.version, False)
    added, changed, retired = _write(session, programme)
    version = (last.version if last else 0) + 1
    doc = session.get(Document, programme.code)
    doc.version = version
    who = actor.username if actor else SYSTEM_ACTOR
    session.add(
        ProgrammeVersion(
            programme_code=programme.code,
            version=version,
            definition=canonical_json(programme.raw),
            sha256=sha,
            loaded_by=who,
            note=note,
        )
    )
    conn = session.connection()
    ensure_sets(
        conn,
        [
            (t.counting.records, set_key(t.counting.enters))
            for t in programme.targets
            if t.counting.is_history
        ],
    )
    audit.record(
        session,
        actor=who,
        action="load_programme",
        entity_type="programme",
        entity_id=programme.code,
        detail={
            "version": version,
            "sha256": sha,
            "added": added,
            "changed": changed,
            "retired": retired,
            "note": (note or "")[:500],
        },
    )
    session.flush()
    return LoadResult(programme.code, version, True, tuple(added), tuple(changed), tuple(retired))


def export(session: Session, code: str) -> dict:
    """The programme's current definition as loaded (its latest version's file)."""
    last = latest_version(session, code)
    if last is None:
        raise SpecError("programme.code", "unknown_programme", value=code)
    return json.loads(last.definition)


def programmes(session: Session) -> list[Document]:
    return list(session.exec(select(Document).order_by(Document.issued_on, Document.code)))
