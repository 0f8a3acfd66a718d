"""`python -m dashboard briefing --lang zh|en --out FILE.pptx|FILE.pdf [--as-of DATE]
[--user NAME]`: the briefing pack from the command line, as a named account (by default the
only briefing account, else the only administrator), checked and audited like the button."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from dashboard.db import engine_for, session_scope
from dashboard.i18n import local_today
from dashboard.permissions import PermissionDenied


def add_briefing_command(sub) -> None:
    p = sub.add_parser("briefing", help="write the briefing pack (PPTX or PDF)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.add_argument("--out", required=True, help="FILE.pptx or FILE.pdf")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today)")
    p.add_argument("--user", help="the account to export as (default: the briefing account)")
    p.add_argument(
        "--programme", help="the programme the pack covers (default: the nearest open deadline)"
    )
    p.set_defaults(handler=cmd_briefing)


def cmd_briefing(args) -> int:
    from dashboard.exports.service import briefing_pack, briefing_user

    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in {"pptx", "pdf"}:
        raise ValueError("--out must end in .pptx or .pdf")
    as_of = date.fromisoformat(args.as_of) if args.as_of else local_today()
    try:
        with session_scope(engine_for(args)) as session:
            actor = briefing_user(session, args.user)
            data = briefing_pack(
                session,
                actor=actor,
                lang=args.lang,
                as_of=as_of,
                fmt=fmt,
                programme=args.programme,
            )
            out.write_bytes(data)
    except PermissionDenied as exc:
        print(
            f"error: this account may not export the briefing pack ({exc.reason})", file=sys.stderr
        )
        return 3
    print(f"briefing pack written to {out} ({len(data):,} bytes, as of {as_of})")
    return 0
