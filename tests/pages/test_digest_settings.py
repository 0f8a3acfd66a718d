"""The digest settings through the widgets: an administrator sets a user's address and
frequency on the users page, a user of each role chooses their own on the settings page;
bad input is refused in the viewer's language and leaves the database as it was."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from dashboard.db import shared_engine
from dashboard.digests.preferences import set_user_digest
from dashboard.i18n import enum_label, t
from tests.pages.conftest import app_as, audit_events, user_row


def _ok(at) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def _digest_form(at, lang: str, username: str, email: str, frequency: str):
    form = f"set_digest_{username}"
    box = next(
        x for x in at.text_input if x.label == t("digest.email", lang) and x.proto.form_id == form
    )
    box.input(email)
    choice = next(
        s
        for s in at.selectbox
        if s.label == t("digest.frequency", lang) and s.proto.form_id == form
    )
    choice.set_value(frequency)
    button = next(b for b in at.button if b.proto.form_id == form)
    assert button.label == t("digest.admin.save", lang)
    return button.click().run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_admin_sets_a_users_digest(writable_demo, lang):
    at = app_as(writable_demo, "admin", lang).run()
    at.switch_page("../pages/users.py").run()
    _ok(at)
    next(s for s in at.selectbox if s.key == "users_target").set_value("zhejiang").run()
    _ok(at)
    _digest_form(at, lang, "zhejiang", "li.ming@zj.example.cn", "weekly")
    _ok(at)
    assert any(s.value == t("form.saved", lang) for s in at.success)
    stored = user_row(writable_demo, "zhejiang")
    assert (stored.email, stored.digest) == ("li.ming@zj.example.cn", "weekly")
    [event] = audit_events(writable_demo, "user_set_digest")
    assert event.actor == "admin" and event.detail["after"]["digest"] == "weekly"
    table = at.dataframe[0].value
    row = table[table[t("login.username", lang)] == "zhejiang"].iloc[0]
    assert row[t("digest.frequency", lang)] == enum_label("digest.frequency", "weekly", lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_bad_address_is_refused_in_the_viewers_language(writable_demo, lang):
    at = app_as(writable_demo, "admin", lang).run()
    at.switch_page("../pages/users.py").run()
    next(s for s in at.selectbox if s.key == "users_target").set_value("zhejiang").run()
    _digest_form(at, lang, "zhejiang", "li ming at zj", "daily")
    assert [e.value for e in at.error] == [
        t("digest.error.email_invalid", lang, value="li ming at zj")
    ]
    stored = user_row(writable_demo, "zhejiang")
    assert (stored.email, stored.digest) == (None, "none")
    assert audit_events(writable_demo, "user_set_digest") == []


@pytest.mark.parametrize(
    ("username", "lang"),
    [("zhejiang", "zh"), ("ministry", "en"), ("briefing", "zh"), ("admin", "en")],
)
def test_each_role_sets_own_digest(writable_demo, username, lang):
    at = app_as(writable_demo, username, lang).run()
    at.switch_page("../pages/settings.py").run()
    _ok(at)
    assert at.info[0].value == t("digest.own.no_address", lang)
    assert next(b for b in at.button if b.proto.form_id == "own_digest").disabled
    with Session(shared_engine(writable_demo)) as s:
        set_user_digest(s, actor=None, username=username, email="li.ming@zj.example.cn")
        s.commit()
    at.run()
    _ok(at)
    assert not at.info
    next(s for s in at.selectbox if s.proto.form_id == "own_digest").set_value("daily")
    next(b for b in at.button if b.proto.form_id == "own_digest").click().run()
    _ok(at)
    assert user_row(writable_demo, username).digest == "daily"
    [event] = audit_events(writable_demo, "set_own_digest")
    assert event.actor == username
    assert event.detail == {"before": {"digest": "none"}, "after": {"digest": "daily"}}
