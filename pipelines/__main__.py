"""Command line of the report pipelines: `python -m pipelines --help` lists the commands
(each is in the README, "Report files"; tests/test_docs.py holds the two together).

Exit codes of refresh: 0 no file rejected, 1 a file was rejected, 2 a usage or system error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from dashboard.i18n import t
from dashboard.settings import SettingsError, default_database_url, get_settings
from pipelines.schemas import REPORT_KINDS


def _database_url(args: argparse.Namespace) -> str:
    return args.database_url or os.environ.get("DATABASE_URL") or default_database_url()


def cmd_templates(args: argparse.Namespace) -> int:
    from pipelines.templates import write_templates

    for path in write_templates(Path(args.out)):
        print(path)
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from dashboard.db import make_engine
    from pipelines.refresh import exit_code, refresh, skipped_files, summary_lines

    for name in skipped_files(Path(args.inbox)):
        print(t("pipeline.skipped_file", args.lang, name=name[:120]), file=sys.stderr)
    archive_dir = Path(args.archive_dir) if args.archive_dir else get_settings().archive_dir
    engine = make_engine(_database_url(args))
    try:
        results = refresh(
            engine,
            inbox=Path(args.inbox),
            accept=args.accept,
            archive_dir=archive_dir,
            kind=args.kind,
            keep=args.keep,
        )
    finally:
        engine.dispose()
    if args.json:
        files = [r.as_dict(args.lang) for r in results]
        print(json.dumps({"files": files}, ensure_ascii=False, default=str))
    else:
        for line in summary_lines(results, args.lang):
            print(line)
    return exit_code(results)


def cmd_benchmark(args: argparse.Namespace) -> int:
    from pipelines.benchmark import run_benchmark

    results = run_benchmark(
        rows=args.rows, xlsx_rows=args.xlsx_rows, database_url=args.database_url
    )
    if args.json:
        print(json.dumps(results))
        return 0
    for r in results:
        print(
            f"{r['database']:<10} {r['case']:<4} {r['kind']:<18} {r['rows']:>7} rows "
            f"{r['bytes'] / 1e6:6.1f} MB  {r['seconds']:7.2f} s  {r['rows_per_second']:>7} rows/s  "
            f"(CPU {r['cpu_seconds']} s, load {r['load_average']})  "
            f"peak RSS {r['peak_rss_mb']} MB  {r['status']}  "
            f"(raw parse and insert {r['raw_seconds']} s: {r['ratio_to_raw']}x)"
        )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("templates", help="write <kind>.xlsx and <kind>.csv for every report")
    p.add_argument("--out", required=True, help="directory to write the templates into")
    p.set_defaults(handler=cmd_templates)

    p = sub.add_parser("refresh", help="ingest every file in an inbox directory")
    p.add_argument("--inbox", required=True, help="directory of report files")
    p.add_argument("--accept", action="store_true", help="apply at once (operator's import)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.add_argument("--database-url", help="overrides DATABASE_URL")
    p.add_argument("--kind", choices=sorted(REPORT_KINDS), help="report kind of every file")
    p.add_argument("--archive-dir", help="overrides DASHBOARD_ARCHIVE_DIR")
    p.add_argument("--keep", action="store_true", help="leave the files in the inbox")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages")
    p.set_defaults(handler=cmd_refresh)

    p = sub.add_parser("benchmark", help="time ingestion of generated CSV and XLSX files")
    p.add_argument("--rows", type=int, default=100_000, help="rows of the CSV (pilot_status)")
    p.add_argument("--xlsx-rows", type=int, default=50_000, help="rows of the XLSX")
    p.add_argument(
        "--database-url",
        help="PostgreSQL URL (a scratch schema is made); default: a temporary SQLite file",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_benchmark)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (SettingsError, OSError, RuntimeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a database or other system error
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
