"""Supervision measures computed in SQL against the evaluator of tests/supervision_oracle.py,
on its hand-built records that exercise each clause, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from dashboard.permissions import PermissionDenied
from dashboard.supervision.service import export_sheet, sheet_for, supervision_for
from dashboard.supervision.sheets import compute
from tests import builders as b
from tests.supervision_oracle import DAYS, SUPERVISED, D, build, evaluate

SET_UP_MEASURES = ("pilots_set_up", "reviews_set_up", "parks_set_up", "energy_reviews_set_up")


def observed(sheet):
    m = {x.key: x for x in sheet.measures}
    tl, cp = m["report_timeliness"].figures, m["report_completeness"].figures
    return {
        "timeliness": (tl["on_time"], tl["late"], cp["missing"]),
        "set_up": tuple(m[k].figures["count"] for k in SET_UP_MEASURES),
        "set_up_points": tuple(m[k].points for k in SET_UP_MEASURES),
        "overdue": sorted((o.rule, o.code) for o in sheet.overdue),
        "returns": sorted(r.filename for r in sheet.returns),
        "plan": m["plan_status"].figures["status"],
        "score": sheet.score,
        "rank": sheet.rank,
    }


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_every_measure_matches_the_rule(session, day):
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET TIME ZONE 'Asia/Shanghai'"))  # days are UTC regardless
    build(session)
    ordered, expected = evaluate(day)
    result = compute(session, day)
    assert [s.code for s in result.sheets] == ordered
    assert {s.code: observed(s) for s in result.sheets} == expected
    assert result.plan_tracked


def test_the_clauses_are_exercised(session):
    """The hand-built records reach every clause on some day (else the comparison is weak)."""
    seen = {rule for day in DAYS for r in evaluate(day)[1].values() for rule, _c in r["overdue"]}
    assert seen == {"midterm", "acceptance", "review_stalled"}
    assert evaluate(D(2025, 3, 1))[1]["330000"]["overdue"] == [("review_stalled", "R-ZJ-1")]
    zj = evaluate(D(2025, 3, 2))[1]["330000"]
    assert ("midterm", "ZJ-1") in zj["overdue"] and ("midterm", "ZJ-2") not in zj["overdue"]
    late = evaluate(D(2026, 3, 2))[1]["330000"]["overdue"]
    assert ("acceptance", "ZJ-1") in late and ("acceptance", "ZJ-2") in late
    assert ("acceptance", "ZJ-2") not in evaluate(D(2026, 3, 1))[1]["330000"]["overdue"]
    sd = evaluate(D(2025, 2, 15))[1]["370000"]
    assert sd["returns"] == ["s1.csv", "s4.csv"]  # s2 resubmitted; s6 not yet returned
    assert evaluate(D(2025, 3, 5))[1]["370000"]["returns"] == ["s1.csv", "s4.csv", "s6.csv"]
    assert evaluate(D(2026, 3, 5))[1]["XPCC"]["score"] > 0
    # zero-carbon parks: (pilots, reviews, parks, energy reviews) set up
    assert evaluate(D(2025, 1, 25))[1]["330000"]["set_up"][2:] == (0, 1)  # applied only
    assert evaluate(D(2025, 2, 15))[1]["330000"]["set_up"][2:] == (1, 1)  # approved 02-01
    assert evaluate(D(2025, 2, 15))[1]["370000"]["set_up"][2:] == (1, 0)  # corrected away
    assert evaluate(D(2025, 3, 2))[1]["370000"]["set_up"][2] == 2  # same day, latest entry
    assert evaluate(D(2024, 10, 28))[1]["330000"]["set_up"][3] == 0  # planned only
    xj = {d: evaluate(d)[1]["650000"] for d in (D(2026, 3, 1), D(2026, 3, 2))}
    assert xj[D(2026, 3, 1)]["set_up"][3] == 0 and xj[D(2026, 3, 2)]["set_up"][3] == 1
    assert xj[D(2026, 3, 1)]["score"] == xj[D(2026, 3, 2)]["score"] + 1
    assert all(c not in {"E-ZJ-1", "E-SD-1"} for r in evaluate(D(2026, 3, 2))[1].values()
               for _rule, c in r["overdue"])  # fmt: skip
    plans = {d: evaluate(d)[1] for d in (D(2024, 10, 29), D(2025, 1, 25), D(2025, 3, 1))}
    assert plans[D(2024, 10, 29)]["330000"]["plan"] == "none"
    assert plans[D(2025, 1, 25)]["330000"]["plan"] == "issued"
    assert plans[D(2025, 1, 25)]["370000"]["plan"] == "none"
    assert plans[D(2025, 3, 1)]["370000"]["plan"] == "drafting"


def test_a_coordinator_gets_only_their_own_sheet(session):
    build(session)
    zhejiang = b.user(session, "zj", "coordinator", "330000")
    ministry = b.user(session, "min", "ministry")
    day = D(2025, 3, 5)
    own = supervision_for(session, actor=zhejiang, as_of=day)
    assert [s.code for s in own.sheets] == ["330000"] and not own.ranked
    assert own.sheets[0].rank is None
    national = supervision_for(session, actor=ministry, as_of=day)
    assert len(national.sheets) == 32 and national.ranked
    mine = next(s for s in national.sheets if s.code == "330000")
    assert observed(own.sheets[0]) | {"rank": mine.rank} == observed(mine)
    with pytest.raises(PermissionDenied):
        sheet_for(session, actor=zhejiang, code="370000", as_of=day)
    with pytest.raises(PermissionDenied):
        export_sheet(session, actor=zhejiang, code="370000", as_of=day, fmt="xlsx", lang="zh")
    from sqlmodel import select

    from dashboard.models import AuditEvent

    denied = session.exec(
        select(AuditEvent).where(AuditEvent.actor == "zj", AuditEvent.outcome == "denied")
    ).all()
    assert [(e.action, e.detail["province"]) for e in denied] == [
        ("view_supervision", "370000"),
        ("export", "370000"),
    ]


def test_hong_kong_macao_taiwan_are_not_supervised(session):
    build(session)
    codes = [s.code for s in compute(session, D(2025, 3, 5)).sheets]
    assert sorted(codes) == sorted(SUPERVISED)
    assert not {"810000", "820000", "710000"} & set(codes)
    ministry = b.user(session, "min", "ministry")
    with pytest.raises(ValueError, match="810000 不是督导范围内的省级单位 / 810000 is not a"):
        sheet_for(session, actor=ministry, code="810000", as_of=D(2025, 3, 5))


def test_without_a_plan_source_the_measure_is_not_tracked(session, monkeypatch):
    """plan_status.plan_status_by_province is the one source of the measure: when it answers
    None the measure is shown as not tracked and no province's score changes by it."""
    build(session)
    day = D(2025, 3, 2)
    scores = {
        s.code: (s.score, s.measure("plan_status").points) for s in compute(session, day).sheets
    }
    monkeypatch.setattr("dashboard.supervision.sheets.plan_status_by_province", lambda _s, _d: None)
    result = compute(session, day)
    assert not result.plan_tracked
    for sheet in result.sheets:
        plan = sheet.measure("plan_status")
        assert not plan.tracked and plan.points is None and plan.figures == {}
        assert sheet.score == scores[sheet.code][0] - scores[sheet.code][1]
    assert [s.rank for s in result.sheets] == sorted(s.rank for s in result.sheets)
