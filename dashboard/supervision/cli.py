"""`python -m dashboard supervision [--as-of D] [--json] [--lang zh|en]`: the provinces ranked,
lagging first, with each measure, its points and its rule (the same computation as the page,
for every supervised province: the command line is run by the database's operator)."""

from __future__ import annotations

import json
from datetime import date

from dashboard.db import engine_for, session_scope
from dashboard.i18n import local_today, t
from dashboard.supervision import rules
from dashboard.supervision import sheet_text as st
from dashboard.supervision.sheets import Sheet, Supervision, compute


def add_supervision_command(sub) -> None:
    p = sub.add_parser("supervision", help="rank the provinces, lagging first, by every measure")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today, Beijing time)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--lang", choices=("zh", "en"), default="en")
    p.set_defaults(handler=cmd_supervision)


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    return value


def sheet_json(sheet: Sheet, as_of: date) -> dict:
    return {
        "rank": sheet.rank,
        "code": sheet.code,
        "name_zh": sheet.name_zh,
        "name_en": sheet.name_en,
        "score": sheet.score,
        "reasons": sheet.reasons,
        "measures": {
            m.key: {"tracked": m.tracked, "points": m.points, **m.figures} for m in sheet.measures
        },
        "quarters": [
            {
                "quarter": q.label,
                "due": q.due.isoformat(),
                "first_report": _jsonable(q.first_report),
                "status": q.status,
            }
            for q in sheet.quarters
        ],
        "overdue": [{k: _jsonable(v) for k, v in vars(o).items()} for o in sheet.overdue],
        "returned_open": [
            {
                "submission_id": r.submission_id,
                "filename": r.filename,
                "kind": r.kind,
                "returned_at": r.returned_at.isoformat(),
                "days_open": (as_of - r.returned_at.date()).days,
            }
            for r in sheet.returns
        ],
    }


def result_json(result: Supervision, lang: str) -> dict:
    return {
        "as_of": result.as_of.isoformat(),
        "lang": lang,
        "ranking_rule": rules.ranking_text(lang),
        "plan_tracked": result.plan_tracked,
        "notes": st.notes(result, lang),
        "measures": [
            {
                "key": key,
                "name": st.measure_name(key, lang),
                "rule": rules.rule_text(key, lang),
                "scoring": rules.points_text(key, lang),
            }
            for key in rules.MEASURES
        ],
        "provinces": [sheet_json(s, result.as_of) for s in result.sheets],
    }


def print_text(result: Supervision, lang: str) -> None:
    print(t("supervision.title", lang), result.as_of.isoformat())
    for s in result.sheets:
        name = st.province_name(s, lang)
        print(f"{s.rank:>3}  {s.code:<7} {s.score:>4}  {name}  ·  {st.reasons_text(s, lang)}")
    print()
    print(rules.ranking_text(lang))
    for key in rules.MEASURES:
        print(f"- {st.measure_name(key, lang)}: {rules.rule_text(key, lang)} "
              f"[{rules.points_text(key, lang)}]")  # fmt: skip
    for line in st.notes(result, lang):
        print(line)


def cmd_supervision(args) -> int:

    as_of = date.fromisoformat(args.as_of) if args.as_of else local_today()
    with session_scope(engine_for(args)) as session:
        result = compute(session, as_of)
    if args.json:
        print(json.dumps(result_json(result, args.lang), ensure_ascii=False, default=str))
    else:
        print_text(result, args.lang)
    return 0
