"""Programmes: policy documents, their targets and counting rules, as data (administrators)."""

from dashboard.ui import page_chrome
from dashboard.ui.programmes_view import render_programmes

v = page_chrome.current()
page_chrome.header(v, "programmes.title")
render_programmes(v)
