"""The programme a page shows, and a programme's closing assessment once its deadlines
have all passed."""

from __future__ import annotations

import streamlit as st

from dashboard.i18n import fmt_date, fmt_int, local_today, t
from dashboard.ui import cached
from dashboard.ui.context import Viewer
from dashboard.ui.tables import titled_rows

PROGRAMME_KEY = "programme"


def choose_programme(v: Viewer) -> str | None:
    """A programme picker; opens on the one with the nearest open deadline."""
    lang = v.lang
    choices = cached.programme_choices(local_today())
    if not choices:
        return None
    by_code = {c.code: c for c in choices}
    codes = list(by_code)
    chosen = st.session_state.get(PROGRAMME_KEY)
    if chosen not in by_code:
        chosen = codes[0]

    def label(code: str) -> str:
        c = by_code[code]
        title = c.title_zh if lang == "zh" else c.title_en
        when = (
            t("programme.next_deadline", lang, date=fmt_date(c.next_deadline, lang))
            if c.next_deadline
            else t("programme.closed", lang)
        )
        return f"{title} · {when}"

    code = st.selectbox(
        t("programme.choose", lang), codes, index=codes.index(chosen), format_func=label
    )
    st.session_state[PROGRAMME_KEY] = code
    doc = by_code[code]
    if doc.doc_number:
        st.caption(doc.doc_number)
    return code


def all_passed(programme: str) -> bool:
    c = next((c for c in cached.programme_choices(local_today()) if c.code == programme), None)
    return c is not None and c.next_deadline is None


def render_closing(v: Viewer, programme: str) -> None:
    """For each target: the count at its deadline, achieved or missed by how much, and what
    was completed after the deadline."""
    lang = v.lang
    titled_rows(
        cached.closing_assessment(programme, local_today()),
        lang,
        "programme.closing",
        "programme.closing_note",
        {
            "overview.code": lambda r: r.code,
            "overview.target": lambda r: r.name_zh if lang == "zh" else r.name_en,
            "overview.deadline": lambda r: fmt_date(r.deadline, lang),
            "programme.threshold": lambda r: fmt_int(r.threshold, lang),
            "programme.at_deadline": lambda r: fmt_int(r.at_deadline, lang),
            "programme.result": lambda r: t(
                "programme.achieved_by" if r.achieved else "programme.missed_by",
                lang,
                n=fmt_int(r.margin, lang),
            ),
            "programme.after_deadline": lambda r: fmt_int(r.after_deadline, lang),
        },
    )
