"""The overview: each target's state, the milestones and the early-warning list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session, select

from dashboard.models import Milestone, PolicyTask, Province
from dashboard.progress.service import all_progress, burnup, list_targets
from dashboard.reporting import ReportingFacts, timeliness_from
from dashboard.services.provinces import reporting_facts

REPORT_LATE_AFTER_DAYS = 90  # a province with no report for this long is "late"


@dataclass(frozen=True)
class TargetCard:
    code: str
    metric: str
    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    counting_rule_zh: str
    counting_rule_en: str
    clause_zh: str
    clause_en: str
    progress: dict


def target_cards(session: Session, as_of: date) -> list[TargetCard]:
    return [
        TargetCard(
            code=tg.code,
            metric=tg.metric,
            name_zh=tg.name_zh,
            name_en=tg.name_en,
            unit_zh=tg.unit_zh,
            unit_en=tg.unit_en,
            counting_rule_zh=tg.counting_rule_zh,
            counting_rule_en=tg.counting_rule_en,
            clause_zh=tg.clause_zh,
            clause_en=tg.clause_en,
            progress=p.as_dict(),
        )
        for tg, p in all_progress(session, as_of)
    ]


def burnup_frame(session: Session, code: str, as_of: date) -> pd.DataFrame:
    target = next(t for t in list_targets(session) if t.code == code)
    points = burnup(session, target, as_of)
    return pd.DataFrame(
        {"day": [p.day for p in points], "actual": [p.actual for p in points]},
        columns=["day", "actual"],
    )


def milestones(session: Session) -> pd.DataFrame:
    rows = session.exec(select(Milestone).order_by(Milestone.deadline, Milestone.code)).all()
    return pd.DataFrame(
        [
            {
                "code": m.code,
                "document": m.document_code,
                "name_zh": m.name_zh,
                "name_en": m.name_en,
                "deadline": m.deadline,
                "status": m.status,
                "clause_zh": m.clause_zh,
                "clause_en": m.clause_en,
            }
            for m in rows
        ],
        columns=[
            "code",
            "document",
            "name_zh",
            "name_en",
            "deadline",
            "status",
            "clause_zh",
            "clause_en",
        ],
    )


@dataclass(frozen=True)
class Warning:
    kind: str  # "target" | "task" | "province"
    code: str
    name_zh: str
    name_en: str
    detail: str  # a status key or a number of days


def early_warnings(session: Session, as_of: date, cards: list[TargetCard]) -> list[Warning]:
    out: list[Warning] = [
        Warning("target", c.code, c.name_zh, c.name_en, c.progress["status"])
        for c in cards
        if c.progress["status"] in {"at_risk", "off_track", "missed"}
    ]
    delayed = session.exec(
        select(PolicyTask).where(PolicyTask.status == "delayed").order_by(PolicyTask.code)
    ).all()
    out += [Warning("task", t.code, t.title_zh, t.title_en, t.status) for t in delayed]
    for code, name_zh, name_en, days in late_provinces(session, as_of):
        out.append(Warning("province", code, name_zh, name_en, str(days)))
    return out


def late_provinces(session: Session, as_of: date) -> list[tuple[str, str, str, int | None]]:
    """Mainland provinces with no report for longer than the limit (or never), once any
    province has reported at all."""
    facts = reporting_facts(session, as_of)
    if not facts:
        return []
    late = []
    provinces = session.exec(
        select(Province)
        .where(Province.is_standard, Province.code < "700000")
        .order_by(Province.code)
    ).all()
    for p in provinces:
        days = timeliness_from(facts.get(p.code, ReportingFacts()), as_of).days_since_last
        if days is None or days > REPORT_LATE_AFTER_DAYS:
            late.append((p.code, p.name_zh, p.name_en, days))
    return late
