"""Messages for refused edits, in the viewer's language."""

from __future__ import annotations

from datetime import date, datetime

from dashboard.i18n import enum_label, fmt_date, t
from dashboard.permissions import PermissionDenied
from dashboard.services.editing import EditError


def edit_error_text(exc: Exception, lang: str, group: str = "stage") -> str:
    """The message of a refused edit: dates formatted, stage or status keys labelled."""
    if isinstance(exc, PermissionDenied):
        return t("error.permission", lang)
    if not isinstance(exc, EditError):
        raise exc
    values = {}
    for k, value in exc.values.items():
        if isinstance(value, date | datetime):
            values[k] = fmt_date(value, lang)
        elif k in ("current", "new", "stage"):
            values[k] = enum_label(group, value, lang)
        else:
            values[k] = value
    return t(exc.key, lang, **values)
