"""The overview: each target's state, the milestones and the early-warning list."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlmodel import Session, select

from dashboard.dataclass_copy import from_attributes
from dashboard.models import Document, Milestone, PolicyTask, Province, Target
from dashboard.programmes.rule_text import render_rule
from dashboard.programmes.spec import parse_counting
from dashboard.progress.counting import count_records
from dashboard.progress.engine import TargetDefinition
from dashboard.progress.service import burnup, in_force, list_targets, progress_of
from dashboard.reporting import ReportingFacts, timeliness_from
from dashboard.services.provinces import reporting_facts

REPORT_LATE_AFTER_DAYS = 90  # a province with no report for this long is "late"


@dataclass(frozen=True)
class TargetCard:
    code: str
    programme: str
    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    counting_rule_zh: str  # rendered from the spec that computed the figure
    counting_rule_en: str
    why_zh: str | None
    why_en: str | None
    clause_zh: str
    clause_en: str
    progress: dict
    at_deadline: bool  # the figure is the count at the deadline (the as-of date is later)
    definition_changed: bool  # computed under an earlier version of the definition
    definition_version: int


def _rule(d: TargetDefinition, lang: str) -> str:
    return render_rule(d.spec, window_start=d.window_start, deadline=d.deadline, lang=lang)


def _card(session: Session, tg: Target, as_of: date) -> TargetCard:
    """The target's names, units, reasons and clauses as it has them, and its progress."""
    force = in_force(session, tg, as_of)
    d = force.definition
    p = progress_of(session, d, as_of)
    return from_attributes(
        TargetCard,
        tg,
        programme=tg.document_code,
        counting_rule_zh=_rule(d, "zh"),
        counting_rule_en=_rule(d, "en"),
        progress=p.as_dict(),
        at_deadline=as_of > d.deadline,
        definition_changed=force.changed_since,
        definition_version=force.version,
    )


def target_cards(session: Session, as_of: date, programme: str | None = None) -> list[TargetCard]:
    """The cards of a programme's targets (all programmes with None), retired ones left out
    from the day they were retired."""
    return [
        _card(session, tg, as_of)
        for tg in list_targets(session, programme)
        if tg.retired_on is None or tg.retired_on > as_of
    ]


@dataclass(frozen=True)
class ProgrammeChoice:
    code: str
    title_zh: str
    title_en: str
    doc_number: str
    next_deadline: date | None  # the nearest deadline on or after today (None: all passed)
    last_deadline: date | None
    targets: int


def programme_choices(session: Session, today: date) -> list[ProgrammeChoice]:
    """Every programme, the one with the nearest open deadline first (on a tie, the one with
    more targets due that day), then those whose deadlines have all passed, latest-ending
    first. Deadlines are its targets' and, for a programme without targets, its
    milestones'."""
    out, due_next, issued = [], {}, {}
    for doc in session.exec(select(Document)).all():
        targets = [t for t in list_targets(session, doc.code) if t.retired_on is None]
        deadlines = [t.deadline for t in targets] or list(
            session.exec(select(Milestone.deadline).where(Milestone.document_code == doc.code))
        )
        open_ = [d for d in deadlines if d >= today]
        due_next[doc.code] = sum(t.deadline == min(open_) for t in targets) if open_ else 0
        issued[doc.code] = doc.issued_on
        out.append(
            ProgrammeChoice(
                doc.code,
                doc.title_zh,
                doc.title_en,
                doc.doc_number,
                min(open_) if open_ else None,
                max(deadlines) if deadlines else None,
                len(targets),
            )
        )
    far = date.max
    return sorted(
        out,
        key=lambda c: (
            c.next_deadline is None,
            c.next_deadline or far,
            -due_next[c.code],  # a tie: the programme with more targets due then
            -(c.last_deadline or date.min).toordinal(),
            issued[c.code],
            c.code,
        ),
    )


@dataclass(frozen=True)
class Closing:
    code: str
    name_zh: str
    name_en: str
    deadline: date
    threshold: int
    at_deadline: int
    achieved: bool
    margin: int  # above (achieved) or short of (missed) the threshold
    after_deadline: int  # records that would have counted, completed after the deadline


def closing_assessment(session: Session, programme: str, today: date) -> list[Closing]:
    """For a programme whose deadlines have passed: each target's count at its deadline,
    achieved or missed by how much, and what was completed after the deadline (the same
    rule with its window carried on to today)."""
    out = []
    for tg in list_targets(session, programme):
        d = in_force(session, tg, tg.deadline).definition
        if d.deadline >= today:
            continue
        at = progress_of(session, d, d.deadline).actual
        later = TargetDefinition(d.code, d.spec, d.quantity, d.comparison, d.window_start, today)
        now = progress_of(session, later, today).actual
        threshold = d.threshold
        out.append(
            Closing(
                tg.code,
                tg.name_zh,
                tg.name_en,
                d.deadline,
                threshold,
                at,
                at >= threshold,
                abs(at - threshold),
                max(now - at, 0),
            )
        )
    return out


def burnup_frame(session: Session, code: str, as_of: date) -> pd.DataFrame:
    target = next(t for t in list_targets(session) if t.code == code)
    points = burnup(session, target, as_of)
    return pd.DataFrame(
        {"day": [p.day for p in points], "actual": [p.actual for p in points]},
        columns=["day", "actual"],
    )


def milestones(
    session: Session, programme: str | None = None, as_of: date | None = None
) -> pd.DataFrame:
    """The milestones, with the figure of those that count records (docs/PROGRAMMES.md):
    computed on `as_of` by the milestone's own counting rule, which is rendered beside it."""
    stmt = select(Milestone).order_by(Milestone.deadline, Milestone.code)
    if programme is not None:
        stmt = stmt.where(Milestone.document_code == programme)
    rows = []
    for m in session.exec(stmt).all():
        row = {
            "code": m.code,
            "document": m.document_code,
            "name_zh": m.name_zh,
            "name_en": m.name_en,
            "deadline": m.deadline,
            "status": m.status,
            "clause_zh": m.clause_zh,
            "clause_en": m.clause_en,
            "figure": None,
            "rule_zh": None,
            "rule_en": None,
        }
        if m.counting and m.window_start is not None:
            spec = parse_counting(json.loads(m.counting))
            span = {"window_start": m.window_start, "deadline": m.deadline}
            if as_of is not None:
                row["figure"] = count_records(session, spec, as_of=as_of, **span)
            row["rule_zh"] = render_rule(spec, lang="zh", **span)
            row["rule_en"] = render_rule(spec, lang="en", **span)
        rows.append(row)
    return pd.DataFrame(rows, columns=MILESTONE_COLUMNS)


MILESTONE_COLUMNS = [
    "code",
    "document",
    "name_zh",
    "name_en",
    "deadline",
    "status",
    "clause_zh",
    "clause_en",
    "figure",
    "rule_zh",
    "rule_en",
]


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
