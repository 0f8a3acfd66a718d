"""Journeys of the actions added in issue 12: the ministry updates a task; the ministry
decides on a submission seeing what acceptance will change; the language chosen on the
login page wins over the saved one."""

from __future__ import annotations

from sqlmodel import Session, select

from dashboard.db import make_engine
from dashboard.i18n import local_today
from dashboard.models import AuditEvent, PolicyTask, TaskUpdate, User
from dashboard.permissions import Actor
from dashboard.progress.service import list_targets, progress_for
from pipelines.ingest import ingest_bytes
from tests.browser.conftest import SHOTS, login, set_language, sign_in, wait_idle
from tests.pipelines.make_corpus import PILOT, csv_bytes


def test_ministry_updates_a_task(page, server):
    base = server["base"]
    login(page, base, "ministry")
    page.goto(base + "/tasks")
    wait_idle(page)
    page.locator("[data-testid=stDataFrame]:visible").first.click(position={"x": 20, "y": 55})
    wait_idle(page)
    page.get_by_role("textbox", name="佐证材料").fill("浏览器测试佐证 browser-evidence-1")
    page.get_by_role("textbox", name="备注").fill("journey")
    page.get_by_role("button", name="保存").click()
    wait_idle(page)
    page.get_by_text("已保存。").wait_for()
    with Session(make_engine(server["db"])) as s:
        update = s.exec(
            select(TaskUpdate).where(TaskUpdate.evidence == "浏览器测试佐证 browser-evidence-1")
        ).one()
        task = s.get(PolicyTask, update.task_code)
        event = s.exec(
            select(AuditEvent)
            .where(AuditEvent.action == "task_update", AuditEvent.entity_id == task.code)
            .order_by(AuditEvent.id.desc())
        ).first()
    assert (update.recorded_by, update.note, update.update_date) == (
        "ministry",
        "journey",
        local_today(),
    )
    assert task.last_update_on == local_today()
    assert event.actor == "ministry" and event.outcome == "ok"


def _stage_zhejiang_report(db: str) -> int:
    engine = make_engine(db)
    with Session(engine) as s:
        user = s.exec(select(User).where(User.username == "zhejiang")).one()
        actor = Actor(id=user.id, username=user.username, role=user.role)
    rows = [["ZJ-JOURNEY-9", "旅程测试园区", "park", "330000", "", "steel", "approved",
             "2025-12-20", "", ""]]  # fmt: skip
    result = ingest_bytes(engine, data=csv_bytes(PILOT, rows), filename="journey.csv", actor=actor)
    assert result.status == "staged", result.errors
    return result.submission_id


def _pilots_figure(db: str) -> int:
    with Session(make_engine(db)) as s:
        target = next(t for t in list_targets(s) if t.code == "T2")
        return progress_for(s, target, local_today()).actual


def test_review_decision_shows_the_figures_before_and_after(page, server):
    base, db = server["base"], server["db"]
    sid = _stage_zhejiang_report(db)
    now = _pilots_figure(db)
    login(page, base, "ministry")
    page.goto(base + "/review")
    wait_idle(page)
    label = f"#{sid} ·"
    if page.get_by_text(label).count() == 0:  # another submission is shown first
        page.locator("[data-testid=stSelectbox]").first.click()
        page.get_by_role("option").filter(has_text=label).click()
        wait_idle(page)
    page.get_by_role("heading", name="采纳后指标的变化").wait_for()
    table = page.locator("[data-testid=stTable] table").first
    # the heading can be drawn before the table: wait for the row this test reads
    table.locator("tr", has_text="标准化试点").first.wait_for()
    rows = [
        [c.strip() for c in tr.locator("th, td").all_inner_texts()]
        for tr in table.locator("tr").all()
    ]
    header, cells = rows[0], next(r for r in rows[1:] if "标准化试点" in r[0])
    figure = dict(zip(header, cells, strict=True))
    assert figure["计数日期"] == "2025年12月31日"  # the deadline has passed: counted at it
    assert (int(figure["全国现值"]), int(figure["全国采纳后"]), figure["变化"]) == (
        now,
        now + 1,
        "+1",
    )
    # the new record, by name, in the grid of records that start counting (the grid is
    # drawn on a canvas; its cells are in the accessible table behind it)
    page.locator("[role=gridcell]", has_text="旅程测试园区").first.wait_for(state="attached")
    SHOTS.mkdir(parents=True, exist_ok=True)  # the decision as the reviewer saw it
    page.screenshot(path=str(SHOTS / "review_what_acceptance_will_change.png"), full_page=True)
    page.get_by_role("button", name="采纳").click()
    wait_idle(page)
    page.get_by_text("已采纳").first.wait_for()
    assert _pilots_figure(db) == now + 1  # what the screen said acceptance would give


def test_the_language_chosen_at_login_wins(page, server):
    base = server["base"]
    set_language(base, "briefing", "zh")
    page.goto(base + "/session/login")
    page.get_by_role("link", name="English").click()
    sign_in(page, "briefing")
    page.get_by_role("heading", name="Targets at a glance").wait_for()


def test_clicking_the_selected_language_keeps_it(page, server):
    base = server["base"]
    login(page, base, "briefing", lang="zh")
    chinese = page.get_by_role("radiogroup", name="语言").get_by_role("radio", name="中文")
    assert chinese.get_attribute("aria-checked") == "true"
    chinese.click()
    wait_idle(page)
    assert chinese.get_attribute("aria-checked") == "true"
    page.get_by_role("heading", name="目标总览").wait_for()


def test_a_deadline_as_of_date_applies_in_one_click(page, server):
    login(page, server["base"], "briefing", lang="zh")
    quick = page.get_by_role("radiogroup", name="快速选择日期（点击即生效）")
    quick.get_by_role("radio", name="2025年12月31日").click()
    wait_idle(page)
    page.get_by_text("数据截至 2025年12月31日").wait_for()
    assert page.locator("[data-testid=stSidebar] input").first.input_value() == "2025-12-31"


def test_a_page_in_the_browsers_last_language_keeps_the_saved_one(page, server):
    base = server["base"]
    set_language(base, "briefing", "zh")
    page.goto(base + "/session/login?lang=en")  # as after another user's logout
    sign_in(page, "briefing")
    page.get_by_role("heading", name="目标总览").wait_for()
