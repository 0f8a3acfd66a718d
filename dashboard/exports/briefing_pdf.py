"""The briefing pack as PDF: each slide is drawn as an SVG page (text as text, the charts as
vector graphics from vl-convert), turned into a PDF page by vl-convert's svg2pdf, and the
pages are joined with pypdf. Offline, no new dependency, and the text stays selectable and
searchable. Fonts: Noto Sans CJK SC throughout.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

import vl_convert

from dashboard.exports.briefing_layout import (
    CELL_PAD,
    FOOTER_BOX,
    FOOTER_SIZE,
    GREY,
    HEADER_FILL,
    LINE,
    PAGE_NO_BOX,
    RULE_COLOUR,
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
from dashboard.exports.fonts import FONT_FAMILY
from dashboard.exports.textfit import wrap
from dashboard.i18n import t

ROOT_TAG = re.compile(r"<svg\b[^>]*>", re.S)


def _text(x, y, line, size, *, bold=False, colour="000000", anchor="start") -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="#{colour}"{weight} '
        f'text-anchor="{anchor}" xml:space="preserve">{escape(line)}</text>'
    )


def _lines(x, y, lines, size, **style) -> list[str]:
    """Lines of text with their first baseline one font size below y."""
    return [_text(x, y + size * (0.95 + LINE * i), s, size, **style) for i, s in enumerate(lines)]


def _table(p: Placed) -> list[str]:
    table: Table = p.block
    out = [
        f'<rect x="{p.x:.1f}" y="{p.y:.1f}" width="{p.w:.1f}" height="{p.row_h[0]:.1f}" '
        f'fill="#{HEADER_FILL}"/>'
    ]
    y = p.y
    for r, (cells, height) in enumerate(zip(p.cells, p.row_h, strict=True)):
        x = p.x
        for c, (lines, w) in enumerate(zip(cells, p.col_w, strict=True)):
            if c in table.right:
                out += _lines(
                    x + w - CELL_PAD, y + CELL_PAD, lines, table.size, bold=r == 0, anchor="end"
                )
            else:
                out += _lines(x + CELL_PAD, y + CELL_PAD, lines, table.size, bold=r == 0)
            x += w
        y += height
        out.append(
            f'<line x1="{p.x:.1f}" y1="{y:.1f}" x2="{p.x + p.w:.1f}" y2="{y:.1f}" '
            f'stroke="#{RULE_COLOUR}" stroke-width="0.6"/>'
        )
    return out


def _chart(slide: Slide) -> str:
    """The chart's SVG, scaled into its box, as a group of the page."""
    svg = slide.chart.image("svg").decode("utf-8")
    width, _ = slide.chart.size
    x, y, w, _ = chart_box(slide)
    root = ROOT_TAG.search(svg)
    body = svg[root.end() : svg.rindex("</svg>")]
    return f'<g transform="translate({x:.2f},{y:.2f}) scale({w / width:.5f})">{body}</g>'


def slide_svg(slide: Slide, number: int, total: int, lang: str) -> str:
    parts = [f'<rect width="{SLIDE_W}" height="{SLIDE_H}" fill="#ffffff"/>']
    (tb, ts), (sb, ss) = heading_boxes(slide)
    title_lines = wrap(slide.title, tb[2], ts)
    top = tb[1] + max(0.0, (tb[3] - ts * LINE * len(title_lines)) / 2)
    parts += _lines(tb[0], top, title_lines, ts, bold=True)
    if slide.subtitle:
        parts += _lines(sb[0], sb[1], wrap(slide.subtitle, sb[2], ss), ss, colour=GREY)
    if slide.chart is not None:
        parts.append(_chart(slide))
    for p in layout(slide):
        if isinstance(p.block, Table):
            parts += _table(p)
        else:
            b = p.block
            y = p.y
            for lines in p.lines:
                parts += _lines(p.x, y, lines, b.size, bold=b.bold, colour=b.colour)
                y += len(lines) * b.size * LINE + b.size * 0.4
    fx, fy, fw, _ = FOOTER_BOX
    parts += _lines(fx, fy, wrap(slide.footer, fw, FOOTER_SIZE), FOOTER_SIZE, colour=GREY)
    px, py, pw, _ = PAGE_NO_BOX
    page = t("briefing.page", lang, n=number, total=total)
    parts += _lines(px + pw, py, [page], FOOTER_SIZE, colour=GREY, anchor="end")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{SLIDE_W}" height="{SLIDE_H}" viewBox="0 0 {SLIDE_W} {SLIDE_H}" '
        f'font-family="{FONT_FAMILY}">' + "".join(parts) + "</svg>"
    )


def to_pdf(slides: list[Slide], lang: str, *, title: str = "", author: str = "") -> bytes:
    try:
        from pypdf import PdfReader, PdfWriter
    except ImportError as exc:  # pragma: no cover - pypdf is in requirements
        raise RuntimeError("the PDF briefing pack needs the package pypdf") from exc
    prerender(slides, "svg")
    writer = PdfWriter()
    for i, slide in enumerate(slides, start=1):
        page = vl_convert.svg_to_pdf(slide_svg(slide, i, len(slides), lang))
        writer.append(PdfReader(io.BytesIO(page)))
    writer.add_metadata({"/Title": title, "/Author": author})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
