"""Submissions of provincial reports: applying their rows and reviewing them.

Part of the dashboard's core: it imports nothing from `pipelines/`. The pipelines stage
submissions; the review pages and the refresh command apply them through here.
"""

from dashboard.submissions.apply import apply_rows, json_rows, lock_writes
from dashboard.submissions.errors import (
    CommentRequired,
    MoveConflict,
    NotPending,
    StaleSubmission,
    SubmissionError,
    SubmissionNotFound,
)
from dashboard.submissions.plan import REPORT_KINDS, Conflict, Plan, make_plan
from dashboard.submissions.review import (
    Preview,
    SubmissionDetail,
    SubmissionSummary,
    accept,
    get_submission,
    history,
    list_pending,
    pending_records,
    preview,
    return_submission,
    status_counts,
)

__all__ = [
    "REPORT_KINDS",
    "CommentRequired",
    "Conflict",
    "MoveConflict",
    "NotPending",
    "Plan",
    "Preview",
    "StaleSubmission",
    "SubmissionDetail",
    "SubmissionError",
    "SubmissionNotFound",
    "SubmissionSummary",
    "accept",
    "apply_rows",
    "get_submission",
    "history",
    "json_rows",
    "list_pending",
    "lock_writes",
    "make_plan",
    "pending_records",
    "preview",
    "return_submission",
    "status_counts",
]
