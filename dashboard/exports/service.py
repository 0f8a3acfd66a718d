"""The authorised entry points for exports, called by the pages and the command line.

Each function checks the permission table (action "export": briefing staff, ministry and
administrators everywhere; a coordinator only their own province's data, never national
data) and appends an "export" event to the audit trail in the caller's transaction: the
caller commits (a page through `session_scope`, the CLI likewise). A refusal is recorded in
by `dashboard.permissions.refuse` (after rolling the caller back) and raises `PermissionDenied`.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import altair as alt
import pandas as pd
from sqlmodel import Session, select

from dashboard import audit
from dashboard.exports.briefing import build_slides
from dashboard.exports.briefing_pdf import to_pdf
from dashboard.exports.briefing_pptx import to_pptx
from dashboard.exports.chart_export import FORMATS, ExportMeta, export_chart
from dashboard.exports.labels import Columns, province_fields, province_names, table_frame
from dashboard.exports.tables import to_csv_bytes, to_xlsx_bytes
from dashboard.i18n import t
from dashboard.models import User
from dashboard.permissions import OWN, Actor, authorize, refuse, scope_for
from dashboard.services.dataset import dataset_status

ACTION = "export"
TABLE_FORMATS = ("csv", "xlsx")
PACK_FORMATS = ("pptx", "pdf")
MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


def export_meta(
    session: Session,
    *,
    actor: Actor,
    title: str,
    as_of: date | None,
    subtitle: str = "",
    includes_pending: bool = False,
    source: str = "",
) -> ExportMeta:
    """The metadata of an export: the demo marker from the dataset, the time now (UTC)."""
    return ExportMeta(
        title=title,
        subtitle=subtitle,
        source=source,
        as_of=as_of,
        includes_pending=includes_pending,
        synthetic=dataset_status(session).synthetic,
        exported_at=datetime.now(UTC),
        exported_by=actor.username,
    )


def _authorize(session: Session, actor: Actor, province: str | None, entity_type: str) -> User:
    """National data (province None) only for roles with the "all" scope."""
    user = authorize(session, actor, ACTION, province=province, entity=(entity_type, "new"))
    if scope_for(user.role, ACTION) == OWN and province is None:
        refuse(
            session, actor, ACTION, "national_data_outside_own_province", None, (entity_type, "new")
        )
    return user


def record_export(
    session: Session,
    user: User,
    entity_type: str,
    fmt: str,
    *,
    title: str,
    as_of: date | None,
    entity_id: str | None = None,
    **more,
) -> None:
    """The audit event of an export: what (`entity_type`, `entity_id`), in which format,
    under which title and as of when, and `more` (filters, province, language)."""
    detail = {"format": fmt, "title": title, "as_of": as_of, **more}
    audit.record(
        session,
        actor=user.username,
        action=ACTION,
        entity_type=entity_type,
        entity_id=entity_id,
        detail=detail,
    )


def _record(session: Session, user: User, entity_type: str, fmt: str, meta: ExportMeta, **more):
    title, as_of = meta.title, meta.as_of
    record_export(
        session, user, entity_type, fmt, title=title, as_of=as_of, filters=meta.subtitle, **more
    )


def export_chart_for(
    session: Session,
    *,
    actor: Actor,
    chart: alt.TopLevelMixin | dict,
    fmt: str,
    meta: ExportMeta,
    lang: str,
    province: str | None = None,
) -> bytes:
    """A chart as PNG (2x), SVG or PDF. `province`: the province whose data the chart shows
    (None for national data). Raises PermissionDenied or fonts.FontMissingError."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}")
    user = _authorize(session, actor, province, "chart")
    data = export_chart(chart, fmt=fmt, meta=meta, lang=lang)
    _record(session, user, "chart", fmt, meta, province=province, lang=lang)
    return data


def export_table_for(
    session: Session,
    *,
    actor: Actor,
    df: pd.DataFrame,
    fmt: str,
    meta: ExportMeta,
    lang: str,
    province: str | None = None,
    columns: Columns | None = None,
) -> bytes:
    """A table as CSV (UTF-8 with BOM) or XLSX. With `columns` (see `exports.labels`) the
    service frame `df` is exported as people read it: labelled columns in `lang`, enumerations
    translated, province names beside codes, typed dates, moments in the display zone.
    A coordinator's table must hold only their province's rows (checked on the province
    columns, or on a `province_code` column when there is one)."""
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"unknown table format {fmt!r}")
    user = _authorize(session, actor, province, "table")
    if province is not None:
        fields = {"province_code", *province_fields(columns or {})}
        for field in sorted(f for f in fields if f in df.columns):
            others = set(df[field].dropna()) - {province}
            if others:
                raise ValueError(f"table holds rows of other provinces: {sorted(others)[:5]}")
    if columns:
        df = table_frame(df, columns, lang, provinces=province_names(session, lang), typed=True)
    data = to_csv_bytes(df, meta, lang) if fmt == "csv" else to_xlsx_bytes(df, meta, lang)
    _record(session, user, "table", fmt, meta, province=province, lang=lang, rows=len(df))
    return data


def briefing_pack(
    session: Session,
    *,
    actor: Actor,
    lang: str,
    as_of: date,
    fmt: str,
    programme: str | None = None,
) -> bytes:
    """The briefing pack (PPTX or PDF) as of a date, in Chinese or English. National data:
    briefing staff, ministry and administrators only."""
    if fmt not in PACK_FORMATS:
        raise ValueError(f"unknown briefing format {fmt!r}")
    user = _authorize(session, actor, None, "briefing")
    generated = datetime.now(UTC)
    slides = build_slides(
        session,
        lang=lang,
        as_of=as_of,
        generated_at=generated,
        prepared_by=user.username,
        programme=programme,
    )
    title = t("briefing.title", lang)
    render = to_pptx if fmt == "pptx" else to_pdf
    data = render(slides, lang, title=title, author=user.username)
    meta = ExportMeta(title=title, as_of=as_of, exported_at=generated)
    _record(
        session, user, "briefing", fmt, meta, lang=lang, slides=len(slides), programme=programme
    )
    return data


def briefing_user(session: Session, username: str | None) -> Actor:
    """The account a command-line briefing runs as: the one named, else the only active
    briefing account, else the only active administrator."""
    if username:
        user = session.exec(select(User).where(User.username == username)).first()
        if user is None:
            raise ValueError(f"no user named {username!r}")
    else:
        user = None
        for role in ("briefing", "admin"):
            found = session.exec(
                select(User).where(User.role == role, User.is_active).order_by(User.id)
            ).all()
            if len(found) == 1:
                user = found[0]
                break
            if len(found) > 1:
                names = ", ".join(u.username for u in found)
                raise ValueError(f"several {role} accounts ({names}): choose one with --user")
        if user is None:
            raise ValueError(
                "no briefing or admin account: create one (python -m dashboard users add) "
                "or name one with --user"
            )
    return Actor(id=user.id, username=user.username, role=user.role)


def suggested_filename(meta: ExportMeta, ext: str) -> str:
    """A file name carrying the title and the as-of date, safe on every system."""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", meta.title).strip("._")[:80] or "export"
    day = meta.as_of.isoformat() if meta.as_of else meta.exported_at.date().isoformat()
    return f"{stem}_{day}.{ext}"
