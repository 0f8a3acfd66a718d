"""All table models; importing this package registers them on SQLModel.metadata."""

from dashboard.models.accounts import ROLES, AuditEvent, AuthSession, User
from dashboard.models.records import (
    Deliverable,
    MeasurementReview,
    Pilot,
    PilotStage,
    ReviewStatusEntry,
)
from dashboard.models.reference import (
    Department,
    Document,
    Milestone,
    PolicyTask,
    Province,
    Target,
    TaskDepartment,
    TaskGroup,
    TaskUpdate,
)
from dashboard.models.workflow import DatasetFact, Submission

__all__ = [
    "ROLES",
    "AuditEvent",
    "AuthSession",
    "DatasetFact",
    "Deliverable",
    "Department",
    "Document",
    "MeasurementReview",
    "Milestone",
    "Pilot",
    "PilotStage",
    "PolicyTask",
    "Province",
    "ReviewStatusEntry",
    "Submission",
    "Target",
    "TaskDepartment",
    "TaskGroup",
    "TaskUpdate",
    "User",
]
