"""The forecast from the database, on SQLite and PostgreSQL: the history the engine counts,
each quarter's forecast against the outcome, the backtest, and `progress --json`."""

import json
from datetime import date

import pytest

from dashboard.cli import main
from dashboard.models import Target
from dashboard.progress import backtest, forecast
from dashboard.progress.backtest_cli import report
from dashboard.progress.counting import count_as_of, count_waiting
from dashboard.progress.engine import compute, history_points
from dashboard.progress.service import definition, progress_for
from dashboard.services.forecast_history import quarterly_forecasts
from tests import builders as b


def _monthly_standards(session, per_month: dict[int, int]) -> None:
    """National standards counted by T1 (issued in 2024), `n` issued on the 10th of a month."""
    for month, n in per_month.items():
        for _ in range(n):
            b.standard(session, issued=date(2024, month, 10))
    session.commit()


def test_progress_counts_the_history_and_the_model_makes_the_forecast(session):
    _monthly_standards(session, {m: 5 for m in range(1, 10)})
    target = session.get(Target, "T1")
    d = definition(target)
    as_of = date(2024, 9, 30)
    points = history_points(d, as_of)
    counts = [count_as_of(session, d, day) for day in points]
    assert counts == [0, *(5 * m for m in range(1, 10))]
    p = progress_for(session, target, as_of)
    assert p == compute(d, as_of=as_of, counts=counts)  # the same figures as by hand
    # 45 issued, 25 more needed in 3 months at 5 a month: unlikely
    assert p.probability < forecast.AT_RISK_FROM and p.status == "off_track"
    assert p.forecast_low <= 70 + 0 and p.forecast_low <= p.forecast <= p.forecast_high


def test_each_quarter_forecast_against_the_outcome(session):
    _monthly_standards(session, {m: 6 for m in range(1, 13)})  # 72 by the end of 2024
    target = session.get(Target, "T1")
    assert quarterly_forecasts(session, target, date(2024, 12, 31)) == []  # not yet passed
    rows = quarterly_forecasts(session, target, date(2025, 3, 1))
    assert [r.made_on for r in rows] == [date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30)]
    assert {r.outcome for r in rows} == {72}
    for r in rows:
        p = progress_for(session, target, r.made_on)
        assert (r.actual, r.low, r.high, r.probability) == (
            p.actual,
            p.forecast_low,
            p.forecast_high,
            p.probability,
        )
        assert r.held == (r.low <= 72 <= r.high)
    # 54 at the end of September, 6 a month: about 72 expected against 70 needed
    assert rows[-1].actual == 54 and rows[-1].expected == pytest.approx(72.3, abs=0.1)
    assert forecast.AT_RISK_FROM <= rows[-1].probability < forecast.ON_TRACK_FROM
    assert rows[-1].status == "at_risk"


def test_backtest_cases_and_report(session):
    _monthly_standards(session, {m: 6 for m in range(1, 13)})
    cases, decided = backtest.run(session, until=date(2025, 3, 1), programme="AP2024")
    t1 = [c for c in cases if c.code == "T1"]
    # horizons: the quarter ends of 2024 before the deadline, and the deadline
    assert {c.horizon for c in t1} == {
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
    }
    final = [c for c in t1 if c.horizon == date(2024, 12, 31)]
    assert all(c.threshold == 70 and c.outcome == 72 and c.reached for c in final)
    assert backtest.required_at(definition(session.get(Target, "T1")), date(2024, 6, 30)) == 35
    # one forecast by hand: made on 2024-08-31 for the deadline
    c = next(c for c in final if c.made_on == date(2024, 8, 31))
    d = definition(session.get(Target, "T1"))
    p = progress_for(session, session.get(Target, "T1"), c.made_on)
    assert (c.actual, c.low, c.high) == (48, p.forecast_low, p.forecast_high)
    assert round(c.probability, 3) == p.probability  # the card rounds it
    assert d.threshold == c.threshold
    text = report(cases, decided, date(2025, 3, 1), "en")
    assert f"{len(cases)} forecasts" in text and "| 0.9–1.0 |" in text
    rows = backtest.calibration(cases)
    assert sum(r.n for r in rows) == len(cases)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_progress_json_and_text_carry_the_forecast(session, db_url, capsys, lang):
    _monthly_standards(session, {m: 5 for m in range(1, 10)})
    assert main(["--database-url", db_url, "progress", "--as-of", "2024-09-30", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    t1 = next(x for x in out["targets"] if x["code"] == "T1")
    p = progress_for(session, session.get(Target, "T1"), date(2024, 9, 30))
    assert (t1["probability"], t1["forecast_low"], t1["forecast_high"], t1["status"]) == (
        p.probability,
        p.forecast_low,
        p.forecast_high,
        p.status,
    )
    assert t1["forecast_band"][-1] == {
        "day": "2024-12-31",
        "low": p.forecast_low,
        "high": p.forecast_high,
    }
    argv = ["--database-url", db_url, "progress", "--as-of", "2024-09-30", "--lang", lang]
    assert main(argv) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("T1 "))
    assert (
        f"{p.forecast_low}–{p.forecast_high}" in line
        or f"{p.forecast_low}-{p.forecast_high}" in line
    )


def test_backtest_command_prints_the_tables(session, db_url, capsys):
    _monthly_standards(session, {m: 6 for m in range(1, 13)})
    argv = ["--database-url", db_url, "forecast-backtest", "--until", "2025-03-01"]
    assert main([*argv, "--programme", "AP2024"]) == 0
    text = capsys.readouterr().out
    cases, decided = backtest.run(session, until=date(2025, 3, 1), programme="AP2024")
    assert text == report(cases, decided, date(2025, 3, 1), "en") + "\n"


def test_records_waiting_to_count_on_a_day(session):
    day = date(2024, 6, 30)
    # pilots (T2 counts them from approval): applied or recommended that day wait
    b.pilot(session, [("applied", date(2024, 2, 1))])
    b.pilot(session, [("applied", date(2024, 2, 1)), ("recommended", date(2024, 5, 1))])
    b.pilot(session, [("applied", date(2024, 2, 1)), ("approved", date(2024, 6, 1))])  # counts
    b.pilot(session, [("applied", date(2024, 2, 1)), ("failed", date(2024, 4, 1))])  # left
    b.pilot(session, [("applied", date(2024, 7, 1))])  # not yet applied that day
    b.pilot(session, [("applied", date(2024, 2, 1)), ("approved", date(2024, 9, 1))])  # waits
    # reviews (T3 counts them once in review): planned that day wait
    b.review(session, [("planned", date(2024, 3, 1))])
    b.review(session, [("planned", date(2024, 3, 1)), ("in_review", date(2024, 4, 1))])
    # standards (T1 counts them by issue date): started that day, not yet issued, wait
    b.standard(session, issued=None, started=date(2024, 3, 1))
    b.standard(session, issued=date(2024, 8, 1), started=date(2024, 3, 1))  # issued later
    b.standard(session, issued=date(2024, 5, 1), started=date(2024, 3, 1))  # counts
    b.standard(session, issued=None, started=date(2024, 7, 1))  # started later
    b.standard(session, issued=None)  # no start recorded: cannot be dated
    session.commit()
    got = {}
    for code in ("T1", "T2", "T3", "T5"):
        got[code] = count_waiting(session, definition(session.get(Target, code)), day)
    # technology studies count from their start: nothing comes before it
    assert got == {"T1": 2, "T2": 3, "T3": 1, "T5": 0}
    target = session.get(Target, "T2")
    p = progress_for(session, target, day)
    d = definition(target)
    counts = [count_as_of(session, d, x) for x in history_points(d, day)]
    assert p.waiting == 3 and p == compute(d, as_of=day, counts=counts, waiting=3)
    cases, _ = backtest.run(session, until=date(2024, 9, 30), programme="AP2024")
    made = {c.made_on: c.waiting for c in cases if c.code == "T2"}
    assert made[date(2024, 6, 30)] == 3 and made[date(2024, 1, 31)] == 0
