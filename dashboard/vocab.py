"""Controlled vocabularies of the domain: keys are stored, labels come from the i18n catalog."""

from __future__ import annotations

# Standards and measurement deliverables
DELIVERABLE_KINDS = (
    "national_standard",
    "industry_standard",
    "measurement_spec",
    "verification_regulation",
    "measurement_standard",
    "reference_material",
    "technology_study",
    "group_standard",
    "international_standard",
    "local_standard",
)
DELIVERABLE_CATEGORIES = (
    "carbon_accounting",
    "carbon_footprint",
    "emission_reduction",
    "energy_efficiency",
    "ccus",
    "measurement",
    "recycling",
    "green_product",
    "other",
)
# The categories that count for the 70-standards target (action plan, I).
TARGET_STANDARD_CATEGORIES = (
    "carbon_accounting",
    "carbon_footprint",
    "emission_reduction",
    "energy_efficiency",
    "ccus",
)
DELIVERABLE_STATUSES = ("planned", "in_progress", "issued", "completed", "withdrawn")

# Carbon emission management standardization pilots
PILOT_TYPES = ("enterprise", "park")
PILOT_STAGES = (
    "applied",
    "recommended",
    "approved",
    "under_construction",
    "midterm_evaluation",
    "accepted",
)
PILOT_EXITS = ("failed", "revoked", "withdrawn")
PILOT_ALL_STAGES = PILOT_STAGES + PILOT_EXITS
PILOT_SET_UP_STAGES = ("approved", "under_construction", "midterm_evaluation", "accepted")

# Measurement review pilots
REVIEW_STATUSES = ("planned", "in_review", "rectification", "completed")
REVIEW_COUNTING_STATUSES = ("in_review", "rectification", "completed")

# Policy tasks and milestones
TASK_STATUSES = ("not_started", "in_progress", "delayed", "completed")
MILESTONE_STATUSES = TASK_STATUSES

INDUSTRIES = (
    "power",
    "steel",
    "nonferrous",
    "building_materials",
    "petrochemical",
    "chemical",
    "coal",
    "textile",
    "transport",
    "construction",
    "data_center",
    "paper",
    "other",
)

# Target progress statuses
# not_started: no forecast yet (nothing of the kind counted or waiting) early in the window
TARGET_STATUSES = ("achieved", "on_track", "at_risk", "off_track", "not_started", "missed")


def pilot_stage_rank(stage: str) -> int:
    """Order of the forward stages; exits rank after every forward stage."""
    if stage in PILOT_STAGES:
        return PILOT_STAGES.index(stage)
    if stage in PILOT_EXITS:
        return len(PILOT_STAGES)
    raise ValueError(f"unknown pilot stage: {stage}")


def pilot_move_allowed(current: str | None, new: str) -> bool:
    """Only forward moves and exits; nothing moves after an exit."""
    if new not in PILOT_ALL_STAGES:
        return False
    if current is None:
        return True
    if current in PILOT_EXITS:
        return False
    if new in PILOT_EXITS:
        return True
    return pilot_stage_rank(new) > pilot_stage_rank(current)


def review_move_allowed(current: str | None, new: str) -> bool:
    if new not in REVIEW_STATUSES:
        return False
    if current is None:
        return True
    return REVIEW_STATUSES.index(new) > REVIEW_STATUSES.index(current) or (
        current == "rectification" and new == "in_review"
    )
