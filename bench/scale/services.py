"""The service functions the pages call, timed cold and warm without Streamlit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlmodel import Session

from bench.scale.timing import (
    DRILL_TARGET,
    PILOT_INDUSTRIES_FILTER,
    PILOT_STAGES_FILTER,
    Row,
    actor,
    median,
    timed,
)


def service_calls(as_of: date) -> dict[str, Callable[[Session], object]]:
    from dashboard.services import overview
    from dashboard.services.drilldown import records_behind
    from dashboard.services.provinces import province_measures
    from dashboard.services.registries import pilots_frame

    def overview_services(s: Session):
        cards = overview.target_cards(s, as_of)
        overview.early_warnings(s, as_of, cards)
        overview.milestones(s)

    return {
        "overview": overview_services,
        "map": lambda s: province_measures(s, as_of),
        "registry (filtered)": lambda s: pilots_frame(
            s,
            actor=actor(s),
            stages=PILOT_STAGES_FILTER,
            industries=PILOT_INDUSTRIES_FILTER,
        ),
        "registry (all pilots)": lambda s: pilots_frame(s, actor=actor(s)),
        "drill-down": lambda s: records_behind(
            s, actor=actor(s), target_code=DRILL_TARGET, as_of=as_of
        ),
        "burn-up": lambda s: overview.burnup_frame(s, DRILL_TARGET, as_of),
    }


def time_services(url: str, as_of: date, runs: int, say) -> list[Row]:
    from dashboard.db import make_engine

    rows = []
    for name, call in service_calls(as_of).items():
        engine = make_engine(url)
        with Session(engine, expire_on_commit=False) as s:
            cold = timed(lambda call=call, s=s: call(s))
            warm = median(lambda call=call, s=s: call(s), runs)
        engine.dispose()
        rows.append(Row(name, cold, warm))
        say(f"  service {name:<24} cold {cold:8.1f} ms  warm {warm:8.1f} ms")
    return rows
