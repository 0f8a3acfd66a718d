"""Times are stored in UTC and shown in the display zone (DASHBOARD_TIMEZONE, default
Asia/Shanghai), with the zone named; a naive datetime (as SQLite returns it) is UTC."""

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from dashboard.i18n import fmt_date, local_today
from dashboard.settings import SettingsError, load_settings, reset_settings_cache

SUBMITTED = datetime(2025, 3, 3, 1, 17, tzinfo=UTC)  # 09:17 in Beijing


@pytest.fixture
def zone(monkeypatch):
    def use(name: str | None):
        if name is None:
            monkeypatch.delenv("DASHBOARD_TIMEZONE", raising=False)
        else:
            monkeypatch.setenv("DASHBOARD_TIMEZONE", name)
        reset_settings_cache()

    yield use
    monkeypatch.delenv("DASHBOARD_TIMEZONE", raising=False)
    reset_settings_cache()


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("zh", "2025年3月3日 09:17 北京时间"), ("en", "3 Mar 2025 09:17 Beijing time")],
)
def test_a_utc_moment_is_shown_in_beijing_time_by_default(zone, lang, expected):
    zone(None)
    assert fmt_date(SUBMITTED, lang) == expected


def test_a_naive_datetime_from_sqlite_is_utc_and_keeps_its_zone_label(zone):
    zone(None)
    assert fmt_date(SUBMITTED.replace(tzinfo=None), "zh") == "2025年3月3日 09:17 北京时间"


def test_the_zone_is_a_setting(zone):
    zone("Europe/Berlin")
    assert fmt_date(SUBMITTED, "en") == "3 Mar 2025 02:17 Europe/Berlin"
    zone("UTC")
    assert fmt_date(SUBMITTED, "en") == "3 Mar 2025 01:17 UTC"


def test_an_unknown_zone_is_refused(zone):
    with pytest.raises(SettingsError, match="DASHBOARD_TIMEZONE"):
        load_settings({"DASHBOARD_DEMO": "1", "DASHBOARD_TIMEZONE": "Mars/Olympus"})
    assert load_settings({"DASHBOARD_DEMO": "1"}).timezone == "Asia/Shanghai"


def test_today_is_the_viewers_day_not_the_servers(zone):
    zone(None)
    early_in_beijing = datetime(2026, 12, 2, 22, 1, tzinfo=UTC)  # 06:01 on 3 Dec in Beijing
    assert local_today(early_in_beijing) == date(2026, 12, 3)


def test_the_pack_and_the_audit_trail_show_beijing_time(zone):
    from dashboard.audit_text import AUDIT_COLUMNS, audit_readable
    from dashboard.exports.briefing import _title_slide
    from dashboard.exports.chart_export import ExportMeta
    from dashboard.exports.labels import table_frame

    zone(None)
    cover = _title_slide(ExportMeta(title="简报", exported_at=SUBMITTED), "zh")
    assert any("2025年3月3日 09:17 北京时间" in p for b in cover.blocks for p in b.paragraphs)
    events = pd.DataFrame(
        {
            "id": [1],
            "occurred_at": [SUBMITTED.replace(tzinfo=None)],  # as SQLite returns it
            "actor": ["zhejiang"],
            "action": ["submission_staged"],
            "entity_type": ["submission"],
            "entity_id": [7],
            "outcome": ["ok"],
            "detail": ["{}"],
        }
    )
    shown = table_frame(audit_readable(events, "zh"), AUDIT_COLUMNS, "zh", provinces={})
    assert shown.iloc[0]["发生时间"] == "2025年3月3日 09:17 北京时间"
    typed = table_frame(audit_readable(events, "en"), AUDIT_COLUMNS, "en", provinces={}, typed=True)
    assert typed.iloc[0]["Time (Beijing time)"] == datetime(2025, 3, 3, 9, 17)
