"""Every page, for every role, speaks the viewer's language: in Chinese no vocabulary key
(`carbon_footprint`, `under_construction`), table name or column key is visible, nor English
outside an allowlist of names; in English no Chinese is left outside the data.

What counts as visible: titles, texts, captions, alerts, widget labels, options, placeholders
and help, tab/expander/popover labels, metrics, table headers, and the cells of the tables
(cells are data: in them only keys are looked for, and in English only in key-like columns)."""

from __future__ import annotations

import re

import pytest
from google.protobuf.message import Message
from sqlmodel import SQLModel

# registers every table: the record kinds' own (dashboard/kinds/<kind>.py), the shared ones
import dashboard.kinds
import dashboard.models  # noqa: F401
from dashboard.permissions import can
from dashboard.services import audit_log, drilldown, registries
from dashboard.ui.navigation import PAGE_TABLE
from dashboard.vocab import (
    DELIVERABLE_CATEGORIES,
    DELIVERABLE_KINDS,
    DELIVERABLE_STATUSES,
    INDUSTRIES,
    PILOT_ALL_STAGES,
    REVIEW_STATUSES,
    TARGET_STATUSES,
    TASK_STATUSES,
)
from tests.pages.conftest import app_as

ROLES = {
    "admin": "admin",
    "ministry": "ministry",
    "coordinator": "zhejiang",
    "briefing": "briefing",
}
VISIBLE_FIELDS = {"label", "body", "placeholder", "options", "help", "content"}
SKIPPED = {"Html", "Json", "Code", "ArrowVegaLiteChart", "VegaLiteChart"}

# Keys people must never see: snake_case vocabulary, table names, service column keys.
VOCABULARY = {
    *DELIVERABLE_CATEGORIES,
    *DELIVERABLE_KINDS,
    *DELIVERABLE_STATUSES,
    *INDUSTRIES,
    *PILOT_ALL_STAGES,
    *REVIEW_STATUSES,
    *TASK_STATUSES,
    *TARGET_STATUSES,
}
COLUMN_KEYS = {
    *registries.PILOT_COLS,
    *registries.REVIEW_COLS,
    *registries.SUBMISSION_COLS,
    *audit_log.COLS,
    *drilldown.COLUMNS,
}
TABLE_NAMES = set(SQLModel.metadata.tables)
SNAKE = {k for k in VOCABULARY | COLUMN_KEYS if "_" in k}
# In Chinese every one is a leak; in English plain words ("park", "issued") are English.
KEYS_ZH = VOCABULARY | COLUMN_KEYS | TABLE_NAMES
ENGLISH_WORDS = {"user", "province", "submission", "target", "pilot", "document", "department"}
ENGLISH_WORDS |= {"deliverable", "milestone"}
KEYS_EN = SNAKE | (TABLE_NAMES - ENGLISH_WORDS)  # "pilotstage", "taskupdate", "auditevent"

# Latin text allowed on a Chinese page: names, codes, formats and units.
ALLOWED_LATIN = {
    "admin", "ministry", "zhejiang", "shandong", "briefing", "pipeline", "demo",
    "English", "PowerPoint", "XLSX", "CSV", "TXT", "TSV", "PNG", "SVG", "PDF", "PPTX", "Excel",
    "GB", "JJF", "GBW", "CCUS", "ISO", "MB", "UTC", "SHA", "USCC",
}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]{2,}")
# Not interface text: demo data (marked "（示例）" to the end), quotations ("more than 200"
# quoted from the English text of the plan, '200家以上' from the Chinese), standard numbers,
# numbers, codes, file names and URLs.
DATA = re.compile(
    r"（示例）.*"  # demo data
    r"|\"[^\"]*\"|“[^”]*”|'[^'\s]+'"  # quotations
    r"|[A-Z]+\([\u3400-\u9fff]\)"  # provincial standard numbers: JJF(皖)
    r"|[\u3400-\u9fff]+〔\d{4}〕\d+号"  # official document numbers: 环气候〔2024〕30号
    r"|[A-Za-z0-9_\-./@:]*[/.@\d][A-Za-z0-9_\-./@:]*"  # numbers, codes, file names, URLs
)
MARKDOWN_DIRECTIVE = re.compile(r":[a-z]+-badge\[|:material/[a-z_]+:")  # Streamlit syntax
CJK = re.compile(r"[\u3400-\u9fff]")
ALLOWED_CJK_EN = {"中文"}  # the language switch names each language in itself


HTML_MARK = "\0uploader styled"
UPLOADER_STYLE = "[data-testid=stFileUploaderDropzoneInstructions]"
UPLOADER_DEFAULTS = "Upload · Drag and drop files here · per file"


def _strings(message: Message) -> list[str]:
    out = []
    for field, value in message.ListFields():
        values = (
            value
            if getattr(field, "is_repeated", False)
            or isinstance(value, (list, tuple))
            or type(value).__name__.startswith("Repeated")
            else [value]
        )
        for v in values:
            if isinstance(v, Message):
                out += _strings(v)
            elif isinstance(v, str) and field.name in VISIBLE_FIELDS:
                out.append(v)
    return out


def visible(node, texts: list[str], cells: list[tuple[str, object]]) -> None:
    name = type(node).__name__
    proto = getattr(node, "proto", None)
    if name == "Html":
        texts.append(HTML_MARK) if UPLOADER_STYLE in proto.body else None
    if name in SKIPPED:
        return
    # Streamlit's own English, drawn by the browser when the app sets nothing:
    unset = name == "Multiselect" or (name == "Selectbox" and not proto.HasField("default"))
    if unset and not proto.placeholder:
        texts.append("Choose options")
    if name == "FileUploader":
        texts.append(UPLOADER_DEFAULTS)
    if name == "Dataframe":
        df = node.value
        texts += [str(c) for c in df.columns]
        for col in df.columns:
            cells += [(str(col), v) for v in df[col] if isinstance(v, str)]
    elif isinstance(proto, Message):
        texts += _strings(proto)
    for child in (getattr(node, "children", None) or {}).values():
        visible(child, texts, cells)


def leaks(texts, cells, lang: str) -> list[str]:
    keys = KEYS_ZH if lang == "zh" else KEYS_EN
    found = []
    for text in texts:
        text = MARKDOWN_DIRECTIVE.sub("", text)
        words = set(re.findall(r"[A-Za-z_]+", text))
        found += [f"key {w!r} in {text[:80]!r}" for w in words & keys]
        if lang == "zh":
            stripped = DATA.sub(" ", text)
            english = {
                w
                for w in LATIN_WORD.findall(stripped)
                if not w.isupper()  # codes: JJG, GBW
            }
            english -= ALLOWED_LATIN | keys
            found += [f"English {w!r} in {text[:80]!r}" for w in sorted(english)]
        elif CJK.search(DATA.sub(" ", text)) and text not in ALLOWED_CJK_EN:
            found.append(f"Chinese in {text[:80]!r}")
    for column, value in cells:  # data: a key alone in a cell, or a snake_case key anywhere
        words = set(re.findall(r"[A-Za-z_]+", value)) & SNAKE
        if value.strip() in keys:
            words.add(value.strip())
        found += [f"key {w!r} in column {column!r}: {value[:60]!r}" for w in words]
    return sorted(set(found))


def page_texts(at) -> tuple[list[str], list[tuple[str, object]]]:
    texts: list[str] = []
    cells: list[tuple[str, object]] = []
    visible(at._tree, texts, cells)
    if HTML_MARK in texts:  # the uploader's English is hidden and replaced (ui/uploader.py)
        texts = [x for x in texts if x not in (HTML_MARK, UPLOADER_DEFAULTS)]
    return texts, cells


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_speaks_the_viewers_language(demo_env, role, lang):
    at = app_as(demo_env, ROLES[role], lang).run()
    problems = []
    for file, _title, _icon, _section, action in PAGE_TABLE:
        if not can(role, action):
            continue
        at.switch_page(f"../pages/{file}").run()
        assert not at.exception, (file, [e.message for e in at.exception])
        problems += [f"{file}: {p}" for p in leaks(*page_texts(at), lang)]
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_leak():
    """The walker finds what the defects of issue 12 looked like."""
    texts = ["阶段", "Choose options", "occurred_at"]
    cells = [("类别", "carbon_footprint")]
    found = leaks(texts, cells, "zh")
    assert any("Choose" in f for f in found)
    assert any("occurred_at" in f for f in found)
    assert any("carbon_footprint" in f for f in found)
    assert leaks(["Stage", "阶段"], [], "en") == ["Chinese in '阶段'"]
