"""The Streamlit entry point: a router only. It resolves the signed-in user from the session
cookie (on the server, every run), picks the pages their role may use, and runs one."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from sqlalchemy.exc import DBAPIError

from dashboard.db_failures import bilingual
from dashboard.i18n import t
from dashboard.ui import page_chrome
from dashboard.ui.context import viewer
from dashboard.ui.navigation import pages_for

FAVICON = Path(__file__).with_name(
    "static_favicon.png"
)  # local: a material icon would load from the internet

st.set_page_config(
    page_title="双碳标准计量跟踪 · Dual-carbon tracker", page_icon=str(FAVICON), layout="wide"
)

try:
    v = viewer()
except DBAPIError as exc:  # the database cannot be read: say so, in both languages
    st.error(bilingual(exc))
    st.stop()
if v is None:
    st.session_state.pop(page_chrome.VIEWER_KEY, None)
    st.title(t("app.title", "zh") + " · " + t("app.title", "en"))
    st.info(t("login.required", "zh") + "\n\n" + t("login.required", "en"))
    page_chrome.session_button(t("login.submit", "zh") + " / " + t("login.submit", "en"), "login")
else:
    st.session_state[page_chrome.VIEWER_KEY] = v
    # every entry shown: folded, Streamlit adds "View N more" in English whatever the language
    page = st.navigation(pages_for(v), expanded=True)
    try:
        page_chrome.sidebar(v)
        page.run()
    except DBAPIError as exc:
        st.error(bilingual(exc))
