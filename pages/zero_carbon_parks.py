"""A registry page built from its record kind's description (dashboard/kinds)."""

from dashboard.ui import frame, kind_registry_view

v = frame.current()
frame.header(v, "kinds.title.zero_carbon_park")
if frame.require_data(v):
    kind_registry_view.render(v, "zero_carbon_park")
