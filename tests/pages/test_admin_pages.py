"""The administrator's pages, used through their widgets: users are added (with the least
privileged role by default), given another role, reset, disabled and enabled; a refused role
change or a mistyped repeat changes nothing; the audit page verifies the trail's chain and
names the first event edited behind its back. Each test works on a private copy of the demo
database (`writable_demo`)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from dashboard.db import shared_engine
from dashboard.i18n import t
from tests.pages.conftest import audit_events, user_row
from tests.pages.widgets import _ok, click, open_page

USERS = "../pages/users.py"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_admin_adds_a_user_with_the_least_privileged_role_by_default(writable_demo, lang):
    at = open_page(writable_demo, "admin", USERS, lang)
    role_box = next(b for b in at.selectbox if b.label == t("login.role", lang))
    assert role_box.value == "briefing"
    at.text_input[0].input("new-reader")
    at.text_input[1].input("a long enough password")
    click(at, t("users.add", lang), "add_user")
    _ok(at)
    user = user_row(writable_demo, "new-reader")
    assert (user.role, user.province_code, user.is_active) == ("briefing", None, True)
    (event,) = audit_events(writable_demo, "user_add", entity_id=str(user.id))
    assert event.actor == "admin"


def _pick(at, username: str):
    """Pick `username` to manage on the users page."""
    at.selectbox(key="users_target").set_value(username).run()
    _ok(at)
    return at


def _manage(url: str, username: str, lang: str = "zh"):
    """The users page as the administrator, with `username` picked to manage."""
    return _pick(open_page(url, "admin", USERS, lang), username)


def test_admin_changes_a_role(writable_demo):
    at = _manage(writable_demo, "briefing")
    form = "set_role_briefing"
    boxes = [b for b in at.selectbox if b.proto.form_id == form]
    role_box, province_box = boxes
    assert role_box.value == "briefing"  # the form starts from the user's current role
    role_box.set_value("coordinator")
    province_box.set_value("330000")
    click(at, t("users.set_role", "zh"), form)
    _ok(at)
    user = user_row(writable_demo, "briefing")
    assert (user.role, user.province_code) == ("coordinator", "330000")
    (event,) = audit_events(writable_demo, "user_set_role", entity_id=str(user.id))
    assert event.actor == "admin"
    assert event.detail["before"] == {"role": "briefing", "province_code": None}
    assert event.detail["after"] == {"role": "coordinator", "province_code": "330000"}


def test_a_refused_role_change_says_why_and_changes_nothing(writable_demo):
    at = _manage(writable_demo, "briefing")
    form = "set_role_briefing"
    role_box = next(b for b in at.selectbox if b.proto.form_id == form)
    role_box.set_value("coordinator")  # a coordinator needs a province
    click(at, t("users.set_role", "zh"), form)
    assert at.error and "省份" in at.error[0].value
    assert user_row(writable_demo, "briefing").role == "briefing"
    assert audit_events(writable_demo, "user_set_role") == []


def _reset_shandong_password(url: str, lang: str, password: str, repeated: str):
    """The administrator types a new password for `shandong` twice and saves."""
    at = _manage(url, "shandong", lang)
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
    user = user_row(writable_demo, "shandong")
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
    at = _manage(writable_demo, "briefing", "en")
    click(at, t("users.disable", "en"))
    _ok(at)
    assert not user_row(writable_demo, "briefing").is_active
    _pick(at, "briefing")
    click(at, t("users.enable", "en"))
    _ok(at)
    user = user_row(writable_demo, "briefing")
    assert user.is_active
    assert [e.action for e in audit_events(writable_demo, "user_disable")] == ["user_disable"]
    assert [e.actor for e in audit_events(writable_demo, "user_enable")] == ["admin"]


def test_admin_verifies_the_audit_trail(writable_demo):
    from sqlalchemy import func, text
    from sqlmodel import select

    from dashboard.i18n import fmt_int
    from dashboard.models import AuditEvent

    at = open_page(writable_demo, "admin", "../pages/audit.py")
    with Session(shared_engine(writable_demo)) as s:
        n = s.exec(select(func.count()).select_from(AuditEvent)).one()
        middle = s.exec(select(AuditEvent.id).order_by(AuditEvent.id).offset(n // 2)).first()
    assert at.success[0].value == t("audit.chain_ok", "zh", n=fmt_int(n, "zh"))
    with Session(shared_engine(writable_demo)) as s:  # someone edits history in the database
        s.execute(text("UPDATE auditevent SET actor = 'x' WHERE id = :i"), {"i": middle})
        s.commit()
    at.run()
    assert at.error[0].value == t("audit.chain_broken", "zh", id=middle)
