"""The refresh command: every file in an inbox through ingest_bytes, as the pipeline user.

The command acts as an admin-role user named "pipeline" (created on first use, active, with
a random password nobody knows), so authorisation and the audit trail go through the same
path as the upload page. A file leaves the inbox once it is archived (or quarantined).
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from typing import Any, cast

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from dashboard.accounts import add_user
from dashboard.db import session_scope
from dashboard.models import User
from dashboard.permissions import Actor, can
from pipelines.ingest import IngestResult, ingest_bytes

PIPELINE_USER = "pipeline"
SKIPPED_PREFIXES = (".", "~$")  # hidden files, Excel's lock files


class RefreshError(RuntimeError):
    """A usage or system problem (exit code 2)."""


def check_database(engine: Engine) -> None:
    if not inspect(engine).has_table("submission"):
        raise RefreshError(
            f"the database at {engine.url.render_as_string()} has no schema; "
            "run `python -m dashboard init-db` first"
        )


def pipeline_actor(engine: Engine) -> Actor:
    """The pipeline's own admin account, created on first use (two refreshes starting at
    once may both try; the second finds the first's)."""
    try:
        return _pipeline_actor(engine)
    except IntegrityError:
        return _pipeline_actor(engine)


def _pipeline_actor(engine: Engine) -> Actor:
    with session_scope(engine) as session:
        user = session.exec(select(User).where(User.username == PIPELINE_USER)).first()
        if user is None:
            user = add_user(
                session,
                actor=None,
                username=PIPELINE_USER,
                password=secrets.token_urlsafe(48),
                role="admin",
                display_name="refresh pipeline",
            )
            session.flush()
        elif not can(user.role, "run_pipelines") or not user.is_active:
            raise RefreshError(
                f"the user {PIPELINE_USER!r} exists but is not an active admin; "
                "fix it with `python -m dashboard users ...`"
            )
        return Actor(id=cast(int, user.id), username=user.username, role=user.role)


def inbox_files(inbox: Path) -> list[Path]:
    if not inbox.is_dir():
        raise RefreshError(f"the inbox {inbox} is not a directory")
    return sorted(
        p for p in inbox.iterdir() if p.is_file() and not p.name.startswith(SKIPPED_PREFIXES)
    )


def skipped_files(inbox: Path) -> list[str]:
    """Names in the inbox that are not ingested (hidden files, Excel's lock files), so that
    the command can say so instead of passing over them without a word."""
    if not inbox.is_dir():
        return []
    return sorted(p.name for p in inbox.iterdir() if p.name.startswith(SKIPPED_PREFIXES))


def _bar(total: int) -> Any:  # a tqdm progress bar, or None
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)


def refresh(
    engine: Engine,
    *,
    inbox: Path,
    accept: bool,
    archive_dir: Path,
    kind: str | None = None,
    keep: bool = False,
) -> list[IngestResult]:
    """Ingest every file of `inbox` in name order; returns one result per file."""
    check_database(engine)
    actor = pipeline_actor(engine)
    files = inbox_files(inbox)
    bar = _bar(len(files))
    results = []
    try:
        for path in files:
            if bar is not None:
                bar.set_description(path.name[:30])

            def progress(phase: str, done: int, total: int) -> None:
                if bar is not None:
                    bar.set_postfix_str(f"{phase} {done}/{total}", refresh=True)

            result = ingest_bytes(
                engine,
                data=path.read_bytes(),
                filename=path.name,
                actor=actor,
                accept=accept,
                kind=kind,
                progress=progress,
                archive_dir=archive_dir,
            )
            results.append(result)
            if not keep:
                path.unlink(missing_ok=True)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    return results


def exit_code(results: list[IngestResult]) -> int:
    return 1 if any(r.status == "rejected" for r in results) else 0


def summary_lines(results: list[IngestResult], lang: str, max_errors: int = 20) -> list[str]:
    lines = []
    for r in results:
        counts = f"{len(r.errors)} errors, {len(r.warnings)} warnings"
        lines.append(f"{r.status:<9} {r.rows:>7} rows  {r.kind or '-':<18} {r.file}  ({counts})")
        for item in (r.errors + r.warnings)[:max_errors]:
            lines.append(f"    {item[f'message_{lang}']}")
        hidden = len(r.errors) + len(r.warnings) - max_errors
        if hidden > 0:
            lines.append(f"    ... {hidden} more in {r.quarantine_path}.errors.csv")
    return lines
