"""Figures by province: the map's measures and a province's profile."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from sqlmodel import Session, func, select

from dashboard.models import Province, Submission, Target
from dashboard.models.common import as_utc
from dashboard.permissions import Actor, authorize, scope_for
from dashboard.progress.counting import count_by
from dashboard.progress.service import in_force
from dashboard.reporting import ReportingFacts, timeliness_from
from dashboard.services.kind_measures import kind_measures, measure_kinds
from dashboard.services.locations import located_records

MEASURES = (
    "pilots_set_up",
    "pilots_accepted",
    "review_enterprises",
    "reports_on_time_pct",
    "days_since_report",
    *(k.map_measure for k in measure_kinds()),
)


# The map's two record measures are the action plan's pilot and review targets.
MEASURE_TARGETS = {"pilots_set_up": "T2", "review_enterprises": "T3"}


def _by_province(session: Session, measure: str, as_of: date) -> dict[str | None, int]:
    target = session.get(Target, MEASURE_TARGETS[measure])
    if target is None:
        return {}
    return count_by(session, in_force(session, target, as_of).definition, as_of, by="province_code")


def pilots_accepted_statement(as_of: date):
    """The pilots accepted by `as_of` and still accepted, counted by province."""
    from dashboard.models import Pilot, PilotStage

    return (
        select(Pilot.province_code, func.count(func.distinct(Pilot.id)))
        .join(PilotStage, PilotStage.pilot_id == Pilot.id)
        .where(
            PilotStage.stage == "accepted",
            PilotStage.stage_date <= as_of,
            Pilot.current_stage == "accepted",
        )
        .group_by(Pilot.province_code)
    )


def _pilots_accepted(session: Session, as_of: date) -> dict[str, int]:
    rows = session.execute(pilots_accepted_statement(as_of)).all()
    return {code: int(n) for code, n in rows}


def _month(dialect: str, column):
    """'YYYY-MM' of a UTC timestamp, in the database."""
    if dialect == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    return func.strftime("%Y-%m", column)


def reporting_statements(dialect: str, as_of: date, *, province: str | None = None):
    """The two aggregates behind the reporting figures up to `as_of`: per province and month
    the first submission that was not rejected; per province and status the number and the
    latest. (Also timed as raw SQL by bench.scale.bench.)"""
    cutoff = datetime.combine(as_of + timedelta(days=1), time(0), tzinfo=UTC)
    where = [
        Submission.province_code.is_not(None),
        Submission.status != "processing",
        Submission.submitted_at < cutoff,
    ]
    if province is not None:
        where.append(Submission.province_code == province)
    month = _month(dialect, Submission.submitted_at)
    firsts = (
        select(Submission.province_code, month, func.min(Submission.submitted_at))
        .where(*where, Submission.status != "rejected")
        .group_by(Submission.province_code, month)
    )
    statuses = (
        select(
            Submission.province_code,
            Submission.status,
            func.count(),
            func.max(Submission.submitted_at),
        )
        .where(*where)
        .group_by(Submission.province_code, Submission.status)
    )
    return firsts, statuses


def reporting_facts(
    session: Session, as_of: date, *, province: str | None = None
) -> dict[str, ReportingFacts]:
    """Each province's submissions up to `as_of`, aggregated in SQL: the first submission
    that was not rejected in each month, the number by status, and the latest report."""
    dialect = session.get_bind().dialect.name
    firsts, statuses = reporting_statements(dialect, as_of, province=province)
    out: dict[str, ReportingFacts] = defaultdict(ReportingFacts)
    for code, ym, first in session.execute(firsts).all():
        year, mon = (int(x) for x in ym.split("-"))
        out[code].first_by_month[(year, mon)] = as_utc(first).date()
    for code, status, n, last in session.execute(statuses).all():
        facts, last = out[code], as_utc(last)
        facts.by_status[status] = int(n)
        if status != "rejected" and (facts.last_report is None or last > facts.last_report):
            facts.last_report = last
    return dict(out)


def province_measures(session: Session, as_of: date) -> pd.DataFrame:
    """One row per provincial-level division (34 plus the XPCC), every map measure."""
    set_up = _by_province(session, "pilots_set_up", as_of)
    reviews = _by_province(session, "review_enterprises", as_of)
    accepted = _pilots_accepted(session, as_of)
    facts = reporting_facts(session, as_of)
    by_kind = kind_measures(session, as_of)
    rows = []
    for p in session.exec(select(Province).order_by(Province.code)).all():
        tl = timeliness_from(facts.get(p.code, ReportingFacts()), as_of)
        rows.append(
            {
                "code": p.code,
                "name_zh": p.name_zh,
                "name_en": p.name_en,
                "is_standard": p.is_standard,
                "on_map": p.on_map,
                "pilots_set_up": set_up.get(p.code, 0),
                "pilots_accepted": accepted.get(p.code, 0),
                "review_enterprises": reviews.get(p.code, 0),
                "reports_on_time_pct": tl.on_time_share if p.code in facts else None,
                "days_since_report": tl.days_since_last,
                **{m: by.get(p.code, 0) for m, by in by_kind.items()},
            }
        )
    return pd.DataFrame(rows)


def target_measures(session: Session, as_of: date, programme: str) -> pd.DataFrame:
    """Each province's figure for each target of a programme counted by province (one
    column per target code), from the same rule as the national figure."""
    from dashboard.progress.service import list_targets

    codes = [p.code for p in session.exec(select(Province).order_by(Province.code)).all()]
    out = pd.DataFrame({"code": codes})
    for target in list_targets(session, programme):
        d = in_force(session, target, as_of).definition
        if d.spec.province != "record" or (target.retired_on and target.retired_on <= as_of):
            continue
        by = count_by(session, d, as_of, by="province_code")
        out[target.code] = [by.get(c, 0) for c in codes]
    return out


def _with_locations(pilots: pd.DataFrame, located: pd.DataFrame) -> pd.DataFrame:
    """The pilots with their locations as reported (blank where none was reported)."""
    where = located[["code", "longitude", "latitude", "datum"]]
    out = pilots.merge(where, on="code", how="left")
    for column in ("longitude", "latitude", "datum"):
        out[column] = out[column].astype(object).where(out[column].notna(), None)
    return out


def province_profile(session: Session, *, actor: Actor, code: str, as_of: date) -> dict:
    """A province's pilots, reviews, submissions and reporting timeliness. Coordinators
    may open only their own province."""
    user = authorize(session, actor, "view_records", province=code, entity=("province", code))
    from dashboard.services.registries import pilots_frame, reviews_frame, submissions_frame

    province = session.get(Province, code)
    if province is None:
        raise ValueError(f"unknown province {code}")
    facts = reporting_facts(session, as_of, province=code).get(code, ReportingFacts())
    return {
        "code": code,
        "name_zh": province.name_zh,
        "name_en": province.name_en,
        "is_standard": province.is_standard,
        "timeliness": timeliness_from(facts, as_of),
        "pilots": _with_locations(
            pilots_frame(session, actor=actor, province=code),
            located_records(session, actor=actor, province=code),
        ),
        "reviews": reviews_frame(session, actor=actor, province=code),
        "submissions": (
            submissions_frame(session, actor=actor, province=code)
            if scope_for(user.role, "view_submissions")
            else None
        ),
    }
