"""Hand cases for the counting rule's standard_adoption clauses (docs/PROGRAMMES.md: events as
kinds, the event date in the window, number de-duplication across one standard's events,
national only), each worked out by hand, held by the oracle and by the SQL engine alike, on
SQLite and PostgreSQL; and the shipped milestones M1 and M2 that count them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from dashboard.kinds.standard_adoption import StandardAdoption
from tests.oracle import evaluator as ev
from tests.oracle.store import engine_figures

GROUP = [
    "adopted_into_green_product_list",
    "converted_to_industry_standard",
    "converted_to_national_standard",
]
W = {"window_start": date(2024, 1, 1), "deadline": date(2025, 12, 31)}


def _spec(kinds=None, dedupe="number") -> dict:
    spec = {"records": "standard_adoption", "event": {"date": "event_date"}}
    if kinds:
        spec["kinds"] = kinds
    return spec | {"dedupe": dedupe, "province": "national"}


def _adoptions(*rows) -> list[dict]:
    return [
        {"id": i + 1, "standard_number": n, "event": e, "event_date": d}
        for i, (n, e, d) in enumerate(rows)
    ]


ROWS = _adoptions(
    ("T/CNCA 1-2024", "adopted_into_green_product_list", date(2024, 3, 1)),
    ("T/CNCA 1—2024", "converted_to_national_standard", date(2025, 2, 1)),  # same standard
    ("T/CNCA 2-2024", "converted_to_industry_standard", date(2023, 12, 31)),  # before window
    ("T/CNCA 3-2024", "converted_to_industry_standard", date(2024, 1, 1)),  # first day
    ("T/CNCA 4-2025", "adopted_into_green_product_list", date(2026, 1, 1)),  # after deadline
    ("ISO/NP 14090", "international_proposal_submitted", date(2024, 6, 1)),
    ("ISO/NP 14090", "international_standard_published", date(2025, 6, 1)),
    ("ISO/NP 14091", "international_proposal_submitted", date(2025, 7, 1)),
)

# (spec, as_of, figure worked out by hand)
CASES = [
    # group events, one per standard: T/CNCA 1 (twice, one key) and T/CNCA 3
    pytest.param(_spec(GROUP), date(2026, 6, 1), 2, id="group-by-number"),
    # each group event: T/CNCA 1 twice, T/CNCA 3
    pytest.param(_spec(GROUP, "record"), date(2026, 6, 1), 3, id="group-by-record"),
    # on 2024-12-31 T/CNCA 1's conversion has not happened: still one key, and T/CNCA 3
    pytest.param(_spec(GROUP, "record"), date(2024, 12, 31), 2, id="as-of-before-event"),
    # published international standards only
    pytest.param(_spec(["international_standard_published"]), date(2026, 6, 1), 1, id="m2"),
    # proposals and publications of one proposal are one key; two proposals
    pytest.param(
        _spec(["international_proposal_submitted", "international_standard_published"]),
        date(2026, 6, 1),
        2,
        id="international-by-number",
    ),
    # no kinds: every event in the window, by standard: T/CNCA 1, 3, ISO/NP 14090, 14091
    pytest.param(_spec(), date(2026, 6, 1), 4, id="all-events"),
]


def _insert(session: Session, rows: list[dict]) -> None:
    for r in rows:
        session.add(
            StandardAdoption(
                id=r["id"],
                standard_number=r["standard_number"],
                event=r["event"],
                event_date=r["event_date"],
            )
        )
    session.flush()


@pytest.mark.parametrize(("spec", "as_of", "expected"), CASES)
def test_hand_case(osession, spec, as_of, expected):
    assert ev.count(spec, adoptions=ROWS, as_of=as_of, **W) == expected
    _insert(osession, ROWS)
    total, _, rows = engine_figures(osession, spec, as_of=as_of, provinces=(), **W)
    assert total == expected
    by_oracle = {
        rep for _s, rep, _p in ev.evaluate(spec, adoptions=ROWS, as_of=as_of, **W).values()
    }
    assert {r[1] for r in rows} == by_oracle  # the same representatives
    assert all(r[2] is None for r in rows)  # national: no province


def test_the_key_date_is_the_earliest_event(osession):
    spec = _spec(GROUP)
    found = ev.evaluate(spec, adoptions=ROWS, as_of=date(2026, 6, 1), **W)
    assert found[("number", "T/CNCA 1-2024")] == (date(2024, 3, 1), 1, None)
    _insert(osession, ROWS)
    _, _, rows = engine_figures(osession, spec, as_of=date(2026, 6, 1), provinces=(), **W)
    assert sorted((r[1], r[4]) for r in rows) == [(1, date(2024, 3, 1)), (4, date(2024, 1, 1))]


def test_adoptions_are_national_only():
    from dashboard.programmes.spec import SpecError, parse_counting

    spec = _spec(GROUP) | {"province": "record"}
    with pytest.raises(ValueError):
        ev.count(spec, adoptions=ROWS, as_of=date(2026, 1, 1), **W)
    with pytest.raises(SpecError) as err:
        parse_counting(spec)
    assert (err.value.path, err.value.reason) == ("counting.province", "national_only")
    for field, value in (("categories", ["carbon_accounting"]), ("statuses", ["issued"])):
        with pytest.raises(SpecError):
            parse_counting(_spec() | {field: value})


PLAN = Path(__file__).resolve().parents[2] / "data" / "programmes" / "ap2024_action_plan.json"


@pytest.mark.parametrize("code", ["M1", "M2"])
def test_shipped_milestones_count_adoptions(osession, code):
    m = next(
        x for x in json.loads(PLAN.read_text(encoding="utf-8"))["milestones"] if x["code"] == code
    )
    spec = m["counting"]
    window = {
        "window_start": date.fromisoformat(m["window_start"]),
        "deadline": date.fromisoformat(m["deadline"]),
    }
    expected = {"M1": 2, "M2": 1}[code]  # by hand from ROWS, as above
    assert ev.count(spec, adoptions=ROWS, as_of=date(2026, 6, 1), **window) == expected
    _insert(osession, ROWS)
    total, _, _ = engine_figures(osession, spec, as_of=date(2026, 6, 1), provinces=(), **window)
    assert total == expected
