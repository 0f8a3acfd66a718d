"""Messages for refused edits, in the viewer's language."""

from __future__ import annotations

from dashboard.i18n import enum_label, fmt_date, t
from dashboard.permissions import PermissionDenied
from dashboard.services.editing import EditError


def edit_error_text(exc: Exception, lang: str, group: str = "stage") -> str:
    if isinstance(exc, PermissionDenied):
        return t("error.permission", lang)
    if isinstance(exc, EditError):
        values = dict(exc.values)
        for k in ("current", "new", "stage"):
            if k in values:
                values[k] = enum_label(group, values[k], lang)
        for k in ("when", "day"):
            if k in values:
                values[k] = fmt_date(values[k], lang)
        if "current" in values and exc.key == "edit.date_before_current":
            values["current"] = fmt_date(exc.values["current"], lang)
        return t(exc.key, lang, **values)
    raise exc
