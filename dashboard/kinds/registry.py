"""Every record kind, in the order pages and templates show them, and the vocabularies
their columns use."""

from __future__ import annotations

from dashboard.kinds import (
    cems_pilot,
    emission_factor_release,
    energy_measurement_review,
    measurement_centre,
    measurement_review,
    pilot_status,
    provincial_plan,
    standard,
    standard_adoption,
    task_progress,
    zero_carbon_park,
)
from dashboard.kinds.base import RecordKind
from dashboard.kinds.vocabularies import gather

KINDS: dict[str, RecordKind] = {
    m.KIND.key: m.KIND
    for m in (
        pilot_status,
        measurement_review,
        standard,
        task_progress,
        provincial_plan,
        cems_pilot,
        emission_factor_release,
        measurement_centre,
        standard_adoption,
        zero_carbon_park,
        energy_measurement_review,
    )
}


ENUMS = gather(KINDS.values())


def get(key: str) -> RecordKind:
    return KINDS[key]


def by_record_type(record_type: str) -> RecordKind | None:
    return next((k for k in KINDS.values() if k.record_type == record_type), None)
