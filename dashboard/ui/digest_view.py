"""The digest settings: an administrator's form for a user's address and frequency (on the
users page), and a user's own choice of frequency (the settings page)."""

from __future__ import annotations

import streamlit as st

from dashboard.digests.preferences import (
    MAX_EMAIL_LENGTH,
    DigestSettingError,
    own_digest,
    set_own_digest,
    set_user_digest,
)
from dashboard.i18n import enum_label, t
from dashboard.markdown_text import plain
from dashboard.models.digests import DIGEST_FREQUENCIES
from dashboard.ui.context import Viewer, session
from dashboard.ui.forms import titled_form
from dashboard.ui.writes import run_write


def _frequency_box(lang: str, current: str, key: str | None = None):
    return st.selectbox(
        t("digest.frequency", lang),
        DIGEST_FREQUENCIES,
        index=DIGEST_FREQUENCIES.index(current) if current in DIGEST_FREQUENCIES else 2,
        format_func=lambda f: enum_label("digest.frequency", f, lang),
        key=key,
    )


def render_admin_form(v: Viewer, user) -> None:
    """Set the chosen user's address and frequency (the service checks and audits it)."""
    lang = v.lang
    with titled_form(f"set_digest_{user.username}", "digest.admin.title", lang):
        c1, c2 = st.columns(2)
        email = c1.text_input(
            t("digest.email", lang),
            value=user.email or "",
            max_chars=MAX_EMAIL_LENGTH,
            help=t("digest.email.help", lang),
        )
        with c2:
            frequency = _frequency_box(lang, user.digest)
        if st.form_submit_button(t("digest.admin.save", lang)):
            run_write(
                v,
                lambda s: set_user_digest(
                    s, actor=v.actor, username=user.username, email=email, frequency=frequency
                ),
                refusals=(DigestSettingError,),
                explain=lambda e: e.text(lang),
            )


def render_own_settings(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        email, current = own_digest(s, actor=v.actor)
    st.subheader(t("digest.own.title", lang))
    st.caption(t("digest.own.help", lang))
    if email:
        st.markdown(t("digest.own.address", lang, email=plain(email)))
    else:
        st.info(t("digest.own.no_address", lang))
    with st.form("own_digest"):
        frequency = _frequency_box(lang, current)
        if st.form_submit_button(t("digest.own.save", lang), disabled=not email):
            run_write(
                v,
                lambda s: set_own_digest(s, actor=v.actor, frequency=frequency),
                refusals=(DigestSettingError,),
                explain=lambda e: e.text(lang),
            )
