"""Coordinators' report submission: templates, upload, validation result with the error
report, submission, and the province's submission history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.exports.column_labels import table_columns
from dashboard.i18n import enum_label, fmt_date, t
from dashboard.markdown_text import plain
from dashboard.permissions import PermissionDenied
from dashboard.submissions import history
from dashboard.ui import cached
from dashboard.ui.context import Viewer, engine, session
from dashboard.ui.issues import issues_table
from dashboard.ui.page_chrome import flash
from dashboard.ui.tables import labelled
from dashboard.ui.uploader import file_uploader
from pipelines.error_report import report_csv_bytes, report_xlsx_bytes
from pipelines.ingest import PAGE_MAX_ROWS, check_bytes, ingest_bytes
from pipelines.prefill import prefill_rows, prefilled_kinds
from pipelines.schemas import REPORT_KINDS
from pipelines.templates import csv_template, xlsx_template

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HISTORY_COLUMNS = table_columns(
    {"id": "col.code"},  # a submission is known by its number
    "filename",
    ("kind", "report_kind"),
    "province_code",
    "submitted_at",
    ("status", "submission_status"),
    "row_count",
    "error_count",
    "decided_by",
    "decision_comment",
)


@st.cache_data(show_spinner=False)
def _template(kind: str, fmt: str) -> bytes:
    return xlsx_template(kind) if fmt == "xlsx" else csv_template(kind)


@st.cache_data(ttl=cached.TTL, max_entries=cached.MAX_ENTRIES, show_spinner=False)
def _prefilled(actor, kind: str, fmt: str) -> tuple[bytes, int]:
    """The template pre-filled with the actor's province's records, and how many rows it
    holds. Cached per actor (the rows are scoped); writes clear every cache."""
    with session() as s:
        rows = prefill_rows(s, actor=actor, kind=kind)
    data = xlsx_template(kind, rows) if fmt == "xlsx" else csv_template(kind, rows)
    return data, len(rows)


def _template_for(v: Viewer, kind: str, fmt: str) -> tuple[bytes, int]:
    if v.province and kind in prefilled_kinds():
        return _prefilled(v.actor, kind, fmt)
    return _template(kind, fmt), 0


def render_templates(v: Viewer) -> None:
    lang = v.lang
    with st.expander(t("submit.templates", lang)):
        if v.province:
            st.caption(t("submit.templates_prefilled", lang))
        for kind in REPORT_KINDS:
            c1, c2, c3 = st.columns([3, 1, 1])
            xlsx, n = _template_for(v, kind, "xlsx")
            label = enum_label("report_kind", kind, lang)
            if n:
                label = t("submit.template_rows", lang, kind=label, n=n)
            c1.write(label)
            c2.download_button(
                "XLSX",
                xlsx,
                file_name=f"{kind}.xlsx",
                mime=XLSX_MIME,
                key=f"tpl_x_{kind}",
            )
            c3.download_button(
                "CSV",
                _template_for(v, kind, "csv")[0],
                file_name=f"{kind}.csv",
                mime="text/csv",
                key=f"tpl_c_{kind}",
            )


def render_upload(v: Viewer) -> None:
    lang = v.lang
    upload = file_uploader(
        t("submit.upload", lang), ["xlsx", "csv", "txt", "tsv"], key="report_upload", lang=lang
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        result = check_bytes(
            engine(), data=data, filename=upload.name, actor=v.actor, max_rows=PAGE_MAX_ROWS
        )
    except PermissionDenied:
        st.error(t("error.permission", lang))
        return
    if result.status == "duplicate":
        st.info(t("submit.duplicate_at_check", lang, id=result.submission_id))
        return
    kind = enum_label("report_kind", result.kind, lang) if result.kind else "—"
    st.write(t("submit.checked", lang, kind=kind, rows=result.rows))
    if result.errors:
        st.error(t("submit.has_errors", lang, n=len(result.errors)))
        st.dataframe(issues_table(result.errors, lang), hide_index=True, width="stretch")
        c1, c2 = st.columns(2)
        c1.download_button(
            t("submit.error_report_xlsx", lang),
            report_xlsx_bytes(result.errors, result.warnings, result.kind),
            file_name=f"{upload.name}.errors.xlsx",
            mime=XLSX_MIME,
        )
        c2.download_button(
            t("submit.error_report_csv", lang),
            report_csv_bytes(result.errors, result.warnings, result.kind),
            file_name=f"{upload.name}.errors.csv",
            mime="text/csv",
        )
        return
    confirmed = True
    if result.warnings:
        st.warning(t("submit.has_warnings", lang, n=len(result.warnings)))
        st.dataframe(issues_table(result.warnings, lang), hide_index=True, width="stretch")
        confirmed = st.checkbox(t("submit.confirm_warnings", lang))
    else:
        st.success(t("submit.valid", lang))
    if st.button(t("submit.submit", lang), type="primary", disabled=not confirmed):
        _submit(v, data, upload.name)


def _submit(v: Viewer, data: bytes, filename: str) -> None:
    lang = v.lang
    bar = st.progress(0.0, text=t("submit.working", lang))

    def progress(phase: str, done: int, total: int) -> None:
        share = done / total if total else 1.0
        bar.progress(
            min(share, 1.0), text=t("submit.phase", lang, phase=phase, done=done, total=total)
        )

    try:
        result = ingest_bytes(
            engine(),
            data=data,
            filename=filename,
            actor=v.actor,
            progress=progress,
            max_rows=PAGE_MAX_ROWS,
        )
    except PermissionDenied:
        st.error(t("error.permission", lang))
        return
    bar.empty()
    if result.status == "duplicate":
        st.info(t("submit.duplicate", lang))
    elif result.status == "rejected":
        st.error(t("submit.has_errors", lang, n=len(result.errors)))
    else:
        cached.clear()
        flash(t("submit.staged", lang))
        st.session_state.pop("report_upload", None)
        st.rerun()


def render_history(v: Viewer, province: str | None = None) -> None:
    lang = v.lang
    with session() as s:
        rows = history(s, actor=v.actor, province=province)
    st.subheader(t("submit.history", lang))
    if not rows:
        st.info(t("submit.no_history", lang))
        return
    df = pd.DataFrame([r.__dict__ for r in rows])
    st.dataframe(
        labelled(
            df,
            lang,
            HISTORY_COLUMNS,
        ),
        hide_index=True,
        width="stretch",
    )
    returned = [r for r in rows if r.status == "returned" and r.decision_comment]
    for r in returned[:5]:
        st.warning(
            t(
                "submit.returned_note",
                lang,
                file=plain(r.filename),
                when=fmt_date(r.decided_at, lang),
                who=plain(r.decided_by or "—"),
                comment=plain(r.decision_comment),
            )
        )
