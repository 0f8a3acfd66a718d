"""Every page, for every role, in both languages: runs without an exception and without a
text missing from the catalog (strict mode raises on a missing key)."""

import pytest

from dashboard.i18n import t
from dashboard.permissions import can
from dashboard.ui.navigation import PAGE_TABLE
from tests.pages.conftest import app_as

ROLES = {
    "admin": "admin",
    "ministry": "ministry",
    "coordinator": "zhejiang",
    "briefing": "briefing",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_renders(demo_env, role, lang):
    at = app_as(demo_env, ROLES[role], lang).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(w.value == t("demo.banner", lang) for w in at.warning)
    shown = 0
    for file, title, _icon, _section, action in PAGE_TABLE:
        if not can(role, action):
            continue
        at.switch_page(f"../pages/{file}").run()
        assert not at.exception, (file, [e.message for e in at.exception])
        assert at.title[0].value, file
        shown += 1
    assert shown >= 5


def test_coordinator_lands_on_own_province(demo_env):
    at = app_as(demo_env, "zhejiang", "zh").run()
    assert at.title[0].value == t("profile.title", "zh")
    assert at.selectbox[0].options == ["浙江省"]


def test_pages_a_role_may_not_use_are_not_offered(demo_env):
    at = app_as(demo_env, "briefing", "en").run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("../pages/users.py").run()


@pytest.mark.parametrize(
    ("lang", "expected"), [("zh", "用户名 ministry 已存在"), ("en", "a user named 'ministry'")]
)
def test_account_refusals_are_in_the_viewers_language(demo_env, lang, expected):
    at = app_as(demo_env, "admin", lang).run()
    at.switch_page("../pages/users.py").run()
    at.text_input[0].input("ministry")  # taken
    at.text_input[1].input("a long enough password")
    at.button[0].click().run()
    assert not at.exception
    assert any(expected in e.value for e in at.error), [e.value for e in at.error]
