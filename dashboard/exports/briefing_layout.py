"""The briefing pack's slide model and its layout, shared by the PPTX and the PDF renderer.

Coordinates are points on a 16:9 slide of 960 x 540 (13.33 x 7.5 inches). A slide has a
title, an optional subtitle, an optional chart (on the left) and blocks of text and tables
that flow down the content area (to the right of the chart when there is one). Text widths
are estimated (`textfit`), and long tables are split over slides by `paginate_rows`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from dashboard.exports.chart_export import render
from dashboard.exports.fonts import ensure_cjk_font
from dashboard.exports.textfit import wrap

SLIDE_W, SLIDE_H = 960.0, 540.0
MARGIN = 36.0
TITLE_BOX = (MARGIN, 20.0, SLIDE_W - 2 * MARGIN, 44.0)
SUBTITLE_BOX = (MARGIN, 64.0, SLIDE_W - 2 * MARGIN, 22.0)
CONTENT_TOP, CONTENT_BOTTOM = 96.0, 496.0
PAGE_NO_W = 110.0  # the page number, at the right end of the footer line
FOOTER_BOX = (MARGIN, 508.0, SLIDE_W - 2 * MARGIN - PAGE_NO_W, 22.0)  # the footer's text
PAGE_NO_BOX = (SLIDE_W - MARGIN - PAGE_NO_W, 508.0, PAGE_NO_W, 22.0)
TITLE_SLIDE_TOP = 270.0
CHART_W = 560.0
GAP = 12.0
TITLE_SIZE, SUBTITLE_SIZE, FOOTER_SIZE = 24.0, 12.0, 8.5
LINE = 1.3  # line height as a multiple of the font size
CELL_PAD = 4.0  # cell margin on each side
HEADER_FILL, RULE_COLOUR, GREY, ACCENT, ALERT = "E8EEF2", "B8C2C8", "4A4A4A", "1F6F4A", "B3261E"


@dataclass
class Text:
    paragraphs: list[str]
    size: float = 11.0
    bold: bool = False
    colour: str = "000000"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[float]  # relative column widths
    size: float = 10.5
    right: tuple[int, ...] = ()  # columns aligned right (numbers)


Block = Text | Table


class Chart:
    """A Vega-Lite spec, rendered on demand (PNG for the PPTX, SVG for the PDF)."""

    def __init__(self, spec: dict):
        self.spec = spec
        self._images: dict[str, bytes] = {}

    def image(self, fmt: str) -> bytes:
        if fmt not in self._images:
            self._images[fmt] = render(self.spec, fmt)
        return self._images[fmt]

    @property
    def size(self) -> tuple[float, float]:
        """The chart's own size in pixels (scale 1)."""
        if "png" in self._images:
            png = self._images["png"]
            return int.from_bytes(png[16:20]) / 2, int.from_bytes(png[20:24]) / 2
        head = self.image("svg")[:400].decode()
        width = re.search(r'width="([\d.]+)"', head)
        height = re.search(r'height="([\d.]+)"', head)
        return float(width.group(1)), float(height.group(1))


@dataclass
class Slide:
    kind: str  # title | target | map | warnings | tasks | sources
    title: str
    subtitle: str = ""
    chart: Chart | None = None
    blocks: list[Block] = field(default_factory=list)
    footer: str = ""


@dataclass
class Placed:
    block: Block
    x: float
    y: float
    w: float
    h: float
    lines: list[list[str]] | None = None  # Text: wrapped paragraphs
    col_w: list[float] | None = None  # Table: column widths in points
    row_h: list[float] | None = None  # Table: header row first
    cells: list[list[list[str]]] | None = None  # Table: wrapped cell lines, header first


def prerender(slides: list[Slide], fmt: str) -> None:
    """Render every chart of the pack, a few at a time (vl-convert runs them in parallel)."""
    charts = [s.chart for s in slides if s.chart is not None]
    ensure_cjk_font()
    workers = max(1, min(4, os.cpu_count() or 1, len(charts)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda chart: chart.image(fmt), charts))


def content_box(slide: Slide) -> tuple[float, float]:
    """x and width of the flowing blocks."""
    if slide.chart is None:
        return MARGIN, SLIDE_W - 2 * MARGIN
    x = MARGIN + CHART_W + GAP
    return x, SLIDE_W - MARGIN - x


def chart_box(slide: Slide) -> tuple[float, float, float, float]:
    """Where the chart goes: its aspect kept, as large as the left column allows."""
    width, height = slide.chart.size
    avail_h = CONTENT_BOTTOM - CONTENT_TOP
    k = min(CHART_W / width, avail_h / height)
    return MARGIN, CONTENT_TOP, width * k, height * k


def title_size(title: str, width: float) -> float:
    """The largest title size (24 down to 17 points) at which the title fits on one line, or
    17 points (two lines) for a very long one."""
    for size in (TITLE_SIZE, 22.0, 20.0, 18.0):
        if len(wrap(title, width, size)) == 1:
            return size
    return 17.0


def heading_boxes(slide: Slide):
    """(box, font size) of the title and of the subtitle; the title slide has its own."""
    width = SLIDE_W - 2 * MARGIN
    if slide.kind == "title":
        return ((MARGIN, 140.0, width, 60.0), 34.0), ((MARGIN, 210.0, width, 32.0), 20.0)
    size = title_size(slide.title, width)
    height = len(wrap(slide.title, width, size)) * size * LINE
    x, y, w, h = TITLE_BOX
    title_box = (x, y + max(0.0, h - height) / 2, w, max(h, height))
    sub_y = max(SUBTITLE_BOX[1], title_box[1] + title_box[3])
    return (title_box, size), ((MARGIN, sub_y, width, SUBTITLE_BOX[3]), SUBTITLE_SIZE)


def measure_text(block: Text, width: float) -> tuple[list[list[str]], float]:
    lines = [wrap(p, width, block.size) for p in block.paragraphs]
    n = sum(len(ls) for ls in lines)
    return lines, n * block.size * LINE + (len(lines) - 1) * block.size * 0.4


def _column_widths(table: Table, width: float) -> list[float]:
    total = sum(table.widths)
    return [width * w / total for w in table.widths]


def measure_row(cells: list[str], col_w: list[float], size: float):
    wrapped = [wrap(str(c), w - 2 * CELL_PAD, size) for c, w in zip(cells, col_w, strict=True)]
    return wrapped, max(len(ls) for ls in wrapped) * size * LINE + 2 * CELL_PAD


def measure_table(table: Table, width: float):
    col_w = _column_widths(table, width)
    cells, heights = [], []
    for row in [table.header, *table.rows]:
        wrapped, h = measure_row(row, col_w, table.size)
        cells.append(wrapped)
        heights.append(h)
    return col_w, cells, heights


def layout(slide: Slide) -> list[Placed]:
    """Place the blocks top to bottom in the content area."""
    x, w = content_box(slide)
    y = TITLE_SLIDE_TOP if slide.kind == "title" else CONTENT_TOP
    placed = []
    for block in slide.blocks:
        if isinstance(block, Text):
            lines, h = measure_text(block, w)
            placed.append(Placed(block, x, y, w, h, lines=lines))
        else:
            col_w, cells, heights = measure_table(block, w)
            h = sum(heights)
            placed.append(Placed(block, x, y, w, h, col_w=col_w, row_h=heights, cells=cells))
        y += h + GAP
    return placed


def overflow(slide: Slide) -> float:
    """How far the blocks run past the content area (0 when they fit)."""
    placed = layout(slide)
    if not placed:
        return 0.0
    return max(0.0, placed[-1].y + placed[-1].h - CONTENT_BOTTOM)


def paginate_rows(
    make: Callable[[str, list[list[str]]], Slide],
    rows: list[list[str]],
    *,
    first_title: str,
    continued: str,
) -> list[Slide]:
    """Slides made by `make(title, rows)`, with as many rows on each as fit."""
    slides: list[Slide] = []
    rest = list(rows)
    while True:
        title = first_title if not slides else first_title + continued
        take = 1
        while take < len(rest) and overflow(make(title, rest[: take + 1])) == 0:
            take += 1
        slides.append(make(title, rest[:take]))
        rest = rest[take:]
        if not rest:
            return slides


def shrink_to_fit(slide: Slide, block: Text, sizes=(10.0, 9.0, 8.0, 7.0)) -> None:
    """Make a text block smaller until the slide fits."""
    for size in sizes:
        block.size = size
        if overflow(slide) == 0:
            return
