"""Reports through the pages: a coordinator (or the administrator) submits one through the
upload, a file sent before is called a duplicate at the check; the ministry decides on the
review queue knowing what acceptance changes, returns with a comment, and is shown labelled
conflicts and task moves. Each test works on a private copy of the demo database."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import fmt_date, local_today, t
from dashboard.models import Pilot, PolicyTask, Submission
from dashboard.permissions import Actor
from dashboard.progress.service import list_targets, progress_for
from tests.pages.conftest import app_as, audit_events, user_row, zhejiang_pilot_report
from tests.pages.widgets import _ok, click, open_page

SUBMIT = "../pages/submit.py"
QUEUE = "../pages/submission_queue.py"


def _pilot_file(code: str, province: str = "330000") -> bytes:
    from tests.pipelines.make_corpus import PILOT, csv_bytes

    rows = [[code, "上传测试园区", "park", province, "", "steel", "applied", "2026-01-05", "", ""]]
    return csv_bytes(PILOT, rows)


@pytest.mark.parametrize(("username", "province"), [("zhejiang", "330000"), ("admin", "370000")])
def test_a_report_is_submitted_through_the_upload(writable_demo, username, province):
    data = _pilot_file(f"UP-{username}", province)
    at = open_page(writable_demo, username, SUBMIT)
    at.file_uploader(key="report_upload").set_value(("pilots.csv", data, "text/csv")).run()
    _ok(at)
    assert any(s.value == t("submit.valid", "zh") for s in at.success)
    click(at, t("submit.submit", "zh"))
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        sub = s.exec(select(Submission).where(Submission.filename == "pilots.csv")).one()
    assert (sub.status, sub.submitted_by, sub.province_code) == ("staged", username, province)
    assert sub.payload[0]["pilot_code"] == f"UP-{username}"
    (event,) = audit_events(writable_demo, "submission_staged", entity_id=str(sub.id))
    assert event.actor == username


def test_a_file_submitted_before_is_called_a_duplicate_at_the_check(writable_demo):
    data = _pilot_file("UP-TWICE")
    at = open_page(writable_demo, "zhejiang", SUBMIT)
    at.file_uploader(key="report_upload").set_value(("first.csv", data, "text/csv")).run()
    click(at, t("submit.submit", "zh"))
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        first = s.exec(select(Submission).where(Submission.filename == "first.csv")).one()
    at.file_uploader(key="report_upload").set_value(("again.csv", data, "text/csv")).run()
    _ok(at)
    assert [i.value for i in at.info] == [t("submit.duplicate_at_check", "zh", id=first.id)]
    assert not [b for b in at.button if b.label == t("submit.submit", "zh")]


RAW = {"pilot", "pilotstage", "key", "from", "to", "date", "None", "nan", "approved", "recommended"}


def _cells(frame) -> set[str]:
    return {str(c) for c in frame.columns} | {str(v) for v in frame.to_numpy().ravel()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ministry_accepts_knowing_what_it_changes(writable_demo, lang):
    sid, known = zhejiang_pilot_report(writable_demo)
    with Session(shared_engine(writable_demo)) as s:
        target = next(x for x in list_targets(s) if x.code == "T2")
        now = progress_for(s, target, local_today()).actual
    at = open_page(writable_demo, "ministry", QUEUE, lang)
    assert at.subheader[0].value == t("impact.title", lang)
    figures, provinces = (x.value for x in at.table[:2])
    records = at.dataframe[0].value
    name = target.name_zh if lang == "zh" else target.name_en
    row = figures[figures[t("impact.col.target", lang)] == name].iloc[0]
    assert (row[t("impact.col.before", lang)], row[t("impact.col.after", lang)]) == (now, now + 2)
    assert row[t("impact.col.counted_at", lang)] == fmt_date(date(2025, 12, 31), lang)
    prow = provinces.iloc[0]
    assert prow[t("col.province", lang)] == ("浙江省" if lang == "zh" else "Zhejiang")
    assert (
        prow[t("impact.col.province_after", lang)] - prow[t("impact.col.province_before", lang)]
        == 2
    )
    assert set(records[t("col.name", lang)]) == {known["name"], "测试新园区 *粗体*"}
    assert set(records[t("impact.col.effect", lang)]) == {t("impact.starts", lang)}
    # no table name, raw stage key, blank cell or English header on the screen's tables
    for frame in [x.value for x in at.table] + [d.value for d in at.dataframe[:3]]:
        assert not (_cells(frame) & RAW), _cells(frame) & RAW

    click(at, t("review.accept", lang))
    _ok(at)
    assert any(s.value == t("review.accepted", lang) for s in at.success)
    with Session(shared_engine(writable_demo)) as s:
        sub = s.get(Submission, sid)
        assert (sub.status, sub.decided_by) == ("accepted", "ministry")
        assert s.exec(select(Pilot).where(Pilot.code == "ZJ-NEW-01")).one().province_code == (
            "330000"
        )
        # the page's "after" is what the overview counts once accepted
        assert progress_for(s, target, local_today()).actual == now + 2
    (event,) = audit_events(writable_demo, "submission_accept", entity_id=str(sid))
    assert event.actor == "ministry" and event.detail["records_new"] == 1


def test_ministry_returns_with_a_comment(writable_demo):
    sid, _ = zhejiang_pilot_report(writable_demo)
    at = open_page(writable_demo, "ministry", QUEUE)
    at.text_area[0].input("请补充 [佐证](http://x.example) 材料")
    click(at, t("review.return", "zh"), f"return_{sid}")
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        sub = s.get(Submission, sid)
        assert (sub.status, sub.decided_by) == ("returned", "ministry")
        assert sub.decision_comment == "请补充 [佐证](http://x.example) 材料"
        assert s.exec(select(Pilot).where(Pilot.code == "ZJ-NEW-01")).first() is None
    (event,) = audit_events(writable_demo, "submission_return", entity_id=str(sid))
    assert event.detail["comment"] == sub.decision_comment
    # the coordinator sees the comment as text, not as a link
    at = open_page(writable_demo, "zhejiang", SUBMIT)
    (note,) = [w.value for w in at.warning if "佐证" in w.value]
    assert "[佐证](http" not in note


def test_a_submission_overtaken_by_an_edit_shows_labelled_conflicts(writable_demo):
    from dashboard.services.editing import set_pilot_stage

    _, known = zhejiang_pilot_report(writable_demo)
    zj = user_row(writable_demo, "zhejiang")
    with Session(shared_engine(writable_demo)) as s:  # the pilot leaves before the review
        pilot = s.exec(select(Pilot).where(Pilot.code == known["code"])).one()
        set_pilot_stage(
            session=s,
            actor=Actor(id=zj.id, username=zj.username),
            pilot_id=pilot.id,
            stage="withdrawn",
            stage_date=date(2026, 1, 5),
            expected_version=pilot.version,
        )
        s.commit()
    at = app_as(writable_demo, "ministry", "zh").run()
    at.switch_page(QUEUE).run()
    assert not at.exception
    assert at.error[0].value == t("review.conflicts", "zh", n=1)
    accept = next(b for b in at.button if b.label == t("review.accept", "zh"))
    assert accept.disabled
    conflicts = at.dataframe[-2].value  # before the submission history
    row = conflicts.iloc[0]
    assert row[t("col.name", "zh")] == known["name"]
    assert row[t("review.col.problem", "zh")] == t("review.conflict.stage_move", "zh")
    assert row[t("review.col.current", "zh")] == t("stage.withdrawn", "zh")
    assert row[t("review.col.new", "zh")] == t("stage.approved", "zh")
    assert not (_cells(conflicts) & RAW)


def test_a_task_report_under_review_names_the_tasks_and_labels_their_statuses(writable_demo):
    from tests.pages.conftest import stage_report
    from tests.pipelines.make_corpus import TASK

    with Session(shared_engine(writable_demo)) as s:
        task = s.exec(
            select(PolicyTask).where(PolicyTask.status != "completed").order_by(PolicyTask.code)
        ).first()
    stage_report(
        writable_demo, "admin", TASK, [[task.code, "completed", "100", "2026-11-30", "", "", ""]]
    )
    at = open_page(writable_demo, "ministry", QUEUE, "en")
    assert at.info[0].value == t("impact.none", "en", day=fmt_date(local_today(), "en"))
    moves = at.dataframe[1].value
    row = moves.iloc[0]
    assert row[t("col.name", "en")] == task.title_en
    assert row[t("review.col.from", "en")] == t(f"task_status.{task.status}", "en")
    assert row[t("review.col.to", "en")] == t("task_status.completed", "en")
    counts = at.dataframe[0].value
    assert list(counts[t("review.records", "en")]) == ["Policy tasks", "Task updates"]
