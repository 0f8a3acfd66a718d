"""Ingest one report file: identity -> safe reading -> validation -> one transaction -> archive.

The file's SHA-256 is unique in the database: the same bytes again are a duplicate and
change nothing. Everything a file writes to the database (its submission, the records it
changes, the audit event) is one transaction, so a crash leaves nothing behind and the next
run does the file exactly once; a second concurrent ingest of the same file fails on the
unique hash and reports a duplicate. The original is archived under its hash after the
commit (idempotently); a rejected file is also quarantined beside its error reports.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from dashboard import audit
from dashboard.gc_pause import gc_paused
from dashboard.models import Submission
from dashboard.models.common import utcnow
from dashboard.permissions import Actor, allowed_provinces, authorize
from dashboard.settings import get_settings
from dashboard.submissions import MoveConflict, apply_rows, json_rows
from pipelines.check_cache import CHECKS
from pipelines.error_report import write_atomic, write_reports
from pipelines.history_checks import check_history, conflict_errors
from pipelines.messages import issue
from pipelines.safe_read import DEFAULT_MAX_ROWS, UnsafeFileError, read_table
from pipelines.validate import validate_table
from pipelines.validation_context import Validation, load_context

Progress = Callable[[str, int, int], None]  # (phase, done, total)
# A report has at most a dozen columns; reading a sheet pads every row to this width.
READ_MAX_COLS = 64
# the upload page answers while the user waits, on a server shared by everyone: its files
# are held to fewer rows than the refresh command's (DEFAULT_MAX_ROWS); see BENCHMARKS.md
PAGE_MAX_ROWS = 20_000
KNOWN_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".xls")
_UNSAFE_NAME = re.compile(r"[^\w.()\-（）]+")


@dataclass
class IngestResult:
    file: str
    sha256: str
    kind: str | None
    status: str  # accepted | staged | rejected | duplicate
    rows: int = 0
    errors: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    submission_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    archive_path: str | None = None
    quarantine_path: str | None = None

    def as_dict(self, lang: str = "zh") -> dict:
        out = asdict(self)
        for key in ("errors", "warnings"):
            out[key] = [item | {"message": item[f"message_{lang}"]} for item in out[key]]
        return out


def safe_name(filename: str) -> str:
    name = _UNSAFE_NAME.sub("_", PurePath(filename or "upload").name).strip("._") or "upload"
    return name[-120:]


def _suffix(filename: str) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    return suffix if suffix in KNOWN_SUFFIXES else ".bin"


def archive_relpath(sha: str, filename: str) -> str:
    return f"archive/{sha}{_suffix(filename)}"


def quarantine_relpath(sha: str, filename: str) -> str:
    return f"quarantine/{sha[:12]}-{safe_name(filename)}"


def _province_of(scope: frozenset[str] | None, rows: list[dict]) -> str | None:
    if scope is not None and len(scope) == 1:
        return next(iter(scope))
    provinces = {r.get("province_code") for r in rows}
    return provinces.pop() if len(provinces) == 1 else None


def _check(
    engine: Engine,
    data: bytes,
    filename: str,
    actor: Actor,
    kind: str | None,
    accept: bool,
    today: date | None,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> tuple[frozenset[str] | None, Validation]:
    """Authorise, read and validate (reads only). Returns (scope, validation)."""
    with Session(engine) as session:
        scope = allowed_provinces(session, actor, "submit_report")
        if accept:
            authorize(session, actor, "run_pipelines")
        ctx = load_context(session, scope=scope, today=today)
        try:
            table = read_table(data, filename, max_cols=READ_MAX_COLS, max_rows=max_rows)
        except UnsafeFileError as exc:
            result = Validation(None)
            where = {"row": exc.detail.get("row") or exc.detail.get("line")}
            params: dict[str, Any] = {k: exc.detail[k] for k in ("max", "line") if k in exc.detail}
            name = PurePath(filename).name
            result.errors.append(issue(exc.code, kind=None, value=name, params=params, **where))
            return scope, result
        result = validate_table(table, kind=kind, ctx=ctx)
        if result.errors or not accept:
            check_history(session, result, ctx)
        # else: an operator's import plans once, under the apply lock; a move the history
        # does not allow then rejects the file with the same errors (MoveConflict below).
        return scope, result


def check_bytes(
    engine: Engine,
    *,
    data: bytes,
    filename: str,
    actor: Actor,
    kind: str | None = None,
    today: date | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> IngestResult:
    """Validate a file without writing anything (the upload page shows the outcome, and its
    warnings for the submitter to confirm, before submitting). A file submitted before is
    a duplicate at once (status "duplicate", naming the earlier submission), as at submit.
    Otherwise the result is kept for a few minutes per file hash and user (`check_cache`):
    a rerun of the page does not redo it."""
    with Session(engine) as session:  # authorised on every call, kept or not
        scope = allowed_provinces(session, actor, "submit_report")
    sha = hashlib.sha256(data).hexdigest()
    known = _duplicate(engine, sha, filename)
    if known is not None:
        return known
    day = today or date.today()
    where = None if scope is None else tuple(sorted(scope))
    suffix = PurePath(filename).suffix.lower()
    key = (str(engine.url), sha, actor.id, where, kind, day, suffix, max_rows)
    kept = CHECKS.get(key)
    if kept is not None:
        return replace(kept, file=filename)
    with gc_paused():
        _, result = _check(engine, data, filename, actor, kind, False, today, max_rows)
    status = "rejected" if result.errors else "valid"
    out = IngestResult(
        filename, sha, result.kind, status, result.row_count, result.errors, result.warnings
    )
    CHECKS.put(key, out)
    return out


def _write(
    engine: Engine,
    *,
    sha: str,
    filename: str,
    actor: Actor,
    scope: frozenset[str] | None,
    result: Validation,
    accept: bool,
    progress: Progress | None,
) -> IngestResult:
    """The one transaction of a file. Returns the result; raises IntegrityError when the
    same file was committed meanwhile."""
    status = "rejected" if result.errors else ("accepted" if accept else "staged")
    out = IngestResult(filename, sha, result.kind, status, result.row_count)
    out.errors, out.warnings = result.errors, result.warnings
    now = utcnow()
    with Session(engine, expire_on_commit=False) as session:
        sub = Submission(
            sha256=sha,
            filename=safe_name(filename),
            kind=result.kind,
            province_code=_province_of(scope, result.rows),
            submitted_by=actor.username,
            submitted_at=now,
            status=status,
            row_count=result.row_count,
            errors=result.errors,
            warnings=result.warnings,
            payload=[] if result.errors else json_rows(result.rows, result.kind),
            archive_path=archive_relpath(sha, filename),
        )
        if status == "accepted":
            sub.decided_by, sub.decided_at = actor.username, now
        session.add(sub)
        session.flush()  # the unique hash: a concurrent twin fails here
        out.submission_id = sub.id
        if status == "accepted":
            assert result.kind is not None  # a file without errors is of a known kind

            def on_rows(done: int, total: int) -> None:
                if progress:
                    progress("apply", done, total)

            out.counts = apply_rows(
                session,
                kind=result.kind,
                rows=result.rows,
                submission_id=sub.id,
                actor_name=actor.username,
                progress=on_rows,
            )
        detail = {
            "kind": result.kind,
            "filename": sub.filename,
            "sha256": sha,
            "rows": sub.row_count,
        }
        detail |= {"status": status, "errors": len(result.errors), "warnings": len(result.warnings)}
        audit.record(
            session,
            actor=actor.username,
            action="submission_accept" if status == "accepted" else f"submission_{status}",
            entity_type="submission",
            entity_id=sub.id,
            detail=detail | out.counts,
        )
        session.commit()
    return out


def _duplicate(engine: Engine, sha: str, filename: str) -> IngestResult | None:
    with Session(engine) as session:
        sub = session.exec(select(Submission).where(Submission.sha256 == sha)).first()
        if sub is None:
            return None
        out = IngestResult(filename, sha, sub.kind, "duplicate", sub.row_count)
        out.submission_id, out.archive_path = sub.id, sub.archive_path
        return out


def _archive(root: Path, data: bytes, out: IngestResult, kind: str | None) -> None:
    out.archive_path = out.archive_path or archive_relpath(out.sha256, out.file)
    target = root / out.archive_path
    if not (target.exists() and target.stat().st_size == len(data)):
        write_atomic(target, data)
    if out.status == "rejected":
        out.quarantine_path = quarantine_relpath(out.sha256, out.file)
        target = root / out.quarantine_path
        write_atomic(target, data)
        write_reports(target, out.errors, out.warnings, kind)


def ingest_bytes(
    engine: Engine,
    *,
    data: bytes,
    filename: str,
    actor: Actor,
    accept: bool = False,
    kind: str | None = None,
    progress: Progress | None = None,
    archive_dir: Path | None = None,
    today: date | None = None,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> IngestResult:
    """Take one file through the pipeline. `accept` (an operator's import; needs
    run_pipelines) applies it at once; otherwise it waits for review. Raises
    PermissionDenied when the actor may not submit reports."""
    root = Path(archive_dir or get_settings().archive_dir)
    sha = hashlib.sha256(data).hexdigest()
    report = progress or (lambda phase, done, total: None)
    report("read", 0, 1)
    known = _duplicate(engine, sha, filename)
    if known is not None:
        _archive(root, data, known, known.kind)
        return known
    with gc_paused():  # millions of short-lived objects: see dashboard/gc_pause.py
        scope, result = _check(engine, data, filename, actor, kind, accept, today, max_rows)
        report("validate", result.row_count, result.row_count)

        def write() -> IngestResult:
            return _write(
                engine,
                sha=sha,
                filename=filename,
                actor=actor,
                scope=scope,
                result=result,
                accept=accept,
                progress=progress,
            )

        try:
            try:
                out = write()
            except MoveConflict as exc:  # another file moved these records since validation
                assert result.kind is not None  # only the rows of a known kind are applied
                result.errors = conflict_errors(result.kind, result.rows, exc.conflicts)
                out = write()
        except IntegrityError:
            duplicate = _duplicate(engine, sha, filename)
            if duplicate is None:
                raise
            out = duplicate
    _archive(root, data, out, out.kind)
    report("archive", 1, 1)
    return out
