"""All table models; importing this package registers them on SQLModel.metadata."""

from dashboard.models.accounts import ROLES, AuditEvent, AuthSession, User
from dashboard.models.adoption_records import (
    EnergyMeasurementReview,
    EnergyReviewEntry,
    StandardAdoption,
    ZeroCarbonParkPilot,
    ZeroCarbonParkStage,
)
from dashboard.models.api_tokens import ApiToken
from dashboard.models.digests import DigestDelivery
from dashboard.models.programme_records import (
    CemsPilot,
    CemsPilotStage,
    EmissionFactorRelease,
    MeasurementCentre,
    MeasurementCentreStage,
    ProvincialPlan,
)
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
    "CemsPilot",
    "CemsPilotStage",
    "CountingSpan",
    "DatasetFact",
    "Deliverable",
    "Department",
    "DigestDelivery",
    "Document",
    "EmissionFactorRelease",
    "EnergyMeasurementReview",
    "EnergyReviewEntry",
    "MeasurementCentre",
    "MeasurementCentreStage",
    "MeasurementReview",
    "Milestone",
    "Pilot",
    "PilotStage",
    "PolicyTask",
    "ProgrammeVersion",
    "Province",
    "ProvincialPlan",
    "ReviewStatusEntry",
    "SpanSet",
    "StandardAdoption",
    "Submission",
    "Target",
    "TaskDepartment",
    "TaskGroup",
    "TaskUpdate",
    "User",
    "ZeroCarbonParkPilot",
    "ZeroCarbonParkStage",
]
