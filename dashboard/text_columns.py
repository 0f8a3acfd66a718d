"""Plain-text tables for the command line: columns padded by their width on a terminal,
where a Chinese character takes two cells."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.exports.textfit import display_width


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` filled with spaces to `width` terminal cells (on the left when `right`)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def columns(rows: Sequence[Sequence[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """Lines of `rows` with every column but the last as wide as its widest cell; the
    columns numbered in `right` are aligned to the right. Two spaces between columns."""
    if not rows:
        return []
    widths = [max(display_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell if i == len(row) - 1 else pad(cell, widths[i], i in right)
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
