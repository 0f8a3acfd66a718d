"""`python -m tests.load.loadtest`: simultaneous users against a running server.

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

    python -m tests.load.loadtest --sessions 50                       # temp SQLite
    python -m tests.load.loadtest --sessions 50 --database-url postgresql://postgres@127.0.0.1/test
    python -m tests.load.loadtest --sessions 50 --driver ws           # without a browser
    python -m tests.load.loadtest --sessions 50 --driver ws --replicas 2   # one per core
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
USERS = ("ministry", "briefing", "zhejiang", "shandong", "admin")
PAGES = ("overview", "map", "tasks", "standards", "pilots", "province", "target_detail")
AS_OF_DATES = ("2024/12/31", "2025/03/31", "2025/06/30", "2025/09/30")
ACTION_TIMEOUT_S = 120.0
THINK_S = [0.5, 2.5]  # seconds between a session's actions (--think)
DRIVERS = {
    "browser": "Chromium contexts (one browser)",
    "ws": "websocket sessions (no browser)",
}


# --- the database and the server -----------------------------------------------------------


def prepare_database(url: str | None, workdir: Path) -> tuple[str, callable]:
    """A demo database: a temp SQLite file, the SQLite file given (filled if empty), or a
    fresh schema in the PostgreSQL database given. Returns the URL and a clean-up."""
    from sqlalchemy import create_engine, text

    from dashboard.cli import main as cli
    from dashboard.settings import normalise_database_url

    def nothing() -> None:
        return None

    if url is None:
        url = f"sqlite:///{workdir / 'load.sqlite3'}"
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        if not path.exists() or path.stat().st_size == 0:
            assert cli(["--database-url", url, "demo"]) == 0
        return url, nothing
    base = normalise_database_url(url)
    schema = f"load_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    try:
        assert cli(["--database-url", scoped, "demo"]) == 0
    except BaseException:
        drop()
        raise
    return scoped, drop


def recorded_writes(url: str) -> int:
    """Language changes the audit trail recorded (each one is a write of the user row)."""
    from sqlalchemy import func, select

    from dashboard.db import make_engine
    from dashboard.models import AuditEvent

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(
                conn.scalar(
                    select(func.count())
                    .select_from(AuditEvent)
                    .where(AuditEvent.action == "set_language", AuditEvent.outcome == "ok")
                )
            )
    finally:
        engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    url: str,
    port: int,
    workdir: Path,
    extra: list[str],
    extra_env: dict | None = None,
    log_name: str = "server.log",
) -> subprocess.Popen:
    env = {
        **os.environ,
        **(extra_env or {}),
        "DATABASE_URL": url,
        "DASHBOARD_DEMO": "1",
        "PYTHONPATH": str(ROOT),
        "DASHBOARD_ARCHIVE_DIR": str(workdir / "archive"),
    }
    env.pop("DASHBOARD_I18N_STRICT", None)
    log = open(workdir / log_name, "w")  # noqa: SIM115  (closed by stop_server)
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard/server.py"]
    cmd += ["--server.port", str(port), "--server.address", "127.0.0.1", *extra]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    proc.log = log  # type: ignore[attr-defined]
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return proc
        except OSError:
            time.sleep(0.5)
    stop_server(proc)
    raise RuntimeError("the server did not start: " + (workdir / log_name).read_text()[-2000:])


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    proc.log.close()  # type: ignore[attr-defined]


def rss_mb(pids: list[int]) -> float:
    """Resident memory of the servers together."""
    return round(sum(_rss_mb(pid) for pid in pids), 1)


def cpu_seconds(pids: list[int]) -> float:
    return sum(_cpu_seconds(pid) for pid in pids)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def log_problems(path: Path) -> dict[str, int]:
    text = path.read_text(errors="replace")
    return {
        "database_is_locked": text.lower().count("database is locked"),
        "tracebacks": text.count("Traceback (most recent call last)"),
    }


# --- one browser session -------------------------------------------------------------------


class RunTracker:
    """Counts the script runs the server finished for one page, from its websocket."""

    def __init__(self) -> None:
        self.finished = 0
        self.failed = 0
        self.changed = asyncio.Event()

    def attach(self, ws) -> None:
        if "/_stcore/stream" in ws.url:
            ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if isinstance(payload, str) or len(payload) > 512:
            return  # script_finished messages are a few bytes; deltas are larger
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            msg = ForwardMsg.FromString(payload)
        except Exception:
            return
        if msg.WhichOneof("type") != "script_finished":
            return
        status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
        if status == "FINISHED_SUCCESSFULLY":
            self.finished += 1
        elif status == "FINISHED_WITH_COMPILE_ERROR":
            self.failed += 1
        self.changed.set()

    async def wait_beyond(self, count: int, timeout: float) -> bool:
        deadline = time.perf_counter() + timeout
        while self.finished <= count:
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                return False
        return True


@dataclass
class Stats:
    latency_ms: dict[str, list[float]] = field(default_factory=dict)
    idle_ms: dict[str, list[float]] = field(default_factory=dict)
    login_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    actions: int = 0

    def add(self, kind: str, finished_ms: float, idle_ms: float) -> None:
        self.latency_ms.setdefault(kind, []).append(finished_ms)
        self.idle_ms.setdefault(kind, []).append(idle_ms)
        self.actions += 1


async def wait_idle(page, timeout_s: float = ACTION_TIMEOUT_S) -> None:
    await page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')",
        timeout=timeout_s * 1000,
    )


def _label(kind: str, action: str) -> str:
    """read:page:map, read:as_of, write:language"""
    return f"{kind}:{action}" if action.startswith("page:") else f"{kind}:{action.split(':')[0]}"


def plan(rng: random.Random, user: str, steps: int) -> list[tuple[str, str]]:
    """A seeded mix: about one write (language switch) in four actions."""
    pages = [p for p in PAGES if not (p == "province" and user in (*USERS[:2], "admin"))]
    out: list[tuple[str, str]] = []
    for i in range(steps):
        roll = rng.random()
        if i % 4 == 3:
            out.append(("write", "language"))
        elif roll < 0.3:
            out.append(("read", "as_of:" + rng.choice(AS_OF_DATES)))
        else:
            out.append(("read", "page:" + rng.choice(pages)))
    return out


async def _act(page, base: str, action: str, lang_state: dict) -> None:
    sidebar = page.locator("[data-testid=stSidebar]")
    if action.startswith("page:"):
        name = action.split(":", 1)[1]
        link = sidebar.locator(f'a[href="{base}/{name}"]')
        if not await link.count():  # the role's default page is served at "/"
            link = sidebar.locator(f'a[href="{base}/"]')
        await link.first.click(timeout=ACTION_TIMEOUT_S * 1000)
    elif action.startswith("as_of:"):
        # a react-aria date field: year, month and day segments; the value is sent when
        # the field loses focus
        first = sidebar.locator("[data-testid=stDateInput] [role=spinbutton]").first
        await first.click(timeout=ACTION_TIMEOUT_S * 1000)
        await page.keyboard.type(action.split(":", 1)[1].replace("/", ""))
        await page.keyboard.press("Enter")
        await page.locator("h1").first.click(timeout=ACTION_TIMEOUT_S * 1000)
    elif action == "language":
        target = "English" if lang_state["lang"] == "zh" else "中文"
        await sidebar.get_by_text(target, exact=True).click(timeout=ACTION_TIMEOUT_S * 1000)
        lang_state["lang"] = "en" if target == "English" else "zh"
    else:
        raise ValueError(action)


async def run_session(
    index: int, browser, base: str, steps: int, seed: int, stats: Stats, start_gate: float
):
    rng = random.Random(seed * 1000 + index)
    user = USERS[index % len(USERS)]
    await asyncio.sleep(rng.uniform(0, start_gate))
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(ACTION_TIMEOUT_S * 1000)
    tracker = RunTracker()
    page.on("websocket", tracker.attach)
    try:
        start = time.perf_counter()
        await page.goto(base + "/session/login?lang=zh")
        await page.fill("#username", user)
        await page.fill("#password", "demo")
        await page.click("button[type=submit]")
        await page.wait_for_selector("[data-testid=stSidebar]")
        await tracker.wait_beyond(0, ACTION_TIMEOUT_S)
        await wait_idle(page)
        stats.login_ms.append(round((time.perf_counter() - start) * 1000, 1))
        lang_state = {"lang": "zh"}
        if (
            await page.locator("[data-testid=stSidebar]")
            .get_by_text("Language", exact=True)
            .count()
        ):
            lang_state["lang"] = "en"
        for kind, action in plan(rng, user, steps):
            await asyncio.sleep(rng.uniform(*THINK_S))  # think time
            before = tracker.finished
            t0 = time.perf_counter()
            try:
                await _act(page, base, action, lang_state)
            except Exception as exc:
                stats.errors.append(f"{user}#{index} {action}: {type(exc).__name__}")
                continue
            if not await tracker.wait_beyond(before, ACTION_TIMEOUT_S):
                stats.errors.append(f"{user}#{index} {action}: no finished run")
                continue
            t1 = time.perf_counter()
            try:
                await wait_idle(page)
            except Exception as exc:
                stats.errors.append(f"{user}#{index} {action}: not idle ({type(exc).__name__})")
                continue
            t2 = time.perf_counter()
            shown = await page.locator("[data-testid=stException]").count()
            if shown:
                stats.errors.append(f"{user}#{index} {action}: stException on the page")
            stats.add(
                _label(kind, action),
                round((t1 - t0) * 1000, 1),
                round((t2 - t0) * 1000, 1),
            )
        if tracker.failed:
            stats.errors.append(f"{user}#{index}: {tracker.failed} runs failed")
    except Exception as exc:
        stats.errors.append(f"{user}#{index}: {type(exc).__name__}: {str(exc)[:200]}")
    return context


# --- one session over Streamlit's websocket protocol (no browser) --------------------------


def http_login(base: str, user: str) -> str:
    """GET the login form (its CSRF cookie and token), then POST it as the browser does;
    returns the session cookie's value."""
    import http.client
    import re
    from urllib.parse import urlencode, urlparse

    u = urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=ACTION_TIMEOUT_S)
    conn.request("GET", "/session/login")
    form = conn.getresponse()
    html = form.read().decode()
    csrf_cookie = re.search(r"dct_csrf=([^;]+)", form.getheader("set-cookie") or "").group(1)
    csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    fields = {"username": user, "password": "demo", "next": "/", "lang": "zh"}
    body = urlencode({**fields, "csrf_token": csrf_token})
    conn.request(
        "POST",
        "/session/login",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": base,
            "Cookie": f"dct_csrf={csrf_cookie}",
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("dct_session="):
            return value.split(";", 1)[0].split("=", 1)[1]
    raise RuntimeError(f"login of {user} failed: HTTP {response.status}")


class WsSession:
    """One Streamlit session driven as the browser drives it: BackMsg rerun requests with
    the page and the widget values, ForwardMsg replies until script_finished."""

    def __init__(self, base: str, token: str):
        self.base = base
        self.token = token
        self.ws = None
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self.widget_ids: dict[str, str] = {}  # user key -> widget id
        self.widgets: dict[str, object] = {}  # widget id -> WidgetState
        self.exceptions = 0

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await connect(
            url,
            subprotocols=["streamlit"],
            additional_headers={"Cookie": f"dct_session={self.token}", "Origin": self.base},
            max_size=None,
            open_timeout=ACTION_TIMEOUT_S,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _element(self, msg) -> None:
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.exceptions += 1
            return
        inner = getattr(element, kind) if kind else None
        widget_id = getattr(inner, "id", "") if inner is not None else ""
        if isinstance(widget_id, str):
            for key in ("lang_switch", "as_of"):
                if widget_id.endswith("-" + key):
                    self.widget_ids[key] = widget_id

    async def rerun(self, *, page: str | None = None) -> float:
        """Ask for a run; returns the seconds until the server said it finished."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if page is not None:  # the role's default page is served at "" (not by its name)
            self.page_hash = self.pages.get(page) or self.pages.get("", self.page_hash)
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_script_hash = self.page_hash
        back.rerun_script.widget_states.widgets.extend(self.widgets.values())
        start = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        while True:
            data = await asyncio.wait_for(self.ws.recv(), ACTION_TIMEOUT_S)
            msg = ForwardMsg.FromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg)
            elif kind == "navigation":
                for p in msg.navigation.app_pages:
                    self.pages[p.url_pathname] = p.page_script_hash
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash or self.page_hash
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if status == "FINISHED_SUCCESSFULLY":
                    return time.perf_counter() - start
                if status == "FINISHED_WITH_COMPILE_ERROR":
                    raise RuntimeError("the script failed to compile")
                # FINISHED_EARLY_FOR_RERUN: st.rerun() -> the next run follows

    def set_widget(self, key: str, values: list[str]) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        widget_id = self.widget_ids.get(key)
        if widget_id is None:
            raise RuntimeError(f"no widget {key} on the page")
        state = WidgetState(id=widget_id)
        state.string_array_value.data.extend(values)
        self.widgets[widget_id] = state


async def run_ws_session(
    index: int, base: str, steps: int, seed: int, stats: Stats, start_gate: float
):
    rng = random.Random(seed * 1000 + index)
    user = USERS[index % len(USERS)]
    await asyncio.sleep(rng.uniform(0, start_gate))
    session = None
    try:
        start = time.perf_counter()
        token = await asyncio.to_thread(http_login, base, user)
        session = WsSession(base, token)
        await session.connect()
        await session.rerun()
        stats.login_ms.append(round((time.perf_counter() - start) * 1000, 1))
        lang = "zh"
        for kind, action in plan(rng, user, steps):
            await asyncio.sleep(rng.uniform(*THINK_S))  # think time
            try:
                if action.startswith("page:"):
                    name = action.split(":", 1)[1]
                    seconds = await session.rerun(page=name)
                elif action.startswith("as_of:"):
                    day = action.split(":", 1)[1].replace("/", "-")
                    session.set_widget("as_of", [day])
                    seconds = await session.rerun()
                else:
                    lang = "en" if lang == "zh" else "zh"
                    session.set_widget("lang_switch", ["English" if lang == "en" else "中文"])
                    seconds = await session.rerun()
                    # the app saves the choice, clears the widget and reruns; the browser
                    # then no longer sends the old value
                    session.widgets.pop(session.widget_ids["lang_switch"], None)
            except Exception as exc:
                stats.errors.append(f"{user}#{index} {action}: {type(exc).__name__}: {exc}")
                continue
            ms = round(seconds * 1000, 1)
            stats.add(_label(kind, action), ms, ms)
        if session.exceptions:
            stats.errors.append(f"{user}#{index}: {session.exceptions} exception elements")
    except Exception as exc:
        stats.errors.append(f"{user}#{index}: {type(exc).__name__}: {str(exc)[:200]}")
    return session


# --- the whole test ------------------------------------------------------------------------


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


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    kb = int(Path("/proc/meminfo").read_text().split()[1])
    return f"{os.cpu_count()} cores ({cpu}), {kb / 1024 / 1024:.1f} GiB RAM"


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


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tests.load.loadtest", description=__doc__)
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
