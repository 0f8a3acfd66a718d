"""The provincial map with the dash line and the South China Sea islands."""

from dashboard.ui import frame, map_view
from dashboard.ui.programme_view import choose_programme

v = frame.current()
frame.header(v, "map.title")
if frame.require_data(v):
    map_view.render(v, frame.as_of(), choose_programme(v))
