"""`python -m bench.forecast_bootstrap [--database-url URL] [--until DATE]`: the backtest of
docs/FORECAST.md with a bootstrap of the monthly gains in place of the count model, for the
comparison the document reports. The bootstrap resamples the history's monthly gains (the
same twelve months, seeded) for each month left, the last one pro rata; it reads nothing
besides the history (the records waiting and the planned pace are left aside)."""

from __future__ import annotations

import argparse
import os
from datetime import date

import numpy as np

from dashboard.db import make_engine, session_scope
from dashboard.progress import backtest
from dashboard.progress import forecast as fc
from dashboard.progress.backtest_cli import report


def bootstrap(
    points: list[date], counts: list[int], threshold: int, horizon_days: int, _leads: fc.Leads
):
    actual = counts[-1]
    gains = np.diff(np.asarray(counts, dtype=float))
    if horizon_days <= 0 or len(gains) == 0:
        done = 1.0 if actual >= threshold else 0.0
        return fc.Outlook(float(actual), actual, actual, done), True
    months = horizon_days / fc.DAYS_PER_MONTH
    whole = int(months)
    rng = np.random.default_rng(fc.SEED)
    draws = rng.choice(gains, size=(fc.DRAWS, whole + 1))
    out = actual + np.round(draws[:, :whole].sum(axis=1) + (months - whole) * draws[:, whole])
    low, high = np.quantile(out, [0.1, 0.9], method="inverted_cdf")
    outlook = fc.Outlook(float(out.mean()), int(low), int(high), float((out >= threshold).mean()))
    return outlook, bool(gains.sum() <= 0)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.forecast_bootstrap", description=__doc__)
    p.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    p.add_argument("--until", default="2026-10-15")
    args = p.parse_args(argv)
    until = date.fromisoformat(args.until)
    with session_scope(make_engine(args.database_url)) as s:
        cases, decided = backtest.run(s, until=until, model=bootstrap)
    print(report(cases, decided, until, "en"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
