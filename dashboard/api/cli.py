"""`python -m dashboard api-tokens create NAME --role ROLE [--province CODE] [--expires DAYS]`,
`api-tokens list` and `api-tokens revoke NAME`. The token is printed once, by `create`."""

from __future__ import annotations

import sys

from dashboard.accounts import AccountError
from dashboard.api import tokens
from dashboard.db import engine_for, session_scope
from dashboard.models import ROLES


def _stamp(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "-"


def cmd_api_tokens(args) -> int:

    engine = engine_for(args)
    try:
        with session_scope(engine) as session:
            if args.tokens_command == "create":
                row, token = tokens.create_token(
                    session,
                    name=args.name,
                    role=args.role,
                    province_code=args.province,
                    expires_days=args.expires,
                )
                print(token)
                print(
                    f"API token {row.name} ({row.role}"
                    f"{', ' + row.province_code if row.province_code else ''}) created, "
                    f"expires {_stamp(row.expires_at)}. "
                    "It is shown this once: only its hash is kept.",
                    file=sys.stderr,
                )
            elif args.tokens_command == "list":
                for row in tokens.list_tokens(session):
                    print(
                        f"{row.name:<24} {row.prefix}…  {row.role:<12} "
                        f"{row.province_code or '-':<8} {tokens.state(row):<8} "
                        f"expires {_stamp(row.expires_at):<20} last used {_stamp(row.last_used_at)}"
                    )
            elif args.tokens_command == "revoke":
                tokens.revoke_token(session, name=args.name)
                print(f"API token {args.name} revoked")
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def add_api_token_commands(sub) -> None:
    p = sub.add_parser("api-tokens", help="tokens for the read-only HTTP API (/api/v1)")
    p.set_defaults(handler=cmd_api_tokens)
    ps = p.add_subparsers(dest="tokens_command", required=True)
    create = ps.add_parser("create", help="make a token and print it once")
    create.add_argument("name", help="who uses it, e.g. ndrc-statistics (letters, digits . _ -)")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--province", help="GB/T 2260 code, for a coordinator's token")
    create.add_argument(
        "--expires",
        type=int,
        metavar="DAYS",
        default=tokens.DEFAULT_EXPIRY_DAYS,
        help=f"days until it expires (default {tokens.DEFAULT_EXPIRY_DAYS}, at most "
        f"{tokens.MAX_EXPIRY_DAYS})",
    )
    ps.add_parser("list", help="list tokens (never the tokens themselves)")
    ps.add_parser("revoke", help="refuse a token from now on").add_argument("name")
