"""The report journey in a real browser: a coordinator moves a pilot, uploads a report with
an error, downloads the error report, fixes the file and submits it; a ministry reviewer
accepts it and the figures change; briefing staff export a chart and the pack."""

from sqlmodel import Session, func, select

from dashboard.db import make_engine
from dashboard.i18n import local_today
from dashboard.models import AuditEvent, Pilot, Submission
from dashboard.vocab import PILOT_STAGES
from pipelines.templates import headers
from tests.browser.conftest import login, wait_idle

HEADER = ",".join(headers("pilot_status"))


def _report(tmp, name: str, province: str) -> str:
    # a new Zhejiang park pilot, approved: it counts for T2 once accepted
    rows = [
        f"ZJ-BROWSER-1,浏览器测试园区,park,{province},,steel,applied,2025-01-10,,",
        f"ZJ-BROWSER-1,浏览器测试园区,park,{province},,steel,approved,2025-03-10,1,",
    ]
    path = tmp / name
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


def _pilots_counted(db: str) -> int:
    with Session(make_engine(db)) as s:
        return s.scalar(select(func.count()).select_from(Pilot).where(Pilot.code == "ZJ-BROWSER-1"))


def _submission_of(db: str, filename: str) -> int:
    with Session(make_engine(db)) as s:
        return s.exec(
            select(Submission.id)
            .where(Submission.filename == filename)
            .order_by(Submission.id.desc())
        ).first()


def test_coordinator_moves_a_pilot(page, server):
    login(page, server["base"], "zhejiang")
    page.goto(server["base"] + "/pilots")
    wait_idle(page)
    with Session(make_engine(server["db"])) as s:
        pilot = s.exec(
            select(Pilot)
            .where(Pilot.province_code == "330000", Pilot.current_stage.in_(PILOT_STAGES[:-1]))
            .order_by(Pilot.code)
        ).first()
    assert pilot is not None
    next_stage = PILOT_STAGES[PILOT_STAGES.index(pilot.current_stage) + 1]
    page.get_by_role("textbox", name="搜索（编号或名称）").fill(pilot.code)
    page.keyboard.press("Enter")
    wait_idle(page)
    page.locator("[data-testid=stDataFrame]:visible").first.click(position={"x": 20, "y": 55})
    wait_idle(page)
    # the stage form's save (the location form below has its own)
    stage_form = page.locator("[data-testid=stForm]").filter(has_text="记录新的阶段")
    stage_form.get_by_role("button", name="保存").click()
    wait_idle(page)
    page.get_by_text("已保存。").wait_for()
    with Session(make_engine(server["db"])) as s:
        moved = s.get(Pilot, pilot.id)
        assert moved.current_stage == next_stage and moved.version == pilot.version + 1
        event = s.exec(
            select(AuditEvent)
            .where(AuditEvent.action == "pilot_stage", AuditEvent.entity_id == str(pilot.id))
            .order_by(AuditEvent.id.desc())
        ).first()
    assert event is not None and event.actor == "zhejiang"
    assert event.detail["before"]["version"] == pilot.version
    assert event.detail["after"]["stage"] == next_stage
    assert event.detail["after"]["version"] == moved.version


def test_report_with_error_then_fixed_then_accepted(page, server, browser):
    base, tmp = server["base"], server["tmp"]
    login(page, base, "zhejiang")
    page.goto(base + "/submit")
    wait_idle(page)
    bad = _report(tmp, "pilots_bad.csv", "33000")  # not a GB/T 2260 code
    page.locator("input[type=file]").set_input_files(bad)
    wait_idle(page)
    page.get_by_text("处错误").first.wait_for()
    with page.expect_download() as dl:
        page.get_by_role("button", name="下载错误报告（CSV）").click()
    report = dl.value.path().read_bytes().decode("utf-8-sig")
    assert "33000" in report and "province_code" in report.replace("省份代码", "province_code")
    good = _report(tmp, "pilots_good.csv", "330000")
    page.locator("input[type=file]").set_input_files(good)
    wait_idle(page)
    page.get_by_text("校验通过").wait_for()
    page.get_by_role("button", name="提交审核").click()
    wait_idle(page)
    page.get_by_text("等待部委审核").wait_for()
    assert _pilots_counted(server["db"]) == 0  # not counted before review

    reviewer = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    login(reviewer, base, "ministry")
    reviewer.goto(base + "/review")
    wait_idle(reviewer)
    label = f"#{_submission_of(server['db'], 'pilots_good.csv')} ·"
    # other journeys share the server: choose this report, whichever is shown first
    reviewer.locator("[data-testid=stSelectbox]").first.click()
    reviewer.get_by_role("option").filter(has_text=label).click()
    wait_idle(reviewer)
    reviewer.get_by_role("button", name="采纳").click()
    wait_idle(reviewer)
    reviewer.get_by_text("已采纳").first.wait_for()
    assert _pilots_counted(server["db"]) == 1
    with Session(make_engine(server["db"])) as s:
        actions = set(s.exec(select(AuditEvent.action)).all())
    assert {"submission_staged", "submission_accept"} <= actions
    reviewer.context.close()


def test_coordinator_cannot_open_another_provinces_edit_form(page, server):
    login(page, server["base"], "zhejiang")
    page.goto(server["base"] + "/pilots")
    wait_idle(page)
    page.get_by_role("textbox", name="搜索（编号或名称）").fill("PILOT-37")
    page.keyboard.press("Enter")
    wait_idle(page)
    page.get_by_text("共 0 条").wait_for()  # Shandong's pilots are not even listed
    assert page.get_by_role("button", name="保存").count() == 0


def test_briefing_exports_a_chart_and_the_pack(page, server):
    login(page, server["base"], "briefing")
    page.get_by_role("button", name="生成简报").first.click()
    page.get_by_role("button", name="生成文件").click()
    wait_idle(page)
    with page.expect_download(timeout=60_000) as dl:
        page.get_by_role("button", name="下载").click()
    assert dl.value.path().read_bytes()[:2] == b"PK"  # a PPTX
    page.keyboard.press("Escape")
    page.goto(server["base"] + "/target_detail")
    wait_idle(page)
    page.get_by_role("button", name="导出").first.click()
    page.get_by_role("button", name="生成文件").click()
    wait_idle(page)
    with page.expect_download() as dl:
        page.get_by_role("button", name="下载").click()
    assert dl.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert local_today().isoformat() in dl.value.suggested_filename  # the day in Beijing
