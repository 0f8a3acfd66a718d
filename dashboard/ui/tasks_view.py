"""Policy tasks and measures, filterable by department ("what does my department lead?")."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import enum_label, fmt_int, t
from dashboard.services.tasks import departments, task_updates, tasks_frame
from dashboard.ui.context import Viewer, session
from dashboard.ui.tables import labelled
from dashboard.vocab import TASK_STATUSES

DOCUMENTS = (None, "AP2024", "WP2024")


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
    statuses = c4.multiselect(
        t("filter.status", lang),
        TASK_STATUSES,
        format_func=lambda x: enum_label("task_status", x, lang),
    )
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
    table = labelled(
        shown,
        lang,
        {
            "code": "col.code",
            f"title_{lang}": "col.task",
            f"group_{lang}": "col.group",
            "lead": ("col.lead", "list"),
            "participating": ("col.participating", "list"),
            "status": ("col.status", "task_status"),
            "progress_pct": "col.progress",
            "last_update_on": ("col.last_update", "date"),
            "evidence": "col.evidence",
        },
    )
    event = st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="task_table",
        column_config={
            t("col.progress", lang): st.column_config.ProgressColumn(
                t("col.progress", lang), min_value=0, max_value=100, format="%d%%"
            )
        },
    )
    if any(s == "inferred" for s in df["departments_source"]):
        st.caption(t("tasks.inferred_note", lang))
    rows = event.selection.rows if event else []
    if rows:
        task = df.iloc[rows[0]]
        st.subheader(f"{task['code']} · {task[f'title_{lang}']}")
        st.caption(task[f"clause_{lang}"])
        with session() as s:
            updates = task_updates(s, task["code"])
        st.dataframe(
            labelled(
                updates,
                lang,
                {
                    "update_date": ("col.update_date", "date"),
                    "status": ("col.status", "task_status"),
                    "progress_pct": "col.progress",
                    "department_code": "col.department",
                    "evidence": "col.evidence",
                    "note": "col.note",
                },
            ),
            hide_index=True,
            width="stretch",
        )
