"""Command line: `python -m dashboard --help` lists the commands and `python -m dashboard
COMMAND --help` each one's options. The commands are in the README ("Command line"), and
tests/test_docs.py fails when one is missing there. This module has the database commands
(init-db, demo, progress) and assembles the rest from the modules that own them
(`cli_admin`, `programmes.cli`, `exports.cli`, `api.cli`, `digests.cli`,
`supervision.cli`, `progress.backtest_cli`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from dashboard import audit, demo, text_columns
from dashboard.db import engine_for, session_scope
from dashboard.i18n import local_today, t
from dashboard.migrate import upgrade_to_head
from dashboard.progress.forecast_labels import forecast_line
from dashboard.progress.report import progress_report
from dashboard.progress.service import all_progress, breakdown
from dashboard.reference_data import sync_reference


def init_database(engine) -> dict[str, int]:
    """Migrate to head, sign an audit chain written before it was keyed, and load the
    reference data from the seeds."""
    upgrade_to_head(engine)
    with session_scope(engine) as session:
        signed = audit.adopt_unkeyed(session)
    if signed:
        print(f"audit trail: {signed} events written before the audit key signed with it")
    with session_scope(engine) as session:
        return sync_reference(session)


def cmd_init_db(args) -> int:
    counts = init_database(engine_for(args))
    print("database ready:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


def cmd_demo(args) -> int:
    engine = engine_for(args)
    init_database(engine)
    with session_scope(engine) as session:
        if not demo.is_empty(session):
            print("the database already holds records; demo data left as it was")
            return 0
        counts = demo.generate(session)
        from dashboard.accounts import create_demo_users

        create_demo_users(session)
    print("synthetic demo data loaded:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


# Columns of `progress` aligned to the right: the figure and the share.
RIGHT = frozenset({1, 3})


def _progress_cells(rows, lang: str) -> list[list[str]]:
    """One line of cells a target: code, figure, target, share, deadline, status, forecast,
    the forecast's chance or why there is none, and the target's name."""
    return [
        [
            tg.code,
            str(p.actual),
            f"/ {p.quantity}",
            f"{p.percent:.1f}%",
            f"{t('deadline', lang)} {p.deadline}",
            t("status." + p.status, lang),
            f"{t('forecast', lang)} {'—' if p.forecast is None else f'{p.forecast:.0f}'}",
            forecast_line(p.as_dict(), lang),
            tg.name_zh if lang == "zh" else tg.name_en,
        ]
        for tg, p in rows
    ]


def cmd_progress(args) -> int:
    as_of = date.fromisoformat(args.as_of) if args.as_of else local_today()
    engine = engine_for(args)
    with session_scope(engine) as session:
        if args.json:
            report = progress_report(
                session, as_of, args.programme, by_province=args.by == "province"
            )
            print(json.dumps(report, ensure_ascii=False))
            return 0
        rows = all_progress(session, as_of, args.programme)
        lang = args.lang
        lines = text_columns.columns(_progress_cells(rows, lang), RIGHT)
        for (tg, _), line in zip(rows, lines, strict=True):
            print(line)
            if args.by == "province":
                by = breakdown(session, tg, as_of, by="province_code")
                for code, n in sorted(by.items(), key=lambda kv: kv[0] or ""):
                    print(f"    {code or '-':<8} {n:>5}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    parser.add_argument("--database-url", help="overrides DATABASE_URL")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init-db", help="create or upgrade the schema and load reference data")
    sub.add_parser("demo", help="fill an empty database with synthetic demo data")
    p = sub.add_parser("progress", help="print each target's computed state")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=("zh", "en"), default="en")
    p.add_argument("--programme", help="one programme's targets (default: all)")
    p.add_argument("--by", choices=("province",), help="also give each target's figure by province")
    from dashboard.cli_admin import add_admin_commands

    add_admin_commands(sub)
    from dashboard.exports.cli import add_briefing_command

    add_briefing_command(sub)
    from dashboard.programmes.cli import add_programme_commands

    add_programme_commands(sub)
    from dashboard.progress.backtest_cli import add_backtest_command

    add_backtest_command(sub)
    from dashboard.api.cli import add_api_token_commands

    add_api_token_commands(sub)
    from dashboard.digests.cli import add_digest_command

    add_digest_command(sub)
    from dashboard.supervision.cli import add_supervision_command

    add_supervision_command(sub)
    _database_url_after_the_command(parser)
    return parser


def _database_url_after_the_command(parser: argparse.ArgumentParser) -> None:
    """`--database-url` works before or after any subcommand (`users list --database-url X`):
    every subcommand parser, nested ones included, accepts it too. SUPPRESS keeps a
    subcommand that was not given it from clearing the value given before it."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                if "--database-url" not in child._option_string_actions:
                    child.add_argument(
                        "--database-url", default=argparse.SUPPRESS, help="overrides DATABASE_URL"
                    )
                _database_url_after_the_command(child)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {"init-db": cmd_init_db, "demo": cmd_demo, "progress": cmd_progress}
    handler = handlers.get(args.command) or args.handler
    try:
        return handler(args)
    except (ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
