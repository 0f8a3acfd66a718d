"""The permission table and the one function that applies it.

Denied by default: an action that no row grants is refused to everyone. The rows granting a
record kind's edit action (`edit_<kind>`) are built from the kind's description: its
`editors` (dashboard.kinds); the other rows are listed here. A row's scope is
"all" (any province) or "own_province" (only the user's own province). The role and province
are read from the database on every check, never taken from the caller's copy of the user.
An API token (`Actor.kind == "token"`) is scoped like a user: its own row holds its role and
province, and a revoked or expired token is refused like a disabled user.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NoReturn, cast

from sqlmodel import Session

from dashboard import audit
from dashboard.kinds import KINDS, RecordKind
from dashboard.models import ApiToken, User
from dashboard.models.common import as_utc
from dashboard.permission_scopes import ALL, OWN

TOKEN_ACTOR = "api:"  # noqa: S105  (a name prefix in the audit trail, not a secret)
# The API is read-only: a token may use no other action, whatever its role grants a user.
TOKEN_ACTIONS = frozenset({"view_aggregates", "view_records", "view_submissions"})

Grant = tuple[str, str, str]  # (role, action, scope)

# Every grant but the record kinds' edit actions.
GRANTS: tuple[Grant, ...] = (
    # national aggregates: the overview, the map, target progress
    ("admin", "view_aggregates", ALL),
    ("ministry", "view_aggregates", ALL),
    ("coordinator", "view_aggregates", ALL),
    ("briefing", "view_aggregates", ALL),
    # individual records: registries, drill-downs, province profiles
    ("admin", "view_records", ALL),
    ("ministry", "view_records", ALL),
    ("briefing", "view_records", ALL),
    ("coordinator", "view_records", OWN),
    # report submissions
    ("coordinator", "submit_report", OWN),
    ("admin", "submit_report", ALL),
    ("coordinator", "view_submissions", OWN),
    ("ministry", "view_submissions", ALL),
    ("admin", "view_submissions", ALL),
    ("ministry", "review_submission", ALL),
    # supervision of lagging regions: the national ranking, or a coordinator's own sheet
    ("admin", "view_supervision", ALL),
    ("ministry", "view_supervision", ALL),
    ("briefing", "view_supervision", ALL),
    ("coordinator", "view_supervision", OWN),
    # exports and briefing packs
    ("briefing", "export", ALL),
    ("ministry", "export", ALL),
    ("admin", "export", ALL),
    ("coordinator", "export", OWN),
    # administration
    ("admin", "manage_users", ALL),
    ("admin", "view_audit", ALL),
    ("admin", "run_pipelines", ALL),
    ("admin", "manage_programmes", ALL),
    # one's own e-mailed digest (how often; the address is set by an administrator)
    ("admin", "set_own_digest", ALL),
    ("ministry", "set_own_digest", ALL),
    ("coordinator", "set_own_digest", ALL),
    ("briefing", "set_own_digest", ALL),
)


def edit_grants(kinds: Iterable[RecordKind]) -> tuple[Grant, ...]:
    """Each kind's edit action granted to the roles its description names (`editors`)."""
    return tuple(
        (role, kind.edit_action, scope)
        for kind in kinds
        if kind.edit_action
        for role, scope in kind.editors
    )


def permission_table(kinds: Iterable[RecordKind]) -> tuple[Grant, ...]:
    """The whole table: the grants listed here and those of the record kinds."""
    return GRANTS + edit_grants(kinds)


PERMISSIONS = permission_table(KINDS.values())

ACTIONS = tuple(sorted({a for _, a, _ in PERMISSIONS}))


class PermissionDenied(Exception):
    def __init__(self, action: str, reason: str, province: str | None = None):
        super().__init__(f"{action}: {reason}")
        self.action = action
        self.reason = reason
        self.province = province


@dataclass(frozen=True)
class Actor:
    """Who is acting. Only the id is trusted; the rest is reloaded on each check. `kind` is
    "user" (an account) or "token" (an API token's id and name)."""

    id: int
    username: str
    role: str = ""
    province_code: str | None = None
    kind: str = "user"


def scope_for(role: str, action: str) -> str | None:
    for r, a, scope in PERMISSIONS:
        if r == role and a == action:
            return scope
    return None


def refuse(
    session: Session,
    actor: Actor,
    action: str,
    reason: str,
    province: str | None,
    entity: tuple[str, str | int] | None,
) -> NoReturn:
    """Undo whatever the refused unit of work had done, record the refusal, and raise.

    The refusal is written on the caller's own connection after the rollback: a second
    connection would wait for the locks that the caller's open transaction holds."""
    session.rollback()
    audit.record_refusal(
        session, actor.username, action, entity or (None, None), reason, province=province
    )
    raise PermissionDenied(action, reason, province)


def token_actor(token: ApiToken) -> Actor:
    """The actor an API token acts as; its name in the audit trail is "api:<token name>"."""
    return Actor(id=cast(int, token.id), username=TOKEN_ACTOR + token.name, kind="token")


def token_is_live(token: ApiToken, now: datetime | None = None) -> bool:
    now = now or datetime.now(UTC)
    expired = token.expires_at is not None and as_utc(token.expires_at) <= now
    return token.revoked_at is None and not expired


def _principal(session: Session, actor: Actor) -> User | ApiToken | None:
    """The account or token acting, as the database has it now; None when unknown, disabled,
    revoked or expired."""
    if actor.kind == "token":
        token = session.get(ApiToken, actor.id)
        if token is None or actor.username != TOKEN_ACTOR + token.name:
            return None
        return token if token_is_live(token) else None
    user = session.get(User, actor.id)
    if user is None or user.username != actor.username or not user.is_active:
        return None
    return user


def authorize(
    session: Session,
    actor: Actor,
    action: str,
    *,
    province: str | None = None,
    entity: tuple[str, str | int] | None = None,
) -> User | ApiToken:
    """Allow `actor` to do `action` (on a record of `province`), or log and refuse.

    Returns the user (or API token) as the database has it now. With province=None and an
    own-province scope the caller must restrict what it reads to `allowed_provinces(...)`.
    """
    user = _principal(session, actor)
    if user is None:
        refuse(session, actor, action, "unknown_or_disabled_user", province, entity)
    if actor.kind == "token" and action not in TOKEN_ACTIONS:
        refuse(session, actor, action, "not_for_api_tokens", province, entity)
    scope = scope_for(user.role, action)
    if scope is None:
        refuse(session, actor, action, "role_not_permitted", province, entity)
    if scope == OWN:
        if user.province_code is None:
            refuse(session, actor, action, "no_province", province, entity)
        if province is not None and province != user.province_code:
            refuse(session, actor, action, "outside_own_province", province, entity)
    return user


def allowed_provinces(session: Session, actor: Actor, action: str) -> frozenset[str] | None:
    """None when the actor may act on every province, else the set it may act on."""
    user = authorize(session, actor, action)
    if scope_for(user.role, action) == ALL:
        return None
    return frozenset({cast(str, user.province_code)})  # authorize refused an own scope without one


def is_provincial(role: str) -> bool:
    """A role is provincial when any of its grants is scoped to its own province: its
    accounts then belong to a province, land on its profile and act only within it."""
    return any(r == role and scope == OWN for r, _, scope in PERMISSIONS)


def can(role: str, action: str) -> bool:
    """For the interface only (hiding what a role may not use); services call authorize."""
    return scope_for(role, action) is not None
