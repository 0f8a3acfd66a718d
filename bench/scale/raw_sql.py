"""The raw SQL of the benchmark: the queries that make the pages' figures, compiled once to
SQL text with bound parameters and run on the DB-API cursor."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, literal_column, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bench.scale.timing import DRILL_TARGET, PILOT_INDUSTRIES_FILTER, PILOT_STAGES_FILTER


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
    from dashboard.services.provinces import (
        MEASURE_TARGETS,
        pilots_accepted_statement,
        reporting_statements,
    )

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
    accepted = pilots_accepted_statement(as_of)
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
