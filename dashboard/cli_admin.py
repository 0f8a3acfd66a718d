"""Administrative commands: `users ...`, `audit verify` and `spans [--rebuild]`. Passwords
are read from a prompt or standard input, never from the command line."""

from __future__ import annotations

import getpass
import sys

from dashboard import accounts, audit
from dashboard.db import engine_for, session_scope
from dashboard.i18n import local_today
from dashboard.models import ROLES


def _read_password(args) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Repeat password: ")
        if first != second:
            raise accounts.AccountError("account.error.passwords_differ")
        return first
    line = sys.stdin.readline()
    if not line:
        raise accounts.AccountError("account.error.no_password_input")
    return line.rstrip("\r\n")


def cmd_users(args) -> int:
    engine = engine_for(args)
    try:
        with session_scope(engine) as session:
            if args.users_command == "add":
                user = accounts.add_user(
                    session,
                    actor=None,
                    username=args.username,
                    password=_read_password(args),
                    role=args.role,
                    province_code=args.province,
                    display_name=args.display_name,
                )
                print(f"user {user.username} added ({user.role})")
            elif args.users_command == "list":
                for u in accounts.list_users(session):
                    state = "active" if u.is_active else "disabled"
                    print(
                        f"{u.username:<20} {u.role:<12} {u.province_code or '-':<8} {state:<9}"
                        f" {u.digest:<7} {u.email or '-'}"
                    )
            elif args.users_command in {"disable", "enable"}:
                accounts.set_active(
                    session,
                    actor=None,
                    username=args.username,
                    active=args.users_command == "enable",
                )
                print(f"user {args.username} {args.users_command}d")
            elif args.users_command == "reset-password":
                accounts.reset_password(
                    session, actor=None, username=args.username, password=_read_password(args)
                )
                print(f"password of {args.username} reset; their sessions are ended")
            elif args.users_command == "set-role":
                accounts.set_role(
                    session,
                    actor=None,
                    username=args.username,
                    role=args.role,
                    province_code=args.province,
                )
                print(f"user {args.username} is now {args.role}")
            elif args.users_command == "set-digest":
                from dashboard.digests.preferences import KEEP, set_user_digest

                email = "" if args.no_email else (KEEP if args.email is None else args.email)
                user = set_user_digest(
                    session,
                    actor=None,
                    username=args.username,
                    email=email,
                    frequency=args.frequency,
                )
                print(f"user {user.username}: digest {user.digest}, address {user.email or '-'}")
    except accounts.AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_audit(args) -> int:
    engine = engine_for(args)
    with session_scope(engine) as session:
        report = audit.verify_chain(session)
    if report.ok:
        print(
            f"audit trail intact: {report.checked} events, head {report.head}, "
            f"anchored up to event {report.anchored or '-'}"
        )
        return 0
    if report.reason in {"truncated", "anchor_mismatch"} and report.broken_id is None:
        print(
            f"audit trail BROKEN ({report.reason}): the anchor file names events this "
            f"database does not hold ({report.checked} events here)",
            file=sys.stderr,
        )
    elif report.reason == "truncated":
        print(
            f"audit trail BROKEN (truncated): the anchor file names event {report.broken_id}, "
            f"the database ends before it ({report.checked} events)",
            file=sys.stderr,
        )
    else:
        print(
            f"audit trail BROKEN at event {report.broken_id} ({report.reason}); "
            f"{report.checked - 1} events before it are intact",
            file=sys.stderr,
        )
    return 1


def cmd_spans(args) -> int:
    from datetime import date

    from dashboard.progress.engine import month_ends
    from dashboard.progress.spans import rebuild
    from dashboard.progress.spans_check import differences

    engine = engine_for(args)
    if args.rebuild:
        with engine.begin() as conn:
            counts = rebuild(conn)
        print("counting spans rebuilt:", ", ".join(f"{k} {v}" for k, v in counts.items()))
    days = month_ends(date(2024, 1, 1), local_today())
    with engine.connect() as conn:
        found = differences(conn, days)
    if not found:
        print(f"counting spans agree with the histories on {len(days)} month-ends")
        return 0
    for d in found[:20]:
        print(
            f"{d.record_type} {d.day}: {len(d.only_in_spans)} only in spans, "
            f"{len(d.only_in_history)} only in the history rule",
            file=sys.stderr,
        )
    print("counting spans disagree with the histories: run `spans --rebuild`", file=sys.stderr)
    return 1


def add_admin_commands(sub) -> None:
    spans = sub.add_parser(
        "spans", help="check the counting spans against the histories (non-zero when they differ)"
    )
    spans.add_argument("--rebuild", action="store_true", help="recompute them all first")
    spans.set_defaults(handler=cmd_spans)
    users = sub.add_parser("users", help="manage accounts")
    users.set_defaults(handler=cmd_users)
    us = users.add_subparsers(dest="users_command", required=True)
    add = us.add_parser("add", help="add a user (password from a prompt or stdin)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--province", help="GB/T 2260 code, for coordinators")
    add.add_argument("--display-name")
    us.add_parser("list", help="list users")
    for name in ("disable", "enable", "reset-password"):
        us.add_parser(name).add_argument("username")
    sr = us.add_parser("set-role")
    sr.add_argument("username")
    sr.add_argument("--role", required=True, choices=ROLES)
    sr.add_argument("--province")
    sd = us.add_parser("set-digest", help="a user's e-mail address and digest frequency")
    sd.add_argument("username")
    where = sd.add_mutually_exclusive_group()
    where.add_argument("--email", help="the address digests go to")
    where.add_argument("--no-email", action="store_true", help="remove it (turns the digest off)")
    sd.add_argument("--frequency", choices=("daily", "weekly", "none"))
    aud = sub.add_parser("audit", help="audit trail")
    aud.set_defaults(handler=cmd_audit)
    aus = aud.add_subparsers(dest="audit_command", required=True)
    aus.add_parser("verify", help="check the hash chain; non-zero exit when broken")
