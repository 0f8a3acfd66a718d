"""The programme files shipped in data/programmes/, loaded by `init-db` (and the tests).

A shipped file is loaded when its programme is new, or when it changed and the programme's
latest version also came from the shipped files. Once an administrator has loaded a version
of a programme, the shipped file no longer overrides it."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from dashboard.i18n import t
from dashboard.models import ProgrammeVersion
from dashboard.programmes.files import shipped_files
from dashboard.programmes.store import SYSTEM_ACTOR, latest_version, load

SHIPPED_NOTE = "shipped file "


def sync_programmes(session: Session) -> dict[str, int]:
    programmes = targets = milestones = 0
    for path in shipped_files():
        raw = json.loads(path.read_text(encoding="utf-8"))
        last = latest_version(session, raw.get("code", ""))
        if last is None or last.loaded_by == SYSTEM_ACTOR:
            load(session, raw, actor=None, note=f"{SHIPPED_NOTE}{path.name}")
        programmes += 1
        targets += len(raw.get("targets", []))
        milestones += len(raw.get("milestones", []))
    return {"programmes": programmes, "targets": targets, "milestones": milestones}


def versions(session: Session, code: str) -> list[ProgrammeVersion]:
    return list(
        session.exec(
            select(ProgrammeVersion)
            .where(ProgrammeVersion.programme_code == code)
            .order_by(ProgrammeVersion.version)
        )
    )


def version_note(version: ProgrammeVersion, lang: str) -> str:
    """A version's note for the history table: the note written when a shipped file was
    loaded is said in `lang`; an administrator's note is shown as written."""
    note = version.note or ""
    if version.loaded_by == SYSTEM_ACTOR and note.startswith(SHIPPED_NOTE):
        return t("programmes.shipped_note", lang, file=note[len(SHIPPED_NOTE) :])
    return note or "—"


def version_loader(version: ProgrammeVersion, lang: str) -> str:
    """Who loaded a version: the system for shipped files, else the administrator."""
    return (
        t("programmes.shipped_by", lang) if version.loaded_by == SYSTEM_ACTOR else version.loaded_by
    )
