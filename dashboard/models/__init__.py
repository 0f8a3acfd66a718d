"""The shared table models; importing this package registers them on SQLModel.metadata.

A record kind's own tables are defined in its module, next to its description
(`dashboard/kinds/<kind>.py`); importing `dashboard.kinds` registers them, and this package
with them (the kinds import it), so what needs every table imports `dashboard.kinds`. The
records that targets count (deliverables, pilots, measurement reviews, task updates) stay here:
the counting engine, spans, supervision, digests and the API read them directly."""

from dashboard.models.accounts import ROLES, AuditEvent, AuthSession, User
from dashboard.models.api_tokens import ApiToken
from dashboard.models.digests import DigestDelivery
from dashboard.models.records import (
    CountingSpan,
    Deliverable,
    MeasurementReview,
    Pilot,
    PilotStage,
    ReviewStatusEntry,
    SpanSet,
)
from dashboard.models.reference import (
    Department,
    Document,
    Milestone,
    PolicyTask,
    ProgrammeVersion,
    Province,
    Target,
    TaskDepartment,
    TaskGroup,
    TaskUpdate,
)
from dashboard.models.workflow import DatasetFact, Submission

__all__ = [
    "ROLES",
    "ApiToken",
    "AuditEvent",
    "AuthSession",
    "CountingSpan",
    "DatasetFact",
    "Deliverable",
    "Department",
    "DigestDelivery",
    "Document",
    "MeasurementReview",
    "Milestone",
    "Pilot",
    "PilotStage",
    "PolicyTask",
    "ProgrammeVersion",
    "Province",
    "ReviewStatusEntry",
    "SpanSet",
    "Submission",
    "Target",
    "TaskDepartment",
    "TaskGroup",
    "TaskUpdate",
    "User",
]
