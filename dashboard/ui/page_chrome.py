"""The page chrome every page shares: the sidebar (user, language, as-of date, logout), the demo
marker and the freshness line."""

from __future__ import annotations

from datetime import date
from html import escape

import streamlit as st

from dashboard import csrf
from dashboard.i18n import fmt_date, local_today, t
from dashboard.markdown_text import plain
from dashboard.ui import cached
from dashboard.ui.context import Viewer, session_token, set_language

VIEWER_KEY = "viewer"
AS_OF_KEY = "as_of"
LANG_LABELS = {"zh": "中文", "en": "English"}


def current() -> Viewer:
    """The viewer the router resolved for this run."""
    v = st.session_state.get(VIEWER_KEY)
    if v is None:
        st.stop()
    return v


def as_of() -> date:
    return st.session_state.get(AS_OF_KEY) or local_today()


# Streamlit draws captions in the theme's text colour at 60% opacity, which on our white and
# pale-green backgrounds falls just short of WCAG AA contrast (4.4:1 and 4.25:1; 4.5:1 needed).
# Captions get a solid muted colour instead (7:1 on either background).
THEME_CSS = "<style>[data-testid=stCaptionContainer]{opacity:1;color:#4a5550}</style>"


def sidebar(v: Viewer) -> None:
    lang = v.lang
    st.html(THEME_CSS)
    with st.sidebar:
        who = t("role." + v.role, lang)
        if v.province:
            who += f" · {cached.province_name(v.province, lang)}"
        st.caption(f"{plain(v.display_name)} · {who}")
        choice = st.segmented_control(
            t("language", lang),
            options=list(LANG_LABELS),
            format_func=LANG_LABELS.get,
            default=lang,
            required=True,  # clicking the selected language keeps it selected
            key="lang_switch",
        )
        if choice and choice != lang:
            set_language(v, choice)
            st.session_state.pop("lang_switch", None)
            st.rerun()
        if AS_OF_KEY not in st.session_state:  # today in the display zone, until one is picked
            st.session_state[AS_OF_KEY] = local_today()
        st.date_input(
            t("as_of", lang),
            min_value=date(2024, 1, 1),
            max_value=local_today(),
            key=AS_OF_KEY,
            help=t("as_of.help", lang),
        )
        quick_dates(lang)
        session_button(t("logout", lang), "logout")


AS_OF_QUICK_KEY = "as_of_quick"


def _apply_quick_date() -> None:
    """One click sets the as-of date (a typed date applies only when the field is left:
    Streamlit's date field commits on blur or when its calendar closes)."""
    picked = st.session_state.get(AS_OF_QUICK_KEY)
    if picked:
        st.session_state[AS_OF_KEY] = date.fromisoformat(picked)
    st.session_state[AS_OF_QUICK_KEY] = None


def quick_dates(lang: str) -> None:
    today = local_today()
    days = [d for d in cached.target_deadlines() if date(2024, 1, 1) <= d < today]
    options = [today.isoformat(), *(d.isoformat() for d in days)]
    st.segmented_control(
        t("as_of.quick", lang),
        options=options,
        format_func=lambda d: (
            t("as_of.today", lang) if d == options[0] else fmt_date(date.fromisoformat(d), lang)
        ),
        key=AS_OF_QUICK_KEY,
        on_change=_apply_quick_date,
    )


FLASH_KEY = "flash"


def flash(message: str) -> None:
    """A success message shown once, after the rerun that follows a save."""
    st.session_state[FLASH_KEY] = message


SESSION_FORM = (
    '<form action="/session/{route}" method="{method}">{fields}'
    '<button type="submit" class="dct-session">{label}</button></form>'
    "<style>.dct-session{{background:none;border:1px solid #9aa7a0;border-radius:6px;"
    "padding:4px 12px;cursor:pointer;font:inherit;color:inherit}}</style>"
)


def session_button(label: str, route: str) -> None:
    """A same-tab button to a session route: "login" (a GET) or "logout" (a POST carrying
    the session's logout token, see dashboard/csrf.py). st.link_button would open a new
    tab. The HTML is fixed; only the catalog's label and the hex token, escaped, go in."""
    if route == "login":
        method, fields = "get", ""
    elif route == "logout":
        token = session_token()
        value = csrf.logout_token(token) if token else ""
        method = "post"
        fields = f'<input type="hidden" name="{csrf.FIELD}" value="{escape(value, quote=True)}">'
    else:
        raise ValueError(route)
    st.html(SESSION_FORM.format(route=route, method=method, fields=fields, label=escape(label)))


def header(v: Viewer, title_key: str) -> None:
    lang = v.lang
    st.title(t(title_key, lang))
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message)
    status = cached.dataset_status()
    if status.synthetic:
        st.warning(t("demo.banner", lang), icon="⚠️")
    if status.last_refresh_at is not None:
        st.caption(
            t(
                "freshness",
                lang,
                as_of=fmt_date(as_of(), lang),
                refreshed=fmt_date(status.last_refresh_at, lang),
            )
        )


def require_data(v: Viewer) -> bool:
    status = cached.dataset_status()
    if not status.initialised:
        st.error(t("empty.not_initialised", v.lang))
        return False
    if status.empty:
        st.info(t("empty.database", v.lang))
        return False
    return True
