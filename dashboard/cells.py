"""The one formula-neutralising rule for every CSV and XLSX the app writes (table exports,
the audit trail's download, the validation error reports): text that a spreadsheet would
read as a formula gets a leading apostrophe. Plain Python, no third-party imports."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(value):
    """Text that a spreadsheet would read as a formula gets a leading quote; others pass."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
