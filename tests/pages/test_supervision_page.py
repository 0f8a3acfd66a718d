"""The supervision page through its widgets: the ministry sees the ranking and takes a
province's sheet along (the download is made on the server and audited); a coordinator sees
their own province's sheet only and cannot reach another's."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import Session

from dashboard.db import shared_engine
from dashboard.i18n import local_today, t
from dashboard.permissions import PermissionDenied
from dashboard.supervision import rules
from dashboard.supervision.service import sheet_for
from dashboard.supervision.sheets import compute
from dashboard.ui.supervision_view import PICK_KEY
from tests.pages.conftest import app_as, audit_events, user_row

PAGE = "../pages/supervision.py"


def _open(url: str, username: str, lang: str):
    at = app_as(url, username, lang).run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_ministry_sees_the_ranking_and_exports_a_sheet(writable_demo):
    at = _open(writable_demo, "ministry", "zh")
    assert at.title[0].value == t("supervision.title", "zh")
    ranking = at.dataframe[0].value
    with Session(shared_engine(writable_demo)) as s:
        expected = compute(s, local_today())
    assert len(ranking) == 32
    assert list(ranking[t("supervision.col.code", "zh")]) == [x.code for x in expected.sheets]
    assert list(ranking[t("supervision.col.score", "zh")]) == [
        str(x.score) for x in expected.sheets
    ]
    assert ranking[t("supervision.col.rank", "zh")].iloc[0] == "1"
    assert any(t("supervision.ranking_rule", "zh") == c.value for c in at.caption)
    for key in ("parks_set_up", "energy_reviews_set_up"):
        column = list(ranking[t(f"supervision.measure.{key}", "zh")])
        assert column == [str(x.measure(key).figures["count"]) for x in expected.sheets]

    picker = at.selectbox(key=PICK_KEY)
    assert picker.options[0] == expected.sheets[0].name_zh  # the most lagging first
    picker.select("370000").run()
    assert any(h.value == "山东省督导检查表" for h in at.subheader)
    sheet = {r[0]: list(r) for r in at.table[0].value.itertuples(index=False)}
    for key in ("parks_set_up", "energy_reviews_set_up"):  # the rule and points in Chinese
        row = sheet[t(f"supervision.measure.{key}", "zh")]
        assert row[3:] == [rules.rule_text(key, "zh"), rules.points_text(key, "zh")]
    before = len(audit_events(writable_demo, "export"))
    at.radio(key="sup_fmt").set_value("pdf").run()
    at.button(key="sup_prepare").click().run()
    assert not at.exception, [e.message for e in at.exception]
    _made, data, filename = at.session_state["sup_file"]
    assert filename.endswith("_zh.pdf") and "370000" in filename
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "山东省督导检查表" in text and t("supervision.measure.overdue_items", "zh") in text
    events = audit_events(writable_demo, "export")
    assert len(events) == before + 1
    last = events[-1]
    assert (last.actor, last.entity_type, last.entity_id) == (
        "ministry",
        "supervision_sheet",
        "370000",
    )
    assert last.detail["format"] == "pdf" and last.detail["lang"] == "zh"


def test_a_coordinator_sees_their_own_sheet_only(writable_demo):
    at = _open(writable_demo, "zhejiang", "en")
    assert not [w for w in at.selectbox if w.key == PICK_KEY]  # no choice of province
    assert [h.value for h in at.subheader] == ["Supervision sheet: Zhejiang"]
    assert any(i.value == t("supervision.coordinator_note", "en") for i in at.info)
    assert len(at.table) == 1
    shown = at.table[0].value  # the measures of the one sheet, not a ranking
    assert shown.columns[0] == t("supervision.col.measure", "en")
    assert len(shown) == len(rules.MEASURES)
    assert shown.iloc[0, 3] == rules.rule_text("report_timeliness", "en")
    rows = {r[0]: list(r) for r in shown.itertuples(index=False)}
    for key in ("parks_set_up", "energy_reviews_set_up"):  # each with its rule and points
        row = rows[t(f"supervision.measure.{key}", "en")]
        assert row[3:] == [rules.rule_text(key, "en"), rules.points_text(key, "en")]
    # a province picked by tampering with the session changes nothing
    at.session_state[PICK_KEY] = "370000"
    at.run()
    assert [h.value for h in at.subheader] == ["Supervision sheet: Zhejiang"]

    at.radio(key="sup_fmt").set_value("xlsx").run()
    at.radio(key="sup_lang").set_value("zh").run()
    at.button(key="sup_prepare").click().run()
    assert not at.exception, [e.message for e in at.exception]
    _made, data, _filename = at.session_state["sup_file"]
    book = load_workbook(io.BytesIO(data))
    first = book.worksheets[0]
    assert first["A1"].value == "浙江省督导检查表"
    cells = [c.value for row in first.iter_rows() for c in row if c.value is not None]
    assert t("supervision.measure.report_timeliness", "zh") in cells
    assert not any("山东" in str(c) for ws in book.worksheets for r in ws.iter_rows() for c in
                   (x.value for x in r))  # fmt: skip
    last = audit_events(writable_demo, "export")[-1]
    assert (last.actor, last.entity_id, last.detail["format"]) == ("zhejiang", "330000", "xlsx")

    user = user_row(writable_demo, "zhejiang")
    from dashboard.permissions import Actor

    actor = Actor(id=user.id, username=user.username)
    with Session(shared_engine(writable_demo)) as s:
        try:
            sheet_for(s, actor=actor, code="370000", as_of=local_today())
            raise AssertionError("another province's sheet was handed out")
        except PermissionDenied as exc:
            assert exc.reason == "outside_own_province"
    refused = audit_events(writable_demo, "view_supervision", outcome="denied")
    assert refused and refused[-1].actor == "zhejiang"
