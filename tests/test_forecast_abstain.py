"""No forecast while nothing of a target's kind has counted or waits (docs/FORECAST.md, "The
status rule"), on SQLite and PostgreSQL: each clause on hand-built pilots for T2, held
against a plain evaluator written here from the rule's words (it shares no code with the
engine: it walks every day of the window), then `progress --json`, the CLI and the backtest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from dashboard.cli import main
from dashboard.models import Target
from dashboard.progress import backtest
from dashboard.progress.backtest_cli import report
from dashboard.progress.service import progress_for
from tests import builders as b

# T2 of the action plan (data/programmes/ap2024_action_plan.json): 100 pilots set up from
# 2024-01-01 to 2025-12-31; a pilot counts while its stage is one of these, and waits while
# it has applied or been recommended (docs/PROGRAMMES.md, docs/FORECAST.md)
OPENS, DEADLINE, QUANTITY = date(2024, 1, 1), date(2025, 12, 31), 100
COUNTED = {"approved", "under_construction", "midterm_evaluation", "accepted"}
WAITING = {"applied", "recommended"}
NOT_STARTED_SHARE = 1 / 4  # "not started" in the first quarter of the window


def stage_on(stages: list[tuple[str, date]], day: date) -> str | None:
    known = [s for s, d in stages if d <= day]
    return known[-1] if known else None


def expected_status(pilots: list[list[tuple[str, date]]], as_of: date) -> str:
    """The rule's words: "forecast" when a record of the kind has counted on some day of the
    window so far or waits on the as-of date (the status then comes from the chance), else
    not started in the first quarter of the window and off track after it."""
    days = [OPENS + timedelta(n) for n in range((as_of - OPENS).days + 1)]
    ever = any(stage_on(p, d) in COUNTED for p in pilots for d in days)
    waits = any(stage_on(p, as_of) in WAITING for p in pilots)
    if ever or waits:
        return "forecast"
    share = ((as_of - OPENS).days + 1) / ((DEADLINE - OPENS).days + 1)
    return "not_started" if share < NOT_STARTED_SHARE else "off_track"


@dataclass(frozen=True)
class Case:
    name: str
    pilots: list[list[tuple[str, date]]]
    as_of: date
    expected: str  # by hand; the evaluator must agree


def _case(name: str, as_of: str, expected: str, *pilots: list[tuple[str, str]]) -> Case:
    """A case with its days written as ISO dates; each pilot is its list of (stage, day)."""
    day = date.fromisoformat
    return Case(name, [[(s, day(d)) for s, d in p] for p in pilots], day(as_of), expected)


CASES = [
    _case("nothing, early", "2024-03-31", "not_started"),
    _case("nothing, the last day under a quarter", "2024-06-30", "not_started"),
    _case("nothing, the first day of the second quarter", "2024-07-01", "off_track"),
    _case("nothing, late", "2025-06-30", "off_track"),
    _case("applied after the as-of date", "2024-07-31", "off_track", [("applied", "2024-08-01")]),
    _case(
        "applied and failed: exits never wait",
        "2024-05-31",
        "not_started",
        [("applied", "2024-02-01"), ("failed", "2024-03-01")],
    ),
    _case("one waiting", "2024-03-31", "forecast", [("applied", "2024-02-01")]),
    _case(
        "one counted, then gone",
        "2024-08-31",
        "forecast",
        [("applied", "2024-01-05"), ("approved", "2024-02-10"), ("failed", "2024-04-20")],
    ),
    _case(
        "one counted",
        "2024-07-31",
        "forecast",
        [("applied", "2024-01-05"), ("approved", "2024-05-01")],
    ),
]


def test_the_evaluator_gives_the_hand_computed_statuses():
    for case in CASES:
        assert expected_status(case.pilots, case.as_of) == case.expected, case.name


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_each_clause_on_hand_built_pilots(session, case: Case):
    for stages in case.pilots:
        b.pilot(session, stages)
    session.commit()
    p = progress_for(session, session.get(Target, "T2"), case.as_of)
    want = expected_status(case.pilots, case.as_of)
    if want == "forecast":
        assert p.forecast_basis != "none" and p.probability is not None
        assert p.forecast_low is not None and p.forecast_band
        assert p.status in {"on_track", "at_risk", "off_track"}
        assert p.status_reason.startswith("probability_")
    else:
        assert p.forecast_basis == "none" and p.status == want
        assert (p.probability, p.forecast, p.forecast_low, p.forecast_high) == (None,) * 4
        assert p.forecast_band == []
        reason = {"not_started": "nothing_yet_early", "off_track": "nothing_yet_late"}[want]
        assert p.status_reason == reason
    # the pace required is given either way: the 100 still needed over the months left
    months = (DEADLINE - case.as_of).days / (365.25 / 12)
    assert p.required_monthly_pace == round((QUANTITY - p.actual) / months, 2)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_progress_json_and_the_cli_say_there_is_no_forecast(session, db_url, capsys, lang):
    b.pilot(session, [("applied", date(2024, 8, 1))])  # after the as-of date: unseen
    session.commit()
    args = ["--database-url", db_url, "progress", "--as-of", "2024-03-31"]
    assert main([*args, "--json", "--programme", "AP2024"]) == 0
    items = {x["code"]: x for x in json.loads(capsys.readouterr().out)["targets"]}
    t2 = items["T2"]
    assert (t2["probability"], t2["forecast"], t2["forecast_low"], t2["forecast_high"]) == (
        None,
        None,
        None,
        None,
    )
    assert t2["forecast_band"] == [] and t2["forecast_basis"] == "none"
    assert (t2["status"], t2["status_reason"]) == ("not_started", "nothing_yet_early")
    assert t2["forecast_note"] == {
        "zh": "暂无预测：尚无此类记录",
        "en": "No forecast yet: no record of this kind so far",
    }
    assert t2["required_monthly_pace"] == round(
        100 / ((date(2025, 12, 31) - date(2024, 3, 31)).days / (365.25 / 12)), 2
    )
    assert main([*args, "--lang", lang, "--programme", "AP2024"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("T2 "))
    words = {"en": "No forecast yet: no record of this kind so far", "zh": "暂无预测：尚无此类记录"}
    status = {"en": "Not started", "zh": "尚未开始"}
    assert words[lang] in line and status[lang] in line


def test_a_forecast_that_is_given_has_a_null_note(session, db_url, capsys):
    b.pilot(session, [("applied", date(2024, 2, 1))])  # waiting: a forecast is given
    session.commit()
    argv = ["--database-url", db_url, "progress", "--as-of", "2024-03-31", "--json"]
    assert main(argv) == 0
    t2 = next(x for x in json.loads(capsys.readouterr().out)["targets"] if x["code"] == "T2")
    assert t2["forecast_note"] is None and t2["forecast_basis"] == "plan"
    assert 0 < t2["probability"] < 1


def test_the_backtest_keeps_abstentions_apart(session):
    # T2: nothing until a pilot applies in May 2024 and is approved in August; 100 needed
    b.pilot(session, [("applied", date(2024, 5, 10)), ("approved", date(2024, 8, 10))])
    session.commit()
    cases, decided = backtest.run(session, until=date(2024, 12, 31), programme="AP2024")
    t2 = [c for c in cases if c.code == "T2"]
    # made at the month ends of January to April: nothing counted or waiting
    gone = {c.made_on for c in t2 if c.abstained}
    assert gone == {date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30)}
    for c in t2:
        if c.abstained:
            assert c.basis == "none" and c.status == "not_started"  # all under a quarter
        else:
            assert c.basis in {"plan", "pace"} and c.status == ""
    shown = backtest.issued(cases)
    assert len(shown) + len([c for c in cases if c.abstained]) == len(cases)
    # the scores of the report are those of the forecasts issued, the constant's too
    model = sum((c.probability - c.reached) ** 2 for c in shown) / len(shown)
    rate = sum(c.reached for c in shown) / len(shown)
    base = sum((rate - c.reached) ** 2 for c in shown) / len(shown)
    assert backtest.brier(shown) == pytest.approx((model, base))
    text = report(cases, decided, date(2024, 12, 31), "en")
    n_gone = len(cases) - len(shown)
    reached = sum(c.reached for c in cases if c.abstained)
    assert f"Of these, {n_gone} were abstentions" in text
    assert f"{reached} of them reached the threshold" in text
    assert f"only the {len(shown)} forecasts actually issued" in text
    assert (
        f"Brier score {model:.3f} (a constant forecast at the observed frequency: {base:.3f})"
        in text
    )
    everything, constant = backtest.brier(cases)
    before = f"would be {everything:.3f} (constant forecast: {constant:.3f})"
    assert f"over all {len(cases)} forecasts {before}" in text
    assert "| nothing counted or waiting: no forecast |" in text
    assert sum(r.n for r in backtest.calibration(shown)) == len(shown)
