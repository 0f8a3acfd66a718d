"""Every clause of the counting rule (docs/PROGRAMMES.md, "What a rule means, exactly") on
hand-built records with hand-computed figures: first the plain-Python evaluator alone, then
the SQL engine on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

import dashboard.models  # noqa: F401  (before the spans module: it registers the hook)
from dashboard.progress.spans import ensure_sets, set_key
from tests.oracle import evaluator as ev
from tests.oracle.cases import (
    BACK_IN_REVIEW,
    CASES,
    GB_SPEC,
    REVIEWING,
    Case,
    D,
    in_review,
    pil,
    pilot_spec,
    rev,
    review_spec,
)
from tests.oracle.store import engine_api, engine_figures, insert

CASE_PARAMS = [pytest.param(c, id=c.name) for c in CASES]
EXTRA_PROVINCES = ("110000", "650000")  # asked for even when no record is there


def _kw(case: Case, as_of):
    return dict(
        window_start=case.window_start, deadline=case.deadline, as_of=as_of, **case.records()
    )


def _expected_provinces(case: Case, expected: dict) -> dict:
    recs = case.by_id()
    out: dict = {}
    for rep in expected:
        p = recs[rep]["province_code"]
        out[p] = out.get(p, 0) + 1
    return out


# ----------------------------------------------------------------------------- the evaluator


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_evaluator_gives_the_hand_computed_figures(case: Case):
    for as_of, expected in case.checks:
        result = ev.evaluate(case.spec, **_kw(case, as_of))
        got = {rep: since for since, rep, _p in result.values()}
        assert got == expected, f"as of {as_of}"
        assert ev.count(case.spec, **_kw(case, as_of)) == len(expected)
        per = ev.by_province(case.spec, **_kw(case, as_of))
        assert per == _expected_provinces(case, expected), f"as of {as_of}"
        assert sum(per.values()) == len(expected)
        for p, n in per.items():
            if p is not None:
                assert ev.count(case.spec, province=p, **_kw(case, as_of)) == n


def test_every_clause_has_a_case():
    clauses = " ".join(c.clause for c in CASES)
    for words in (
        "window_start",
        "end = the earlier",
        "entry order",
        "leaving the set",
        "coming back",
        "correction",
        "base_number",
        "dash style",
        "uscc",
        "number_prefixes",
        "kinds",
        "categories",
        "statuses",
        "exit",
        "implementation_date",
        "started_on",
        "Province: record",
        "Province: national",
    ):
        assert words in clauses, words


def test_the_dash_and_batch_keys():
    assert ev.number_key("JJF 1207\u20142008") == ev.number_key("JJF 1207-2008")
    assert ev.number_key("JJF 1207\u20132008") == "JJF 1207-2008"
    assert ev.base_number_key("GBW(E) 130113a") == ev.base_number_key("GBW(E) 130113b")
    assert ev.base_number_key("GBW(E) 130113") == "GBW(E) 130113"
    assert ev.base_number_key("GBW(E) 130113ab") == "GBW(E) 130113ab"  # one letter, after a digit


def test_an_empty_window_counts_nothing():
    case = CASES[0]
    assert ev.count(case.spec, **_kw(case, D("2023-12-31"))) == 0


# ----------------------------------------------------------------------------- the engine


def _check_engine(osession, case: Case) -> list[str]:
    stored = insert(osession, **case.records())
    key = {"deliverable": "deliverables", "pilot": "pilots", "measurement_review": "reviews"}[
        case.spec["records"]
    ]
    sym = sorted(r["id"] for r in case.records()[key])
    to_db = dict(zip(sym, [r["id"] for r in stored[key]], strict=True))
    recs = case.by_id()
    national = case.spec.get("province") == "national"
    provinces = sorted(
        {r["province_code"] for r in recs.values() if r["province_code"]} | set(EXTRA_PROVINCES)
    )
    problems = []
    for as_of, expected in case.checks:
        total, per, rows = engine_figures(
            osession,
            case.spec,
            window_start=case.window_start,
            deadline=case.deadline,
            as_of=as_of,
            provinces=[] if national else provinces,
        )
        if total != len(expected):
            problems.append(f"as of {as_of}: count {total}, expected {len(expected)}")
        if not national:
            want = _expected_provinces(case, expected)
            for p in provinces:
                if per[p] != want.get(p, 0):
                    problems.append(
                        f"as of {as_of}: province {p} count {per[p]}, expected {want.get(p, 0)}"
                    )
            # every province a record is in was asked for: they and the rows without a
            # province make up the national figure
            no_province = sum(1 for row in rows if row[2] is None)
            if sum(per.values()) + no_province != total:
                problems.append(
                    f"as of {as_of}: provinces {per} + {no_province} without one != {total}"
                )
        want_rows = {
            (
                case.spec["records"],
                to_db[rep],
                None if national else recs[rep]["province_code"],
                since,
            )
            for rep, since in expected.items()
        }
        got_rows = {(r[0], r[1], None if national else r[2], r[4]) for r in rows}
        if got_rows != want_rows or len(rows) != len(expected):
            problems.append(
                f"as of {as_of}: rows {sorted(got_rows, key=repr)} (n={len(rows)}), "
                f"expected {sorted(want_rows, key=repr)}"
            )
    return problems


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_engine_gives_the_hand_computed_figures(osession, case: Case):
    """Each case with its stage set registered first, as loading its programme does."""
    if "enters" in case.spec["event"]:
        ensure_sets(
            osession.connection(), [(case.spec["records"], set_key(case.spec["event"]["enters"]))]
        )
    problems = _check_engine(osession, case)
    assert not problems, "\n".join(problems)


UNREGISTERED = [
    Case(
        "review_stage_set_no_programme_has_registered",
        "a rule previewed before it is saved",
        review_spec(event={"enters": ["in_review", "completed"]}),
        reviews=[rev(1, BACK_IN_REVIEW)],
        checks=[
            (D("2024-04-30"), {1: D("2024-02-01")}),
            (D("2024-06-30"), {}),
            (D("2024-08-31"), {1: D("2024-02-01")}),
        ],
    ),
    Case(
        "pilot_stage_set_no_programme_has_registered",
        "a rule previewed before it is saved",
        pilot_spec(event={"enters": ["accepted"]}),
        pilots=[
            pil(1, [(1, "2024-02-01", "approved"), (2, "2024-09-01", "accepted")]),
            pil(2, [(3, "2024-02-01", "approved")]),
        ],
        checks=[(D("2024-06-30"), {}), (D("2024-12-31"), {1: D("2024-09-01")})],
    ),
    Case(
        "default_review_stage_set_without_registration",
        "a rule previewed before it is saved",
        review_spec(event={"enters": list(REVIEWING)}),
        reviews=[in_review(1, "2024-02-01")],
        checks=[(D("2024-12-31"), {1: D("2024-02-01")})],
    ),
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in UNREGISTERED])
def test_a_stage_set_no_programme_registered_is_refused_until_registered(osession, case: Case):
    """docs/PROGRAMMES.md: a rule whose stage set no loaded programme registered is refused,
    never counted as 0 (the default sets of the action plan are always kept); once
    registered (as loading or previewing a programme does) it gives the document's figures."""
    from dashboard.progress.counting import UnregisteredStageSet
    from dashboard.progress.spans import DEFAULT_SETS

    for as_of, expected in case.checks:  # the evaluator first
        got = {rep: since for since, rep, _p in ev.evaluate(case.spec, **_kw(case, as_of)).values()}
        assert got == expected
    key = set_key(case.spec["event"]["enters"])
    if key not in DEFAULT_SETS[case.spec["records"]]:
        _parse, count_records, _rows = engine_api()
        with pytest.raises(UnregisteredStageSet):
            count_records(
                osession,
                _parse(case.spec),
                window_start=case.window_start,
                deadline=case.deadline,
                as_of=case.checks[0][0],
            )
        ensure_sets(osession.connection(), [(case.spec["records"], key)])
    problems = _check_engine(osession, case)
    assert not problems, "\n".join(problems)


def test_the_documents_example_rule_is_a_valid_rule():
    """docs/PROGRAMMES.md opens "The counting rule" with this rule (statuses ["issued"], exit
    statuses ["withdrawn"]) and says: "A status listed neither in `statuses` nor in
    `exit.statuses` never counts"."""
    parse_counting, _c, _r = engine_api()
    parse_counting(GB_SPEC)
