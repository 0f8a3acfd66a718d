"""Every write the permission table grants is performed through the widgets by each role that
has it (the table below names the test that does it, and each test it names exists); a role
without the grant is shown the record but no form."""

from __future__ import annotations

import importlib

import pytest

from dashboard.i18n import t
from tests.pages.conftest import app_as
from tests.pages.widgets import _ok, select_row

# Each (role, action) the permission table grants, and the test that performs it through
# the widgets, by the file it is in. Reads (view_*) are covered by the page smoke tests,
# exports by the export tests, and run_pipelines by the command-line tests (it has no page).
STAGED = "test_coordinator_adds_a_record_with_stages_and_moves_it_on"
PERFORMED_IN = {
    "test_record_edits.py": {
        ("ministry", "edit_task"): "test_ministry_updates_a_task",
        ("coordinator", "edit_pilot"): "test_coordinator_moves_own_pilot_on",
        ("coordinator", "edit_review"): "test_coordinator_updates_own_measurement_review",
    },
    "test_submission_pages.py": {
        ("coordinator", "submit_report"): "test_a_report_is_submitted_through_the_upload",
        ("admin", "submit_report"): "test_a_report_is_submitted_through_the_upload",
        ("ministry", "review_submission"): "test_ministry_accepts_knowing_what_it_changes",
    },
    "test_admin_pages.py": {
        ("admin", "manage_users"): "test_admin_changes_a_role",
        ("admin", "view_audit"): "test_admin_verifies_the_audit_trail",
    },
    "test_kind_pages.py": {
        ("coordinator", "edit_provincial_plan"): "test_coordinator_reports_the_province_plan",
        ("ministry", "edit_provincial_plan"): "test_ministry_issues_a_drafting_plan",
        ("coordinator", "edit_cems_pilot"): f"{STAGED}[cems_pilot]",
        ("coordinator", "edit_zero_carbon_park"): f"{STAGED}[zero_carbon_park]",
        ("ministry", "edit_emission_factor"): "test_ministry_records_a_factor_release",
        ("ministry", "edit_measurement_centre"): (
            "test_ministry_adds_a_measurement_centre_and_coordinator_may_not"
        ),
    },
    "test_adoption_pages.py": {
        ("ministry", "edit_standard_adoption"): (
            "test_ministry_records_a_conversion_to_a_national_standard"
        ),
        ("ministry", "edit_zero_carbon_park"): (
            "test_ministry_adds_a_park_in_any_province_and_may_not_move_it_back"
        ),
        ("coordinator", "edit_energy_review"): "test_coordinator_adds_an_energy_measurement_review",
    },
    "test_programmes_page.py": {
        ("admin", "manage_programmes"): "test_admin_previews_then_saves_a_new_programme",
    },
    "test_digest_settings.py": {
        (role, "set_own_digest"): "test_each_role_sets_own_digest"
        for role in ("admin", "ministry", "coordinator", "briefing")
    },
}
PERFORMED_BY = {
    grant: f"tests/pages/{file}::{test}"
    for file, tests in PERFORMED_IN.items()
    for grant, test in tests.items()
}
NOT_HERE = {"view_aggregates", "view_records", "view_submissions", "view_supervision", "export"}
NOT_HERE |= {"run_pipelines"}


def test_every_granted_action_is_performed_through_the_widgets():
    from dashboard.permissions import PERMISSIONS

    granted = {(role, action) for role, action, _ in PERMISSIONS if action not in NOT_HERE}
    assert granted == set(PERFORMED_BY), granted ^ set(PERFORMED_BY)


def _is_a_test(node: str) -> bool:
    """Whether `node` ("path::name" or "path::name[param id]") names a test that exists."""
    path, _, name = node.partition("::")
    name, _, param = name.removesuffix("]").partition("[")
    test = getattr(importlib.import_module(path.removesuffix(".py").replace("/", ".")), name, None)
    if not callable(test):
        return False
    marks = [m for m in getattr(test, "pytestmark", []) if m.name == "parametrize"]
    return not param or param in {getattr(p, "id", None) for m in marks for p in m.args[1]}


def test_every_test_the_table_names_exists():
    assert [n for n in sorted(set(PERFORMED_BY.values())) if not _is_a_test(n)] == []


# the record pages with an edit form, the key of their table, and the demo users whose role
# has no grant to edit their records
WITHOUT_THE_GRANT = {
    ("tasks.py", "task_table"): ("briefing", "admin", "zhejiang"),
    ("pilots.py", "pilot_table"): ("ministry", "briefing"),
    ("measurement_reviews.py", "review_table"): ("ministry", "admin"),
}


@pytest.mark.parametrize(
    ("username", "page", "table"),
    [(user, page, table) for (page, table), users in WITHOUT_THE_GRANT.items() for user in users],
)
def test_roles_without_the_grant_get_no_form(demo_env, username, page, table):
    at = app_as(demo_env, username, "en").run()
    at.switch_page(f"../pages/{page}").run()
    select_row(at, table, 0)
    _ok(at)
    assert at.subheader, "a record is selected"
    assert not [b for b in at.button if b.label == t("form.save", "en")]
