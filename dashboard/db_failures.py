"""Database failures told apart, so that a page can say what happened and that nothing was
saved, in both languages, instead of a bare error: unreachable (server down, network),
read-only, full (disk or quota), busy (SQLite locked past its timeout). Plain Python."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from dashboard.i18n import t

SIGNS = {
    "read_only": ("readonly database", "read-only", "read only transaction", "readonly"),
    "full": ("database or disk is full", "no space left", "disk full", "quota"),
    "busy": ("database is locked", "database is busy", "lock timeout"),
    "unreachable": (
        "unable to open database",
        "connection refused",
        "could not connect",
        "connection to server",
        "server closed the connection",
        "terminating connection",
        "timeout expired",
        "name or service not known",
    ),
}


def classify(exc: BaseException) -> str:
    """unreachable | read_only | full | busy | other."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    for kind, signs in SIGNS.items():
        if any(sign in text for sign in signs):
            return kind
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return "unreachable"
    return "other"


def failure_text(exc: BaseException, lang: str) -> str:
    return t(f"failure.database.{classify(exc)}", lang) + " " + t("failure.nothing_saved", lang)


def bilingual(exc: BaseException) -> str:
    """Both languages: the failure may come before the user's language is known."""
    return failure_text(exc, "zh") + "\n\n" + failure_text(exc, "en")
