"""`python -m dashboard digest [--send | --dry-run] [--as-of DATE] [--user NAME] [--show]
[--out DIR]`, for a timer. Without --send nothing is sent and nothing is recorded: each
reader's line says what would be sent (--show prints the text parts, --out writes each
message as an .eml file to look at in a mail program). Exit codes: 0 nothing failed, 1 some
delivery failed (it is tried again by the next run), 2 usage or configuration error."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from dashboard.db import engine_for
from dashboard.settings import SettingsError, smtp_settings


def add_digest_command(sub) -> None:
    p = sub.add_parser("digest", help="e-mail the daily and weekly digests (default: show only)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--send", action="store_true", help="send and record the deliveries")
    mode.add_argument("--dry-run", action="store_true", help="show what would be sent (default)")
    p.add_argument("--as-of", help="YYYY-MM-DD (default: today in the display zone)")
    p.add_argument("--user", help="only this account")
    p.add_argument("--show", action="store_true", help="print each message's text part")
    p.add_argument("--out", help="write each message to DIR/<user>-<period>.eml")
    p.set_defaults(handler=cmd_digest)


def _write(out: Path, outcome) -> None:
    out.mkdir(parents=True, exist_ok=True)
    name = f"{outcome.username}-{outcome.period.replace(':', '-')}.eml"
    (out / name).write_bytes(outcome.message.as_bytes())


def cmd_digest(args) -> int:
    from dashboard.digests.delivery import run, smtp_sender
    from dashboard.i18n import local_today

    as_of = date.fromisoformat(args.as_of) if args.as_of else local_today()
    send = sender = None
    if args.send:
        try:
            smtp = smtp_settings()
        except SettingsError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        send, sender = smtp_sender(smtp), smtp.sender
    from dashboard.digests.compose import ChartCache

    charts = ChartCache()
    outcomes = run(
        engine_for(args), as_of=as_of, send=send, sender=sender, username=args.user, charts=charts
    )
    for o in outcomes:
        line = f"{o.state:<13} {o.username:<20} {o.period:<18} {o.kind:<12} {o.recipient}"
        print(line + (f"  {o.error}" if o.error else ""))
        if o.message is not None and args.show:
            print(f"Subject: {o.message['Subject']}")
            print(o.message.get_body(("plain",)).get_content())
        if o.message is not None and args.out:
            _write(Path(args.out), o)
    for problem in sorted(set(charts.failures)):
        print(f"warning: burn-up chart left out: {problem}", file=sys.stderr)
    if not outcomes:
        print(
            f"no digest due: no active user with an address and a daily or weekly digest ({as_of})"
        )
    failed = sum(o.state == "failed" for o in outcomes)
    mode = "sent" if args.send else "nothing sent (no --send)"
    print(f"digests {as_of}: {len(outcomes)} readers, {failed} failed; {mode}")
    return 1 if failed else 0
