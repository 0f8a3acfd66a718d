"""The language chosen on the login page wins over a saved preference; a default page
language does not overwrite it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from dashboard import login_page
from dashboard.accounts import language_at_login
from dashboard.models import AuditEvent, User
from tests import builders as b


@pytest.fixture
def alice(session):
    actor = b.user(session, "alice", "ministry")
    user = session.get(User, actor.id)
    user.language = "en"
    session.commit()
    return actor


def _language_events(session):
    return session.exec(select(AuditEvent).where(AuditEvent.action == "set_language")).all()


def test_a_chosen_language_wins_and_is_saved(session, alice):
    assert language_at_login(session, actor=alice, page_lang="zh", chosen=True) == "zh"
    session.commit()
    session.expire_all()
    assert session.get(User, alice.id).language == "zh"
    (event,) = _language_events(session)
    assert event.detail == {"before": "en", "after": "zh"}


def test_the_default_page_language_keeps_the_saved_preference(session, alice):
    assert language_at_login(session, actor=alice, page_lang="zh", chosen=False) == "en"
    session.commit()
    session.expire_all()
    assert session.get(User, alice.id).language == "en"
    assert _language_events(session) == []


def test_a_first_login_saves_the_page_language(session):
    bob = b.user(session, "bob", "briefing")
    assert language_at_login(session, actor=bob, page_lang="en", chosen=False) == "en"
    session.commit()
    session.expire_all()
    assert session.get(User, bob.id).language == "en"


@pytest.mark.parametrize(("chosen", "value"), [(True, "1"), (False, "0")])
def test_the_login_form_says_whether_the_language_was_chosen(chosen, value):
    html = login_page.render(
        lang="en", next_path="/", error=None, demo=False, csrf="t", chosen=chosen
    )
    assert f'<input type="hidden" name="lang_chosen" value="{value}">' in html


def test_the_switch_link_marks_its_language_as_chosen():
    html = login_page.render(lang="zh", next_path="/map", error=None, demo=False, csrf="t")
    assert 'href="/session/login?lang=en&amp;chosen=1&amp;next=/map"' in html
