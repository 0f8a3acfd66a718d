"""Programmes: policy documents, their targets and counting rules, as data (administrators)."""

from dashboard.ui import frame
from dashboard.ui.programmes_view import render_programmes

v = frame.current()
frame.header(v, "programmes.title")
render_programmes(v)
