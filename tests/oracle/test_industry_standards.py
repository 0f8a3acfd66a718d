"""An industry standard (HJ, HJ/T, NB/T ...) counts for no target of the shipped programmes:
no counting spec lists the kind, and the national-standard targets' number prefixes keep an
HJ number out even when it is declared a national standard."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.oracle import evaluator as ev

PROGRAMMES = Path(__file__).resolve().parents[2] / "data" / "programmes"
TARGETS = [
    pytest.param(target, id=f"{path.stem}:{target['code']}")
    for path in sorted(PROGRAMMES.glob("*.json"))
    for target in json.loads(path.read_text(encoding="utf-8"))["targets"]
    if target["counting"]["records"] == "deliverable"
]


def _record(spec: dict, kind: str, number: str, day: date) -> dict:
    """A record that passes every filter of `spec` except, perhaps, the kind and number."""
    return {
        "id": 1,
        "number": number,
        "kind": kind,
        "category": (spec.get("categories") or ["carbon_accounting"])[0],
        "status": (spec.get("statuses") or ["issued"])[0],
        "issue_date": day,
        "started_on": day,
        "implementation_date": day,
        "withdrawn_on": None,
        "province_code": None,
    }


@pytest.mark.parametrize("target", TARGETS)
def test_no_target_counts_an_industry_standard(target):
    spec = target["counting"]
    start, deadline = (
        date.fromisoformat(target["window_start"]),
        date.fromisoformat(target["deadline"]),
    )
    day = start + timedelta(days=30)
    kw = {"window_start": start, "deadline": deadline, "as_of": deadline}
    assert "industry_standard" not in spec.get("kinds", [])
    for number in ("HJ 1357-2024", "HJ/T 353-2007", "NB/T 10001-2016"):
        hj = _record(spec, "industry_standard", number, day)
        assert ev.count(spec, deliverables=[hj], **kw) == 0
    if "national_standard" in spec.get("kinds", []):
        # the same record declared national: the number prefixes of GB targets exclude it,
        # while a GB number with the same attributes counts (the test is not vacuous)
        mislabelled = _record(spec, "national_standard", "HJ 1357-2024", day)
        gb = _record(spec, "national_standard", "GB/T 24067-2024", day)
        if spec.get("number_prefixes"):
            assert ev.count(spec, deliverables=[mislabelled], **kw) == 0
        assert ev.count(spec, deliverables=[gb], **kw) == 1
