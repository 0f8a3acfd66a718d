"""A registry page built from its record kind's description (dashboard/kinds)."""

from dashboard.ui import frame, kind_registry_view

v = frame.current()
frame.header(v, "kinds.title.energy_measurement_review")
if frame.require_data(v):
    kind_registry_view.render(v, "energy_measurement_review")
