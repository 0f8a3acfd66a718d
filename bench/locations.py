"""How much placing locations adds to a report's validation: the 100,000-row pilot report
validated with every row located (WGS-84 points inside Zhejiang), the same rows without
coordinates, and the spatial placement alone.

    PYTHONPATH=. .venv/bin/python -m bench.locations [--rows 100000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date

os.environ.setdefault("DASHBOARD_I18N_STRICT", "0")

from dashboard.locations.datums import to_map
from dashboard.locations.provinces import boundaries, place
from dashboard.province_names import reference_index
from pipelines.safe_read import read_table
from pipelines.validate import Context, validate_table
from tests.pipelines.corpus_locations import LOCATED, located
from tests.pipelines.make_corpus import csv_bytes


def _rows(n: int, with_points: bool) -> list[list]:
    out = []
    for i in range(n):
        lon, lat = 120.0 + (i % 1000) / 2000, 29.5 + (i // 1000 % 100) / 200
        point = {"longitude": f"{lon:.4f}", "latitude": f"{lat:.4f}"} if with_points else {}
        out.append(located(pilot_code=f"ZJ-{i:06d}", **point))
    return out


def _best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    n = parser.parse_args().rows
    ctx = Context(date(2026, 10, 1), reference_index(), frozenset(), {}, None)
    start = time.perf_counter()
    boundaries()
    print(f"boundaries loaded, projected, buffered, indexed: {time.perf_counter() - start:.2f} s")
    for label, with_points in (("without coordinates", False), ("every row located", True)):
        table = read_table(csv_bytes(LOCATED, _rows(n, with_points)), "b.csv", max_rows=n + 1)
        result = validate_table(table, kind="pilot_status", ctx=ctx)
        assert not result.errors and not result.warnings, result.errors[:3]
        took = _best(lambda t=table: validate_table(t, kind="pilot_status", ctx=ctx))
        print(f"validate {n:,} rows, {label}: {took:.2f} s ({n / took:,.0f} rows/s)")
    rows = _rows(n, True)
    lons = [float(r[-3]) for r in rows]
    lats = [float(r[-2]) for r in rows]
    took = _best(lambda: place(*to_map(lons, lats, "wgs84"), ["330000"] * n))
    print(f"convert and place {n:,} points alone: {took:.2f} s")


if __name__ == "__main__":
    main()
