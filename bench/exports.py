"""`python -m bench.exports`: how long exports take on this machine.

Builds a throwaway SQLite database with the demo data, then times a burn-up chart's PNG and
the map's PNG once warm (median of several runs) and the whole briefing pack (PPTX and PDF,
Chinese). Prints the figures as Markdown rows for docs/BENCHMARKS.md.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlmodel import Session, select

RUNS = 7


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    from dashboard import demo
    from dashboard.accounts import create_demo_users
    from dashboard.charts.burnup import burnup_chart
    from dashboard.charts.china_map import choropleth
    from dashboard.cli import init_database
    from dashboard.db import make_engine
    from dashboard.exports.chart_export import ExportMeta, export_chart
    from dashboard.exports.service import briefing_pack
    from dashboard.models import User
    from dashboard.permissions import Actor
    from dashboard.progress.service import list_targets
    from dashboard.services import overview
    from dashboard.services.provinces import province_measures

    as_of = date(2025, 6, 30)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        init_database(engine)
        with Session(engine, expire_on_commit=False) as session:
            demo.generate(session)
            create_demo_users(session)
            session.commit()
            target = list_targets(session)[1]
            card = next(c for c in overview.target_cards(session, as_of) if c.code == target.code)
            chart = burnup_chart(
                overview.burnup_frame(session, target.code, as_of),
                window_start=target.window_start,
                deadline=target.deadline,
                threshold=card.progress["threshold"],
                as_of=as_of,
                forecast=card.progress["forecast"],
                band=card.progress["forecast_band"],
                title=target.name_zh,
                lang="zh",
            )
            values = province_measures(session, as_of)[["code", "pilots_set_up"]]
            china = choropleth(
                values, value_column="pilots_set_up", value_title="试点", title="地图", lang="zh"
            )
            meta = ExportMeta(title=target.name_zh, as_of=as_of, exported_at=datetime.now(UTC))
            first = _timed(lambda: export_chart(chart, fmt="png", meta=meta, lang="zh"))
            chart_runs = [
                _timed(lambda: export_chart(chart, fmt="png", meta=meta, lang="zh"))
                for _ in range(RUNS)
            ]
            map_runs = [
                _timed(lambda: export_chart(china, fmt="png", meta=meta, lang="zh"))
                for _ in range(RUNS)
            ]
            user = session.exec(select(User).where(User.username == "briefing")).one()
            actor = Actor(id=user.id, username=user.username)
            packs = {
                fmt: _timed(
                    lambda fmt=fmt: briefing_pack(
                        session, actor=actor, lang="zh", as_of=as_of, fmt=fmt
                    )
                )
                for fmt in ("pptx", "pdf")
            }
            session.rollback()
        engine.dispose()
    print(f"| burn-up chart PNG, first (cold) | {first:.2f} s |")
    print(
        f"| burn-up chart PNG, warm (median of {RUNS}) | {statistics.median(chart_runs):.2f} s "
        f"(max {max(chart_runs):.2f}) |"
    )
    print(
        f"| map PNG, warm (median of {RUNS}) | {statistics.median(map_runs):.2f} s "
        f"(max {max(map_runs):.2f}) |"
    )
    print(f"| briefing pack PPTX, zh | {packs['pptx']:.1f} s |")
    print(f"| briefing pack PDF, zh | {packs['pdf']:.1f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
