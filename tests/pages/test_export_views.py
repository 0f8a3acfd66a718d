"""Exports from the pages read as people read them (labelled columns in the viewer's
language, translated values, province names beside codes, typed dates, filters stated
truthfully), and the export popover never offers a file made for another format."""

from __future__ import annotations

import io
from datetime import datetime

from openpyxl import load_workbook

from dashboard.i18n import t
from dashboard.vocab import DELIVERABLE_CATEGORIES, INDUSTRIES, PILOT_ALL_STAGES, PILOT_TYPES
from tests.pages.conftest import app_as

RAW_KEYS = set(PILOT_ALL_STAGES) | set(PILOT_TYPES) | set(INDUSTRIES) | set(DELIVERABLE_CATEGORIES)


def _xlsx(at, key: str):
    at.radio(key=f"fmt_{key}").set_value("xlsx").run()
    at.button(key=f"prep_{key}").click().run()
    assert not at.exception, [e.message for e in at.exception]
    data, _filename, fmt = at.session_state[f"export_{key}"]
    assert fmt == "xlsx"
    wb = load_workbook(io.BytesIO(data))
    data_ws, about_ws = wb.worksheets
    rows = list(data_ws.iter_rows(values_only=True))
    about = {r[0]: r[1] for r in about_ws.iter_rows(min_row=2, values_only=True)}
    return rows[0], rows[1:], about


def test_filtered_pilot_export_is_labelled_and_states_its_filters(demo_env):
    at = app_as(demo_env, "ministry", "zh").run()
    at.switch_page("../pages/pilots.py").run()
    at.multiselect[0].set_value(["midterm_evaluation", "accepted"]).run()
    header, rows, about = _xlsx(at, "pilots")
    assert {"类型", "省份", "省份代码（GB/T 2260）", "阶段", "阶段日期"} <= set(header)
    assert not set(header) & {"pilot_type", "current_stage", "province_code", "id", "version"}
    col = {name: i for i, name in enumerate(header)}
    assert rows and {r[col["阶段"]] for r in rows} <= {"中期评估", "已验收"}
    assert {r[col["类型"]] for r in rows} <= {"企业", "园区"}
    assert all(r[col["省份"]].endswith(("省", "市", "区")) for r in rows)
    assert all(len(r[col["省份代码（GB/T 2260）"]]) == 6 for r in rows)
    assert all(isinstance(r[col["阶段日期"]], datetime) for r in rows)  # a date cell, not text
    assert not {v for r in rows for v in r if isinstance(v, str)} & RAW_KEYS
    assert about["筛选条件"] == "阶段：中期评估、已验收"
    assert about["行数"] == len(rows)


def test_records_behind_the_figure_have_typed_dates_and_category_labels(demo_env):
    at = app_as(demo_env, "ministry", "zh").run()
    at.switch_page("../pages/target_detail.py").run()
    at.selectbox[0].select("AP2024").run()  # it opens on the nearest open deadline
    shown = at.dataframe[-1].value
    assert not set(shown[t("col.category", "zh")]) & RAW_KEYS  # on screen too
    header, rows, _ = _xlsx(at, "records_T1")
    col = {name: i for i, name in enumerate(header)}
    assert rows and all(isinstance(r[col["计入日期"]], datetime) for r in rows)
    assert not {r[col["类别"]] for r in rows} & RAW_KEYS


def test_switching_the_format_withdraws_the_file_made_for_the_old_one(demo_env):
    at = app_as(demo_env, "briefing", "zh").run()
    at.switch_page("../pages/target_detail.py").run()
    at.selectbox[0].select("AP2024").run()  # it opens on the nearest open deadline
    at.radio(key="fmt_burnup_T1").set_value("png").run()
    at.button(key="prep_burnup_T1").click().run()
    assert [b.proto.label for b in at.get("download_button")] == [t("export.download", "zh")]
    at.radio(key="fmt_burnup_T1").set_value("svg").run()
    assert not at.exception
    assert at.get("download_button") == []  # not the PNG under an SVG choice
    at.button(key="prep_burnup_T1").click().run()
    _data, filename, fmt = at.session_state["export_burnup_T1"]
    assert fmt == "svg" and filename.endswith(".svg")
    assert len(at.get("download_button")) == 1


def test_tasks_and_province_profile_have_the_audited_export(demo_env):
    at = app_as(demo_env, "ministry", "en").run()
    at.switch_page("../pages/tasks.py").run()
    header, rows, _ = _xlsx(at, "tasks")
    assert header[:4] == ("Code", "Task", "Status", "Progress")
    assert rows and not {r[2] for r in rows} & {"not_started", "in_progress", "delayed"}
    coordinator = app_as(demo_env, "zhejiang", "zh").run()  # lands on their province
    header, rows, about = _xlsx(coordinator, "profile_pilots")
    col = {name: i for i, name in enumerate(header)}
    assert rows and {r[col["省份代码（GB/T 2260）"]] for r in rows} == {"330000"}
    assert about["筛选条件"] == "省份：浙江省"


def test_bar_charts_export_like_the_other_charts(demo_env):
    at = app_as(demo_env, "ministry", "zh").run()
    for page, key in (("pilots", "funnel"), ("standards", "standards_by_kind")):
        at.switch_page(f"../pages/{page}.py").run()
        at.radio(key=f"fmt_{key}").set_value("svg").run()
        at.button(key=f"prep_{key}").click().run()
        assert not at.exception, [e.message for e in at.exception]
        data, filename, fmt = at.session_state[f"export_{key}"]
        assert fmt == "svg" and filename.endswith(".svg") and b"<svg" in data
    assert t("stage.midterm_evaluation", "zh").encode() in at.session_state["export_funnel"][0]
