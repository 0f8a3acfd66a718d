"""The audit trail in words: actions, record kinds and details in the viewer's language.
Plain module (no Streamlit): the audit page and its export both use it."""

from __future__ import annotations

import json

import pandas as pd

from dashboard.i18n import has, t

LANG_NAMES = {"zh": "中文", "en": "English"}
# detail keys whose values are enumerations, and their catalog group
VALUE_GROUPS = {
    "stage": "stage",
    "role": "role",
    "kind": "report_kind",
    "format": "export.format",
    "reason": "audit.reason",
    "outcome": "audit.outcome",
    "digest": "digest.frequency",
}

STATUS_GROUPS = {
    "measurement_review": "review_status",
    "policy_task": "task_status",
    "submission": "submission_status",
}


def _label(prefix: str, key: str, lang: str) -> str:
    return t(f"{prefix}.{key}", lang) if has(f"{prefix}.{key}") else key


def action_label(action: str | None, lang: str) -> str:
    return _label("audit.act", action, lang) if action else "—"


def entity_label(entity: str | None, lang: str) -> str:
    return _label("audit.entity", entity, lang) if entity else "—"


def _value(key: str, value, lang: str, entity: str | None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return t("export.yes" if value else "export.no", lang)
    if isinstance(value, dict):
        return _pairs(value, lang, entity, nested=True)
    if isinstance(value, list):
        return ("、" if lang == "zh" else ", ").join(_value(key, v, lang, entity) for v in value)
    text = str(value)
    if key in ("lang", "language") or (key in ("before", "after") and text in LANG_NAMES):
        return LANG_NAMES.get(text, text)
    group = VALUE_GROUPS.get(key) or (STATUS_GROUPS.get(entity or "") if key == "status" else None)
    if group and has(f"{group}.{text}"):
        return t(f"{group}.{text}", lang)
    return text


def _pairs(detail: dict, lang: str, entity: str | None, nested: bool = False) -> str:
    sep, colon = (
        ("，" if nested else "；", "：") if lang == "zh" else (", " if nested else "; ", ": ")
    )
    parts = [
        f"{_label('audit.detail', k, lang)}{colon}{_value(k, v, lang, entity)}"
        for k, v in detail.items()
        if v is not None and v != ""
    ]
    text = sep.join(parts)
    return f"（{text}）" if nested and lang == "zh" else f"({text})" if nested else text


def describe_detail(detail, lang: str, entity: str | None = None) -> str:
    """An event's detail (a dict, or its JSON) as "label: value; …" in `lang`."""
    if isinstance(detail, str):
        try:
            detail = json.loads(detail)
        except ValueError:
            return detail
    if not detail:
        return "—"
    if not isinstance(detail, dict):
        return str(detail)
    return _pairs(detail, lang, entity)


def audit_readable(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The audit frame with actions, record kinds, outcomes and details in words (the
    columns keep their keys: `exports.labels.table_frame` labels them)."""
    out = df.copy()
    out["action"] = [action_label(a, lang) for a in df["action"]]
    out["detail"] = [
        describe_detail(d, lang, e) for d, e in zip(df["detail"], df["entity_type"], strict=True)
    ]
    out["entity_type"] = [entity_label(e, lang) for e in df["entity_type"]]
    out["outcome"] = [_label("audit.outcome", o, lang) if o else "—" for o in df["outcome"]]
    return out


AUDIT_COLUMNS = {
    "id": "audit.col.id",
    "occurred_at": ("audit.col.occurred_at", "date"),
    "actor": "audit.user",
    "action": "audit.action",
    "entity_type": "audit.col.entity_type",
    "entity_id": "audit.col.entity_id",
    "outcome": "audit.outcome",
    "detail": "audit.col.detail",
}
