"""`python -m dashboard.scale.bench`: how long the pages take at national scale.

Run it on a database filled by `python -m dashboard.scale.generate`. Three measurements:

1. Pages: the real page scripts run with Streamlit's AppTest, signed in as `ministry`,
   timing `at.run()` (the page's whole server-side run: the router, the session check, the
   cached reads, the services, building every element). *Cold* = Streamlit's caches cleared
   and a fresh database engine (so also SQLAlchemy's statement cache and the connection
   pool; in a process that has already imported the code); *warm* = the median of the next
   five reruns; *after a write* = Streamlit's caches cleared but the engine kept, as a
   running server has it after a saved change or a cache expiry.
2. Services: the service functions the pages call, cold (fresh engine, first call) and warm
   (median of five), without Streamlit.
3. Raw SQL: the queries that make the same figures (the counting rules of
   `dashboard/progress/counting.py`, the registry's filtered select, the drill-down's
   join, the reporting aggregates), compiled once to SQL text with bound parameters and run
   on the DB-API cursor with `fetchall()`; the median of five. The ratio is page (or
   service) over raw SQL.

Plus the 100,000-row ingest (`python -m pipelines benchmark`, into a fresh database: a temp
SQLite file or a scratch PostgreSQL schema) against a raw `executemany` of the same number
of pilots and stage entries, and the briefing pack (`dashboard.exports.service.briefing_pack`)
against the raw SQL of its figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, literal_column, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
AS_OF = date(2025, 6, 30)
USER = "ministry"
RUNS = 5
DRILL_TARGET = "T2"  # standardization pilots
PILOT_STAGES_FILTER = ("accepted",)
PILOT_INDUSTRIES_FILTER = ("steel",)
AIMS = {"overview warm": 150.0, "overview cold": 1500.0, "drill-down": 300.0, "ratio": 3.0}


@dataclass
class Row:
    name: str
    cold_ms: float | None = None
    warm_ms: float | None = None
    raw_ms: float | None = None
    after_write_ms: float | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    def ratio(self, which: str = "cold") -> float | None:
        value = {"cold": self.cold_ms, "warm": self.warm_ms, "after_write": self.after_write_ms}[
            which
        ]
        if value is None or not self.raw_ms:
            return None
        return value / self.raw_ms


def _ms(seconds: float) -> float:
    return round(seconds * 1000.0, 1)


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return _ms(time.perf_counter() - start)


def _median(fn: Callable[[], object], runs: int = RUNS) -> float:
    return round(statistics.median(_timed(fn) for _ in range(runs)), 1)


# --- raw SQL -------------------------------------------------------------------------------


def _compiled(engine: Engine, stmt) -> tuple[str, object]:
    """The statement's SQL text and its parameters in the driver's style, as the services
    send them (bound parameters, not literals: SQLite plans literals differently)."""
    compiled = stmt.compile(dialect=engine.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    processors = compiled._bind_processors
    values = {k: (processors[k](v) if k in processors else v) for k, v in params.items()}
    if compiled.positional:
        return str(compiled), tuple(values[name] for name in compiled.positiontup)
    return str(compiled), values


def raw_statements(engine: Engine, session: Session, as_of: date) -> dict[str, list[tuple]]:
    """For each page, the SQL that makes the same figures, as text."""
    from dashboard.models import (
        Milestone,
        Pilot,
        PilotStage,
        PolicyTask,
        Province,
        Submission,
        Target,
        TaskUpdate,
    )
    from dashboard.progress.counting import count_statement, qualifying
    from dashboard.progress.engine import history_points, month_ends
    from dashboard.progress.service import definition, list_targets
    from dashboard.services.overview import programme_choices
    from dashboard.services.provinces import MEASURE_TARGETS, reporting_statements

    def count(d, day, by=None):
        if by is None:  # the statement count_as_of runs
            return count_statement(
                d.spec, window_start=d.window_start, deadline=d.deadline, as_of=day
            )
        q = qualifying(d, day).subquery()
        return select(q.c[by], func.count()).group_by(q.c[by])

    cards = []
    burnups: dict[str, list] = {}
    programme = programme_choices(session, as_of)[0].code  # the overview's default
    for tg in list_targets(session, programme):
        d = definition(tg)
        cards += [count(d, day) for day in history_points(d, as_of)]  # the forecast's history
        end = min(as_of, d.deadline)
        days = month_ends(d.window_start, end) if end >= d.window_start else []
        burnups[tg.code] = [count(d, day) for day in days]
    # the reporting figures, aggregated in SQL (the statements reporting_facts runs)
    reporting = list(reporting_statements(engine.dialect.name, as_of))
    overview = [
        *cards,
        select(Milestone),
        select(PolicyTask).where(PolicyTask.status == "delayed"),
        select(Province).where(Province.is_standard, Province.code < "700000"),
        *reporting,
    ]
    pilots_def = definition(session.get(Target, MEASURE_TARGETS["pilots_set_up"]))
    reviews_def = definition(session.get(Target, MEASURE_TARGETS["review_enterprises"]))
    accepted = (
        select(Pilot.province_code, func.count(func.distinct(Pilot.id)))
        .join(PilotStage, PilotStage.pilot_id == Pilot.id)
        .where(
            PilotStage.stage == "accepted",
            PilotStage.stage_date <= as_of,
            Pilot.current_stage == "accepted",
        )
        .group_by(Pilot.province_code)
    )
    map_page = [
        count(pilots_def, as_of, "province_code"),
        count(reviews_def, as_of, "province_code"),
        accepted,
        select(Province),
        *reporting,
    ]
    pilot_cols = [
        Pilot.id,
        Pilot.code,
        Pilot.name,
        Pilot.pilot_type,
        Pilot.uscc,
        Pilot.province_code,
        Pilot.industry,
        Pilot.standards_adopted,
        Pilot.current_stage,
        Pilot.current_stage_date,
        Pilot.version,
        Pilot.updated_at,
    ]
    registry_all = select(*pilot_cols).order_by(Pilot.province_code, Pilot.code)
    registry = registry_all.where(
        Pilot.current_stage.in_(PILOT_STAGES_FILTER), Pilot.industry.in_(PILOT_INDUSTRIES_FILTER)
    )
    funnel = (  # the registry page's funnel chart for the ministry (no province scope)
        select(PilotStage.stage, func.count(func.distinct(PilotStage.pilot_id))).group_by(
            PilotStage.stage
        )
    )
    drill_target = next(t for t in list_targets(session) if t.code == DRILL_TARGET)
    q = qualifying(definition(drill_target), as_of).subquery()
    drill = (
        select(
            q,
            Pilot.code,
            Pilot.name,
            Pilot.current_stage,
            Submission.filename,
            Submission.decided_at,
            Submission.decided_by,
        )
        .join(Pilot, Pilot.id == q.c.record_id)
        .outerjoin(Submission, Submission.id == Pilot.submission_id)
        .order_by(q.c.since, q.c.record_id)
    )
    ranked = (
        select(
            TaskUpdate.task_code,
            TaskUpdate.status,
            TaskUpdate.progress_pct,
            TaskUpdate.update_date,
            func.row_number()
            .over(
                partition_by=TaskUpdate.task_code,
                order_by=(TaskUpdate.update_date.desc(), TaskUpdate.id.desc()),
            )
            .label("rn"),
        )
        .where(TaskUpdate.update_date <= as_of)
        .subquery()
    )
    tasks_latest = select(ranked).where(ranked.c.rn == literal_column("1"))
    all_burnups = [s for stmts in burnups.values() for s in stmts]
    sets = {
        "overview": overview,
        "map": map_page,
        "registry (filtered)": [funnel, registry],
        "registry (all pilots)": [funnel, registry_all],
        "drill-down": [drill],
        "drill-down page": [*cards, *burnups[DRILL_TARGET], drill],
        "burn-up": burnups[DRILL_TARGET],
        "briefing pack": [
            *overview,
            *all_burnups,
            *map_page[:4],
            tasks_latest,
            select(TaskUpdate.task_code).distinct(),
        ],
    }
    return {name: [_compiled(engine, s) for s in stmts] for name, stmts in sets.items()}


def run_raw(engine: Engine, statements: list[tuple]) -> None:
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for sql, params in statements:
            cursor.execute(sql, params)
            cursor.fetchall()
        cursor.close()
        raw.rollback()
    finally:
        raw.close()


# --- services ------------------------------------------------------------------------------


def _actor(session: Session, username: str = USER):
    from sqlmodel import select as sselect

    from dashboard.models import User
    from dashboard.permissions import Actor

    user = session.exec(sselect(User).where(User.username == username)).one()
    return Actor(id=user.id, username=user.username)


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
            actor=_actor(s),
            stages=PILOT_STAGES_FILTER,
            industries=PILOT_INDUSTRIES_FILTER,
        ),
        "registry (all pilots)": lambda s: pilots_frame(s, actor=_actor(s)),
        "drill-down": lambda s: records_behind(
            s, actor=_actor(s), target_code=DRILL_TARGET, as_of=as_of
        ),
        "burn-up": lambda s: overview.burnup_frame(s, DRILL_TARGET, as_of),
    }


def time_services(url: str, as_of: date, runs: int, say) -> list[Row]:
    from dashboard.db import make_engine

    rows = []
    for name, call in service_calls(as_of).items():
        engine = make_engine(url)
        with Session(engine, expire_on_commit=False) as s:
            cold = _timed(lambda call=call, s=s: call(s))
            warm = _median(lambda call=call, s=s: call(s), runs)
        engine.dispose()
        rows.append(Row(name, cold, warm))
        say(f"  service {name:<24} cold {cold:8.1f} ms  warm {warm:8.1f} ms")
    return rows


# --- pages (AppTest) -----------------------------------------------------------------------


def _reset_streamlit() -> None:
    """Empty Streamlit's caches and drop the shared engines: the next run is cold."""
    import streamlit as st

    from dashboard import db

    st.cache_data.clear()
    st.cache_resource.clear()
    for engine in db._engines.values():
        engine.dispose()
    db._engines.clear()


def _login(url: str) -> str:
    from dashboard import accounts, auth
    from dashboard.accounts import DEMO_PASSWORD
    from dashboard.db import shared_engine

    with Session(shared_engine(url)) as s:
        token, _user = auth.login(s, username=USER, password=DEMO_PASSWORD)
        accounts.set_language(s, actor=_actor(s), lang="zh")
        s.commit()
    return token


def _new_app(token: str, as_of: date):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=600)
    at.session_state["auth_token"] = token
    at.session_state["as_of"] = as_of
    return at


def _check(at, name: str) -> None:
    if len(at.exception):
        raise RuntimeError(f"{name}: the page raised {at.exception[0].value}")


@dataclass
class PageCase:
    name: str
    page: str | None  # None: the default page (the overview for the ministry)
    prepare: Callable | None = None  # sets widgets after a first run; then the timed runs
    state: dict = field(default_factory=dict)


def _filter_pilots(at) -> None:
    at.multiselect[0].set_value(list(PILOT_STAGES_FILTER))
    at.multiselect[1].set_value(list(PILOT_INDUSTRIES_FILTER))


PAGES = (
    PageCase("overview", None),
    PageCase("map", "../pages/map.py"),
    PageCase("registry (filtered)", "../pages/pilots.py", prepare=_filter_pilots),
    PageCase("registry (all pilots)", "../pages/pilots.py"),
    PageCase("drill-down page", "../pages/target_detail.py", state={"target_code": DRILL_TARGET}),
)


def _page_run(
    token: str, case: PageCase, as_of: date, runs: int
) -> tuple[float, float | None, dict]:
    at = _new_app(token, as_of)
    for key, value in case.state.items():
        at.session_state[key] = value
    if case.page:
        at.switch_page(case.page)
    if case.prepare:
        at.run()
        _check(at, case.name)
        case.prepare(at)
    _reset_streamlit()
    cold = _timed(at.run)
    _check(at, case.name)
    warm_runs = []
    for _ in range(runs):
        warm_runs.append(_timed(at.run))
        _check(at, case.name)
    captions = [c.value for c in at.caption]
    warm = round(statistics.median(warm_runs), 1) if warm_runs else None
    import streamlit as st

    st.cache_data.clear()  # a saved change clears the caches; the engine stays
    after_write = _timed(at.run)
    _check(at, case.name)
    return cold, warm, {"captions": captions[:3], "after_write_ms": after_write}


def time_pages(url: str, as_of: date, runs: int, say) -> tuple[list[Row], float]:
    os.environ["DATABASE_URL"] = url
    os.environ["DASHBOARD_DEMO"] = "1"
    from dashboard.settings import reset_settings_cache

    reset_settings_cache()
    token = _login(url)
    # The very first run of a process also imports the page code and its libraries.
    at = _new_app(token, as_of)
    _reset_streamlit()
    first = _timed(at.run)
    _check(at, "first run")
    say(f"  page overview, first run in a new process {first:8.1f} ms")
    for case in PAGES:  # warm the imports of every page once
        _page_run(token, case, as_of, 0)
    rows = []
    for case in PAGES:
        cold, warm, extra = _page_run(token, case, as_of, runs)
        rows.append(Row(case.name, cold, warm, extra=extra, after_write_ms=extra["after_write_ms"]))
        say(
            f"  page {case.name:<27} cold {cold:8.1f} ms  warm {warm:8.1f} ms  "
            f"after a write {extra['after_write_ms']:8.1f} ms"
        )
    _reset_streamlit()
    return rows, first


# --- ingest and the briefing pack ----------------------------------------------------------


def _scratch_url(url: str) -> tuple[str, Callable[[], None]]:
    """A fresh, initialised, empty database of the same kind: a temp SQLite file or a new
    PostgreSQL schema. Returns the URL and a function that removes it."""
    import tempfile

    from dashboard.cli import init_database
    from dashboard.db import make_engine
    from dashboard.settings import normalise_database_url

    if url.startswith("sqlite"):
        tmp = tempfile.mkdtemp(prefix="scale-raw-")
        scratch = f"sqlite:///{tmp}/raw.sqlite3"

        def drop() -> None:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)

    else:
        base = normalise_database_url(url)
        schema = f"scale_raw_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        scratch = base + ("&" if "?" in base else "?") + f"options=-csearch_path%3D{schema}"

        def drop() -> None:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()

    engine = make_engine(scratch)
    init_database(engine)
    engine.dispose()
    return scratch, drop


def raw_ingest_ms(url: str, rows: int) -> float:
    """executemany of `rows` pilots and `rows` stage entries into a fresh database."""

    from sqlalchemy import insert

    from dashboard.db import make_engine
    from dashboard.models import Pilot, PilotStage

    scratch, drop = _scratch_url(url)
    try:
        engine = make_engine(scratch)
        now = datetime.now(UTC)
        pilots = [
            {
                "id": i + 1,
                "code": f"B-{i:07d}",
                "name": f"试点{i}号",
                "pilot_type": "enterprise",
                "uscc": None,
                "province_code": "330000",
                "industry": "steel",
                "standards_adopted": 1,
                "current_stage": "applied",
                "current_stage_date": date(2024, 1, 1),
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
            for i in range(rows)
        ]
        stages = [
            {
                "pilot_id": i + 1,
                "stage": "applied",
                "stage_date": date(2024, 1, 1),
                "recorded_by": "bench",
                "recorded_at": now,
            }
            for i in range(rows)
        ]
        start = time.perf_counter()
        with engine.begin() as conn:
            for i in range(0, rows, 10_000):
                conn.execute(insert(Pilot.__table__), pilots[i : i + 10_000])
            for i in range(0, rows, 10_000):
                conn.execute(insert(PilotStage.__table__), stages[i : i + 10_000])
        elapsed = _ms(time.perf_counter() - start)
        engine.dispose()
        return elapsed
    finally:
        drop()


def time_ingest(url: str, rows: int, say) -> Row:
    if not (ROOT / "pipelines" / "benchmark.py").exists():
        return Row("ingest 100k rows", note="pipelines/benchmark.py is absent")
    cmd = [sys.executable, "-m", "pipelines", "benchmark", "--rows", str(rows)]
    cmd += ["--xlsx-rows", "0", "--json"]
    if not url.startswith("sqlite"):
        cmd += ["--database-url", url]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    say("  ingest: " + " ".join(cmd[1:]))
    done = subprocess.run(  # noqa: S603  (our own interpreter and module)
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return Row(f"ingest {rows:,} rows", note="failed: " + done.stderr.strip()[-300:])
    result = json.loads(done.stdout)[0]
    raw = raw_ingest_ms(url, rows)
    row = Row(
        f"ingest {rows:,} rows",
        cold_ms=_ms(result["seconds"]),
        raw_ms=raw,
        note=f"{result['rows_per_second']:,} rows/s, peak RSS {result['peak_rss_mb']} MB, "
        f"status {result['status']}; into a fresh database",
        extra=result,
    )
    say(f"  ingest {row.cold_ms:8.1f} ms, raw executemany {raw:8.1f} ms")
    return row


def time_pack(url: str, as_of: date, runs: int, say) -> Row:
    try:
        from dashboard.exports.service import briefing_pack
    except ImportError as exc:
        return Row("briefing pack (PDF)", note=f"dashboard.exports is not importable: {exc}")
    from dashboard.db import make_engine

    engine = make_engine(url)
    times = []
    size = 0
    for _ in range(1 + runs):
        with Session(engine, expire_on_commit=False) as s:
            actor = _actor(s, "briefing")
            start = time.perf_counter()
            data = briefing_pack(s, actor=actor, lang="zh", as_of=as_of, fmt="pdf")
            times.append(_ms(time.perf_counter() - start))
            size = len(data)
            s.rollback()  # leave no export events behind
    engine.dispose()
    row = Row(
        "briefing pack (PDF)",
        cold_ms=times[0],
        warm_ms=round(statistics.median(times[1:]), 1) if runs else None,
        note=f"{size:,} bytes",
    )
    say(f"  briefing pack cold {row.cold_ms:8.1f} ms  warm {row.warm_ms} ms")
    return row


# --- the report ----------------------------------------------------------------------------


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, Python {sys.version.split()[0]}"


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _fmt(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def table(rows: list[Row], *, raw_label: str = "raw SQL ms") -> str:
    lines = [
        f"| page | cold ms | after a write ms | warm ms | {raw_label} | cold / raw | "
        "after a write / raw | warm / raw | note |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r.name} | {_fmt(r.cold_ms)} | {_fmt(r.after_write_ms)} | {_fmt(r.warm_ms)} | "
            f"{_fmt(r.raw_ms)} | {_fmt(r.ratio('cold'), 1)} | "
            f"{_fmt(r.ratio('after_write'), 1)} | {_fmt(r.ratio('warm'), 1)} | {r.note} |"
        )
    return "\n".join(lines)


def verdicts(pages: list[Row], services: list[Row]) -> list[str]:
    by = {r.name: r for r in pages}
    svc = {r.name: r for r in services}
    out = []
    ov = by.get("overview")
    if ov:
        out.append(
            f"overview warm {_fmt(ov.warm_ms)} ms (aim {AIMS['overview warm']:.0f}): "
            + ("met" if ov.warm_ms <= AIMS["overview warm"] else "MISSED")
        )
        out.append(
            f"overview cold {_fmt(ov.cold_ms)} ms (aim {AIMS['overview cold']:.0f}): "
            + ("met" if ov.cold_ms <= AIMS["overview cold"] else "MISSED")
        )
    dd = svc.get("drill-down")
    if dd:
        out.append(
            f"drill-down service cold {_fmt(dd.cold_ms)} / warm {_fmt(dd.warm_ms)} ms "
            f"(aim {AIMS['drill-down']:.0f}): "
            + ("met" if max(dd.cold_ms, dd.warm_ms) <= AIMS["drill-down"] else "MISSED")
        )
    ddp = by.get("drill-down page")
    if ddp:
        out.append(
            f"drill-down page cold {_fmt(ddp.cold_ms)} / warm {_fmt(ddp.warm_ms)} ms "
            f"(aim {AIMS['drill-down']:.0f}): "
            + ("met" if max(ddp.cold_ms, ddp.warm_ms) <= AIMS["drill-down"] else "MISSED")
        )
    worst = [
        (r.name, r.ratio("cold"))
        for r in pages
        if r.ratio("cold") is not None and r.ratio("cold") > AIMS["ratio"]
    ]
    out.append(
        "pages within 3x their raw SQL (cold): "
        + ("all" if not worst else "NOT " + ", ".join(f"{n} {x:.1f}x" for n, x in worst))
    )
    for which, label in (("after_write", "after a write"), ("warm", "warm")):
        over = [
            (r.name, r.ratio(which))
            for r in pages
            if r.ratio(which) is not None and r.ratio(which) > AIMS["ratio"]
        ]
        out.append(
            f"pages within 3x their raw SQL ({label}): "
            + ("all" if not over else "NOT " + ", ".join(f"{n} {x:.1f}x" for n, x in over))
        )
    return out


def run(args) -> int:
    from dashboard.db import make_engine
    from dashboard.settings import normalise_database_url

    url = normalise_database_url(
        args.database_url or os.environ.get("DATABASE_URL") or "sqlite:///var/tracker.sqlite3"
    )
    as_of = date.fromisoformat(args.as_of)
    say = print if not args.quiet else (lambda *_a: None)
    load_start = _load()
    engine = make_engine(url)
    with Session(engine) as s:
        from dashboard.models import PilotStage, ReviewStatusEntry, Submission, TaskUpdate

        history = sum(
            int(s.scalar(select(func.count()).select_from(m)))
            for m in (PilotStage, ReviewStatusEntry, Submission, TaskUpdate)
        )
        statements = raw_statements(engine, s, as_of)
    say(f"database {engine.dialect.name}: {history:,} history and report rows; as of {as_of}")
    raw = {}
    for name, stmts in statements.items():
        run_raw(engine, stmts)  # once to warm the database's own caches
        raw[name] = _median(lambda stmts=stmts: run_raw(engine, stmts), args.runs)
        say(f"  raw SQL {name:<24} {raw[name]:8.1f} ms ({len(stmts)} statements)")
    engine.dispose()

    services = time_services(url, as_of, args.runs, say)
    for r in services:
        r.raw_ms = raw.get(r.name)
    pages, first = ([], None) if args.skip_pages else time_pages(url, as_of, args.runs, say)
    for r in pages:
        r.raw_ms = raw.get(r.name)
    extra: list[Row] = []
    if args.skip_ingest:
        extra.append(Row("ingest 100,000 rows", note="skipped (--skip-ingest)"))
    else:
        extra.append(time_ingest(url, args.ingest_rows, say))
    if args.skip_pack:
        extra.append(Row("briefing pack (PDF)", note="skipped (--skip-pack)"))
    else:
        pack = time_pack(url, as_of, min(args.runs, 2), say)
        pack.raw_ms = raw.get("briefing pack")
        extra.append(pack)

    print()
    print(f"## {engine.dialect.name}, {history:,} history and report rows, as of {as_of}")
    print(f"Machine: {machine()}. Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.")
    print(f"Load average at the start / end: {load_start} / {_load()} (other jobs included).")
    print()
    print("Pages (AppTest `at.run()`, signed in as ministry):")
    print()
    print(table(pages + extra))
    if first is not None:
        print(f"\nFirst overview run in a new process (imports included): {first:,.0f} ms.")
    print()
    print("Services (no Streamlit):")
    print()
    print(table(services))
    print()
    for line in verdicts(pages, services):
        print("- " + line)
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "database": engine.dialect.name,
                    "history_rows": history,
                    "as_of": as_of.isoformat(),
                    "machine": machine(),
                    "load_start": load_start,
                    "load_end": _load(),
                    "pages": [r.__dict__ for r in pages + extra],
                    "services": [r.__dict__ for r in services],
                    "raw": raw,
                    "first_run_ms": first,
                },
                default=str,
                indent=1,
            )
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m dashboard.scale.bench", description=__doc__)
    p.add_argument("--database-url", help="overrides DATABASE_URL")
    p.add_argument("--as-of", default=AS_OF.isoformat())
    p.add_argument("--runs", type=int, default=RUNS, help="warm runs (median)")
    p.add_argument("--skip-ingest", action="store_true")
    p.add_argument("--skip-pack", action="store_true")
    p.add_argument("--skip-pages", action="store_true", help="services and raw SQL only")
    p.add_argument("--ingest-rows", type=int, default=100_000)
    p.add_argument("--json", help="also write the figures to this file")
    p.add_argument("--quiet", action="store_true")
    return p


def main(argv: list[str] | None = None) -> int:
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
