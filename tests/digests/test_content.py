"""What the digests say, computed by the rules they name: status changes and new warnings
from the progress engine on two days, the next report due (the 15th rule), returns since the
last digest, pilots due for the mid-term evaluation (lagging regions: test_lagging.py).
SQLite and PostgreSQL for the database parts."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from dashboard.digests.coordinator import add_months, coordinator_digest, report_due
from dashboard.digests.ministry import ministry_digest
from dashboard.digests.periods import events_after, period_key, since
from dashboard.models import PolicyTask, TaskUpdate
from dashboard.submissions.review import SubmissionSummary
from tests import builders as b


def test_periods():
    assert period_key("daily", date(2026, 12, 3)) == "daily:2026-12-03"
    assert period_key("weekly", date(2026, 12, 3)) == "weekly:2026-W49"
    assert period_key("weekly", date(2027, 1, 1)) == "weekly:2026-W53"
    assert since("daily", date(2026, 12, 3), None) == date(2026, 12, 2)
    assert since("weekly", date(2026, 12, 3), None) == date(2026, 11, 26)
    assert since("daily", date(2026, 12, 3), date(2026, 11, 29)) == date(2026, 11, 29)
    assert since("daily", date(2026, 12, 3), date(2025, 1, 1)) == date(2026, 12, 2)
    from zoneinfo import ZoneInfo

    start = events_after(date(2026, 12, 2), None, ZoneInfo("Asia/Shanghai"))
    assert start == datetime(2026, 12, 2, 16, tzinfo=UTC)  # 3 Dec 00:00 in Beijing


def test_add_months():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 11, 14), 12) == date(2025, 11, 14)


def _sub(day: date, status: str) -> SubmissionSummary:
    at = datetime(day.year, day.month, day.day, 2, tzinfo=UTC)
    return SubmissionSummary(1, "f.csv", "pilot_status", "330000", "li", at, status, 1, 0, 0,
                             None, None, None, 1)  # fmt: skip


def test_report_due_by_the_15th_rule():
    r = report_due([], date(2026, 12, 3))
    assert (r.quarter, r.due, r.days_left, r.received_on) == ("2026Q4", date(2027, 1, 15), 43, None)
    assert (r.previous, r.previous_due) == ("2026Q3", date(2026, 10, 15))
    # due today is still the one to send; a report in its window counts, a rejected one not
    subs = [_sub(date(2026, 9, 20), "accepted"), _sub(date(2026, 10, 1), "rejected")]
    r = report_due(subs, date(2026, 10, 15))
    assert (r.quarter, r.days_left, r.received_on, r.previous) == (
        "2026Q3",
        0,
        date(2026, 9, 20),
        "2026Q2",  # nothing came for the quarter before
    )
    assert report_due([], date(2024, 7, 1)).quarter == "2024Q3"  # the first quarter reported


def test_ministry_digest_reports_status_changes_and_new_warnings(session):
    official = b.user(session, "wang", "ministry")
    # T1: 70 national standards issued in 2024; all 70 issue on 10 June
    for _ in range(70):
        b.standard(session, issued=date(2024, 6, 10))
    task = session.get(PolicyTask, next(iter(_task_codes(session))))
    session.add(
        TaskUpdate(
            task_code=task.code,
            update_date=date(2024, 6, 10),
            status="delayed",
            progress_pct=10,
            recorded_by="test",
        )
    )
    task.status = "delayed"
    session.commit()
    d = ministry_digest(session, actor=official, as_of=date(2024, 6, 10), since=date(2024, 6, 9))
    t1 = next(c for c in d.changes if c.code == "T1")
    assert (t1.before, t1.after, t1.actual, t1.quantity) == ("off_track", "achieved", 70, 70)
    assert ("task", task.code) in {(w.kind, w.code) for w in d.new_warnings}
    assert ("target", "T1") not in {(w.kind, w.code) for w in d.new_warnings}
    # a day later nothing about T1 or the task is news
    later = ministry_digest(
        session, actor=official, as_of=date(2024, 6, 11), since=date(2024, 6, 10)
    )
    assert "T1" not in {c.code for c in later.changes}
    assert ("task", task.code) not in {(w.kind, w.code) for w in later.new_warnings}
    assert later.pending == [] and later.pending_total == 0


def _task_codes(session):
    return session.exec(select(PolicyTask.code).order_by(PolicyTask.code)).all()


def test_briefing_staff_get_no_review_section(session):
    reader = b.user(session, "zhao", "briefing")
    d = ministry_digest(session, actor=reader, as_of=date(2026, 12, 3), since=date(2026, 12, 2))
    assert d.pending is None


def _returned(session, province: str, day: date, decided: datetime, comment: str) -> None:
    b.submission(
        session,
        province_code=province,
        submitted_at=datetime(day.year, day.month, day.day, 2, tzinfo=UTC),
        status="returned",
        decided_by="wang",
        decided_at=decided,
        decision_comment=comment,
    )
    session.commit()


def test_coordinator_digest(session):
    li = b.user(session, "li", "coordinator", "330000")
    as_of = date(2026, 12, 3)
    due_soon = b.pilot(
        session, [("approved", date(2025, 12, 20)), ("under_construction", date(2026, 1, 5))]
    )
    b.pilot(session, [("approved", date(2026, 6, 1))])  # not due for months
    b.pilot(session, [("approved", date(2025, 1, 1)), ("midterm_evaluation", date(2026, 1, 5))])
    b.pilot(session, [("approved", date(2025, 1, 1))], province="370000")  # another province
    now = datetime(2026, 12, 3, 1, tzinfo=UTC)
    _returned(session, "330000", date(2026, 11, 25), now, "fix row 3")
    _returned(session, "330000", date(2026, 11, 1), datetime(2026, 11, 2, 1, tzinfo=UTC), "old")
    _returned(session, "370000", date(2026, 11, 25), now, "not theirs")
    d = coordinator_digest(
        session,
        actor=li,
        as_of=as_of,
        since=date(2026, 12, 2),
        returned_after=datetime(2026, 12, 2, 16, tzinfo=UTC),
        chart_target="T2",
    )
    assert [r.comment for r in d.returned] == ["fix row 3"]
    assert [m.code for m in d.midterm] == [due_soon.code]
    assert d.midterm[0].due_on == date(2026, 12, 20)
    assert (d.report.quarter, d.report.days_left) == ("2026Q4", 43)
    assert d.report.previous is None  # the 1 November submission reported 2026Q3 (late)
    assert (d.province_zh, d.province_en) == ("浙江省", "Zhejiang")
