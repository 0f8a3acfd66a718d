"""The Programmes page as an administrator uses it: upload a file, see the figures it
gives, save; the overview then offers the new programme and counts its target. And the
overview's programme choice as an official uses it."""

from __future__ import annotations

import copy
import json
from datetime import date

from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import t
from dashboard.markdown_text import plain
from dashboard.models import AuditEvent, ProgrammeVersion, Target
from tests.pages.conftest import app_as
from tests.programmes.test_store import NEW


def _upload(at, raw: dict):
    data = json.dumps(raw, ensure_ascii=False).encode()
    at.file_uploader[0].set_value(("programme.json", data, "application/json"))
    return at.run()


def test_admin_previews_then_saves_a_new_programme(demo_env):
    raw = copy.deepcopy(NEW)
    raw["code"] = "PCF-PAGE"
    raw["targets"][0]["code"] = "PCF-P100"
    at = app_as(demo_env, "admin", "en").run()
    at.switch_page("../pages/programmes.py").run()
    _upload(at, raw)
    assert not at.exception, [e.message for e in at.exception]
    assert any("Saving makes PCF-PAGE version 1" in s.value for s in at.success)
    with Session(shared_engine(demo_env)) as s:  # the preview saved nothing
        assert s.get(Target, "PCF-P100") is None
    at.text_input[0].input("new guidelines")
    save = next(b for b in at.button if b.label == t("programmes.save", "en"))
    save.click().run()
    assert not at.exception, [e.message for e in at.exception]
    with Session(shared_engine(demo_env)) as s:
        target = s.get(Target, "PCF-P100")
        assert target is not None and target.quantity == 100
        version = s.exec(
            select(ProgrammeVersion).where(ProgrammeVersion.programme_code == "PCF-PAGE")
        ).one()
        assert (version.loaded_by, version.note) == ("admin", "new guidelines")
        event = s.exec(
            select(AuditEvent).where(
                AuditEvent.action == "load_programme", AuditEvent.entity_id == "PCF-PAGE"
            )
        ).one()
        assert event.actor == "admin"
    # the overview offers it and counts its target with the rule rendered from its spec
    at.switch_page("../pages/overview.py").run()
    at.selectbox[0].select("PCF-PAGE").run()
    assert not at.exception, [e.message for e in at.exception]
    # the card's heading, escaped as every name is (PCF\-P100)
    assert any(plain("PCF-P100") in m.value for m in at.markdown)


def test_a_bad_file_is_refused_with_the_field_and_nothing_changes(demo_env):
    raw = copy.deepcopy(NEW)
    raw["code"] = "PCF-BAD"
    raw["targets"][0]["counting"]["event"] = {"date": "deadline"}
    at = app_as(demo_env, "admin", "zh").run()
    at.switch_page("../pages/programmes.py").run()
    _upload(at, raw)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("targets[0].counting.event.date" in e and "无效" in e for e in errors), errors
    assert any("“deadline”" in e for e in errors), errors
    with Session(shared_engine(demo_env)) as s:
        assert s.get(Target, "PCF-X100") is None


def test_the_overview_opens_on_the_nearest_open_deadline_and_closes_the_action_plan(demo_env):
    at = app_as(demo_env, "ministry", "en").run()
    first = at.selectbox[0].value
    assert first != "AP2024"  # its deadlines have passed (today is after 2025-12-31)
    at.selectbox[0].select("AP2024").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(s.value == t("programme.closing", "en") for s in at.subheader)
    labels = [m.label for m in at.metric]
    assert labels and all("at the deadline" in label for label in labels), labels


def _map_of(demo_env, programme: str):
    """The map page as the ministry sees it, on `programme`."""
    at = app_as(demo_env, "ministry", "en").run()
    at.switch_page("../pages/map.py").run()
    at.selectbox[0].select(programme).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_map_shows_a_programmes_targets_by_province(demo_env):
    at = _map_of(demo_env, "AP2024")
    measure = at.selectbox[1]
    assert [o.split(" · ")[0] for o in measure.options[:6]] == [f"T{i}" for i in range(1, 7)]
    measure.select("T2").run()
    assert not at.exception, [e.message for e in at.exception]
    shown = at.dataframe[0].value
    column = shown.columns[-1]
    assert "at the deadline (31 Dec 2025)" in column
    # the provinces add up to the card's figure (every demo pilot has a province)
    from dashboard.progress.service import progress_for

    with Session(shared_engine(demo_env)) as s:
        figure = progress_for(s, s.get(Target, "T2"), date.today()).actual
    assert sum(int(x) for x in shown[column] if x != "—") == figure


def test_history_of_a_shipped_programme_is_told_in_the_readers_language(demo_env):
    at = app_as(demo_env, "admin", "zh").run()
    at.switch_page("../pages/programmes.py").run()
    at.selectbox[0].select("AP2024").run()
    assert not at.exception, [e.message for e in at.exception]
    history = next(d.value for d in at.dataframe if t("programmes.note", "zh") in d.value.columns)
    first = history.iloc[0]
    assert first[t("programmes.note", "zh")] == "随系统提供的文件 ap2024_action_plan.json"
    assert first[t("programmes.loaded_by", "zh")] == "系统（参考数据）"


def _provincial_figures(at) -> list[str]:
    shown = at.dataframe[0].value
    return [str(x) for x in shown[shown.columns[-1]] if str(x) not in ("—", "0", "nan")]


def test_the_map_opens_on_a_measure_some_province_has_figures_for(demo_env):
    # the carbon footprint programme's targets count national records (no province)
    at = _map_of(demo_env, "CFMS2024")
    measure = at.selectbox[1]
    opened = measure.value
    assert _provincial_figures(at), opened
    earlier = measure.options[: measure.options.index(measure.format_func(opened))]
    # the measures before the one opened (its targets) have no provincial figure
    assert earlier, "CFMS2024 should start with national-only targets"
    for label in earlier:
        at.selectbox[1].select(label.split(" · ")[0]).run()
        assert not at.exception, [e.message for e in at.exception]
        assert not _provincial_figures(at), label
