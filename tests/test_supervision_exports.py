"""The supervision sheet as PDF and XLSX, in Chinese and English, opened and read back; the
command line's --json; on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlmodel import select

from dashboard.cli import main as cli
from dashboard.exports import fonts
from dashboard.i18n import t
from dashboard.models import AuditEvent
from dashboard.supervision import rules
from dashboard.supervision.rules import MEASURES
from dashboard.supervision.service import export_sheet
from dashboard.supervision.sheets import compute
from tests import builders as b
from tests.supervision_oracle import build

DAY = date(2025, 3, 2)


def _exports(session) -> list[AuditEvent]:
    return list(session.exec(select(AuditEvent).where(AuditEvent.action == "export")).all())


@pytest.mark.parametrize(("lang", "name"), [("zh", "浙江省"), ("en", "Zhejiang")])
def test_the_pdf_sheet_reads_back_in_its_language(session, lang, name):
    build(session)
    ministry = b.user(session, "min", "ministry")
    data, filename = export_sheet(
        session, actor=ministry, code="330000", as_of=DAY, fmt="pdf", lang=lang
    )
    session.commit()
    assert filename == (
        f"督导检查表_330000_{DAY}_zh.pdf"
        if lang == "zh"
        else f"supervision_sheet_330000_{DAY}_en.pdf"
    )
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())  # lines joined
    assert name in text
    assert ("中期评估逾期" if lang == "zh" else "mid-term evaluation overdue") in text
    assert "ZJ-1" in text and "R-ZJ-1" in text  # the overdue records are listed
    flat = "".join(text.split())  # a cell's text wraps anywhere
    for key in ("parks_set_up", "energy_reviews_set_up"):  # the measures with their rules
        for shown in (t(f"supervision.measure.{key}", lang), rules.points_text(key, lang)):
            assert "".join(shown.split()) in flat, shown
    assert "".join(rules.rule_text("parks_set_up", lang).split())[:40] in flat
    fonts_used = {
        str(f.get_object()["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert any("NotoSansCJK" in f for f in fonts_used), fonts_used
    event = _exports(session)[-1]
    assert (event.actor, event.entity_type, event.entity_id) == (
        "min",
        "supervision_sheet",
        "330000",
    )
    assert event.detail["format"] == "pdf" and event.detail["lang"] == lang
    assert set(event.detail) == {"format", "title", "as_of", "province", "lang"}
    assert (event.detail["province"], event.detail["as_of"]) == ("330000", DAY.isoformat())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_xlsx_sheet_reads_back_with_typed_cells(session, lang):
    build(session)
    b.submission(
        session,
        kind="standard",
        province_code="330000",
        submitted_at=datetime(2025, 1, 5, tzinfo=UTC),
        status="returned",
        decided_at=datetime(2025, 1, 8, tzinfo=UTC),
        decision_comment='=HYPERLINK("http://x")',
    )
    session.commit()
    coordinator = b.user(session, "zj", "coordinator", "330000")
    data, _name = export_sheet(
        session, actor=coordinator, code="330000", as_of=DAY, fmt="xlsx", lang=lang
    )
    session.commit()
    book = load_workbook(io.BytesIO(data))
    first = book.worksheets[0]
    assert first["A1"].value == (
        "浙江省督导检查表" if lang == "zh" else "Supervision sheet: Zhejiang"
    )
    rows = [[c.value for c in row] for row in first.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[0] == t("supervision.col.measure", lang))
    expected = compute(session, DAY, only="330000").sheets[0]
    points = {r[0]: r[2] for r in rows[header + 1 :]}
    assert points == {
        t(f"supervision.measure.{m.key}", lang): (
            m.points if m.tracked else t("supervision.not_scored", lang)
        )
        for m in expected.measures
    }  # a measure's points are a number cell
    assert t("supervision.sheet.score", lang, score=expected.score) in [r[0] for r in rows]
    by_measure = {r[0]: r for r in rows[header + 1 :]}
    for key in ("parks_set_up", "energy_reviews_set_up"):
        shown = by_measure[t(f"supervision.measure.{key}", lang)]
        assert shown[3:5] == [rules.rule_text(key, lang), rules.points_text(key, lang)]
    quarters = book.worksheets[1]
    assert quarters["A2"].value == "2024Q3"
    assert isinstance(quarters["B2"].value, datetime) and quarters["B2"].value.date() == date(
        2024, 10, 15
    )
    returns = book.worksheets[3]
    comments = [r[-1].value for r in returns.iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://x")' in comments  # never a formula
    assert len(book.worksheets) == 5  # measures, quarters, overdue, returns, metadata
    event = _exports(session)[-1]
    assert (event.actor, event.entity_id, event.detail["format"]) == ("zj", "330000", "xlsx")


def test_without_the_cjk_font_no_pdf_is_made_and_none_is_recorded(session, tmp_path, monkeypatch):
    build(session)
    ministry = b.user(session, "min", "ministry")
    monkeypatch.setenv(fonts.ENV_DIR, str(tmp_path))
    with pytest.raises(fonts.FontMissingError):
        export_sheet(session, actor=ministry, code="330000", as_of=DAY, fmt="pdf", lang="zh")
    session.rollback()
    assert _exports(session) == []


def test_the_command_line_json_is_the_computed_ranking(session, db_url, capsys):
    build(session)
    assert cli(["--database-url", db_url, "supervision", "--as-of", str(DAY), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    expected = compute(session, DAY)
    assert out["as_of"] == str(DAY) and out["plan_tracked"] is True
    got = [(p["rank"], p["code"], p["score"]) for p in out["provinces"]]
    assert got == [(s.rank, s.code, s.score) for s in expected.sheets]
    zj = next(p for p in out["provinces"] if p["code"] == "330000")
    assert zj["measures"]["plan_status"] == {"tracked": True, "points": 0, "status": "issued"}
    assert [o["code"] for o in zj["overdue"]] == [
        o.code for o in expected.only("330000").sheets[0].overdue
    ]
    assert [m["key"] for m in out["measures"]] == list(MEASURES)
    assert all(m["rule"] and m["scoring"] for m in out["measures"])
    assert "365" in next(m["rule"] for m in out["measures"] if m["key"] == "overdue_items")


def test_the_command_line_text_in_chinese(session, db_url, capsys):
    build(session)
    assert cli(["--database-url", db_url, "supervision", "--as-of", str(DAY), "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    top = compute(session, DAY).sheets[0]
    assert f"  1  {top.code}" in out.splitlines()[1]
    assert "排名规则" in out and "新疆生产建设兵团" in out
