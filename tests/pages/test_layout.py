"""Key columns first (status, progress, deadlines, the warning's detail), no toolbar download
beside the audited export, and a page a role may not use answered in the viewer's language."""

from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit.util import calc_hash

from dashboard.i18n import t
from dashboard.markdown_text import plain
from tests.pages.conftest import app_as

ROOT = Path(__file__).resolve().parents[2]


def _table_with(at, column: str) -> list[str]:
    tables = [list(d.value.columns) for d in at.dataframe if column in d.value.columns]
    assert tables, column
    return tables[0]


def test_overview_shows_deadline_status_and_warning_detail_before_long_names(demo_env):
    at = app_as(demo_env, "ministry", "en").run()
    milestones = _table_with(at, t("overview.milestone", "en"))
    assert milestones[:3] == [
        t("overview.code", "en"),
        t("overview.deadline", "en"),
        t("overview.status", "en"),
    ]
    warnings = _table_with(at, t("overview.item", "en"))
    assert warnings.index(t("overview.detail", "en")) < warnings.index(t("overview.item", "en"))
    assert warnings[-1] == t("overview.item", "en")


def test_tasks_show_status_and_progress_beside_the_title(demo_env):
    at = app_as(demo_env, "ministry", "en").run()
    at.switch_page("../pages/tasks.py").run()
    assert _table_with(at, "Task")[:4] == ["Code", "Task", "Status", "Progress"]


def test_the_data_grid_toolbar_offers_no_download():
    config = tomllib.loads((ROOT / ".streamlit/config.toml").read_text("utf-8"))
    assert config["client"]["disableDataExport"] is True


def test_a_page_the_role_may_not_use_says_so_in_chinese(demo_env):
    at = app_as(demo_env, "briefing", "zh").run()
    at._page_hash = calc_hash("users")  # what opening /users in the browser asks for
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == t("nav.not_permitted.title", "zh")
    assert t("role.briefing", "zh") in at.warning[-1].value
    assert not at.text_input  # not the accounts form


def test_each_card_lists_its_facts_as_text_that_wraps(demo_env):
    # at 1024 px a card is about 150 px wide; a data grid there cut the values off
    at = app_as(demo_env, "ministry", "en").run()
    assert not any(t("overview.measure", "en") in d.value.columns for d in at.dataframe)
    facts = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert facts, "no card facts"
    first = facts[0].split("\n")
    assert [line.split(":")[0] for line in first] == [
        "- " + plain(t(key, "en"))  # labels are escaped like every text in markdown
        for key in (
            "overview.deadline",
            "overview.days_left",
            "overview.remaining",
            "overview.forecast",
            "fc.probability",  # the forecast's chance and interval (docs/FORECAST.md)
            "fc.interval",
            "overview.required_pace",
            "overview.recent_pace",
        )
    ]
