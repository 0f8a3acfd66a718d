"""The supervision sheet as PDF (A4 portrait): each page is drawn as SVG with its text as
text in "Noto Sans CJK SC", made a PDF page by vl-convert's svg2pdf and joined with pypdf,
as the briefing pack is. Text stays selectable and searchable; long tables continue on the
next page with their header repeated. Without the CJK font it refuses (FontMissingError)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from xml.sax.saxutils import escape

import vl_convert

from dashboard.exports.fonts import FONT_FAMILY, ensure_cjk_font
from dashboard.exports.textfit import wrap
from dashboard.i18n import fmt_date, t
from dashboard.supervision import sheet_text as st
from dashboard.supervision.sheets import Supervision

PAGE_W, PAGE_H, MARGIN = 595.0, 842.0, 40.0
BOTTOM = PAGE_H - MARGIN - 30  # room for the footer (two lines)
FOOTER_SIZE, NUMBER_W = 7.5, 70.0
LINE = 1.35
PAD = 3.0
GREY, RULE, HEAD = "555555", "B8C2C8", "E8EEF2"


@dataclass
class Pages:
    pages: list[list[str]] = field(default_factory=lambda: [[]])
    y: float = MARGIN

    def room(self, height: float) -> None:
        if self.y + height > BOTTOM and self.pages[-1]:
            self.pages.append([])
            self.y = MARGIN

    def text(self, text: str, size: float, *, bold=False, colour="000000", gap=4.0) -> None:
        for line in wrap(text, PAGE_W - 2 * MARGIN, size):
            self.room(size * LINE)
            self.pages[-1].append(_text(MARGIN, self.y + size, line, size, bold, colour))
            self.y += size * LINE
        self.y += gap


def _text(x: float, y: float, line: str, size: float, bold=False, colour="000000") -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="#{colour}"{weight} '
        f'xml:space="preserve">{escape(line)}</text>'
    )


def _cell(value, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime | date):
        return fmt_date(value, lang)
    return str(value)


def _row(pages: Pages, cells: list[str], widths: list[float], size: float, head: bool) -> None:
    wrapped = [wrap(c, w - 2 * PAD, size) or [""] for c, w in zip(cells, widths, strict=True)]
    height = max(len(w) for w in wrapped) * size * LINE + 2 * PAD
    out = pages.pages[-1]
    if head:
        out.append(
            f'<rect x="{MARGIN}" y="{pages.y:.1f}" width="{sum(widths):.1f}" '
            f'height="{height:.1f}" fill="#{HEAD}"/>'
        )
    x = MARGIN
    for lines, w in zip(wrapped, widths, strict=True):
        for i, line in enumerate(lines):
            y = pages.y + PAD + size * (0.95 + LINE * i)
            out.append(_text(x + PAD, y, line, size, bold=head))
        x += w
    pages.y += height
    out.append(
        f'<line x1="{MARGIN}" y1="{pages.y:.1f}" x2="{MARGIN + sum(widths):.1f}" '
        f'y2="{pages.y:.1f}" stroke="#{RULE}" stroke-width="0.6"/>'
    )


def _table(pages: Pages, title: str, table, weights: list[float], lang: str) -> None:
    headers, rows = table
    pages.room(60)
    pages.text(title, 12, bold=True)
    if not rows:
        pages.text(t("supervision.none", lang), 9, colour=GREY, gap=10)
        return
    total = PAGE_W - 2 * MARGIN
    widths = [total * w / sum(weights) for w in weights]
    size = 8.5
    _row(pages, headers, widths, size, head=True)
    for row in rows:
        cells = [_cell(v, lang) for v in row]
        need = max(len(wrap(c, w - 2 * PAD, size)) for c, w in zip(cells, widths, strict=True))
        if pages.y + need * size * LINE + 2 * PAD > BOTTOM:
            pages.pages.append([])
            pages.y = MARGIN
            _row(pages, headers, widths, size, head=True)
        _row(pages, cells, widths, size, head=False)
    pages.y += 12


def _page_svg(parts: list[str], footer: str, n: int, total: int, lang: str) -> str:
    top = PAGE_H - MARGIN - 12
    lines = wrap(footer, PAGE_W - 2 * MARGIN - NUMBER_W, FOOTER_SIZE)
    number = t("briefing.page", lang, n=n, total=total)
    parts = [
        f'<rect width="{PAGE_W}" height="{PAGE_H}" fill="#ffffff"/>',
        *parts,
        *(
            _text(MARGIN, top + FOOTER_SIZE * (1 + LINE * i), line, FOOTER_SIZE, colour=GREY)
            for i, line in enumerate(lines)
        ),
        f'<text x="{PAGE_W - MARGIN:.1f}" y="{top + FOOTER_SIZE:.1f}" font-size="{FOOTER_SIZE}" '
        f'fill="#{GREY}" text-anchor="end">{escape(number)}</text>',
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE_W}" height="{PAGE_H}" '
        f'viewBox="0 0 {PAGE_W} {PAGE_H}" font-family="{FONT_FAMILY}">' + "".join(parts) + "</svg>"
    )


def sheet_pdf(result: Supervision, *, lang: str, synthetic: bool, author: str) -> bytes:
    """The sheet of `result.sheets[0]`."""
    from pypdf import PdfReader, PdfWriter

    ensure_cjk_font()
    sheet, as_of = result.sheets[0], result.as_of
    pages = Pages()
    pages.text(st.sheet_heading(sheet, lang), 18, bold=True, gap=6)
    for line in st.preamble(result, lang, synthetic):
        pages.text(line, 9.5, colour=GREY)
    pages.y += 6
    _table(pages, t("supervision.section.measures", lang), st.summary_table(sheet, lang),
           [2.2, 2.6, 0.9, 5.2, 2.3], lang)  # fmt: skip
    _table(pages, t("supervision.section.quarters", lang), st.quarter_table(sheet, lang),
           [1, 1.4, 1.4, 1], lang)  # fmt: skip
    _table(pages, t("supervision.section.overdue", lang), st.overdue_table(sheet, lang),
           [1.6, 2.3, 1.8, 1.5, 1.4, 1.4, 0.9], lang)  # fmt: skip
    _table(pages, t("supervision.section.returns", lang), st.returns_table(sheet, as_of, lang),
           [2.4, 1.3, 1.6, 1.6, 0.9, 2.4], lang)  # fmt: skip
    footer = st.footer_line(as_of, lang, author, datetime.now(UTC))
    writer = PdfWriter()
    for n, parts in enumerate(pages.pages, start=1):
        svg = _page_svg(parts, footer, n, len(pages.pages), lang)
        writer.append(PdfReader(io.BytesIO(vl_convert.svg_to_pdf(svg))))
    writer.add_metadata({"/Title": st.sheet_heading(sheet, lang), "/Author": author})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
