"""Programme files and counting specs: each bad field is refused with its path and reason;
every shipped file is valid; the rule sentence is rendered from every clause of the spec."""

from __future__ import annotations

import copy
import json

import pytest

from dashboard.i18n import t
from dashboard.programmes.files import parse_programme, shipped_files
from dashboard.programmes.rule_text import render_rule
from dashboard.programmes.spec import SpecError, parse_counting

GOOD = {
    "records": "deliverable",
    "kinds": ["national_standard"],
    "statuses": ["issued", "withdrawn"],
    "event": {"date": "issue_date"},
    "exit": {"statuses": ["withdrawn"], "date": "withdrawn_on"},
    "dedupe": "number",
}


def _with(**changes):
    spec = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            spec.pop(key, None)
        else:
            spec[key] = value
    return spec


@pytest.mark.parametrize(
    ("spec", "path", "reason"),
    [
        (_with(records="standards"), "counting.records", "unknown_value"),
        (_with(kinds=["gb"]), "counting.kinds[0]", "unknown_value"),
        (_with(kinds=[]), "counting.kinds", "not_a_list"),
        (_with(categories=["carbon"]), "counting.categories[0]", "unknown_value"),
        (_with(statuses=None), "counting.statuses", "required"),
        (_with(event={"enters": ["approved"]}), "counting.event", "event_needs_date"),
        (_with(event={"date": "deadline"}), "counting.event.date", "unknown_value"),
        (_with(event={"date": "issue_date", "x": 1}), "counting.event", "event_shape"),
        (
            _with(exit={"statuses": ["gone"], "date": "withdrawn_on"}),
            "counting.exit.statuses[0]",
            "unknown_value",
        ),
        (_with(exit={"statuses": ["withdrawn"]}), "counting.exit", "exit_shape"),
        (_with(dedupe="uscc"), "counting.dedupe", "unknown_value"),
        (_with(province="city"), "counting.province", "unknown_value"),
        (_with(colour="red"), "counting.colour", "unknown_field"),
        (
            {"records": "pilot", "event": {"date": "issue_date"}},
            "counting.event",
            "event_needs_enters",
        ),
        (
            {"records": "pilot", "event": {"enters": ["approved", "done"]}},
            "counting.event.enters[1]",
            "unknown_value",
        ),
        (
            {"records": "pilot", "statuses": ["issued"], "event": {"enters": ["approved"]}},
            "counting.statuses",
            "not_for_records",
        ),
        (
            {
                "records": "measurement_review",
                "event": {"enters": ["in_review"]},
                "exit": {"statuses": ["withdrawn"], "date": "withdrawn_on"},
            },
            "counting.exit",
            "exit_history",
        ),
    ],
)
def test_a_bad_spec_names_the_field_and_the_reason(spec, path, reason):
    with pytest.raises(SpecError) as err:
        parse_counting(spec)
    assert (err.value.path, err.value.reason) == (path, reason)
    for lang in ("zh", "en"):  # every reason has a message in both languages
        assert t(f"programme.error.{reason}", lang, **{k: "x" for k in err.value.detail})


def test_a_good_spec_round_trips():
    spec = parse_counting(GOOD)
    assert parse_counting(spec.as_dict()) == spec


def _programme(**target_changes) -> dict:
    raw = json.loads(shipped_files()[0].read_text(encoding="utf-8"))
    for k, v in target_changes.items():
        raw["targets"][0][k] = v
    return raw


@pytest.mark.parametrize(
    ("field", "value", "path", "reason"),
    [
        ("quantity", 0, "targets[0].quantity", "bad_quantity"),
        ("quantity", "70", "targets[0].quantity", "bad_quantity"),
        ("comparison", "roughly", "targets[0].comparison", "unknown_value"),
        ("deadline", "2024-13-01", "targets[0].deadline", "not_a_date"),
        ("window_start", "2031-01-01", "targets[0].window_start", "window_after_deadline"),
        ("clause", "nowhere", "targets[0].clause", "unknown_clause"),
        ("code", "T 1", "targets[0].code", "bad_code"),
        ("counting", {"records": "pilot"}, "targets[0].counting.event", "event_shape"),
    ],
)
def test_a_bad_target_names_the_field(field, value, path, reason):
    with pytest.raises(SpecError) as err:
        parse_programme(_programme(**{field: value}))
    assert (err.value.path, err.value.reason) == (path, reason)


def test_every_shipped_programme_is_valid_and_codes_are_unique():
    targets, milestones = [], []
    for path in shipped_files():
        p = parse_programme(json.loads(path.read_text(encoding="utf-8")))
        targets += [x.code for x in p.targets]
        milestones += [m.code for m in p.milestones]
        assert p.clauses and p.title_zh and p.title_en, path.name
    assert len(targets) == len(set(targets)) and len(milestones) == len(set(milestones))
    # the documents that followed the action plan are there, with their quantities
    assert {"PCF23-50", "PCF23-200", "PCFG-100", "PCFG-200"} <= set(targets)


def _rule(spec: dict, lang: str) -> str:
    from datetime import date

    return render_rule(
        parse_counting(spec), window_start=date(2024, 1, 1), deadline=date(2025, 12, 31), lang=lang
    )


def test_the_rule_sentence_follows_every_clause_of_the_spec():
    base_en, base_zh = _rule(GOOD, "en"), _rule(GOOD, "zh")
    assert "kind national standard, with status issued," in base_en and "国家标准" in base_zh
    assert "issue (completion) date" in base_en and "1 Jan 2024" in base_en
    assert "withdrawal date" in base_en and "废止日期" in base_zh
    assert "each number counts once" in base_en
    # each clause changes the sentence, in both languages
    variants = [
        _with(categories=["carbon_footprint"]),
        _with(number_prefixes=["GB/T "]),
        _with(statuses=["issued"], exit=None),
        _with(event={"date": "started_on"}),
        _with(dedupe="base_number"),
        _with(province="national"),
    ]
    for spec in variants:
        assert _rule(spec, "en") != base_en and _rule(spec, "zh") != base_zh, spec
    assert '"GB/T" and a space' in _rule(variants[1], "en")
    assert "Carbon footprint" in _rule(variants[0], "en") or "carbon footprint" in _rule(
        variants[0], "en"
    )
    history = {"records": "pilot", "event": {"enters": ["approved", "accepted"]}}
    en = _rule(history, "en")
    assert "first reached one of them" in en and "stops counting" in en
    assert "Approved" in en or "approved" in en
    assert _rule({**history, "kinds": ["park"]}, "en") != en
    assert _rule({**history, "dedupe": "uscc"}, "zh") != _rule(history, "zh")
