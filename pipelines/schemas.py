"""How a file's header is matched to the report kinds described in dashboard.kinds (by key,
Chinese or English label, case-, space- and full-width-insensitive; "试点编号 (pilot_code)"
as the templates write it also matches)."""

from __future__ import annotations

import re
from functools import lru_cache

from dashboard.i18n import t
from dashboard.kinds import ENUMS, KINDS, RecordKind
from dashboard.kinds import Column as Column  # re-exported for the templates
from pipelines.text import to_halfwidth

_STRIP = re.compile(r"[\s_\-*·.:：]+")
_PARENS = re.compile(r"^(?P<outer>.*)\((?P<inner>[^()]*)\)\s*$")


def token(text: object) -> str:
    """A header or enumerated value reduced for matching: half-width, case-folded, with
    spaces, underscores, hyphens and asterisks removed."""
    return _STRIP.sub("", to_halfwidth(str(text)).casefold())


# The kinds are described in the core (dashboard.kinds); the pipelines read them.
ReportKind = RecordKind
REPORT_KINDS: dict[str, RecordKind] = KINDS


# Words people use besides the catalog's labels.
EXTRA_ALIASES = {
    "stage": {
        "立项": "approved",
        "已立项": "approved",
        "批准": "approved",
        "申报": "applied",
        "推荐": "recommended",
        "已推荐": "recommended",
        "在建": "under_construction",
        "验收通过": "accepted",
        "通过验收": "accepted",
        "中期评估中": "midterm_evaluation",
        "撤销": "revoked",
        "退出": "withdrawn",
    },
    "review_status": {"整改": "rectification", "审查": "in_review", "完成": "completed"},
    "task_status": {"推进中": "in_progress", "滞后": "delayed", "完成": "completed"},
    "datum": {
        "GPS": "wgs84",
        "北斗": "wgs84",
        "CGCS2000": "wgs84",
        "2000国家大地坐标系": "wgs84",
        "EPSG:4326": "wgs84",
        "高德": "gcj02",
        "腾讯": "gcj02",
        "火星坐标": "gcj02",
        "国测局坐标": "gcj02",
        "百度": "bd09",
        "百度坐标": "bd09",
    },
    "dstatus": {
        "发布": "issued",
        "已发布实施": "issued",
        "在研": "in_progress",
        "废止": "withdrawn",
    },
}


@lru_cache(maxsize=32)
def enum_aliases(group: str) -> dict[str, str]:
    """token -> value: the key, the Chinese label (with and without a bracketed note), the
    English label and a few common words."""
    out: dict[str, str] = {}
    for value in ENUMS[group]:
        zh, en = t(f"{group}.{value}", "zh"), t(f"{group}.{value}", "en")
        bare = re.split(r"[（(]", zh)[0]
        for word in (value, zh, bare, en, re.split(r"\s*\(", en)[0]):
            out.setdefault(token(word), value)
    for word, value in EXTRA_ALIASES.get(group, {}).items():
        out.setdefault(token(word), value)
    return out


@lru_cache(maxsize=8)
def _header_index(kind: str) -> dict[str, str]:
    index: dict[str, str] = {}
    for col in REPORT_KINDS[kind].columns:
        for word in (col.key, col.zh, col.en, *col.aliases):
            index.setdefault(token(word), col.key)
    return index


def match_header_cell(kind: str, cell: str) -> str | None:
    """The column key a header cell names in `kind`, or None."""
    index = _header_index(kind)
    text = to_halfwidth(str(cell)).strip().strip("*").strip()
    found = index.get(token(text))
    if found:
        return found
    parts = _PARENS.match(text)
    if parts:
        return index.get(token(parts["inner"])) or index.get(token(parts["outer"]))
    return None


def match_header(kind: str, header: list[str]) -> dict[int, str]:
    """Header position -> column key for the cells that name a column of `kind` (a column
    named twice is kept at its first position; see `duplicate_columns`)."""
    out: dict[int, str] = {}
    for i, cell in enumerate(header):
        key = match_header_cell(kind, cell) if cell else None
        if key and key not in out.values():
            out[i] = key
    return out


def duplicate_columns(kind: str, header: list[str]) -> list[tuple[int, str]]:
    seen: set[str] = set()
    dups = []
    for i, cell in enumerate(header):
        key = match_header_cell(kind, cell) if cell else None
        if key in seen:
            dups.append((i, key))
        elif key:
            seen.add(key)
    return dups


def detect_kind(header: list[str]) -> str | None:
    """The kind whose required columns the header all has (the best-matching one if more
    than one does); None if no kind's required columns are all there."""
    best: str | None = None
    best_score: float = -1
    for kind, spec in REPORT_KINDS.items():
        found = set(match_header(kind, header).values())
        if not set(spec.required) <= found:
            continue
        score = len(found) - len(spec.columns) / 100  # ties go to the smaller kind
        if score > best_score:
            best, best_score = kind, score
    return best


def closest_kind(header: list[str]) -> str:
    """The kind whose columns the header matches most (for naming the missing columns)."""
    return max(REPORT_KINDS, key=lambda k: len(set(match_header(k, header).values())))
