"""Each supervised province's sheet as of a day: its measures, their points, the items behind
them (quarters, overdue records, open returns), and the national ranking."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlmodel import Session, and_, or_, select

from dashboard.models import Province
from dashboard.reporting import ReportingFacts, quarter_of, quarters_due, timeliness_from
from dashboard.services.provinces import reporting_facts
from dashboard.supervision import rules
from dashboard.supervision.plan_status import plan_status_by_province
from dashboard.supervision.queries import OpenReturn, RecordState, open_returns, record_states


@dataclass(frozen=True)
class QuarterRow:
    label: str
    due: date
    first_report: date | None
    status: str  # on_time | late | missing


@dataclass(frozen=True)
class OverdueItem:
    rule: str  # midterm | acceptance | review_stalled
    record_type: str
    code: str
    name: str
    state: str
    since: date  # set-up date (pilots) or the latest entry's date (reviews)
    due: date
    days_overdue: int


@dataclass
class Sheet:
    code: str
    name_zh: str
    name_en: str
    is_standard: bool
    measures: list[rules.MeasureResult]
    quarters: list[QuarterRow] = field(default_factory=list)
    overdue: list[OverdueItem] = field(default_factory=list)
    returns: list[OpenReturn] = field(default_factory=list)
    score: int = 0
    rank: int | None = None  # only in the national ranking

    def measure(self, key: str) -> rules.MeasureResult:
        return next(m for m in self.measures if m.key == key)

    @property
    def reasons(self) -> list[str]:
        """The measures that scored, in the order of the measure list."""
        return [m.key for m in self.measures if m.points]


@dataclass(frozen=True)
class Supervision:
    as_of: date
    sheets: list[Sheet]  # lagging first when ranked, else by code
    ranked: bool
    plan_tracked: bool
    total: int  # provinces compared (the ranking's size; 1 for a single sheet)

    def only(self, code: str) -> Supervision:
        """The same result with one province's sheet (its rank kept)."""
        sheets = [s for s in self.sheets if s.code == code]
        return Supervision(self.as_of, sheets, self.ranked, self.plan_tracked, self.total)


def supervised_provinces(session: Session, only: str | None = None) -> list[Province]:
    """The 31 mainland provincial-level divisions and the non-standard reporting units (the
    XPCC); Hong Kong, Macao and Taiwan are not addressed by the reporting rule."""
    stmt = select(Province).where(
        or_(and_(Province.is_standard, Province.code < "700000"), Province.is_standard.is_(False))
    )
    if only is not None:
        stmt = stmt.where(Province.code == only)
    return list(session.exec(stmt.order_by(Province.code)).all())


def quarter_rows(facts: ReportingFacts, as_of: date) -> list[QuarterRow]:
    """Every quarter due by `as_of` with the first report that counts for it (reporting.py)."""
    first: dict = {}
    for (year, month), day in facts.first_by_month.items():
        q = quarter_of(date(year, month, 1))
        if q not in first or day < first[q]:
            first[q] = day
    rows = []
    for q in quarters_due(as_of):
        day = first.get(q)
        status = "missing" if day is None else ("on_time" if day <= q.due else "late")
        rows.append(QuarterRow(q.label(), q.due, day, status))
    return rows


def overdue_items(states: list[RecordState], as_of: date) -> list[OverdueItem]:
    out = []
    for s in states:
        if s.record_type == "pilot" and s.set_up_since is not None:
            age = (as_of - s.set_up_since).days
            if s.state in rules.PILOT_NOT_ACCEPTED and age > rules.ACCEPTANCE_DUE_DAYS:
                rule, limit = "acceptance", rules.ACCEPTANCE_DUE_DAYS
            elif s.state in rules.PILOT_MIDTERM_PENDING and age > rules.MIDTERM_DUE_DAYS:
                rule, limit = "midterm", rules.MIDTERM_DUE_DAYS
            else:
                continue
            since = s.set_up_since
        elif s.record_type == "measurement_review" and s.state in rules.REVIEW_OPEN:
            if (as_of - s.state_date).days <= rules.REVIEW_STALLED_DAYS:
                continue
            rule, limit, since = "review_stalled", rules.REVIEW_STALLED_DAYS, s.state_date
        else:
            continue
        due = since + timedelta(days=limit)
        out.append(
            OverdueItem(
                rule, s.record_type, s.code, s.name, s.state, since, due, (as_of - due).days
            )
        )
    return sorted(out, key=lambda o: (-o.days_overdue, o.record_type, o.code))


def _measures(
    facts: ReportingFacts,
    as_of: date,
    plan: str | None,
    plan_tracked: bool,
    set_up: dict[str, int],
    overdue: list[OverdueItem],
    returns: list[OpenReturn],
) -> list[rules.MeasureResult]:
    tl = timeliness_from(facts, as_of)
    by_rule = {r: sum(1 for o in overdue if o.rule == r) for r in rules.OVERDUE_RULES}
    oldest = min((r.returned_at for r in returns), default=None)
    return [
        rules.MeasureResult(
            "report_timeliness",
            {"due": tl.due, "on_time": tl.on_time, "late": tl.late, "share": tl.on_time_share},
            rules.timeliness_points(tl.late),
        ),
        rules.MeasureResult(
            "report_completeness",
            {"due": tl.due, "reported": tl.on_time + tl.late, "missing": tl.missing},
            rules.completeness_points(tl.missing),
        ),
        rules.MeasureResult(
            "plan_status",
            {"status": plan} if plan_tracked else {},
            rules.plan_points(plan) if plan_tracked else None,
        ),
        *(
            rules.MeasureResult(
                key, {"count": set_up[key]}, rules.set_up_points(set_up[key], condition)
            )
            for key, (_type, _states, condition) in rules.SET_UP.items()
        ),
        rules.MeasureResult(
            "overdue_items",
            {"count": len(overdue), **by_rule},
            rules.overdue_points(len(overdue)),
        ),
        rules.MeasureResult(
            "returned_open",
            {
                "count": len(returns),
                "oldest_days": None if oldest is None else (as_of - oldest.date()).days,
            },
            rules.POINTS["returned_open"] * len(returns),
        ),
    ]


def _group(items, key) -> dict[str, list]:
    out: dict[str, list] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return out


def compute(session: Session, as_of: date, *, only: str | None = None) -> Supervision:
    """Every supervised province's sheet as of `as_of`, ranked; with `only`, that one
    province's sheet, unranked (no other province is read)."""
    units = supervised_provinces(session, only)
    codes = [p.code for p in units]
    facts = reporting_facts(session, as_of, province=only)
    plans = plan_status_by_province(session, as_of)
    states = {
        record_type: _group(record_states(session, record_type, as_of, codes), _province)
        for record_type, _states, _condition in rules.SET_UP.values()
    }
    returns = _group(open_returns(session, as_of, codes), _province)
    sheets = []
    for p in units:
        f = facts.get(p.code, ReportingFacts())
        pilots = states["pilot"].get(p.code, [])
        reviews = states["measurement_review"].get(p.code, [])
        overdue = overdue_items(pilots + reviews, as_of)
        mine = returns.get(p.code, [])
        set_up = {
            key: sum(1 for s in states[record_type].get(p.code, []) if s.state in counted)
            for key, (record_type, counted, _condition) in rules.SET_UP.items()
        }
        measures = _measures(
            f,
            as_of,
            None if plans is None else plans.get(p.code, "none"),
            plans is not None,
            set_up,
            overdue,
            mine,
        )
        sheet = Sheet(p.code, p.name_zh, p.name_en, p.is_standard, measures, quarter_rows(f, as_of))
        sheet.overdue, sheet.returns = overdue, mine
        sheet.score = sum(m.points or 0 for m in measures)
        sheets.append(sheet)
    ranked = only is None
    if ranked:
        by_code = {s.code: s for s in sheets}
        ordered = []
        for code, _score, position in rules.rank({s.code: s.score for s in sheets}):
            by_code[code].rank = position
            ordered.append(by_code[code])
        sheets = ordered
    return Supervision(as_of, sheets, ranked, plans is not None, len(sheets))


def _province(item) -> str:
    return item.province_code
