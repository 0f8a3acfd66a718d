"""The administrators' Programmes page: the programmes and their versions; upload a file,
see the figures it gives, then save it as a new version."""

from __future__ import annotations

import hashlib
import json

import pandas as pd
import streamlit as st

from dashboard.i18n import enum_label, fmt_date, fmt_int, local_today, t
from dashboard.permissions import PermissionDenied
from dashboard.programmes import store
from dashboard.programmes.files import MAX_FILE_BYTES, read_programme_bytes
from dashboard.programmes.preview import preview
from dashboard.programmes.spec import SpecError
from dashboard.programmes.sync import version_loader, version_note, versions
from dashboard.ui.context import Viewer, session
from dashboard.ui.uploader import file_uploader
from dashboard.ui.writes import run_write

CHECKED_KEY = "programme_checked"  # sha256 of the file whose preview was shown


def render_programmes(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        docs = store.programmes(s)
        rows = [
            {
                t("overview.code", lang): d.code,
                t("programmes.title_col", lang): d.title_zh if lang == "zh" else d.title_en,
                t("programmes.doc_number", lang): d.doc_number or "—",
                t("programmes.issued_on", lang): fmt_date(d.issued_on, lang),
                t("programmes.version", lang): d.version,
            }
            for d in docs
        ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    codes = [d.code for d in docs]
    if codes:
        code = st.selectbox(t("programmes.history", lang), codes)
        with session() as s:
            hist = versions(s, code)
            current = json.dumps(store.export(s, code), ensure_ascii=False, indent=2)
        st.dataframe(
            pd.DataFrame(
                {
                    t("programmes.version", lang): [h.version for h in hist],
                    t("programmes.loaded_at", lang): [fmt_date(h.loaded_at, lang) for h in hist],
                    t("programmes.loaded_by", lang): [version_loader(h, lang) for h in hist],
                    t("programmes.note", lang): [version_note(h, lang) for h in hist],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.download_button(
            t("programmes.download", lang),
            current.encode("utf-8"),
            file_name=f"{code}.json",
            mime="application/json",
        )
    st.subheader(t("programmes.load", lang))
    st.caption(t("programmes.load_help", lang))
    upload = file_uploader(
        t("programmes.file", lang), ["json"], "programme_file", lang, max_mb=MAX_FILE_BYTES // 10**6
    )
    if upload is None:
        return
    data = upload.getvalue()
    if len(data) > MAX_FILE_BYTES:
        st.error(t("programme.error.file_too_big", lang, limit=fmt_int(MAX_FILE_BYTES, lang)))
        return
    sha = hashlib.sha256(data).hexdigest()
    note = st.text_input(t("programmes.note", lang), max_chars=500, key="programme_note")
    try:
        raw = read_programme_bytes(data)
        with session() as s:
            shown = preview(s, raw, actor=v.actor, as_of=local_today())
    except SpecError as exc:
        st.error(t("programmes.refused", lang, why=exc.text(lang)))
        return
    except PermissionDenied:
        st.error(t("error.permission", lang))
        return
    _show_preview(v, shown)
    st.session_state[CHECKED_KEY] = sha
    if shown.result.changed and st.button(t("programmes.save", lang), type="primary"):
        if st.session_state.get(CHECKED_KEY) != sha:
            st.error(t("programmes.preview_first", lang))
            return
        run_write(
            v,
            lambda s: store.load(s, raw, actor=v.actor, note=note.strip() or None),
            refusals=(SpecError,),
            explain=lambda exc: exc.text(lang),
            done_key="programmes.saved",
            forget=(CHECKED_KEY,),
        )


def _show_preview(v: Viewer, shown) -> None:
    lang = v.lang
    r = shown.result
    if not r.changed:
        st.info(t("programmes.unchanged", lang, code=r.code, version=r.version))
        return
    st.success(
        t(
            "programmes.would_be",
            lang,
            code=r.code,
            version=r.version,
            added=", ".join(r.added_targets) or "—",
            changed=", ".join(r.changed_targets) or "—",
            retired=", ".join(r.retired_targets) or "—",
        )
    )
    rows = [
        {
            t("overview.code", lang): c.code,
            t("overview.target", lang): c.name_zh if lang == "zh" else c.name_en,
            t("overview.actual_vs_target", lang): (
                f"{fmt_int(c.progress['actual'], lang)} / {fmt_int(c.progress['quantity'], lang)}"
            ),
            t("overview.status", lang): enum_label("status", c.progress["status"], lang),
            t("overview.counting_rule", lang): c.counting_rule_zh
            if lang == "zh"
            else c.counting_rule_en,
        }
        for c in shown.cards
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
