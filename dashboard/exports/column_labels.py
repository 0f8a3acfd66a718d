"""The product's one vocabulary of table columns: each column a service frame may hold, by its
name, with its catalog label and how its values read (see `dashboard.exports.labels`). A page
names its columns in order and is labelled as every other page that shows them:

    table_columns("code", "name", "pilot_type", "province_code", MARK_COLUMN)

A column whose values are the record's own enumeration (a status, a kind, a category) says
which, in its place: `table_columns(("status", "review_status"), "status_date")`. A column
only one page shows, under a name of its own, is given as that page's {name: spec}.
"""

from __future__ import annotations

from dashboard.exports.labels import Columns
from dashboard.services.counting_marks import MARK_COLUMN

# Shown as they are.
PLAIN = {
    "code": "col.code",
    "identifier": "col.identifier",
    "name": "col.name",
    "uscc": "col.uscc",
    "enterprise_name": "col.enterprise",
    "longitude": "locations.col.longitude",
    "latitude": "locations.col.latitude",
    "corrects_id": "col.corrects",
    "standards_adopted": "col.standards_adopted",
    "instruments_total": "col.instruments_total",
    "instruments_calibrated": "col.instruments_calibrated",
    "number": "col.number",
    "adopted_standard": "col.adopted_standard",
    "title_zh": "col.title_zh",
    "title_en": "col.title_en",
    "responsible_org": "col.responsible_org",
    "filename": "col.file",
    "row_count": "submit.rows",
    "error_count": "submit.errors",
    "decided_by": "submit.decided_by",
    "decision_comment": "col.comment",
    "progress_pct": "col.progress",
    "evidence": "col.evidence",
    "department_code": "col.department",
    "note": "col.note",
    "source": "col.source",
}
# Dates, and moments in the display zone.
DATES = {
    "current_stage_date": "col.stage_date",
    "stage_date": "col.stage_date",
    "status_date": "col.status_date",
    "issue_date": "col.issue_date",
    "started_on": "col.started_on",
    "submitted_at": "col.submitted_at",
    "last_update_on": "col.last_update",
    "update_date": "col.update_date",
    "since": "col.counted_since",
    "updated_at": "col.updated_at",
}
# Lists, joined.
LISTS = {
    "lead": "col.lead",
    "participating": "col.participating",
    MARK_COLUMN: "col.counts_for",
}
# Province codes (GB/T 2260), by the province's name.
PROVINCES = {"province_code": "col.province"}
# An enumeration of the vocabulary (`dashboard.vocab`), by its label.
ENUMERATIONS: Columns = {
    "industry": ("col.industry", "industry"),
    "datum": ("locations.col.datum", "datum"),
    "pilot_type": ("col.type", "pilot_type"),
    "current_stage": ("col.stage", "stage"),
    "stage": ("col.stage", "stage"),
}
# An enumeration that depends on the record (a pilot's, a review's, a task's status...): the
# page says which.
BY_RECORD = {"status": "col.status", "kind": "col.kind", "category": "col.category"}

COLUMN_LABELS: Columns = {
    **PLAIN,
    **{name: (key, "date") for name, key in DATES.items()},
    **{name: (key, "list") for name, key in LISTS.items()},
    **{name: (key, "province") for name, key in PROVINCES.items()},
    **ENUMERATIONS,
}


def table_columns(*fields: str | tuple[str, str] | Columns) -> Columns:
    """The columns of a table in order: a name from the vocabulary; (a name of `BY_RECORD`,
    the enumeration its values read as); or a page's own {name: spec}."""
    out: Columns = {}
    for field in fields:
        if isinstance(field, str):
            out[field] = COLUMN_LABELS[field]
        elif isinstance(field, tuple):
            name, group = field
            out[name] = (BY_RECORD[name], group)
        else:
            out.update(field)
    return out
