"""Policy tasks of the action plan and the work programme."""

from dashboard.ui import frame, tasks_view

v = frame.current()
frame.header(v, "tasks.title")
tasks_view.render(v)
