"""The four report kinds: their columns, labels, types and vocabularies, and how a file's
header is matched to them (by key, Chinese or English label, case-, space- and
full-width-insensitive; "试点编号 (pilot_code)" as the templates write it also matches)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dashboard import vocab
from dashboard.i18n import has, t
from pipelines.text import to_halfwidth

_STRIP = re.compile(r"[\s_\-*·.:：]+")
_PARENS = re.compile(r"^(?P<outer>.*)\((?P<inner>[^()]*)\)\s*$")


def token(text: object) -> str:
    """A header or enumerated value reduced for matching: half-width, case-folded, with
    spaces, underscores, hyphens and asterisks removed."""
    return _STRIP.sub("", to_halfwidth(str(text)).casefold())


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    en: str
    type: str  # text code enum date int pct province uscc number task department
    required: bool = False
    enum: str | None = None  # i18n group of the values, e.g. "stage"
    aliases: tuple[str, ...] = ()

    @property
    def values(self) -> tuple[str, ...]:
        return ENUMS[self.enum] if self.enum else ()

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.key

    def header(self) -> str:
        """The bilingual header the templates write."""
        return f"{self.zh} ({self.key})"

    def help(self, kind: str, lang: str) -> str:
        key = f"pipeline.help.{kind}.{self.key}"
        return t(key, lang) if has(key) else ""


@dataclass(frozen=True)
class ReportKind:
    key: str
    columns: tuple[Column, ...]
    unique: tuple[str, ...]  # columns that identify a row within one file
    province_column: str | None = "province_code"

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns if c.required)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def label(self, lang: str) -> str:
        return t(f"report_kind.{self.key}", lang)


ENUMS = {
    "pilot_type": vocab.PILOT_TYPES,
    "stage": vocab.PILOT_ALL_STAGES,
    "industry": vocab.INDUSTRIES,
    "review_status": vocab.REVIEW_STATUSES,
    "kind": vocab.DELIVERABLE_KINDS,
    "category": vocab.DELIVERABLE_CATEGORIES,
    "dstatus": vocab.DELIVERABLE_STATUSES,
    "task_status": vocab.TASK_STATUSES,
}
REQ, OPT = True, False
_PROVINCE_ALIASES = ("省份", "省级代码", "行政区划代码", "province")
_USCC_ALIASES = ("信用代码", "社会信用代码")

# (key, Chinese label, English label, type, required, enum group, other header words)
_COLUMNS = {
    "pilot_status": (
        ("pilot_code", "试点编号", "Pilot code", "code", REQ, None, ("编号", "试点代码")),
        ("pilot_name", "试点名称", "Pilot name", "text", REQ, None, ("名称",)),
        ("pilot_type", "试点类型", "Pilot type", "enum", REQ, "pilot_type", ("类型",)),
        ("province_code", "省份代码", "Province code", "province", REQ, None, _PROVINCE_ALIASES),
        ("uscc", "统一社会信用代码", "USCC", "uscc", OPT, None, _USCC_ALIASES),
        ("industry", "行业", "Industry", "enum", REQ, "industry", ("所属行业",)),
        ("stage", "阶段", "Stage", "enum", REQ, "stage", ("试点阶段", "当前阶段")),
        ("stage_date", "阶段日期", "Stage date", "date", REQ, None, ("日期",)),
        ("standards_adopted", "采用标准数", "Standards adopted", "int", OPT, None, ()),
        ("note", "备注", "Note", "text", OPT, None, ("说明",)),
    ),
    "measurement_review": (
        ("uscc", "统一社会信用代码", "USCC", "uscc", REQ, None, _USCC_ALIASES),
        ("enterprise_name", "企业名称", "Enterprise name", "text", REQ, None, ("企业",)),
        ("province_code", "省份代码", "Province code", "province", REQ, None, _PROVINCE_ALIASES),
        ("industry", "行业", "Industry", "enum", REQ, "industry", ("所属行业",)),
        ("review_status", "审查状态", "Review status", "enum", REQ, "review_status", ("状态",)),
        ("review_date", "状态日期", "Review date", "date", REQ, None, ("审查日期", "日期")),
        ("instruments_total", "计量器具总数", "Instruments total", "int", OPT, None, ()),
        (
            "instruments_calibrated",
            "已检定校准器具数",
            "Instruments calibrated",
            "int",
            OPT,
            None,
            ("已检定器具数", "已校准器具数"),
        ),
        ("note", "备注", "Note", "text", OPT, None, ("说明",)),
    ),
    "standard": (
        ("number", "标准编号", "Number", "number", REQ, None, ("编号", "标准号")),
        ("kind", "成果类型", "Kind", "enum", REQ, "kind", ("类型", "标准类型")),
        ("category", "领域", "Category", "enum", REQ, "category", ("标准领域", "类别")),
        ("title_zh", "中文名称", "Title (Chinese)", "text", REQ, None, ("标准名称", "名称")),
        ("title_en", "英文名称", "Title (English)", "text", OPT, None, ()),
        ("status", "状态", "Status", "enum", REQ, "dstatus", ()),
        ("issue_date", "发布日期", "Issue date", "date", OPT, None, ()),
        ("implementation_date", "实施日期", "Implementation date", "date", OPT, None, ()),
        (
            "responsible_org",
            "归口单位",
            "Responsible organisation",
            "text",
            OPT,
            None,
            ("负责单位", "牵头单位"),
        ),
        ("started_on", "立项日期", "Started on", "date", OPT, None, ()),
        ("province_code", "省份代码", "Province code", "province", OPT, None, _PROVINCE_ALIASES),
        ("withdrawn_on", "废止日期", "Withdrawn on", "date", OPT, None, ("撤销日期",)),
    ),
    "task_progress": (
        ("task_code", "任务编号", "Task code", "task", REQ, None, ("任务代码",)),
        ("status", "状态", "Status", "enum", REQ, "task_status", ("任务状态",)),
        ("progress_pct", "进度(%)", "Progress (%)", "pct", REQ, None, ("进度", "完成进度")),
        ("update_date", "更新日期", "Update date", "date", REQ, None, ("日期",)),
        ("department", "部门", "Department", "department", OPT, None, ("报送部门", "牵头部门")),
        ("evidence", "佐证材料", "Evidence", "text", OPT, None, ("证明材料",)),
        ("note", "备注", "Note", "text", OPT, None, ("说明",)),
    ),
}
_UNIQUE = {
    "pilot_status": ("pilot_code", "stage"),
    "measurement_review": ("uscc", "review_status"),
    "standard": ("kind", "number"),
    "task_progress": ("task_code", "update_date"),
}
REPORT_KINDS: dict[str, ReportKind] = {
    kind: ReportKind(
        kind,
        tuple(Column(*spec) for spec in columns),
        _UNIQUE[kind],
        "province_code" if kind != "task_progress" else None,
    )
    for kind, columns in _COLUMNS.items()
}

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
    best, best_score = None, -1
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
