"""The briefing pack as PowerPoint (python-pptx): real titles, text boxes and tables, with the
charts as PNG pictures.

Fonts: Latin text is set in Arial and East Asian text in Microsoft YaHei (a:latin / a:ea), the
fonts that PowerPoint on Windows, where officials open the pack, always has; LibreOffice on
Linux substitutes a CJK font such as Noto Sans CJK. The PDF pack is drawn with Noto Sans CJK SC.
"""

from __future__ import annotations

import io

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from dashboard.exports.briefing_layout import (
    FOOTER_BOX,
    FOOTER_SIZE,
    GREY,
    HEADER_FILL,
    LINE,
    PAGE_NO_BOX,
    SLIDE_H,
    SLIDE_W,
    Placed,
    Slide,
    Table,
    chart_box,
    heading_boxes,
    layout,
    prerender,
)
from dashboard.i18n import t

LATIN_FONT = "Arial"
EA_FONT = "Microsoft YaHei"
TITLE_ONLY_LAYOUT = 5


def _style_run(run, size: float, *, bold: bool = False, colour: str = "000000") -> None:
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor.from_string(colour)
    font.name = LATIN_FONT
    rpr = run._r.get_or_add_rPr()
    for old in rpr.findall(qn("a:ea")):
        rpr.remove(old)
    ea = etree.SubElement(rpr, qn("a:ea"))
    ea.set("typeface", EA_FONT)
    rpr.find(qn("a:latin")).addnext(ea)


def _fill_frame(frame, paragraphs, size, *, bold=False, colour="000000", align=None) -> None:
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, text in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.line_spacing = LINE * 0.85
        para.space_after = Pt(size * 0.4)
        if align is not None:
            para.alignment = align
        run = para.add_run()
        run.text = text
        _style_run(run, size, bold=bold, colour=colour)


def _textbox(slide, box, paragraphs, size, **style):
    x, y, w, h = box
    shape = slide.shapes.add_textbox(Pt(x), Pt(y), Pt(w), Pt(h))
    _fill_frame(shape.text_frame, paragraphs, size, **style)
    return shape


def _table(slide, p: Placed) -> None:
    table: Table = p.block
    n_rows, n_cols = len(table.rows) + 1, len(table.header)
    shape = slide.shapes.add_table(n_rows, n_cols, Pt(p.x), Pt(p.y), Pt(p.w), Pt(p.h))
    grid = shape.table
    grid.first_row = True
    grid.horz_banding = False
    for i, w in enumerate(p.col_w):
        grid.columns[i].width = Pt(w)
    for r, height in enumerate(p.row_h):
        grid.rows[r].height = Pt(height)
    for r, values in enumerate([table.header, *table.rows]):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.margin_left = cell.margin_right = Pt(4)
            cell.margin_top = cell.margin_bottom = Pt(2)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(HEADER_FILL if r == 0 else "FFFFFF")
            align = PP_ALIGN.RIGHT if c in table.right else PP_ALIGN.LEFT
            cell.text_frame.word_wrap = True
            para = cell.text_frame.paragraphs[0]
            para.alignment = align
            run = para.add_run()
            run.text = str(value)
            _style_run(run, table.size, bold=r == 0)


def _add_slide(prs, slide: Slide, number: int, total: int, lang: str) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    (title_box, title_size), (sub_box, sub_size) = heading_boxes(slide)
    title = page.shapes.title
    x, y, w, h = title_box
    title.left, title.top, title.width, title.height = Pt(x), Pt(y), Pt(w), Pt(h)
    title.text_frame.text = ""
    _fill_frame(title.text_frame, [slide.title], title_size, bold=True)
    title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    if slide.subtitle:
        _textbox(page, sub_box, [slide.subtitle], sub_size, colour=GREY)
    if slide.chart is not None:
        png = io.BytesIO(slide.chart.image("png"))  # first: chart_box reads its size
        cx, cy, cw, ch = chart_box(slide)
        page.shapes.add_picture(png, Pt(cx), Pt(cy), Pt(cw), Pt(ch))
    for p in layout(slide):
        if isinstance(p.block, Table):
            _table(page, p)
        else:
            b = p.block
            box = (p.x, p.y, p.w, p.h)
            _textbox(page, box, b.paragraphs, b.size, bold=b.bold, colour=b.colour)
    _textbox(page, FOOTER_BOX, [slide.footer], FOOTER_SIZE, colour=GREY)
    _textbox(
        page,
        PAGE_NO_BOX,
        [t("briefing.page", lang, n=number, total=total)],
        FOOTER_SIZE,
        colour=GREY,
        align=PP_ALIGN.RIGHT,
    )


def to_pptx(slides: list[Slide], lang: str, *, title: str = "", author: str = "") -> bytes:
    prerender(slides, "png")
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    prs.core_properties.title = title
    prs.core_properties.author = author
    prs.core_properties.language = "zh-CN" if lang == "zh" else "en-GB"
    for i, slide in enumerate(slides, start=1):
        _add_slide(prs, slide, i, len(slides), lang)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
