"""The briefing pack: the slides the issue lists, with real text, in both languages, as PPTX
and PDF, from the button's service and from the command line."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pypdf import PdfReader
from sqlmodel import Session, select

from dashboard.cli import main
from dashboard.exports import service
from dashboard.exports.briefing_data import tasks_at_risk, time_elapsed_pct
from dashboard.models import AuditEvent, Target
from tests.exports.conftest import AS_OF

EXPECTED = {
    "zh": {
        "title": "双碳标准计量体系建设情况简报",
        "as_of": "2025年6月30日",
        "map": "各省已设立的碳排放管理标准化试点",
        "warnings": "预警清单",
        "tasks": "存在风险的任务",
        "sources": "资料来源与说明",
        "demo": "演示数据",
    },
    "en": {
        "title": "Dual-carbon standards and measurement: briefing",
        "as_of": "30 Jun 2025",
        "map": "Standardization pilots set up, by province",
        "warnings": "Early-warning list",
        "tasks": "Tasks at risk",
        "sources": "Sources and notes",
        "demo": "DEMO DATA",
    },
}


def slide_texts(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if shape.has_table:
            parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts)


def sections(titles: list[str], lang: str) -> list[str]:
    """Each slide's section, from its title."""
    words = EXPECTED[lang]
    out = []
    for title in titles:
        kind = next((k for k in ("map", "warnings", "tasks", "sources") if words[k] in title), None)
        if kind is None:
            kind = "title" if title == words["title"] else title.split(" · ")[0]
        out.append(kind)
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pptx_pack_has_the_slides_with_real_text(demo_session, actors, lang):
    data = service.briefing_pack(
        demo_session, actor=actors["briefing"], lang=lang, as_of=AS_OF, fmt="pptx"
    )
    prs = Presentation(io.BytesIO(data))
    slides = list(prs.slides)
    titles = [s.shapes.title.text for s in slides]
    kinds = sections(titles, lang)
    words = EXPECTED[lang]
    # title, one slide per target, the map, warnings, tasks, sources: in that order
    order = ["title", "T1", "T2", "T3", "T4", "T5", "T6", "map", "warnings", "tasks", "sources"]
    assert [k for i, k in enumerate(kinds) if i == 0 or k != kinds[i - 1]] == order
    first = slide_texts(slides[0])
    assert words["as_of"] in first and words["demo"] in first
    targets = {t.code: t for t in demo_session.exec(select(Target))}
    for slide, kind in zip(slides, kinds, strict=True):
        pictures = [s for s in slide.shapes if s.shape_type == 13]
        tables = [s for s in slide.shapes if s.has_table]
        text = slide_texts(slide)
        assert words["as_of"] in text  # every slide's source line
        if kind.startswith("T"):
            assert getattr(targets[kind], f"name_{lang}") in slide.shapes.title.text
            assert len(pictures) == 1 and len(tables) == 1
            assert "%" in text  # the key numbers are text, not only a picture
        if kind == "map":
            assert len(pictures) == 1 and len(tables) == 1
    sources = "\n".join(
        slide_texts(s) for s, k in zip(slides, kinds, strict=True) if k == "sources"
    )
    assert "发改环资〔2024〕1046号" in sources and "发改环资〔2024〕1479号" in sources
    warnings = "\n".join(
        slide_texts(s) for s, k in zip(slides, kinds, strict=True) if k == "warnings"
    )
    assert "T1" in warnings  # T1 (70 standards in 2024) was missed by mid-2025 in the demo
    run = slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    assert run._r.rPr.find(qn("a:ea")).get("typeface") == "Microsoft YaHei"


def test_pdf_pack_parses_with_one_page_per_slide(demo_session, actors, engine):
    pptx = service.briefing_pack(
        demo_session, actor=actors["ministry"], lang="zh", as_of=AS_OF, fmt="pptx"
    )
    pdf = service.briefing_pack(
        demo_session, actor=actors["ministry"], lang="zh", as_of=AS_OF, fmt="pdf"
    )
    demo_session.commit()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == len(Presentation(io.BytesIO(pptx)).slides)
    assert float(reader.pages[0].mediabox.width) == 960
    assert EXPECTED["zh"]["title"] in reader.pages[0].extract_text()
    assert "T2" in reader.pages[2].extract_text()
    assert "发改环资" in reader.pages[-1].extract_text() + reader.pages[-2].extract_text()
    with Session(engine) as s:
        packs = s.exec(select(AuditEvent).where(AuditEvent.entity_type == "briefing")).all()
    assert [(e.actor, e.detail["format"], e.detail["as_of"]) for e in packs] == [
        ("ministry", "pptx", "2025-06-30"),
        ("ministry", "pdf", "2025-06-30"),
    ]


def test_command_line_writes_the_pack_and_audits_it(demo_session, db_url, engine, tmp_path):
    out = tmp_path / "pack.pptx"
    argv = ["--database-url", db_url, "briefing", "--lang", "en", "--out", str(out)]
    assert main([*argv, "--as-of", "2025-06-30"]) == 0
    titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
    assert titles[0] == EXPECTED["en"]["title"]
    with Session(engine) as s:
        [event] = s.exec(select(AuditEvent).where(AuditEvent.entity_type == "briefing")).all()
    assert (event.actor, event.detail["lang"]) == ("briefing", "en")
    assert main([*argv[:-1], str(tmp_path / "pack.docx")]) == 2
    assert main([*argv, "--user", "zhejiang"]) == 3
    # one programme's pack: its targets' slides and no others
    assert main([*argv, "--as-of", "2026-12-02", "--programme", "PCFG2025"]) == 0
    titles = [s.shapes.title.text for s in Presentation(str(out)).slides]
    assert any(t.startswith("PCFG-100") for t in titles)
    assert not any(t.startswith(("T1 ", "CFMS-")) for t in titles)
    with Session(engine) as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.entity_type == "briefing")).all()
    assert events[-1].detail["programme"] == "PCFG2025"


def test_tasks_at_risk_follow_the_rule(demo_session):
    df = tasks_at_risk(demo_session, AS_OF)
    assert not df.empty
    for r in df.itertuples():
        assert r.status == "delayed" or (
            r.status != "completed" and r.progress_pct + 20 < r.expected_pct
        )
    assert time_elapsed_pct(date(2024, 7, 14), date(2024, 7, 1)) == 0
    assert time_elapsed_pct(date(2024, 7, 14), date(2026, 1, 1)) == 100
    # before any task had an update, nothing is behind
    assert tasks_at_risk(demo_session, date(2024, 7, 20)).empty
