"""User journeys in a real browser."""

from sqlmodel import Session, func, select

from dashboard.db import make_engine
from dashboard.models import Pilot
from tests.browser.conftest import login, wait_idle


def test_login_reload_language_switch_and_logout(page, server):
    base = server["base"]
    login(page, base, "ministry")
    page.get_by_role("heading", name="目标总览").wait_for()
    page.get_by_text("演示数据").first.wait_for()
    page.reload()  # the session survives a reload
    wait_idle(page)
    page.get_by_role("heading", name="目标总览").wait_for()
    page.get_by_text("English", exact=True).click()
    wait_idle(page)
    page.get_by_role("heading", name="Targets at a glance").wait_for()
    page.goto(base + "/map")  # the language is kept across pages
    wait_idle(page)
    page.get_by_role("heading", name="Provincial map").wait_for()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/session/login**")
    page.goto(base + "/map")  # the session has ended on the server
    page.wait_for_url("**/session/login**")
    page.get_by_role("heading", name="Dual-carbon standards and measurement tracker").wait_for()


def test_wrong_password_does_not_say_whether_user_exists(page, server):
    base = server["base"]
    messages = []
    for user in ("ministry", "nobody-such"):
        page.goto(base + "/session/login")
        page.fill("#username", user)
        page.fill("#password", "wrong")
        page.click("button[type=submit]")
        messages.append(page.locator("[role=alert]").inner_text())
    assert messages[0] == messages[1] and messages[0]


def test_briefing_drills_from_figure_to_records(page, server):
    login(page, server["base"], "briefing")
    page.get_by_role("button", name="查看计入的记录").nth(1).click()
    wait_idle(page)
    page.get_by_role("heading", name="计入的记录").wait_for()
    page.locator("[data-testid=stVegaLiteChart]").first.wait_for()


def test_coordinator_sees_only_own_province(page, server):
    login(page, server["base"], "zhejiang")
    page.get_by_role("heading", name="省份概况").wait_for()
    page.goto(server["base"] + "/pilots")
    wait_idle(page)
    page.locator("[data-testid=stDataFrame]:visible").first.wait_for()
    with Session(make_engine(server["db"])) as s:
        own = s.scalar(
            select(func.count()).select_from(Pilot).where(Pilot.province_code == "330000")
        )
        every = s.scalar(select(func.count()).select_from(Pilot))
    assert own < every
    page.get_by_text(f"共 {own} 条").wait_for()  # the registry lists Zhejiang's pilots only
