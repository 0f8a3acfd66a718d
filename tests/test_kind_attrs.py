"""What each kind writes to its record table, pinned: the report column -> record column
map (`RecordKind.attrs`) and the columns a generic registry lists (`record_columns`, in
order). The descriptions name only the columns kept under another name; a change to the
default that fills in the rest shows here."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.kinds import KINDS, common
from dashboard.kinds.rules import BothOrNeither
from dashboard.services.registries import record_columns

LOCATED = {"longitude": "longitude", "latitude": "latitude", "datum": "location_datum"}
ATTRS: dict[str, dict[str, str]] = {
    "pilot_status": {
        "pilot_name": "name",
        "pilot_type": "pilot_type",
        "uscc": "uscc",
        "province_code": "province_code",
        "industry": "industry",
        "standards_adopted": "standards_adopted",
        **LOCATED,
        "note": "note",
    },
    "measurement_review": {
        "enterprise_name": "enterprise_name",
        "province_code": "province_code",
        "industry": "industry",
        "instruments_total": "instruments_total",
        "instruments_calibrated": "instruments_calibrated",
        "note": "note",
    },
    "standard": {
        "adopted_standard": "adopted_standard",
        "category": "category",
        "title_zh": "title_zh",
        "title_en": "title_en",
        "status": "status",
        "started_on": "started_on",
        "issue_date": "issue_date",
        "implementation_date": "implementation_date",
        "withdrawn_on": "withdrawn_on",
        "responsible_org": "responsible_org",
        "province_code": "province_code",
    },
    "task_progress": {},
    "provincial_plan": {
        "status": "status",
        "document_number": "document_number",
        "issuing_body": "issuing_body",
        "issue_date": "issue_date",
        "scope": "scope",
        "evidence": "evidence",
        "note": "note",
    },
    "cems_pilot": {
        "enterprise_name": "enterprise_name",
        "province_code": "province_code",
        "industry": "industry",
        "install_date": "install_date",
        "comparison_result": "comparison_result",
        **LOCATED,
        "note": "note",
    },
    "emission_factor_release": {
        "factor_category": "factor_category",
        "scope": "scope",
        "province_code": "province_code",
        "publication_date": "publication_date",
        "publishing_department": "publishing_department",
        "factor_count": "factor_count",
        "note": "note",
    },
    "measurement_centre": {
        "province_code": "province_code",
        "field": "field",
        "approving_department": "approving_department",
        "note": "note",
    },
    "standard_adoption": {
        "event_date": "event_date",
        "target_number": "target_number",
        "evidence": "evidence",
        "note": "note",
    },
    "zero_carbon_park": {
        "province_code": "province_code",
        "park_type": "park_type",
        "organiser": "organiser",
        **LOCATED,
        "note": "note",
    },
    "energy_measurement_review": {
        "unit_name": "unit_name",
        "province_code": "province_code",
        "field": "field",
        "note": "note",
    },
}
LOCATION_COLUMNS = ["longitude", "latitude", "location_datum"]
# The record columns in order: what the generic registry page lists and what its saves audit
# (not pilots or standards: their listings name their columns and their pages are their
# own, so the order of their `attrs` shows nowhere).
RECORD_COLUMNS: dict[str, list[str]] = {
    "measurement_review": [
        *("id", "uscc", "status", "status_date", "enterprise_name", "province_code"),
        *("industry", "instruments_total", "instruments_calibrated", "note"),
    ],
    "task_progress": ["id", "code"],
    "provincial_plan": [
        *("id", "province_code", "status", "issue_date", "document_number", "issuing_body"),
        *("scope", "evidence", "note"),
    ],
    "cems_pilot": [
        *("id", "uscc", "stage", "stage_date", "enterprise_name", "province_code", "industry"),
        *("install_date", "comparison_result", *LOCATION_COLUMNS, "note"),
    ],
    "emission_factor_release": [
        *("id", "release_name", "factor_category", "scope", "province_code"),
        *("publication_date", "publishing_department", "factor_count", "note"),
    ],
    "measurement_centre": [
        *("id", "centre_name", "stage", "stage_date", "province_code", "field"),
        *("approving_department", "note"),
    ],
    "standard_adoption": [
        *("id", "standard_number", "event", "event_date", "target_number", "evidence"),
        "note",
    ],
    "zero_carbon_park": [
        *("id", "park_name", "stage", "stage_date", "province_code", "park_type", "organiser"),
        *(*LOCATION_COLUMNS, "note"),
    ],
    "energy_measurement_review": [
        *("id", "uscc", "status", "status_date", "unit_name", "province_code", "field"),
        "note",
    ],
}


def test_every_kind_is_pinned():
    assert set(ATTRS) == set(KINDS)


@pytest.mark.parametrize("key", list(ATTRS))
def test_the_record_columns_each_report_column_is_kept_in(key):
    assert KINDS[key].attrs == ATTRS[key]


@pytest.mark.parametrize("key", list(RECORD_COLUMNS))
def test_the_columns_a_generic_registry_lists_in_order(key):
    assert record_columns(KINDS[key]) == [*RECORD_COLUMNS[key], "version", "updated_at"]


def test_a_kind_renaming_a_column_it_lacks_is_refused():
    with pytest.raises(ValueError, match="renames columns it lacks"):
        replace(KINDS["cems_pilot"], renamed={"location_datum": "datum"})


def test_a_kind_names_only_the_columns_kept_under_another_name():
    park = KINDS["zero_carbon_park"]
    assert park.renamed == {"datum": "location_datum"}
    assert park.attrs["organiser"] == "organiser"
    # the stage and its date are the history's; the key is the record's name
    assert not {"park_name", "stage", "stage_date"} & set(park.attrs)


def test_a_located_kind_gets_the_datums_column_and_the_pair_rule_from_its_location():
    centre = KINDS["measurement_centre"]
    located = replace(
        centre, columns=(*centre.columns, *common.LOCATION_COLUMNS), location=common.LOCATION
    )
    assert located.renamed == {"datum": "location_datum"}
    assert located.row_rules == (BothOrNeither("longitude", "latitude", "location_pair"),)
    assert located.attrs == ATTRS["measurement_centre"] | LOCATED
    # after the kind's own rules; a replace of a located kind keeps it once
    pilot = KINDS["pilot_status"]
    assert pilot.renamed == {"pilot_name": "name", "datum": "location_datum"}
    assert [r.code for r in pilot.row_rules] == ["uscc_required", "location_pair"]
    assert replace(pilot).row_rules == pilot.row_rules
