"""What acceptance will change: on hand-built records, on SQLite and PostgreSQL, the figures
before and after, per province, the records that start and stop counting, and nothing left
written by working it out."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from dashboard.models import CountingSpan, Pilot, PilotStage
from dashboard.permissions import PermissionDenied
from dashboard.submissions.impact import acceptance_impact
from tests import builders as b

AS_OF = date(2025, 12, 31)


def _codes(session):
    """The action plan's targets by what they count."""
    return {
        "national_standards_2024": "T1",
        "standardization_pilots": "T2",
        "measurement_review_enterprises": "T3",
    }


def _submission(session, kind, rows, province="330000"):
    sub = b.submission(
        session,
        kind=kind,
        province_code=province,
        submitted_by="zhejiang",
        row_count=len(rows),
        payload=rows,
    )
    session.commit()
    return sub.id


def _pilot_row(code, name, stage, day, province="330000"):
    return {
        "pilot_code": code,
        "pilot_name": name,
        "pilot_type": "park",
        "province_code": province,
        "uscc": None,
        "industry": "steel",
        "stage": stage,
        "stage_date": day,
        "standards_adopted": None,
        "note": None,
    }


@pytest.fixture
def people(session):
    return {
        "ministry": b.user(session, "reviewer", "ministry"),
        "zj": b.user(session, "zj", "coordinator", "330000"),
        "sd": b.user(session, "sd", "coordinator", "370000"),
    }


def _state(session):
    session.expire_all()
    return (
        session.exec(select(func.count()).select_from(Pilot)).one(),
        session.exec(select(func.count()).select_from(PilotStage)).one(),
        session.exec(select(func.count()).select_from(CountingSpan)).one(),
    )


def test_pilots_starting_and_stopping(session, people):
    metric = _codes(session)
    pilots = metric["standardization_pilots"]
    stays = b.pilot(session, [("approved", date(2024, 3, 1))])  # counts, not in the file
    fails = b.pilot(session, [("approved", date(2024, 3, 1))])  # counts until it fails
    rises = b.pilot(session, [("applied", date(2024, 3, 1))])  # starts counting
    b.pilot(session, [("approved", date(2024, 3, 1))], province="370000")  # another province
    session.commit()
    rows = [
        _pilot_row(fails.code, fails.name, "failed", "2025-05-01"),
        _pilot_row(rises.code, rises.name, "approved", "2025-04-01"),
        _pilot_row("ZJ-NEW", "新试点园区", "approved", "2025-06-01"),  # a new record counting
        _pilot_row(stays.code, stays.name, "approved", "2024-03-01"),  # already recorded
    ]
    sid = _submission(session, "pilot_status", rows)
    before = _state(session)

    impact = acceptance_impact(session, actor=people["ministry"], submission_id=sid, as_of=AS_OF)

    assert _state(session) == before  # nothing stays written
    assert not impact.refused and impact.changes
    (t,) = [t for t in impact.targets if t.code == pilots]
    assert (t.before, t.after, t.counted_at) == (3, 4, date(2025, 12, 31))
    assert [(p.province_code, p.before, p.after) for p in t.provinces] == [("330000", 2, 3)]
    assert sorted(r.key for r in t.starting) == sorted([rises.code, "ZJ-NEW"])
    assert {r.name_zh for r in t.starting} == {rises.name, "新试点园区"}
    assert [r.key for r in t.stopping] == [fails.code]
    # the pilots' target is the only one they touch
    assert [t.code for t in impact.targets] == [pilots]


def test_as_of_before_the_moves_changes_nothing(session, people):
    pilot = b.pilot(session, [("applied", date(2024, 3, 1))])
    session.commit()
    rows = [_pilot_row(pilot.code, pilot.name, "approved", "2025-04-01")]
    sid = _submission(session, "pilot_status", rows)
    impact = acceptance_impact(
        session, actor=people["ministry"], submission_id=sid, as_of=date(2025, 3, 31)
    )
    assert not impact.changes
    later = acceptance_impact(
        session, actor=people["ministry"], submission_id=sid, as_of=date(2025, 4, 1)
    )
    (t,) = later.targets
    assert (t.before, t.after, [r.key for r in t.starting]) == (0, 1, [pilot.code])
    assert t.counted_at == date(2025, 4, 1)
    after_deadline = acceptance_impact(
        session, actor=people["ministry"], submission_id=sid, as_of=date(2026, 6, 1)
    )
    assert after_deadline.targets[0].counted_at == date(2025, 12, 31)


def test_a_move_no_longer_allowed_is_refused_and_changes_nothing(session, people):
    pilot = b.pilot(session, [("approved", date(2024, 3, 1)), ("withdrawn", date(2024, 6, 1))])
    session.commit()
    sid = _submission(
        session, "pilot_status", [_pilot_row(pilot.code, pilot.name, "accepted", "2025-01-01")]
    )
    before = _state(session)
    impact = acceptance_impact(session, actor=people["ministry"], submission_id=sid, as_of=AS_OF)
    assert impact.refused and impact.targets == []
    assert _state(session) == before


def test_standards_name_the_records_in_both_languages(session, people):
    code = _codes(session)["national_standards_2024"]
    sid = _submission(
        session,
        "standard",
        [
            {
                "number": "GB/T 99001-2024",
                "kind": "national_standard",
                "category": "carbon_accounting",
                "title_zh": "温室气体核算",
                "title_en": "GHG accounting",
                "status": "issued",
                "issue_date": "2024-05-01",
                "implementation_date": None,
                "started_on": None,
                "responsible_org": None,
                "province_code": None,
            }
        ],
        province=None,
    )
    impact = acceptance_impact(session, actor=people["ministry"], submission_id=sid, as_of=AS_OF)
    (t,) = [t for t in impact.targets if t.code == code]
    assert (t.before, t.after, t.provinces) == (0, 1, [])
    (r,) = t.starting
    assert (r.key, r.name_zh, r.name_en) == ("GB/T 99001-2024", "温室气体核算", "GHG accounting")


def test_the_impact_of_another_provinces_submission_is_refused(session, people):
    sid = _submission(
        session, "pilot_status", [_pilot_row("ZJ-X", "某园区", "approved", "2025-01-01")]
    )
    with pytest.raises(PermissionDenied):
        acceptance_impact(session, actor=people["sd"], submission_id=sid, as_of=AS_OF)
    # the submitting province's coordinator may see what it would change
    impact = acceptance_impact(session, actor=people["zj"], submission_id=sid, as_of=AS_OF)
    assert [(t.before, t.after) for t in impact.targets] == [(0, 1)]


def test_earlier_work_in_the_session_is_kept(session, people):
    """Only the savepoint is rolled back: what the caller did before stays."""
    sid = _submission(
        session, "pilot_status", [_pilot_row("ZJ-Y", "某园区", "approved", "2025-01-01")]
    )
    mine = b.pilot(session, [("approved", date(2024, 3, 1))])  # flushed, not committed
    acceptance_impact(session, actor=people["ministry"], submission_id=sid, as_of=AS_OF)
    assert session.get(Pilot, mine.id) is not None
    session.commit()
    assert _state(session)[0] == 1


def test_records_are_looked_up_in_chunks(session, people, monkeypatch):
    """Large submissions look their records up in chunks (SQLite limits the parameters of
    one statement); the answer is the same as in one go."""
    from dashboard.submissions import impact as module
    from dashboard.submissions.plan import chunks

    rows = [_pilot_row(f"ZJ-C{i}", f"园区{i}", "approved", "2025-01-01") for i in range(5)]
    sid = _submission(session, "pilot_status", rows)
    whole = acceptance_impact(session, actor=people["ministry"], submission_id=sid, as_of=AS_OF)
    monkeypatch.setattr(module, "chunks", lambda items: chunks(items, 2))
    parts = acceptance_impact(session, actor=people["ministry"], submission_id=sid, as_of=AS_OF)
    (t,) = parts.targets
    assert (t.before, t.after, len(t.starting)) == (0, 5, 5)

    def seen(impact):  # record ids differ between the two trial applies; keys do not
        return [
            (t.before, t.after, t.provinces, [r.key for r in t.starting]) for t in impact.targets
        ]

    assert seen(parts) == seen(whole)


def test_measurement_reviews_starting_to_count(session, people):
    code = _codes(session)["measurement_review_enterprises"]
    planned = b.review(session, [("planned", date(2024, 5, 1))], province="330000")
    session.commit()
    row = {
        "uscc": planned.uscc,
        "enterprise_name": planned.enterprise_name,
        "province_code": "330000",
        "industry": "power",
        "review_status": "in_review",
        "review_date": "2024-08-01",
        "instruments_total": None,
        "instruments_calibrated": None,
        "note": None,
    }
    sid = _submission(session, "measurement_review", [row])
    impact = acceptance_impact(session, actor=people["ministry"], submission_id=sid, as_of=AS_OF)
    (t,) = impact.targets
    assert (t.code, t.before, t.after) == (code, 0, 1)
    assert [(r.key, r.name_zh) for r in t.starting] == [(planned.uscc, planned.enterprise_name)]
    assert [(p.province_code, p.before, p.after) for p in t.provinces] == [("330000", 0, 1)]
