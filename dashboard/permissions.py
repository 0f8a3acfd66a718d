"""The permission table and the one function that applies it.

Denied by default: an action that no row grants is refused to everyone. A row's scope is
"all" (any province) or "own_province" (only the user's own province). The role and province
are read from the database on every check, never taken from the caller's copy of the user.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from dashboard import audit
from dashboard.models import User

ALL = "all"
OWN = "own_province"

# (role, action, scope)
PERMISSIONS: tuple[tuple[str, str, str], ...] = (
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
    # the province's own pilots and measurement reviews
    ("coordinator", "edit_pilot", OWN),
    ("coordinator", "edit_review", OWN),
    # policy tasks and milestones (national)
    ("ministry", "edit_task", ALL),
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
)

ACTIONS = tuple(sorted({a for _, a, _ in PERMISSIONS}))


class PermissionDenied(Exception):
    def __init__(self, action: str, reason: str, province: str | None = None):
        super().__init__(f"{action}: {reason}")
        self.action = action
        self.reason = reason
        self.province = province


@dataclass(frozen=True)
class Actor:
    """Who is acting. Only the id is trusted; the rest is reloaded on each check."""

    id: int
    username: str
    role: str = ""
    province_code: str | None = None


def scope_for(role: str, action: str) -> str | None:
    for r, a, scope in PERMISSIONS:
        if r == role and a == action:
            return scope
    return None


def refuse(session: Session, actor: Actor, action: str, reason: str, province, entity):
    """Undo whatever the refused unit of work had done, record the refusal, and raise.

    The refusal is written on the caller's own connection after the rollback: a second
    connection would wait for the locks that the caller's open transaction holds."""
    entity_type, entity_id = entity if entity else (None, None)
    session.rollback()
    audit.record(
        session,
        actor=actor.username,
        action=action,
        outcome="denied",
        entity_type=entity_type,
        entity_id=entity_id,
        detail={"reason": reason, "province": province},
    )
    session.commit()
    raise PermissionDenied(action, reason, province)


def authorize(
    session: Session,
    actor: Actor,
    action: str,
    *,
    province: str | None = None,
    entity: tuple[str, str | int] | None = None,
) -> User:
    """Allow `actor` to do `action` (on a record of `province`), or log and refuse.

    Returns the user as the database has it now. With province=None and an own-province
    scope the caller must restrict what it reads to `allowed_provinces(...)`.
    """
    user = session.get(User, actor.id)
    if user is None or user.username != actor.username or not user.is_active:
        refuse(session, actor, action, "unknown_or_disabled_user", province, entity)
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
    return frozenset({user.province_code})


def can(role: str, action: str) -> bool:
    """For the interface only (hiding what a role may not use); services call authorize."""
    return scope_for(role, action) is not None
