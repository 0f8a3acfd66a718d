"""The authorised entry points for the supervision page and its downloads.

Action "view_supervision" (dashboard/permissions.py): the ministry, briefing staff and
administrators see every supervised province, ranked; a coordinator only their own
province's sheet, computed from their province's records alone (no other province is read,
and asking for another one is refused and recorded). A sheet download also needs the
"export" permission for that province and is an audit event like every export.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from dashboard.exports.service import record_export
from dashboard.i18n import LANGS, t
from dashboard.permissions import ALL, Actor, authorize, scope_for
from dashboard.services.dataset import dataset_status
from dashboard.supervision.sheet_text import sheet_heading
from dashboard.supervision.sheets import Sheet, Supervision, compute

ACTION = "view_supervision"
SHEET_FORMATS = ("pdf", "xlsx")


def scope_of(session: Session, *, actor: Actor) -> str | None:
    """None when the actor sees every province, else the one province they may see."""
    user = authorize(session, actor, ACTION)
    return None if scope_for(user.role, ACTION) == ALL else user.province_code


def supervision_for(session: Session, *, actor: Actor, as_of: date) -> Supervision:
    """The national ranking, or for a coordinator their own province's sheet alone."""
    user = authorize(session, actor, ACTION)
    if scope_for(user.role, ACTION) == ALL:
        return compute(session, as_of)
    return compute(session, as_of, only=user.province_code)


def sheet_for(session: Session, *, actor: Actor, code: str, as_of: date) -> Supervision:
    """One province's sheet (`.sheets[0]`), with its national rank for the national roles."""
    user = authorize(session, actor, ACTION, province=code, entity=("province", code))
    national = scope_for(user.role, ACTION) == ALL
    result = compute(session, as_of) if national else compute(session, as_of, only=code)
    result = result.only(code)
    if not result.sheets:
        raise ValueError(
            " / ".join(t("supervision.unknown_province", lang, code=code) for lang in LANGS)
        )
    return result


def sheet_filename(sheet: Sheet, as_of: date, fmt: str, lang: str) -> str:
    stem = t("supervision.sheet.file", lang, code=sheet.code)
    return f"{stem}_{as_of.isoformat()}_{lang}.{fmt}"


def export_sheet(
    session: Session, *, actor: Actor, code: str, as_of: date, fmt: str, lang: str
) -> tuple[bytes, str]:
    """The province's supervision sheet as PDF or XLSX in `lang`, and its file name.
    Raises PermissionDenied, or fonts.FontMissingError for a PDF without the CJK font."""
    if fmt not in SHEET_FORMATS:
        raise ValueError(f"unknown sheet format {fmt!r}")
    user = authorize(session, actor, "export", province=code, entity=("supervision_sheet", code))
    result = sheet_for(session, actor=actor, code=code, as_of=as_of)
    sheet = result.sheets[0]
    synthetic = dataset_status(session).synthetic
    if fmt == "pdf":
        from dashboard.supervision.export_pdf import sheet_pdf as render
    else:
        from dashboard.supervision.export_xlsx import sheet_xlsx as render
    data = render(result, lang=lang, synthetic=synthetic, author=user.username)
    title = sheet_heading(sheet, lang)
    record_export(
        session,
        user,
        "supervision_sheet",
        fmt,
        title=title,
        as_of=as_of,
        entity_id=code,
        province=code,
        lang=lang,
    )
    return data, sheet_filename(sheet, as_of, fmt, lang)
