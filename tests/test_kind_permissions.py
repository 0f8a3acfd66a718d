"""Who may edit a record kind's records is said by its description (`RecordKind.editors`);
the permission table grants the kinds' edit actions from there, and to exactly the roles and
scopes it granted them when it listed them by hand."""

from __future__ import annotations

from dashboard.kinds import KINDS
from dashboard.permissions import ALL, GRANTS, OWN, PERMISSIONS, edit_grants

# The edit grants of dashboard/permissions.py as listed by hand before they came from the kinds.
LISTED = {
    ("coordinator", "edit_pilot", OWN),
    ("coordinator", "edit_review", OWN),
    ("coordinator", "edit_provincial_plan", OWN),
    ("ministry", "edit_provincial_plan", ALL),
    ("coordinator", "edit_cems_pilot", OWN),
    ("ministry", "edit_emission_factor", ALL),
    ("ministry", "edit_measurement_centre", ALL),
    ("ministry", "edit_standard_adoption", ALL),
    ("coordinator", "edit_zero_carbon_park", OWN),
    ("ministry", "edit_zero_carbon_park", ALL),
    ("coordinator", "edit_energy_review", OWN),
    ("ministry", "edit_task", ALL),
}


def test_the_kinds_grant_the_edit_actions_the_table_listed():
    derived = edit_grants(KINDS.values())
    assert len(derived) == len(set(derived)) == len(LISTED)
    assert set(derived) == LISTED


def test_the_edit_actions_are_granted_only_from_the_kinds():
    assert [row for row in GRANTS if row[1].startswith("edit_")] == []
    assert {row for row in PERMISSIONS if row[1].startswith("edit_")} == LISTED
    assert len(PERMISSIONS) == len(GRANTS) + len(LISTED)
