"""Review of staged submissions: listing, preview, accept, return, scope, stale versions,
stage moves re-checked at accept time, and the audit trail."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from dashboard import audit, submissions
from dashboard.models import AuditEvent, Pilot, PilotStage, Submission
from dashboard.permissions import PermissionDenied
from tests.pipelines.conftest import GOLDEN
from tests.pipelines.make_corpus import PILOT, csv_bytes

ZJ = "coordinator:330000"


@pytest.fixture
def staged(ingest, actors):
    result = ingest((GOLDEN / "pilot_status.csv").read_bytes(), "pilot_status.csv", actors[ZJ])
    assert result.status == "staged", result.errors
    return result.submission_id


def _events(session, action):
    session.expire_all()
    return session.exec(select(AuditEvent).where(AuditEvent.action == action)).all()


def _ministry_returns(session, actors, submission_id, comment):
    return submissions.return_submission(
        session,
        actor=actors["ministry"],
        submission_id=submission_id,
        comment=comment,
        expected_version=1,
    )


def test_pending_listed_with_what_it_would_change(session, actors, staged):
    pending = submissions.list_pending(session, actor=actors["ministry"])
    assert [(s.id, s.province_code, s.status) for s in pending] == [(staged, "330000", "staged")]
    change = submissions.preview(session, actor=actors["ministry"], submission_id=staged)
    assert change.counts == {
        "pilot": {"new": 3, "updated": 0, "unchanged": 0},
        "pilotstage": {"new": 4},
    }
    assert change.move_count == 4 and change.conflicts == []
    assert {"key": "ZJ-P-001", "from": "applied", "to": "recommended", "date": "2024-05-06"} in (
        change.moves
    )
    assert submissions.list_pending(session, actor=actors["coordinator:370000"]) == []
    assert [s.id for s in submissions.list_pending(session, actor=actors[ZJ])] == [staged]


def test_pending_rows_are_marked_and_not_counted(session, actors, staged):
    rows = submissions.pending_records(session, actor=actors["ministry"], kind="pilot_status")
    assert len(rows) == 4 and all(r["pending"] and r["submission_id"] == staged for r in rows)
    assert session.exec(select(func.count()).select_from(Pilot)).one() == 0


def test_accept_applies_and_is_audited(session, actors, staged):
    counts = submissions.accept(
        session, actor=actors["ministry"], submission_id=staged, expected_version=1
    )
    session.commit()
    assert counts["records_new"] == 3 and counts["history_new"] == 4
    session.expire_all()
    sub = session.get(Submission, staged)
    assert (sub.status, sub.decided_by, sub.version) == ("accepted", "reviewer", 2)
    assert session.exec(select(func.count()).select_from(PilotStage)).one() == 4
    (event,) = _events(session, "submission_accept")
    assert event.actor == "reviewer" and event.entity_id == str(staged)
    assert event.detail["records_new"] == 3
    assert audit.verify_chain(session).ok


def test_a_stale_decision_names_who_decided_and_when(session, actors, staged):
    submissions.accept(session, actor=actors["ministry"], submission_id=staged, expected_version=1)
    session.commit()
    with pytest.raises(submissions.StaleSubmission) as caught:
        _ministry_returns(session, actors, staged, "请补充")
    session.rollback()
    assert caught.value.values["by"] == "reviewer"
    # the moment of the other decision is told in the display zone, in the reader's language
    assert "reviewer" in caught.value.message("zh") and "北京时间" in caught.value.message("zh")
    assert "Beijing time" in caught.value.message("en") and "UTC" not in caught.value.message("en")
    assert session.exec(select(func.count()).select_from(PilotStage)).one() == 4


def test_return_needs_a_comment_the_coordinator_sees(session, actors, staged):
    with pytest.raises(submissions.CommentRequired) as caught:
        _ministry_returns(session, actors, staged, "  ")
    assert isinstance(caught.value, ValueError) and caught.value.message("zh")
    _ministry_returns(session, actors, staged, "ZJ-P-002 的批准日期请核对")
    session.commit()
    (mine,) = submissions.history(session, actor=actors[ZJ])
    assert (mine.status, mine.decision_comment) == ("returned", "ZJ-P-002 的批准日期请核对")
    (event,) = _events(session, "submission_return")
    assert event.detail["comment"] == "ZJ-P-002 的批准日期请核对"
    assert session.exec(select(func.count()).select_from(Pilot)).one() == 0


@pytest.mark.parametrize("who", [ZJ, "admin", "briefing"])
def test_only_reviewers_decide(session, actors, staged, who):
    with pytest.raises(PermissionDenied):
        submissions.accept(session, actor=actors[who], submission_id=staged, expected_version=1)
    session.rollback()
    denied = session.exec(select(AuditEvent).where(AuditEvent.outcome == "denied")).all()
    assert denied and denied[-1].action == "review_submission"


def test_coordinators_see_only_their_province(session, actors, staged):
    other = actors["coordinator:370000"]
    assert submissions.history(session, actor=other) == []
    with pytest.raises(PermissionDenied):
        submissions.get_submission(session, actor=other, submission_id=staged)
    detail = submissions.get_submission(session, actor=actors[ZJ], submission_id=staged)
    assert detail.summary.row_count == 4 and len(detail.rows) == 4


def _pilot_file(stage: str, day: str) -> bytes:
    row = ["ZJ-P-900", "园区", "园区", "330000", "", "钢铁", stage, day, "", ""]
    return csv_bytes(PILOT, [row])


def test_accept_rechecks_stage_moves_against_the_records_now(session, ingest, actors):
    assert (
        ingest(_pilot_file("applied", "2024-01-01"), "a.csv", actors["admin"], accept=True).status
        == "accepted"
    )
    first = ingest(_pilot_file("under_construction", "2024-06-01"), "b.csv", actors[ZJ])
    second = ingest(_pilot_file("recommended", "2024-05-01"), "c.csv", actors[ZJ])
    assert first.status == second.status == "staged"  # each allowed when submitted
    submissions.accept(
        session, actor=actors["ministry"], submission_id=first.submission_id, expected_version=1
    )
    session.commit()
    with pytest.raises(submissions.MoveConflict) as caught:
        submissions.accept(
            session,
            actor=actors["ministry"],
            submission_id=second.submission_id,
            expected_version=1,
        )
    session.rollback()
    assert caught.value.conflicts[0].current == "under_construction"
    assert "ZJ-P-900" in caught.value.message("zh")
    session.expire_all()
    assert session.get(Submission, second.submission_id).status == "staged"
    pilot = session.exec(select(Pilot).where(Pilot.code == "ZJ-P-900")).one()
    assert pilot.current_stage == "under_construction"
    change = submissions.preview(
        session, actor=actors["ministry"], submission_id=second.submission_id
    )
    assert [c["code"] for c in change.conflicts] == ["stage_move"]


def test_only_submitters_submit_and_only_operators_accept_at_once(ingest, actors):
    data = (GOLDEN / "pilot_status.csv").read_bytes()
    with pytest.raises(PermissionDenied):
        ingest(data, "p.csv", actors["ministry"])
    with pytest.raises(PermissionDenied):
        ingest(data, "p.csv", actors[ZJ], accept=True)
