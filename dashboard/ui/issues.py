"""Errors and warnings of a report as a table: row, column, value and the message in the
viewer's language (the submitter's check and the reviewer's screen show the same)."""

from __future__ import annotations

import pandas as pd

from dashboard.i18n import t


def issues_table(items: list[dict], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("submit.row", lang): [
                i.get("row") if i.get("row") is not None else "—" for i in items
            ],
            t("submit.column", lang): [i.get("column") or "—" for i in items],
            t("submit.value", lang): [str(i.get("value", "")) for i in items],
            t("submit.message", lang): [
                i.get(f"message_{lang}") or i.get("message", "") for i in items
            ],
        }
    )
