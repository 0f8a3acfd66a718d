"""`python -m bench.load.loadtest`: simultaneous users against a running server.

Starts the real server (`streamlit run dashboard/server.py`, as tests/browser/conftest.py
does) on a demo database, then drives N sessions at once, each signing in at /session/login
as one of the demo users and doing a bounded, seeded mix of reads (switching pages, changing
the as-of date) and writes (the sidebar's language switch, which saves the user's preference
and appends to the audit trail). Two drivers:

- `--driver browser` (default): Playwright contexts in ONE Debian Chromium process, clicking
  the sidebar's links, typing into the date field and pressing the language switch;
- `--driver ws`: no browser; each session speaks Streamlit's websocket protocol itself
  (BackMsg rerun requests carrying the page and the widget values, as the browser sends
  them), so on a small machine the figures are the server's and not the browsers'.

Measured:
- rerun latency: from the action (click or Enter) until the browser receives the server's
  `script_finished` message on the websocket (FINISHED_SUCCESSFULLY), and until the page is
  idle again (no status widget);
- errors: stException elements on the page, actions that time out, and "database is locked"
  or tracebacks in the server log;
- the server's RSS (/proc/PID/status VmRSS; with --replicas, all servers together): at
  start, after a warm-up session, with all the sessions open and idle, and after they close
  (polled for --settle seconds);
- the server's CPU (cores used) and the whole machine's while the sessions ran, and the
  number of language changes the audit trail recorded.

Only 127.0.0.1 is contacted. Everything is bounded: --steps actions per session, time-outs
on every wait, and the server is stopped at the end.

    python -m bench.load.loadtest --sessions 50                       # temp SQLite
    python -m bench.load.loadtest --sessions 50 --database-url postgresql://postgres@127.0.0.1/test
    python -m bench.load.loadtest --sessions 50 --driver ws           # without a browser
    python -m bench.load.loadtest --sessions 50 --driver ws --replicas 2   # one per core
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench.load.browser import CHROMIUM, CHROMIUM_ARGS, run_session
from bench.load.report import DRIVERS, report, summarise
from bench.load.server import (
    cpu_seconds,
    free_port,
    log_problems,
    machine_busy,
    prepare_database,
    recorded_writes,
    rss_mb,
    start_server,
    stop_server,
)
from bench.load.sessions import THINK_S, Stats
from bench.load.ws import run_ws_session


async def drive(args, bases: list[str], pid: list[int], log: Path) -> dict:
    """Sessions go to the servers in turn and stay with theirs (as behind a load balancer
    with sticky sessions)."""
    from playwright.async_api import async_playwright

    memory: dict[str, object] = {"start_mb": rss_mb(pid)}
    cpu: dict[str, float] = {}
    async with async_playwright() as p:
        browser = None
        if args.driver == "browser":
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def one(i: int, steps: int, stats: Stats, ramp: float):
            base = bases[i % len(bases)]
            if browser is None:
                return run_ws_session(i, base, steps, args.seed, stats, ramp)
            return run_session(i, browser, base, steps, args.seed, stats, ramp)

        # warm-up: one session visits the pages once, so imports and caches are loaded
        warm = Stats()
        for i in range(len(bases)):
            ctx = await one(1000 + i, 6, warm, 0)
            if ctx is not None:
                await ctx.close()
        await asyncio.sleep(3)
        memory["baseline_mb"] = rss_mb(pid)
        stats = Stats()
        memory["rounds"] = []
        elapsed = 0.0
        for _round in range(args.rounds):
            server_cpu, (busy, total) = cpu_seconds(pid), machine_busy()
            started = time.perf_counter()
            contexts = await asyncio.gather(
                *(one(i, args.steps, stats, args.ramp) for i in range(args.sessions))
            )
            took = time.perf_counter() - started
            elapsed += took
            busy2, total2 = machine_busy()
            cpu["server_cores"] = round((cpu_seconds(pid) - server_cpu) / took, 2)
            cpu["machine_busy_pct"] = round(100 * (busy2 - busy) / max(total2 - total, 1), 1)
            await asyncio.sleep(args.idle)
            idle_mb = rss_mb(pid)
            for ctx in contexts:
                if ctx is not None:
                    await ctx.close()
            series = []
            deadline = time.perf_counter() + args.settle
            while True:
                series.append(rss_mb(pid))
                if time.perf_counter() >= deadline:
                    break
                await asyncio.sleep(5)
            # Streamlit keeps a closed session for server.disconnectedSessionTTL (120 s) and
            # drops expired ones when its session store is next touched: one new visit per
            # server, then the memory again.
            for k in range(len(bases)):
                probe = await one(2000 + 10 * _round + k, 1, Stats(), 0)
                if probe is not None:
                    await probe.close()
            await asyncio.sleep(5)
            memory["rounds"].append(
                {
                    "idle_sessions_mb": idle_mb,
                    "after_close_mb": series[-1],
                    "after_next_visit_mb": rss_mb(pid),
                    "series": series,
                }
            )
        if browser is not None:
            await browser.close()
    first, last = memory["rounds"][0], memory["rounds"][-1]
    memory["idle_sessions_mb"] = first["idle_sessions_mb"]
    memory["after_close_mb"] = last["after_close_mb"]
    memory["after_next_visit_mb"] = last["after_next_visit_mb"]
    memory["per_idle_session_mb"] = round(
        (memory["idle_sessions_mb"] - memory["baseline_mb"]) / max(args.sessions, 1), 2
    )
    result = summarise(stats)
    result["elapsed_s"] = round(elapsed, 1)
    result["memory"] = memory
    result["cpu"] = cpu
    result["driver"] = args.driver
    result["warmup_errors"] = warm.errors
    return result


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.load.loadtest", description=__doc__)
    p.add_argument("--sessions", type=int, default=50)
    p.add_argument(
        "--driver",
        choices=sorted(DRIVERS),
        default="browser",
        help="browser: Playwright contexts in one Chromium; ws: Streamlit's websocket protocol",
    )
    p.add_argument("--steps", type=int, default=8, help="actions per session")
    p.add_argument("--database-url", help="SQLite file or PostgreSQL database (a schema is made)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=THINK_S,
        metavar=("MIN", "MAX"),
        help="seconds between a session's actions (uniform)",
    )
    p.add_argument("--ramp", type=float, default=10.0, help="sessions start within N seconds")
    p.add_argument("--idle", type=float, default=10.0, help="seconds idle before measuring")
    p.add_argument("--settle", type=float, default=60.0, help="seconds to watch RSS after")
    p.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="repeat the sessions N times on the same server (a leak grows each round)",
    )
    p.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra environment of the server (e.g. MALLOC_ARENA_MAX=2)",
    )
    p.add_argument("--server-arg", action="append", default=[], help="extra `streamlit run` option")
    p.add_argument(
        "--replicas",
        type=int,
        default=1,
        help="servers on one database; sessions are spread over them and stay with theirs",
    )
    p.add_argument("--json", help="write the figures to this file")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    THINK_S[:] = args.think
    if args.driver == "browser" and not Path(CHROMIUM).exists():
        print("error: Chromium is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="loadtest-"))
    url, cleanup = prepare_database(args.database_url, workdir)
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    extra_env = dict(item.split("=", 1) for item in args.server_env)
    servers, bases = [], []
    try:
        for i in range(args.replicas):
            port = free_port()
            log_name = f"server-{i + 1}.log"
            servers.append(start_server(url, port, workdir, args.server_arg, extra_env, log_name))
            bases.append(f"http://127.0.0.1:{port}")
        result = asyncio.run(drive(args, bases, [s.pid for s in servers], workdir))
        result["writes_recorded"] = recorded_writes(url)
    finally:
        for server in servers:
            stop_server(server)
        cleanup()
    logs = [log_problems(workdir / f"server-{i + 1}.log") for i in range(args.replicas)]
    result["log"] = {key: sum(log[key] for log in logs) for key in logs[0]}
    result["backend"] = backend
    print(report(result, backend, args))
    if result["errors"]:
        print("\nerrors:\n  " + "\n  ".join(result["errors"][:30]))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1, default=str))
    failed = bool(result["errors"]) or result["log"]["database_is_locked"] > 0
    if failed:
        print(f"\nserver logs kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
