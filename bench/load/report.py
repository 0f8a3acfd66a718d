"""The load test's figures: percentiles of the latencies and the report's tables."""

from __future__ import annotations

import os
import statistics
import time

from bench.load.sessions import Stats
from bench.machine import machine

DRIVERS = {
    "browser": "Chromium contexts (one browser)",
    "ws": "websocket sessions (no browser)",
}


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def summarise(stats: Stats) -> dict:
    every = [v for vs in stats.latency_ms.values() for v in vs]
    every_idle = [v for vs in stats.idle_ms.values() for v in vs]
    by_kind = {
        k: {
            "n": len(v),
            "median_ms": statistics.median(v),
            "p95_ms": _pct(v, 0.95),
            "idle_median_ms": statistics.median(stats.idle_ms[k]),
            "idle_p95_ms": _pct(stats.idle_ms[k], 0.95),
        }
        for k, v in sorted(stats.latency_ms.items())
    }
    return {
        "actions": stats.actions,
        "median_ms": statistics.median(every) if every else None,
        "p95_ms": _pct(every, 0.95),
        "idle_median_ms": statistics.median(every_idle) if every_idle else None,
        "idle_p95_ms": _pct(every_idle, 0.95),
        "by_kind": by_kind,
        "login_median_ms": statistics.median(stats.login_ms) if stats.login_ms else None,
        "login_p95_ms": _pct(stats.login_ms, 0.95),
        "logins": len(stats.login_ms),
        "errors": stats.errors,
    }


def _ms(value) -> str:
    return "—" if value is None else f"{value:,.0f}"


def report(result: dict, backend: str, args) -> str:
    m = result["memory"]
    lines = [
        f"### {backend}, {args.sessions} {DRIVERS[args.driver]} x {args.steps} actions, "
        f"{args.think[0]:g}-{args.think[1]:g} s apart"
        f"{f', {args.replicas} server replicas' if args.replicas > 1 else ''}"
        f"{' (' + ' '.join(args.server_env) + ')' if args.server_env else ''} "
        f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine()}; "
        f"load average at the end {' '.join(f'{x:.1f}' for x in os.getloadavg())})",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| actions completed | {result['actions']} in {result['elapsed_s']} s |",
        f"| rerun latency, median (action → script_finished) | {_ms(result['median_ms'])} ms |",
        f"| rerun latency, p95 | {_ms(result['p95_ms'])} ms |",
        f"| until idle, median / p95 | {_ms(result['idle_median_ms'])} / "
        f"{_ms(result['idle_p95_ms'])} ms |",
        f"| login to first idle page, median / p95 | {_ms(result['login_median_ms'])} / "
        f"{_ms(result['login_p95_ms'])} ms |",
        f"| errors (stException, time-outs) | {len(result['errors'])} |",
        f"| language changes in the audit trail (writes) | {result['writes_recorded']} |",
        f"| 'database is locked' in the server log | {result['log']['database_is_locked']} |",
        f"| tracebacks in the server log | {result['log']['tracebacks']} |",
        f"| server CPU while the sessions ran | {result['cpu']['server_cores']} cores |",
        f"| whole machine busy while the sessions ran | {result['cpu']['machine_busy_pct']} % |",
        f"| server RSS at start / after warm-up | {m['start_mb']} / {m['baseline_mb']} MB |",
        f"| server RSS with {args.sessions} idle sessions | {m['idle_sessions_mb']} MB |",
        f"| memory per idle session | {m['per_idle_session_mb']} MB |",
        f"| server RSS {args.settle:g} s after the sessions closed | {m['after_close_mb']} MB |",
        f"| server RSS after one new visit (expired sessions dropped) | "
        f"{m['after_next_visit_mb']} MB |",
        *(
            f"| round {i + 1}: RSS with the sessions idle / {args.settle:g} s after closing / "
            f"after a new visit | {r['idle_sessions_mb']} / {r['after_close_mb']} / "
            f"{r['after_next_visit_mb']} MB |"
            for i, r in enumerate(m["rounds"])
            if len(m["rounds"]) > 1
        ),
        "",
        "| action | n | median ms | p95 ms | idle median ms | idle p95 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind, v in result["by_kind"].items():
        lines.append(
            f"| {kind} | {v['n']} | {_ms(v['median_ms'])} | {_ms(v['p95_ms'])} | "
            f"{_ms(v['idle_median_ms'])} | {_ms(v['idle_p95_ms'])} |"
        )
    return "\n".join(lines)
