"""python -m dashboard programmes list | load FILE [--user NAME] [--note TEXT] [--dry-run] |
export CODE [--out FILE]. A load is checked, versioned and audited like one from the
Programmes page; it acts as the named administrator (default: the only active one)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sqlmodel import select

from dashboard.db import engine_for, session_scope
from dashboard.models import ROLES, User
from dashboard.permissions import Actor, can
from dashboard.programmes import store
from dashboard.programmes.files import canonical_json, read_programme_bytes
from dashboard.programmes.spec import SpecError


def _admin(session, username: str | None) -> Actor:
    managing = [r for r in ROLES if can(r, "manage_programmes")]
    stmt = select(User).where(User.role.in_(managing), User.is_active)
    if username:
        stmt = select(User).where(User.username == username)
    users = list(session.exec(stmt))
    if len(users) != 1:
        raise ValueError("name the administrator with --user NAME")
    u = users[0]
    return Actor(u.id, u.username, u.role, u.province_code)


def cmd_programmes(args) -> int:

    engine = engine_for(args)
    if args.action == "list":
        with session_scope(engine) as session:
            for doc in store.programmes(session):
                print(
                    f"{doc.code:<10} v{doc.version:<3} {doc.issued_on}  "
                    f"{doc.doc_number or '-'}  {doc.title_en}"
                )
        return 0
    if args.action == "export":
        with session_scope(engine) as session:
            try:
                text = canonical_json(store.export(session, args.code)) + "\n"
            except SpecError as exc:
                print(f"error: {exc.text('en')}", file=sys.stderr)
                return 2
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    data = Path(args.file).read_bytes()
    try:
        raw = read_programme_bytes(data)
        with session_scope(engine) as session:
            result = store.load(session, raw, actor=_admin(session, args.user), note=args.note)
            if args.dry_run:
                session.rollback()
    except SpecError as exc:
        print(f"error: {exc.text('en')}", file=sys.stderr)
        return 1
    verb = "would load" if args.dry_run else "loaded"
    if not result.changed:
        print(f"{result.code}: unchanged (version {result.version})")
    else:
        print(
            f"{result.code}: {verb} version {result.version}; "
            + json.dumps(
                {
                    "added": result.added_targets,
                    "changed": result.changed_targets,
                    "retired": result.retired_targets,
                }
            )
        )
    return 0


def add_programme_commands(sub) -> None:
    p = sub.add_parser("programmes", help="list, load or export programme files")
    acts = p.add_subparsers(dest="action", required=True)
    acts.add_parser("list", help="the programmes and their current versions")
    load = acts.add_parser("load", help="check and load a programme file as a new version")
    load.add_argument("file")
    load.add_argument("--user", help="the administrator who loads it")
    load.add_argument("--note", help="why (kept with the version)")
    load.add_argument("--dry-run", action="store_true", help="check only; change nothing")
    export = acts.add_parser("export", help="write a programme's current file")
    export.add_argument("code")
    export.add_argument("--out", help="file to write (default: standard output)")
    p.set_defaults(handler=cmd_programmes)
