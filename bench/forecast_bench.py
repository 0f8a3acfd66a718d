"""`python -m bench.forecast_bench [--database-url URL] [--as-of DATE] [--programme CODE]`:
what the forecast costs on the overview. For each target of the programme: the history's
counts (13 indexed counts), the records waiting (one query), and the model (fit, the 20,000
seeded draws, the band), first with its cache empty and then cached; then the whole overview
service (cards), and the backtest of the programme. Prints one line each (median of 5 where
repeated)."""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date

from dashboard.db import make_engine, session_scope
from dashboard.progress import backtest
from dashboard.progress import forecast as fc
from dashboard.progress.counting import count_waiting, counts_at
from dashboard.progress.engine import compute, history_points
from dashboard.progress.service import definition, list_targets
from dashboard.services import overview


def _ms(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.forecast_bench", description=__doc__)
    p.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    p.add_argument("--as-of", default="2025-06-30")
    p.add_argument("--programme", default="AP2024")
    p.add_argument("--until", default="2026-10-15", help="the backtest's last day")
    args = p.parse_args(argv)
    as_of = date.fromisoformat(args.as_of)
    engine = make_engine(args.database_url)
    with session_scope(engine) as s:
        targets = list_targets(s, args.programme)
        counts_ms = waiting_ms = model_cold = model_warm = 0.0
        for tg in targets:
            d = definition(tg)
            points = history_points(d, as_of)
            counts_ms += _ms(lambda d=d, points=points: counts_at(s, d, points))
            counts = counts_at(s, d, points)
            waiting_ms += _ms(lambda d=d: count_waiting(s, d, as_of))
            waiting = count_waiting(s, d, as_of)

            def model(d=d, counts=counts, waiting=waiting, clear=True):
                if clear:
                    fc._gains.cache_clear()
                compute(d, as_of=as_of, counts=counts, waiting=waiting)

            model_cold += _ms(model)
            model_warm += _ms(lambda model=model: model(clear=False))
        n = len(targets)
        print(f"{n} targets of {args.programme} as of {as_of}")
        print(f"history counts, all targets: {counts_ms:.1f} ms")
        print(f"records waiting, all targets: {waiting_ms:.1f} ms")
        print(f"model, cache empty, all targets: {model_cold:.1f} ms")
        print(f"model, cached, all targets: {model_warm:.2f} ms")
        cards = _ms(lambda: overview.target_cards(s, as_of, args.programme))
        print(f"overview cards (service, model cached): {cards:.1f} ms")
        start = time.perf_counter()
        cases, _ = backtest.run(s, until=date.fromisoformat(args.until), programme=args.programme)
        took = time.perf_counter() - start
        print(f"backtest of {args.programme}: {len(cases)} forecasts in {took:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
