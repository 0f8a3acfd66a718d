"""Errors and warnings as the submitter reads them: where (row as Excel shows it, header =
row 1; column), the value, a stable code and a message in Chinese and English."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from dashboard.i18n import enum_label, has, t
from pipelines.schemas import REPORT_KINDS

MAX_VALUE_CHARS = 80


def shown(value: object) -> str:
    """A cell value as Excel shows it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def _label(kind: str | None, column: str | None, lang: str) -> str:
    spec = REPORT_KINDS.get(kind or "")
    if spec and column:
        for col in spec.columns:
            if col.key == column:
                return col.label(lang)
    return column or ""


def _item(value: object, lang: str) -> str:
    """An element of a listed value: an enumerated ("group", key) shows its Chinese label in
    Chinese and its key in English (the key is what an English-speaking submitter types)."""
    if isinstance(value, tuple):
        return enum_label(value[0], value[1], "zh") if lang == "zh" else str(value[1])
    return str(value)


def _render_params(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """Enumerated values given as ("group", value) become their label in `lang`."""
    out: dict[str, Any] = {}
    for name, value in params.items():
        if isinstance(value, tuple) and len(value) == 2:
            value = enum_label(value[0], value[1], lang) if value[1] else "—"
        elif isinstance(value, list):
            items = [_item(v, lang) for v in value]
            value = "、".join(items) if lang == "zh" else ", ".join(items)
        out[name] = value
    return out


def render(
    code: str,
    lang: str,
    *,
    kind: str | None,
    row: int | None,
    column: str | None,
    value: str,
    params: dict[str, Any] | None = None,
) -> str:
    column_label = _label(kind, column, lang)
    if row is not None and column:
        where = t("pipeline.where.cell", lang, row=row, column=column_label)
    elif row is not None:
        where = t("pipeline.where.row", lang, row=row)
    elif column:
        where = t("pipeline.where.column", lang, column=column_label)
    else:
        where = ""
    key = f"pipeline.error.{code}"
    if not has(key):
        key = "pipeline.error.unknown"
    values = _render_params(params or {}, lang)
    return where + t(key, lang, value=value, column=column_label, code=code, **values)


def issue(
    code: str,
    *,
    kind: str | None,
    row: int | None = None,
    column: str | None = None,
    value: object = "",
    params: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One error or warning: {row, column, value, code, message_zh, message_en}."""
    text = shown(value)
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 1] + "…"
    zh = render(code, "zh", kind=kind, row=row, column=column, value=text, params=params)
    en = render(code, "en", kind=kind, row=row, column=column, value=text, params=params)
    return {
        "row": row,
        "column": column,
        "value": text,
        "code": code,
        "message_zh": zh,
        "message_en": en,
    }
