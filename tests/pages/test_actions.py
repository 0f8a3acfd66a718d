"""Every write the permission table grants, performed through the widgets (select, fill,
save) by each role that has it, with its effect checked in the database and the audit trail.

Each test works on a private copy of the demo database (`writable_demo`)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import fmt_date, local_today, t
from dashboard.models import (
    AuditEvent,
    MeasurementReview,
    Pilot,
    PilotStage,
    PolicyTask,
    Submission,
    TaskUpdate,
    User,
)
from dashboard.permissions import Actor
from dashboard.progress.service import list_targets, progress_for
from tests.pages.conftest import app_as, audit_events, zhejiang_pilot_report


def _ok(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def click(at, label: str, form: str | None = None):
    """Click the button with this label (inside `form` when given) and rerun."""
    found = [b for b in at.button if b.label == label and (form is None or b.proto.form_id == form)]
    assert len(found) == 1, [(b.label, b.proto.form_id) for b in at.button]
    return found[0].click().run()


def fill(at, values: dict) -> None:
    """Set the widgets with these labels (a required one's label ends in " *"): text is typed
    in (its length checked), a choice, date or number is set; the next click sends them."""
    for label, value in values.items():
        found = [
            w
            for kind in ("text_input", "selectbox", "date_input", "number_input")
            for w in getattr(at, kind)
            if w.label in (label, label + " *")
        ]
        assert found, label
        widget = found[0]
        if widget.type == "text_input":
            widget.input(value)
        else:
            widget.set_value(value)


def rows(url: str, statement) -> list:
    """What a query reads from the app's database now (after the page wrote)."""
    with Session(shared_engine(url), expire_on_commit=False) as s:
        return list(s.exec(statement).all())


def saved(url: str, model, *where):
    """The one row of `model` that `where` finds, as the page saved it."""
    [row] = rows(url, select(model).where(*where))
    return row


def frame(at, key: str):
    """The table of the `st.dataframe` with this key, as a DataFrame."""
    return next(d for d in at.dataframe if d.key == key).value


def select_row(at, key: str, row: int):
    """Select one row of a `st.dataframe(..., on_select="rerun", key=key)` and rerun."""
    at.session_state[key] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ministry_updates_a_task(writable_demo, lang):
    at = app_as(writable_demo, "ministry", lang).run()
    at.switch_page("../pages/tasks.py").run()
    _ok(at)
    table = frame(at, "task_table")
    code = table[t("col.code", lang)].iloc[0]
    select_row(at, "task_table", 0)
    _ok(at)
    form = f"task_form_{code}"
    status_box = next(s for s in at.selectbox if s.label == t("col.status", lang))
    status_box.set_value("completed")
    next(n for n in at.number_input if n.label == t("col.progress", lang)).set_value(100)
    evidence = next(x for x in at.text_input if x.label == t("col.evidence", lang))
    evidence.input("Notice 2026-11 <b>published</b>")
    next(x for x in at.text_input if x.label == t("col.note", lang)).input("checked")
    click(at, t("form.save", lang), form)
    _ok(at)
    assert any(s.value == t("form.saved", lang) for s in at.success)

    with Session(shared_engine(writable_demo)) as s:
        task = s.get(PolicyTask, code)
        latest = s.exec(
            select(TaskUpdate).where(TaskUpdate.task_code == code).order_by(TaskUpdate.id.desc())
        ).first()
    assert (task.status, task.progress_pct, task.last_update_on) == (
        "completed",
        100,
        local_today(),
    )
    assert latest.evidence == "Notice 2026-11 <b>published</b>"
    assert (latest.note, latest.recorded_by) == ("checked", "ministry")
    event = audit_events(writable_demo, "task_update", entity_id=code)[-1]
    assert event.actor == "ministry" and event.outcome == "ok"
    assert event.detail["after"]["status"] == "completed"
    assert event.detail["after"]["progress_pct"] == 100


RAW = {"pilot", "pilotstage", "key", "from", "to", "date", "None", "nan", "approved", "recommended"}


def _cells(frame) -> set[str]:
    return {str(c) for c in frame.columns} | {str(v) for v in frame.to_numpy().ravel()}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ministry_accepts_knowing_what_it_changes(writable_demo, lang):
    sid, known = zhejiang_pilot_report(writable_demo)
    with Session(shared_engine(writable_demo)) as s:
        target = next(x for x in list_targets(s) if x.code == "T2")
        now = progress_for(s, target, local_today()).actual
    at = app_as(writable_demo, "ministry", lang).run()
    at.switch_page("../pages/submission_queue.py").run()
    _ok(at)
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
    at = app_as(writable_demo, "ministry", "zh").run()
    at.switch_page("../pages/submission_queue.py").run()
    _ok(at)
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
    at = app_as(writable_demo, "zhejiang", "zh").run()
    at.switch_page("../pages/submit.py").run()
    _ok(at)
    (note,) = [w.value for w in at.warning if "佐证" in w.value]
    assert "[佐证](http" not in note


def _row_where(frame, column: str, value) -> int:
    matches = [i for i, v in enumerate(frame[column]) if v == value]
    assert matches, (column, value, sorted(set(frame[column]))[:10])
    return matches[0]


def test_coordinator_moves_own_pilot_on(writable_demo):
    at = app_as(writable_demo, "zhejiang", "zh").run()
    at.switch_page("../pages/pilots.py").run()
    _ok(at)
    table = frame(at, "pilot_table")
    assert set(table[t("col.province", "zh")]) == {"浙江省"}
    row = _row_where(table, t("col.stage", "zh"), t("stage.under_construction", "zh"))
    code = table[t("col.code", "zh")].iloc[row]
    select_row(at, "pilot_table", row)
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        pilot = s.exec(select(Pilot).where(Pilot.code == code)).one()
        pid = pilot.id
    assert pilot.province_code == "330000"
    next(b for b in at.selectbox if b.label == t("col.stage", "zh")).set_value("midterm_evaluation")
    next(x for x in at.text_input if x.label == t("col.note", "zh")).input("中期评估报告 [链接](x)")
    click(at, t("form.save", "zh"), f"pilot_form_{pid}")
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        pilot = s.get(Pilot, pid)
        entry = s.exec(
            select(PilotStage).where(PilotStage.pilot_id == pid).order_by(PilotStage.id.desc())
        ).first()
    assert (pilot.current_stage, pilot.current_stage_date) == ("midterm_evaluation", local_today())
    assert (entry.stage, entry.recorded_by, entry.note) == (
        "midterm_evaluation",
        "zhejiang",
        "中期评估报告 [链接](x)",
    )
    event = audit_events(writable_demo, "pilot_stage", entity_id=str(pid))[-1]
    assert event.actor == "zhejiang" and event.outcome == "ok"


def test_coordinator_updates_own_measurement_review(writable_demo):
    at = app_as(writable_demo, "zhejiang", "zh").run()
    at.switch_page("../pages/measurement_reviews.py").run()
    _ok(at)
    table = frame(at, "review_table")
    row = _row_where(table, t("col.status", "zh"), t("review_status.planned", "zh"))
    uscc = table[t("col.uscc", "zh")].iloc[row]
    select_row(at, "review_table", row)
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        rid = s.exec(select(MeasurementReview).where(MeasurementReview.uscc == uscc)).one().id
    next(b for b in at.selectbox if b.label == t("col.status", "zh")).set_value("in_review")
    next(n for n in at.number_input if n.label == t("col.instruments_total", "zh")).set_value(40)
    label = t("col.instruments_calibrated", "zh")
    next(n for n in at.number_input if n.label == label).set_value(31)
    click(at, t("form.save", "zh"), f"review_form_{rid}")
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        review = s.get(MeasurementReview, rid)
    assert (review.status, review.status_date) == ("in_review", local_today())
    assert (review.instruments_total, review.instruments_calibrated) == (40, 31)
    event = audit_events(writable_demo, "review_update", entity_id=str(rid))[-1]
    assert event.actor == "zhejiang" and event.outcome == "ok"


def _user(url: str, username: str) -> User:
    with Session(shared_engine(url), expire_on_commit=False) as s:
        return s.exec(select(User).where(User.username == username)).one()


def _text(at, label: str):
    return next(x for x in at.text_input if x.label == label)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_admin_adds_a_user_with_the_least_privileged_role_by_default(writable_demo, lang):
    at = app_as(writable_demo, "admin", lang).run()
    at.switch_page("../pages/users.py").run()
    _ok(at)
    role_box = next(b for b in at.selectbox if b.label == t("login.role", lang))
    assert role_box.value == "briefing"
    at.text_input[0].input("new-reader")
    at.text_input[1].input("a long enough password")
    click(at, t("users.add", lang), "add_user")
    _ok(at)
    user = _user(writable_demo, "new-reader")
    assert (user.role, user.province_code, user.is_active) == ("briefing", None, True)
    (event,) = audit_events(writable_demo, "user_add", entity_id=str(user.id))
    assert event.actor == "admin"


def _manage(at, username: str):
    at.selectbox(key="users_target").set_value(username).run()
    _ok(at)
    return at


def test_admin_changes_a_role(writable_demo):
    at = app_as(writable_demo, "admin", "zh").run()
    at.switch_page("../pages/users.py").run()
    _manage(at, "briefing")
    form = "set_role_briefing"
    boxes = [b for b in at.selectbox if b.proto.form_id == form]
    role_box, province_box = boxes
    assert role_box.value == "briefing"  # the form starts from the user's current role
    role_box.set_value("coordinator")
    province_box.set_value("330000")
    click(at, t("users.set_role", "zh"), form)
    _ok(at)
    user = _user(writable_demo, "briefing")
    assert (user.role, user.province_code) == ("coordinator", "330000")
    (event,) = audit_events(writable_demo, "user_set_role", entity_id=str(user.id))
    assert event.actor == "admin"
    assert event.detail["before"] == {"role": "briefing", "province_code": None}
    assert event.detail["after"] == {"role": "coordinator", "province_code": "330000"}


def test_a_refused_role_change_says_why_and_changes_nothing(writable_demo):
    at = app_as(writable_demo, "admin", "zh").run()
    at.switch_page("../pages/users.py").run()
    _manage(at, "briefing")
    form = "set_role_briefing"
    role_box = next(b for b in at.selectbox if b.proto.form_id == form)
    role_box.set_value("coordinator")  # a coordinator needs a province
    click(at, t("users.set_role", "zh"), form)
    assert at.error and "省份" in at.error[0].value
    assert _user(writable_demo, "briefing").role == "briefing"
    assert audit_events(writable_demo, "user_set_role") == []


def _reset_shandong_password(url: str, lang: str, password: str, repeated: str):
    """The administrator types a new password for `shandong` twice and saves."""
    at = app_as(url, "admin", lang).run()
    at.switch_page("../pages/users.py").run()
    _manage(at, "shandong")
    form = "reset_password_shandong"
    first, second = [x for x in at.text_input if x.proto.form_id == form]
    first.input(password)
    second.input(repeated)
    return click(at, t("users.reset_password", lang), form)


def test_admin_resets_a_password(writable_demo):
    from dashboard import auth

    at = _reset_shandong_password(
        writable_demo, "zh", "a brand new password", "a brand new password"
    )
    _ok(at)
    user = _user(writable_demo, "shandong")
    (event,) = audit_events(writable_demo, "user_reset_password", entity_id=str(user.id))
    assert event.actor == "admin" and "password" not in str(event.detail)
    with Session(shared_engine(writable_demo)) as s:
        with pytest.raises(auth.AuthError):
            auth.login(s, username="shandong", password="demo")
        s.commit()
        token, _ = auth.login(s, username="shandong", password="a brand new password")
        assert token


def test_a_mistyped_repeat_password_changes_nothing(writable_demo):
    at = _reset_shandong_password(
        writable_demo, "en", "a brand new password", "a brand new passwort"
    )
    assert at.error[0].value == t("account.error.passwords_differ", "en")
    assert audit_events(writable_demo, "user_reset_password") == []


def test_admin_disables_and_enables_an_account(writable_demo):
    at = app_as(writable_demo, "admin", "en").run()
    at.switch_page("../pages/users.py").run()
    _manage(at, "briefing")
    click(at, t("users.disable", "en"))
    _ok(at)
    assert not _user(writable_demo, "briefing").is_active
    _manage(at, "briefing")
    click(at, t("users.enable", "en"))
    _ok(at)
    user = _user(writable_demo, "briefing")
    assert user.is_active
    assert [e.action for e in audit_events(writable_demo, "user_disable")] == ["user_disable"]
    assert [e.actor for e in audit_events(writable_demo, "user_enable")] == ["admin"]


def _pilot_file(code: str, province: str = "330000") -> bytes:
    from tests.pipelines.make_corpus import PILOT, csv_bytes

    rows = [[code, "上传测试园区", "park", province, "", "steel", "applied", "2026-01-05", "", ""]]
    return csv_bytes(PILOT, rows)


@pytest.mark.parametrize(("username", "province"), [("zhejiang", "330000"), ("admin", "370000")])
def test_a_report_is_submitted_through_the_upload(writable_demo, username, province):
    data = _pilot_file(f"UP-{username}", province)
    at = app_as(writable_demo, username, "zh").run()
    at.switch_page("../pages/submit.py").run()
    _ok(at)
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
    at = app_as(writable_demo, "zhejiang", "zh").run()
    at.switch_page("../pages/submit.py").run()
    at.file_uploader(key="report_upload").set_value(("first.csv", data, "text/csv")).run()
    click(at, t("submit.submit", "zh"))
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        first = s.exec(select(Submission).where(Submission.filename == "first.csv")).one()
    at.file_uploader(key="report_upload").set_value(("again.csv", data, "text/csv")).run()
    _ok(at)
    assert [i.value for i in at.info] == [t("submit.duplicate_at_check", "zh", id=first.id)]
    assert not [b for b in at.button if b.label == t("submit.submit", "zh")]


def test_admin_verifies_the_audit_trail(writable_demo):
    from sqlalchemy import func, text

    from dashboard.i18n import fmt_int

    at = app_as(writable_demo, "admin", "zh").run()
    at.switch_page("../pages/audit.py").run()
    _ok(at)
    with Session(shared_engine(writable_demo)) as s:
        n = s.exec(select(func.count()).select_from(AuditEvent)).one()
        middle = s.exec(select(AuditEvent.id).order_by(AuditEvent.id).offset(n // 2)).first()
    assert at.success[0].value == t("audit.chain_ok", "zh", n=fmt_int(n, "zh"))
    with Session(shared_engine(writable_demo)) as s:  # someone edits history in the database
        s.execute(text("UPDATE auditevent SET actor = 'x' WHERE id = :i"), {"i": middle})
        s.commit()
    at.run()
    assert at.error[0].value == t("audit.chain_broken", "zh", id=middle)


# Each (role, action) the permission table grants, and the test that performs it
# through the widgets. Reads (view_*) are covered by the page smoke tests, exports by the
# export tests, and run_pipelines by the command-line tests (it has no page).
KINDS = "tests/pages/test_kind_pages.py::"
ADOPT = "tests/pages/test_adoption_pages.py::"
PERFORMED_BY = {
    ("ministry", "edit_task"): test_ministry_updates_a_task,
    ("coordinator", "edit_pilot"): test_coordinator_moves_own_pilot_on,
    ("coordinator", "edit_review"): test_coordinator_updates_own_measurement_review,
    ("coordinator", "submit_report"): test_a_report_is_submitted_through_the_upload,
    ("admin", "submit_report"): test_a_report_is_submitted_through_the_upload,
    ("ministry", "review_submission"): test_ministry_accepts_knowing_what_it_changes,
    ("admin", "manage_users"): test_admin_changes_a_role,
    ("admin", "view_audit"): test_admin_verifies_the_audit_trail,
    ("coordinator", "edit_provincial_plan"): f"{KINDS}test_coordinator_reports_the_province_plan",
    ("ministry", "edit_provincial_plan"): f"{KINDS}test_ministry_issues_a_drafting_plan",
    ("coordinator", "edit_cems_pilot"): f"{KINDS}test_coordinator_adds_and_moves_on_a_cems_pilot",
    ("ministry", "edit_emission_factor"): f"{KINDS}test_ministry_records_a_factor_release",
    ("ministry", "edit_measurement_centre"): (
        f"{KINDS}test_ministry_adds_a_measurement_centre_and_coordinator_may_not"
    ),
    ("ministry", "edit_standard_adoption"): (
        f"{ADOPT}test_ministry_records_a_conversion_to_a_national_standard"
    ),
    ("coordinator", "edit_zero_carbon_park"): (
        f"{ADOPT}test_coordinator_adds_a_zero_carbon_park_and_moves_it_on"
    ),
    ("ministry", "edit_zero_carbon_park"): (
        f"{ADOPT}test_ministry_adds_a_park_in_any_province_and_may_not_move_it_back"
    ),
    ("coordinator", "edit_energy_review"): (
        f"{ADOPT}test_coordinator_adds_an_energy_measurement_review"
    ),
    ("admin", "manage_programmes"): (
        "tests/pages/test_programmes_page.py::test_admin_previews_then_saves_a_new_programme"
    ),
    **{
        (
            role,
            "set_own_digest",
        ): "tests/pages/test_digest_settings.py::test_each_role_sets_own_digest"
        for role in ("admin", "ministry", "coordinator", "briefing")
    },
}
NOT_HERE = {"view_aggregates", "view_records", "view_submissions", "view_supervision", "export"}
NOT_HERE |= {"run_pipelines"}


def test_every_granted_action_is_performed_through_the_widgets():
    from dashboard.permissions import PERMISSIONS

    granted = {(role, action) for role, action, _ in PERMISSIONS if action not in NOT_HERE}
    assert granted == set(PERFORMED_BY), granted ^ set(PERFORMED_BY)


@pytest.mark.parametrize(
    ("username", "page", "table"),
    [
        ("briefing", "tasks.py", "task_table"),
        ("admin", "tasks.py", "task_table"),
        ("zhejiang", "tasks.py", "task_table"),
        ("ministry", "pilots.py", "pilot_table"),
        ("briefing", "pilots.py", "pilot_table"),
        ("ministry", "measurement_reviews.py", "review_table"),
        ("admin", "measurement_reviews.py", "review_table"),
    ],
)
def test_roles_without_the_grant_get_no_form(demo_env, username, page, table):
    at = app_as(demo_env, username, "en").run()
    at.switch_page(f"../pages/{page}").run()
    select_row(at, table, 0)
    _ok(at)
    assert at.subheader, "a record is selected"
    assert not [b for b in at.button if b.label == t("form.save", "en")]


def test_a_submission_overtaken_by_an_edit_shows_labelled_conflicts(writable_demo):
    from dashboard.services.editing import set_pilot_stage

    _, known = zhejiang_pilot_report(writable_demo)
    zj = _user(writable_demo, "zhejiang")
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
    at.switch_page("../pages/submission_queue.py").run()
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
    at = app_as(writable_demo, "ministry", "en").run()
    at.switch_page("../pages/submission_queue.py").run()
    _ok(at)
    assert at.info[0].value == t("impact.none", "en", day=fmt_date(local_today(), "en"))
    moves = at.dataframe[1].value
    row = moves.iloc[0]
    assert row[t("col.name", "en")] == task.title_en
    assert row[t("review.col.from", "en")] == t(f"task_status.{task.status}", "en")
    assert row[t("review.col.to", "en")] == t("task_status.completed", "en")
    counts = at.dataframe[0].value
    assert list(counts[t("review.records", "en")]) == ["Policy tasks", "Task updates"]
