"""Estimated text widths and line wrapping for Chinese and Latin text.

The renderers (vl-convert, svg2pdf) do not wrap text, so lines are broken here. Widths are
estimates in ems: a wide (CJK) character is one em, a Latin character a little over half.
"""

from __future__ import annotations

import unicodedata

LATIN_EM = 0.56
# Punctuation that must not begin a line: it stays on the line before, even if that overflows.
NO_LINE_START = set("，。、；：？！）》」』】〕”’,.;:?!)]}%")


def char_em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in {"W", "F"}:
        return 1.0
    if ch == " ":
        return 0.3
    return LATIN_EM


def text_width(text: str, size: float) -> float:
    return sum(char_em(ch) for ch in text) * size


def display_width(text: str) -> int:
    """Width in spreadsheet columns: a CJK character counts double."""
    return sum(2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1 for ch in text)


def _tokens(text: str) -> list[str]:
    """Words of Latin text with their trailing space; each CJK character on its own."""
    out: list[str] = []
    word = ""
    for ch in text:
        if char_em(ch) == 1.0:
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif ch == " ":
            out.append(word + " ")
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out


def wrap(text: str, width: float, size: float) -> list[str]:
    """Break `text` into lines no wider than `width` (same unit as size); keeps newlines."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        line = ""
        for token in _tokens(para):
            too_wide = text_width((line + token).rstrip(), size) > width
            if line and too_wide and token[0] not in NO_LINE_START:
                lines.append(line.rstrip())
                line = token.lstrip() if token.strip() else ""
            else:
                line += token
            while text_width(line.rstrip(), size) > width * 1.08 and len(line) > 1:
                # a single word longer than the line: cut it
                cut = len(line)
                while cut > 1 and text_width(line[:cut], size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines
