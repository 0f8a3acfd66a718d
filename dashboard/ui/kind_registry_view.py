"""The registry page of a kind described in dashboard.kinds: its records, a record's
history, and the form to add or change a record for the roles that may (its columns, types
and vocabularies all come from the description)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import streamlit as st

from dashboard.exports.labels import filters_text
from dashboard.i18n import enum_label, fmt_date, fmt_int, local_today, t
from dashboard.kinds import KINDS, Column, RecordKind
from dashboard.markdown_text import plain
from dashboard.permissions import ALL, OWN, PermissionDenied, can, is_provincial, scope_for
from dashboard.reference_data import department_words
from dashboard.services.kind_records import (
    plan_overview,
    record_history,
    records_frame,
    save_record,
)
from dashboard.ui import cached
from dashboard.ui.context import Viewer, session
from dashboard.ui.export_widgets import export_panel
from dashboard.ui.location_inputs import confirmation, coordinate_input, save_located
from dashboard.ui.page_chrome import as_of
from dashboard.ui.registry_widgets import followed_row


def _label(col: Column, lang: str) -> str:
    if col.type == "province":  # the registry shows the name (the template takes the code)
        return t("col.province", lang)
    return col.zh if lang == "zh" else col.en


def _shown(spec: RecordKind, col: Column, value, lang: str) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if col.type == "enum":
        return enum_label(col.enum, value, lang)
    if col.type == "province":
        return cached.province_name(value, lang)
    if col.type == "date":
        return fmt_date(value, lang)
    return str(value)


def _exported(spec: RecordKind, col: Column, value, lang: str):
    """A cell as an export keeps it: dates and numbers typed, codes labelled, blanks blank."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if col.type == "province":  # the name beside the code
        return f"{cached.province_name(value, lang)} ({value})"
    if col.type in ("date", "int", "pct"):
        return value
    return _shown(spec, col, value, lang)


def _table(spec: RecordKind, df: pd.DataFrame, lang: str, cell=_shown) -> pd.DataFrame:
    """The kind's columns that `df` holds, under their labels, each value as `cell` gives it
    (the screen's text; `_exported` for an export's cells)."""
    out = {}
    for col in spec.columns:
        name = spec.model_column(col.key)
        if name in df.columns:
            out[_label(col, lang)] = [cell(spec, col, v, lang) for v in df[name]]
    return pd.DataFrame(out)


def _error_text(exc: Exception, lang: str, group: str | None) -> str:
    if isinstance(exc, PermissionDenied):
        return t("error.permission", lang)
    values = dict(exc.values)
    if lang == "en" and "column_en" in values:
        values["column"] = values["column_en"]
    for name in ("current", "new"):
        if name in values and group:
            values[name] = enum_label(group, values[name], lang)
    for name, value in values.items():  # a stale save's "when": in the display zone, named
        if isinstance(value, date | datetime):
            values[name] = fmt_date(value, lang)
    values.setdefault("record", "")
    values.setdefault("current_date", "—")
    return t(exc.key, lang, **{k: ("—" if v is None else v) for k, v in values.items()})


def render(v: Viewer, kind: str) -> None:
    spec = KINDS[kind]
    lang = v.lang
    if kind == "provincial_plan":
        _plan_glance(v)
    with session() as s:
        df = records_frame(s, actor=v.actor, kind=kind, province=None)
    st.caption(t("registry.count", lang, n=fmt_int(len(df), lang)))
    event = None
    if df.empty:  # an empty data grid says "empty" in English whatever the language
        st.info(t("registry.none", lang))
    else:
        event = st.dataframe(
            _table(spec, df, lang),
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key=f"{kind}_table",
        )
        export_panel(
            v,
            key=f"{kind}_export",
            title=t(f"report_kind.{kind}", lang),
            as_of=local_today(),
            subtitle=filters_text(
                lang, [("col.province", v.province and cached.province_name(v.province, lang))]
            ),
            table=_table(spec, df, lang, _exported),
            province=v.province if is_provincial(v.role) else None,
        )
    may_edit = spec.edit_action is not None and can(v.role, spec.edit_action)
    record = followed_row(event, df, f"{kind}_picked") if event else None
    if record is not None:
        _record(v, spec, record, may_edit)
    elif may_edit:
        with st.expander(t("kinds.new_record", lang)):
            _form(v, spec, None)


def _plan_glance(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        glance = plan_overview(s, actor=v.actor, as_of=as_of())
    counts = glance["plan_status"].value_counts()
    st.markdown(
        t(
            "kinds.plan_glance",
            lang,
            none=int(counts.get("none", 0)),
            drafting=int(counts.get("drafting", 0)),
            issued=int(counts.get("issued", 0)),
            day=fmt_date(as_of(), lang),
        )
    )
    missing = glance[glance["plan_status"] == "none"]["province_code"]
    if len(missing):
        names = [plain(cached.province_name(code, lang)) for code in missing]
        st.warning(t("kinds.plan_missing", lang, provinces="、".join(names)))


def _record(v: Viewer, spec: RecordKind, record, may_edit: bool) -> None:
    lang = v.lang
    key = " · ".join(plain(str(record[c])) for c in spec.model_key)
    st.subheader(key)
    if spec.history is not None:
        with session() as s:
            history = record_history(s, actor=v.actor, kind=spec.key, record_id=int(record["id"]))
        group = spec.stages.group
        st.dataframe(
            pd.DataFrame(
                {
                    t("col.stage", lang): [enum_label(group, x, lang) for x in history["stage"]],
                    t("col.stage_date", lang): [fmt_date(d, lang) for d in history["stage_date"]],
                    t("col.note", lang): history["note"].fillna(""),
                    t("col.recorded_by", lang): history["recorded_by"],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    province = record.get(spec.province_column) if spec.province_column else None
    own = scope_for(v.role, spec.edit_action) == ALL or province == v.province
    if may_edit and own:
        _form(v, spec, record)


def _default(spec: RecordKind, col: Column, record):
    if record is None:
        return None
    value = record.get(spec.model_column(col.key))
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _widget(v: Viewer, spec: RecordKind, col: Column, record, form_key: str):
    lang = v.lang
    label = _label(col, lang) + (" *" if col.required else "")
    value = _default(spec, col, record)
    fixed = record is not None and col.key in spec.record_key
    key = f"{form_key}_{col.key}"
    if col.type == "province":
        codes = [p["code"] for p in cached.provinces()]
        if spec.edit_action and scope_for(v.role, spec.edit_action) == OWN:
            codes = [v.province]
        options = codes if col.required else [None, *codes]
        index = options.index(value) if value in options else 0
        return st.selectbox(
            label,
            options,
            index=index,
            format_func=lambda c: "—" if c is None else cached.province_name(c, lang),
            disabled=fixed,
            key=key,
        )
    if col.type == "department":
        options = [None, *sorted(set(department_words().values()))]
        index = options.index(value) if value in options else 0
        return st.selectbox(label, options, index=index, format_func=lambda x: x or "—", key=key)
    if col.type == "enum":
        options = list(col.values) if col.required else [None, *col.values]
        index = options.index(value) if value in options else 0
        return st.selectbox(
            label,
            options,
            index=index,
            format_func=lambda x: "—" if x is None else enum_label(col.enum, x, lang),
            key=key,
        )
    if col.type == "date":
        default = value if value is not None else (local_today() if col.required else None)
        return st.date_input(label, value=default, key=key)
    if col.type == "int":
        return st.number_input(
            label, min_value=0, max_value=10_000_000, value=value, step=1, key=key
        )
    if col.type in ("longitude", "latitude"):
        return coordinate_input(col.type, label, value, key, col.help(spec.key, lang))
    limit = 500 if col.type == "text" else 64
    return st.text_input(label, value=value or "", max_chars=limit, disabled=fixed, key=key)


def _form(v: Viewer, spec: RecordKind, record) -> None:
    lang = v.lang
    rid = "new" if record is None else int(record["id"])
    form_key = f"{spec.key}_form_{rid}"
    version_key = f"{form_key}_version"
    if record is not None:
        st.session_state.setdefault(version_key, int(record["version"]))
    located = spec.location or ()
    with st.form(form_key):
        values = {col.key: _widget(v, spec, col, record, form_key) for col in spec.columns}
        place = tuple(values.get(k) for k in (*located, spec.province_column or ""))
        confirmed = bool(located) and confirmation(form_key, lang, place)
        submitted = st.form_submit_button(t("form.save", lang), type="primary")
    if not submitted:
        return
    ints = {c.key for c in spec.columns if c.type == "int"}
    values = {k: (int(x) if k in ints and isinstance(x, float) else x) for k, x in values.items()}
    if record is not None:
        for col in spec.columns:  # the key of a record is not edited
            if col.key in spec.record_key:
                values[col.key] = _default(spec, col, record)
        if spec.stages and values[spec.stages.column] == _default(
            spec, spec.column(spec.stages.column), record
        ):  # the stage stays: so does its date
            values[spec.stages.date_column] = _default(
                spec, spec.column(spec.stages.date_column), record
            )
    expected = st.session_state.get(version_key) if record is not None else None
    group = spec.stages.group if spec.stages else spec.status_group
    if group is None and spec.link is not None:  # a refusal names the linked record's kind
        group = "kind"

    save_located(
        v,
        lambda s: save_record(
            session=s,
            actor=v.actor,
            kind=spec.key,
            values=values,
            expected_version=expected,
            confirm_location=confirmed,
        ),
        form_key=form_key,
        version_key=version_key,
        place=place,
        explain=lambda exc: _error_text(exc, lang, group),
    )
