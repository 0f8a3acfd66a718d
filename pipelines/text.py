"""Small text helpers shared by the parsers (no third-party imports)."""

from __future__ import annotations

import re

__all__ = [
    "DASHES",
    "ParseError",
    "first_text_line",
    "normalize_dashes",
    "normalize_spaces",
    "to_halfwidth",
]

# Full-width ASCII block U+FF01..U+FF5E maps to U+0021..U+007E; U+3000 is the ideographic space.
_HALFWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = 0x20
# Full-width brackets that are not in the ASCII block but are used the same way.
_HALFWIDTH.update(
    {ord("〔"): ord("["), ord("〕"): ord("]"), ord("【"): ord("["), ord("】"): ord("]")}
)

# Hyphen-like characters seen between a standard's number and its year.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(f"[{DASHES}-]+")
_SPACE_RE = re.compile(r"\s+")


class ParseError(ValueError):
    """A value that could not be parsed; ``code`` is a stable machine-readable error code."""

    def __init__(self, code: str, value: object = None, detail: dict | None = None) -> None:
        self.code = code
        self.value = value
        self.detail = dict(detail or {})
        super().__init__(f"{code}: {value!r}")


def to_halfwidth(s: str) -> str:
    """Map full-width ASCII letters, digits, punctuation and the ideographic space to half-width.

    Unlike NFKC this touches nothing else, so CJK text (年, 月, 日, 皖 ...) is left exactly as is.
    Full-width square brackets 〔〕【】 become ``[`` ``]``.
    """
    return s.translate(_HALFWIDTH)


def normalize_dashes(s: str) -> str:
    """Replace any run of hyphen-like characters (em/en dash, minus, full-width hyphen) by ``-``."""
    return _DASH_RE.sub("-", s)


def normalize_spaces(s: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _SPACE_RE.sub(" ", s).strip()


def first_text_line(text: str, window: int = 4096) -> str:
    """The first line of `text` with anything but whitespace, as `text.splitlines()` gives
    it, looked for in a growing window at the start instead of splitting the whole text."""
    while True:
        lines = text[:window].splitlines()
        whole = window >= len(text)
        for line in lines if whole else lines[:-1]:  # the window's last line may be cut
            if line.strip():
                return line
        if whole:
            return ""
        window *= 4
