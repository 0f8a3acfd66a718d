"""Each target's computed state as plain data: what `progress --json` prints and what the
API's /api/v1/targets serves (one function, so the two cannot differ). Without a forecast
(nothing of the kind counted or waiting, docs/FORECAST.md) the forecast's figures are null and
`forecast_note` says why in both languages."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from dashboard.i18n import t
from dashboard.models import Target
from dashboard.progress.engine import Progress
from dashboard.progress.service import all_progress, breakdown, progress_for


def target_item(session: Session, target: Target, as_of: date, *, by_province: bool) -> dict:
    return _item(session, target, progress_for(session, target, as_of), as_of, by_province)


def _item(
    session: Session, target: Target, progress: Progress, as_of: date, by_province: bool
) -> dict:
    item = {
        "programme": target.document_code,
        "name_zh": target.name_zh,
        "name_en": target.name_en,
        **progress.as_dict(),
        "forecast_note": _note(progress),
    }
    if by_province:
        by = breakdown(session, target, as_of, by="province_code")
        item["by_province"] = {k or "": v for k, v in sorted(by.items(), key=str)}
    return item


def _note(progress: Progress) -> dict[str, str] | None:
    if progress.probability is not None:
        return None
    return {lang: t("fc.abstain", lang) for lang in ("zh", "en")}


def progress_report(
    session: Session, as_of: date, programme: str | None = None, *, by_province: bool = False
) -> dict:
    rows = all_progress(session, as_of, programme)
    return {
        "as_of": as_of.isoformat(),
        "targets": [_item(session, t, p, as_of, by_province) for t, p in rows],
    }
