"""The kinds beyond pilots and measurement reviews whose records a province moves on through
their stages (CEMS pilots, measurement centres, zero-carbon parks, energy reviews) and the
provincial plans (one per province) come pre-filled too: a coordinator's template holds their
province's records only, and sent back unchanged it changes nothing."""

from __future__ import annotations

import random
from datetime import date

import pytest

from dashboard.kinds import KINDS
from dashboard.submissions import apply_rows, preview
from dashboard.uscc import make_uscc
from pipelines.ingest import check_bytes
from pipelines.prefill import prefill_rows, prefilled_kinds
from pipelines.templates import csv_template, xlsx_template

ZJ = "coordinator:330000"


def _record(kind: str, province: str) -> dict:
    """One record of the kind in the province, as a report row."""
    n = int(province[:2])
    uscc = make_uscc(random.Random(n), province)
    values = {
        "cems_pilot": {
            **{"uscc": uscc, "enterprise_name": f"CEMS企业{n}", "industry": "power"},
            **{"install_date": date(2024, 3, 1), "stage": "installed"},
            "stage_date": date(2024, 4, 1),
        },
        "measurement_centre": {
            **{"centre_name": f"国家碳计量中心{n}", "field": "power"},
            **{"stage": "approved_preparation", "stage_date": date(2024, 5, 1)},
        },
        "zero_carbon_park": {
            **{"park_name": f"零碳园区{n}", "park_type": "industrial", "stage": "applied"},
            "stage_date": date(2024, 6, 1),
        },
        "energy_measurement_review": {
            **{"uscc": uscc, "unit_name": f"用能单位{n}", "field": "steel"},
            **{"review_status": "planned", "review_date": date(2024, 7, 1)},
        },
        "provincial_plan": {
            **{"status": "issued", "document_number": f"（{n}）政办发〔2024〕1号"},
            **{"issuing_body": "省人民政府办公厅", "issue_date": date(2024, 8, 1)},
        },
    }[kind]
    return {c.key: None for c in KINDS[kind].columns} | values | {"province_code": province}


KEYS = ["cems_pilot", "measurement_centre", "zero_carbon_park", "energy_measurement_review"]


@pytest.mark.parametrize("kind", [*KEYS, "provincial_plan"])
def test_a_coordinators_template_holds_their_provinces_records_and_changes_nothing(
    session, engine, actors, ingest, kind
):
    assert kind in prefilled_kinds()
    own, other = _record(kind, "330000"), _record(kind, "370000")
    apply_rows(session, kind=kind, rows=[own, other], submission_id=None, actor_name="t")
    session.commit()

    rows = prefill_rows(session, actor=actors[ZJ], kind=kind)
    note = {"note": None}  # a note is the report row's, not the record's: left blank
    assert rows == [own | note]
    assert prefill_rows(session, actor=actors["admin"], kind=kind) == []  # national

    data = xlsx_template(kind, rows)
    checked = check_bytes(engine, data=data, filename=f"{kind}.xlsx", actor=actors[ZJ])
    assert (checked.status, checked.errors) == ("valid", [])
    staged = ingest(data, f"{kind}.xlsx", actors[ZJ])
    change = preview(session, actor=actors["ministry"], submission_id=staged.submission_id)
    assert change.move_count == 0 and change.conflicts == []
    counts = dict(change.counts)
    assert counts.pop(KINDS[kind].model.__tablename__) == {"new": 0, "updated": 0, "unchanged": 1}
    assert all(c == {"new": 0} for c in counts.values())  # no history entry either
    assert own[KINDS[kind].record_key[0]] in csv_template(kind, rows).decode("utf-8-sig")
