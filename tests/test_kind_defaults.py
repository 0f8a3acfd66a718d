"""Each kind's names that other places refer to, pinned to their values: the record type
counting rules, drill-downs and audit events name, the permission to edit a record, the
vocabulary a reviewer sees a status in, the registry page and the map measure. A kind may
leave the ones that follow from its key or its stages to `RecordKind`'s defaults; whether
written or derived, the values must not change."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.kinds import KINDS
from dashboard.kinds.base import History

# key: (record_type, edit_action, status_group, registry_page, map_measure, name_columns)
NAMES = {
    "pilot_status": (
        "pilot",
        "edit_pilot",
        "stage",
        "pilots.py",
        "pilots_set_up",
        ("pilot_code", "pilot_name", "pilot_name"),
    ),
    "measurement_review": (
        "measurement_review",
        "edit_review",
        "review_status",
        "measurement_reviews.py",
        "review_enterprises",
        ("uscc", "enterprise_name", "enterprise_name"),
    ),
    "standard": (
        "deliverable",
        None,
        "dstatus",
        "standards.py",
        None,
        ("number", "title_zh", "title_en"),
    ),
    "task_progress": ("policy_task", "edit_task", "task_status", "tasks.py", None, None),
    "provincial_plan": (
        "provincial_plan",
        "edit_provincial_plan",
        "plan_status",
        "provincial_plans.py",
        "plans_issued",
        ("province_code", "issuing_body", "issuing_body"),
    ),
    "cems_pilot": (
        "cems_pilot",
        "edit_cems_pilot",
        "cems_stage",
        "cems_pilots.py",
        "cems_pilots",
        ("uscc", "enterprise_name", "enterprise_name"),
    ),
    "emission_factor_release": (
        "emission_factor_release",
        "edit_emission_factor",
        None,
        "emission_factors.py",
        "factor_releases",
        ("release_name", "release_name", "release_name"),
    ),
    "measurement_centre": (
        "measurement_centre",
        "edit_measurement_centre",
        "centre_stage",
        "measurement_centres.py",
        "measurement_centres",
        ("centre_name", "centre_name", "centre_name"),
    ),
    "standard_adoption": (
        "standard_adoption",
        "edit_standard_adoption",
        None,
        "standard_adoptions.py",
        None,
        ("standard_number", "standard_number", "standard_number"),
    ),
    "zero_carbon_park": (
        "zero_carbon_park",
        "edit_zero_carbon_park",
        "park_stage",
        "zero_carbon_parks.py",
        "zero_carbon_parks",
        ("park_name", "park_name", "park_name"),
    ),
    "energy_measurement_review": (
        "energy_measurement_review",
        "edit_energy_review",
        "review_status",
        "energy_reviews.py",
        "energy_reviews",
        ("uscc", "unit_name", "unit_name"),
    ),
}


def test_every_kind_is_pinned():
    assert set(NAMES) == set(KINDS)


@pytest.mark.parametrize("key", list(NAMES))
def test_names_keep_their_values(key):
    kind = KINDS[key]
    resolved = (
        kind.record_type,
        kind.edit_action,
        kind.status_group,
        kind.registry_page,
        kind.map_measure,
        kind.name_columns,
    )
    assert resolved == NAMES[key]


# key: (planner, record_key, model_key, the history's state and date columns or None)
PLANNING = {
    "pilot_status": ("staged", ("pilot_code",), ("code",), ("stage", "stage_date")),
    "measurement_review": ("staged", ("uscc",), ("uscc",), ("status", "status_date")),
    "standard": ("keyed", ("kind", "number"), ("kind", "number"), None),
    "task_progress": ("task", ("task_code",), ("code",), None),
    "provincial_plan": ("keyed", ("province_code",), ("province_code",), None),
    "cems_pilot": ("staged", ("uscc",), ("uscc",), ("stage", "stage_date")),
    "emission_factor_release": ("keyed", ("release_name",), ("release_name",), None),
    "measurement_centre": ("staged", ("centre_name",), ("centre_name",), ("stage", "stage_date")),
    "standard_adoption": (
        "keyed",
        ("standard_number", "event"),
        ("standard_number", "event"),
        None,
    ),
    "zero_carbon_park": ("staged", ("park_name",), ("park_name",), ("stage", "stage_date")),
    "energy_measurement_review": ("staged", ("uscc",), ("uscc",), ("status", "status_date")),
}


@pytest.mark.parametrize("key", list(PLANNING))
def test_planning_keeps_its_values(key):
    kind = KINDS[key]
    history = (kind.history.state, kind.history.day) if kind.history else None
    assert (kind.planner, kind.record_key, kind.model_key, history) == PLANNING[key]


def test_planner_and_model_key_follow_from_the_history_and_the_record_key():
    review = KINDS["measurement_review"]
    left_out = replace(review, planner="", model_key=())
    assert left_out.planner == "staged" and left_out.model_key == ("uscc",)
    no_history = replace(review, planner="", history=None)
    assert no_history.planner == "keyed"
    # written, they are kept
    assert replace(review, planner="task").planner == "task"
    assert replace(review, model_key=("id",)).model_key == ("id",)
    assert (History(object, "x_id").state, History(object, "x_id").day) == ("stage", "stage_date")
