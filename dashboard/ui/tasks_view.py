"""Policy tasks and measures, filterable by department ("what does my department lead?")."""

from __future__ import annotations

import streamlit as st

from dashboard.exports.column_labels import table_columns
from dashboard.i18n import enum_label, fmt_int, local_today, t
from dashboard.permissions import can
from dashboard.services.tasks import (
    add_task_update,
    departments,
    task_updates,
    tasks_frame,
)
from dashboard.ui.context import Viewer, session
from dashboard.ui.export_widgets import filtered_export
from dashboard.ui.forms import edit_form
from dashboard.ui.registry_widgets import enum_filter, followed_row
from dashboard.ui.tables import labelled
from dashboard.vocab import TASK_STATUSES

DOCUMENTS = (None, "AP2024", "WP2024")
UPDATE_COLUMNS = table_columns(
    "update_date",
    ("status", "task_status"),
    "progress_pct",
    "department_code",
    "evidence",
    "note",
)


def render(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        depts = departments(s)
    names = dict(zip(depts["code"], depts[f"name_{lang}"], strict=True))
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    dept = c1.selectbox(
        t("tasks.department", lang),
        [None, *names],
        format_func=lambda c: t("filter.all", lang) if c is None else names[c],
    )
    lead_only = c2.toggle(t("tasks.lead_only", lang), value=False, disabled=dept is None)
    doc = c3.selectbox(
        t("tasks.document", lang),
        DOCUMENTS,
        format_func=lambda d: t("filter.all", lang) if d is None else t("document." + d, lang),
    )
    statuses = enum_filter(c4, "filter.status", TASK_STATUSES, "task_status", lang)
    with session() as s:
        df = tasks_frame(
            s,
            department=dept,
            role="lead" if lead_only else None,
            document=doc,
            statuses=tuple(statuses),
        )
    st.caption(t("registry.count", lang, n=fmt_int(len(df), lang)))
    shown = df.copy()
    shown["lead"] = [[names.get(c, c) for c in row] for row in df["lead"]]
    shown["participating"] = [[names.get(c, c) for c in row] for row in df["participating"]]
    columns = table_columns(
        "code",
        {f"title_{lang}": "col.task"},
        ("status", "task_status"),
        "progress_pct",
        "last_update_on",
        "lead",
        {f"group_{lang}": "col.group"},
        "participating",
        "evidence",
    )
    table = labelled(shown, lang, columns)
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="task_table",
        column_config={
            t("col.task", lang): st.column_config.TextColumn(width="medium"),
            t("col.status", lang): st.column_config.TextColumn(width="small"),
            t("col.progress", lang): st.column_config.ProgressColumn(
                t("col.progress", lang), min_value=0, max_value=100, format="%d%%", width="small"
            ),
        },
    )
    filtered_export(
        v,
        key="tasks",
        title_key="tasks.title",
        table=shown,
        columns=columns,
        filters=[
            ("tasks.department", None if dept is None else names[dept]),
            ("tasks.lead_only", t("export.yes", lang) if lead_only and dept else None),
            ("tasks.document", None if doc is None else t("document." + doc, lang)),
            ("filter.status", [enum_label("task_status", x, lang) for x in statuses]),
        ],
    )
    if any(s == "inferred" for s in df["departments_source"]):
        st.caption(t("tasks.inferred_note", lang))
    task = followed_row(event, df, "task_picked", id_column="code")
    if task is not None:
        st.subheader(f"{task['code']} · {task[f'title_{lang}']}")
        st.caption(task[f"clause_{lang}"])
        with session() as s:
            updates = task_updates(s, task["code"])
        st.dataframe(
            labelled(updates, lang, UPDATE_COLUMNS),
            hide_index=True,
            width="stretch",
        )
        if can(v.role, "edit_task"):
            render_update_form(v, task)


def render_update_form(v: Viewer, task) -> None:
    """The ministry records a dated update of a task."""
    lang = v.lang
    code = task["code"]
    version_key = f"task_version_{code}"
    st.session_state.setdefault(version_key, int(task["version"]))

    def fields() -> dict:
        c1, c2, c3 = st.columns(3)
        status = c1.selectbox(
            t("col.status", lang),
            TASK_STATUSES,
            index=TASK_STATUSES.index(task["status"]),
            format_func=lambda x: enum_label("task_status", x, lang),
        )
        progress = c2.number_input(
            t("col.progress", lang),
            min_value=0,
            max_value=100,
            value=int(task["progress_pct"]),
            step=5,
        )
        day = c3.date_input(
            t("col.update_date", lang), value=local_today(), max_value=local_today()
        )
        evidence = st.text_input(t("col.evidence", lang), max_chars=1000)
        return {
            "task_code": code,
            "status": status,
            "progress_pct": int(progress),
            "update_date": day,
            "evidence": evidence or None,
        }

    edit_form(
        v,
        f"task_form_{code}",
        version_key,
        fields,
        add_task_update,
        title_key="tasks.update",
        group="task_status",
    )
