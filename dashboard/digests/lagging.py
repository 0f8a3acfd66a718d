"""Lagging regions, a simple measure for the ministry's digest: a mainland province whose
report for the latest quarter already due has not arrived, or whose latest report was
returned and not yet followed by another. One function, `lagging_regions`, so that a fuller
supervision measure can replace it without touching the digest.

As with the overview's late provinces, nothing is listed before any province has reported
at all (a new installation would otherwise list all 31)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, func, select

from dashboard.models import Province, Submission
from dashboard.reporting import Quarter, quarter_of, quarters_due
from dashboard.services.provinces import reporting_facts


@dataclass(frozen=True)
class Lagging:
    code: str
    name_zh: str
    name_en: str
    overdue: str | None  # the quarter whose report is missing ("2026Q3"), else None
    overdue_due: date | None
    returned: bool  # the latest report was returned


def _latest_statuses(session: Session, as_of: date) -> dict[str, str]:
    """Each province's latest submission (not rejected, not in processing) and its status."""
    cutoff = datetime.combine(as_of + timedelta(days=1), time(0), tzinfo=UTC)
    where = (
        Submission.province_code.is_not(None),
        Submission.status.in_(("staged", "accepted", "returned")),
        Submission.submitted_at < cutoff,
    )
    latest = (
        select(Submission.province_code, func.max(Submission.submitted_at).label("at"))
        .where(*where)
        .group_by(Submission.province_code)
        .subquery()
    )
    rows = session.execute(
        select(Submission.province_code, Submission.status).join(
            latest,
            (Submission.province_code == latest.c.province_code)
            & (Submission.submitted_at == latest.c.at),
        )
    ).all()
    return {code: status for code, status in rows}


def _reported(months: set[tuple[int, int]], quarter: Quarter) -> bool:
    return any(quarter_of(date(y, m, 1)) == quarter for y, m in months)


def lagging_regions(session: Session, as_of: date) -> list[Lagging]:
    facts = reporting_facts(session, as_of)
    if not facts:
        return []
    due = quarters_due(as_of)
    last_due = due[-1] if due else None
    latest = _latest_statuses(session, as_of)
    out = []
    provinces = session.exec(
        select(Province)
        .where(Province.is_standard, Province.code < "700000")
        .order_by(Province.code)
    ).all()
    for p in provinces:
        months = set(facts[p.code].first_by_month) if p.code in facts else set()
        overdue = last_due is not None and not _reported(months, last_due)
        returned = latest.get(p.code) == "returned"
        if overdue or returned:
            out.append(
                Lagging(
                    p.code,
                    p.name_zh,
                    p.name_en,
                    last_due.label() if overdue else None,
                    last_due.due if overdue else None,
                    returned,
                )
            )
    return out
