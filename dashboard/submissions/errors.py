"""Refusals of the submission services, each with a bilingual catalog message."""

from __future__ import annotations

from datetime import datetime

from dashboard.i18n import fmt_date, t


class SubmissionError(ValueError):
    """`key` names the catalog message; `values` fill it in. `message(lang)` renders it."""

    key = "submission.error"

    def __init__(self, key: str | None = None, **values: object) -> None:
        self.key = key or self.key
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str = "zh") -> str:
        """The message in `lang`; a moment is shown in the display zone, in that language."""
        values = {
            k: fmt_date(v, lang) if isinstance(v, datetime) else v for k, v in self.values.items()
        }
        return t(self.key, lang, **values)


class SubmissionNotFound(SubmissionError):
    key = "submission.not_found"


class CommentRequired(SubmissionError):
    key = "submission.comment_required"


class NotPending(SubmissionError):
    key = "submission.not_pending"


class StaleSubmission(SubmissionError):
    """The submission changed since the reviewer opened it (optimistic locking)."""

    key = "submission.stale"


class MoveConflict(SubmissionError):
    """Stage moves that the records' history no longer allows; `conflicts` lists them."""

    key = "submission.conflict"

    def __init__(self, conflicts: list) -> None:
        self.conflicts = conflicts
        first = conflicts[0]
        super().__init__(
            n=len(conflicts),
            record=first.key,
            current=first.current or "—",
            new=first.new,
        )
