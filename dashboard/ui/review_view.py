"""The ministry's review queue: what each staged submission would change; accept it or
return it with a comment."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.i18n import enum_label, fmt_date, fmt_int, t
from dashboard.markdown_text import plain
from dashboard.submissions import (
    SubmissionError,
    accept,
    list_pending,
    preview,
    return_submission,
)
from dashboard.ui import cached
from dashboard.ui.context import Viewer, session
from dashboard.ui.writes import run_write


def render(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        pending = list_pending(s, actor=v.actor)
    if not pending:
        st.success(t("review.empty", lang))
        return
    st.caption(t("review.count", lang, n=fmt_int(len(pending), lang)))
    labels = {
        p.id: f"#{p.id} · {cached.province_name(p.province_code, lang)} · "
        f"{enum_label('report_kind', p.kind, lang)} · {p.filename} · "
        f"{fmt_date(p.submitted_at, lang)}"
        for p in pending
    }
    chosen = st.selectbox(t("review.choose", lang), list(labels), format_func=labels.get)
    sub = next(p for p in pending if p.id == chosen)
    with session() as s:
        pv = preview(s, actor=v.actor, submission_id=sub.id)
    st.write(
        t(
            "review.summary",
            lang,
            rows=sub.row_count,
            who=plain(sub.submitted_by),
            warnings=sub.warning_count,
        )
    )
    counts = pd.DataFrame(
        [
            {t("review.table", lang): table, **{t("review." + k, lang): n for k, n in c.items()}}
            for table, c in pv.counts.items()
        ]
    )
    st.dataframe(counts, hide_index=True, width="stretch")
    if pv.moves:
        st.markdown(f"**{t('review.moves', lang, n=pv.move_count)}**")
        st.dataframe(pd.DataFrame(pv.moves), hide_index=True, width="stretch")
    if pv.conflicts:
        st.error(t("review.conflicts", lang, n=len(pv.conflicts)))
        st.dataframe(pd.DataFrame(pv.conflicts), hide_index=True, width="stretch")
    c1, c2 = st.columns(2)
    with c1:
        if st.button(
            t("review.accept", lang),
            type="primary",
            disabled=bool(pv.conflicts),
            key=f"accept_{sub.id}",
        ):
            _decide(
                v,
                lambda s: accept(
                    s, actor=v.actor, submission_id=sub.id, expected_version=sub.version
                ),
                "review.accepted",
            )
    with c2, st.form(f"return_{sub.id}"):
        comment = st.text_area(t("review.comment", lang), max_chars=2000)
        if st.form_submit_button(t("review.return", lang)):
            _decide(
                v,
                lambda s: return_submission(
                    s,
                    actor=v.actor,
                    submission_id=sub.id,
                    comment=comment,
                    expected_version=sub.version,
                ),
                "review.returned",
            )


def _decide(v: Viewer, action, done_key: str) -> None:
    run_write(
        v,
        action,
        refusals=(SubmissionError,),
        explain=lambda exc: exc.message(v.lang),
        done_key=done_key,
    )
