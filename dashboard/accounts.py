"""Account management: create, list, disable, enable, reset passwords and set roles.
Every change is authorised (manage_users) when an actor is given, and audited."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from dashboard import audit
from dashboard.auth import revoke_all_sessions
from dashboard.i18n import t
from dashboard.models import ROLES, Province, User
from dashboard.models.common import utcnow
from dashboard.passwords import hash_password
from dashboard.permissions import Actor, authorize, can, is_provincial

MIN_PASSWORD_LENGTH = 12
DEMO_USERS = (
    ("admin", "admin", None),
    ("ministry", "ministry", None),
    ("zhejiang", "coordinator", "330000"),
    ("shandong", "coordinator", "370000"),
    ("briefing", "briefing", None),
)
DEMO_PASSWORD = "demo"  # noqa: S105  (demo mode only; listed on the demo login page)
CLI_ACTOR = "cli"


class AccountError(ValueError):
    """A refused account change. `key` names its message in the catalog (both languages);
    str() is the English text, for the command line."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(t(key, "en", **values))

    def text(self, lang: str) -> str:
        return t(self.key, lang, **self.values)


def _check_role(session: Session, role: str, province_code: str | None) -> None:
    if role not in ROLES:
        raise AccountError("account.error.unknown_role", role=role, choices=", ".join(ROLES))
    if is_provincial(role):
        if not province_code:
            raise AccountError("account.error.needs_province")
        if session.get(Province, province_code) is None:
            raise AccountError("account.error.unknown_province", code=province_code)
    elif province_code:
        raise AccountError("account.error.national_role", role=role)


def _check_password(password: str, *, demo: bool = False) -> None:
    if not demo and len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("account.error.short_password", n=MIN_PASSWORD_LENGTH)


def _actor_name(session: Session, actor: Actor | None) -> str:
    if actor is None:
        return CLI_ACTOR
    authorize(session, actor, "manage_users")
    return actor.username


def get_user(session: Session, username: str) -> User:
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise AccountError("account.error.no_user", username=username)
    return user


def add_user(
    session: Session,
    *,
    actor: Actor | None,
    username: str,
    password: str,
    role: str,
    province_code: str | None = None,
    display_name: str | None = None,
    demo: bool = False,
) -> User:
    by = _actor_name(session, actor)
    username = username.strip()
    if not username or len(username) > 64:
        raise AccountError("account.error.name_length")
    if session.exec(select(User).where(User.username == username)).first():
        raise AccountError("account.error.exists", username=username)
    _check_role(session, role, province_code)
    _check_password(password, demo=demo)
    user = User(
        username=username,
        display_name=display_name,
        password_hash=hash_password(password),
        role=role,
        province_code=province_code,
    )
    audit.record_row(
        session,
        user,
        actor=by,
        action="user_add",
        entity_type="user",
        detail={"after": {"username": username, "role": role, "province_code": province_code}},
    )
    return user


def list_users(session: Session, *, actor: Actor | None = None) -> list[User]:
    _actor_name(session, actor)
    return list(session.exec(select(User).order_by(User.username)).all())


def _keep_an_administrator(session: Session, user: User, *, role: str, active: bool) -> None:
    """Refuse a change that would leave no active account able to manage accounts: nobody
    could then create, enable or repair one from the app. The other administrators' rows
    are locked (PostgreSQL) so that two administrators cannot demote each other at once."""
    if not (user.is_active and can(user.role, "manage_users")):
        return  # the account is not an administrator now
    if active and can(role, "manage_users"):
        return  # it stays one
    managing = [r for r in ROLES if can(r, "manage_users")]
    others = session.exec(
        select(User.id)
        .where(User.id != user.id, User.is_active, User.role.in_(managing))
        .with_for_update()
    ).all()
    if not others:
        raise AccountError("account.error.last_administrator", username=user.username)


def record_change(session: Session, user: User, *, actor: str, action: str, detail: dict) -> None:
    """A change made to an account: its version and time move on (a form holding the old
    version is refused) and the audit trail records it."""
    user.version += 1
    user.updated_at = utcnow()
    audit.record(
        session, actor=actor, action=action, entity_type="user", entity_id=user.id, detail=detail
    )


def change_user(
    session: Session, user: User, *, actor: str, action: str, changes: dict[str, Any], **more: Any
) -> None:
    """Set `changes` (column -> new value) on an account and record the change: the audit
    detail holds the changed columns before and after, and `more`."""
    before = audit.snapshot(user, changes)
    for column, value in changes.items():
        setattr(user, column, value)
    detail = {"before": before, "after": dict(changes), **more}
    record_change(session, user, actor=actor, action=action, detail=detail)


def set_active(session: Session, *, actor: Actor | None, username: str, active: bool) -> User:
    by = _actor_name(session, actor)
    user = get_user(session, username)
    _keep_an_administrator(session, user, role=user.role, active=active)
    ended = 0 if active else revoke_all_sessions(session, user.id)
    action = "user_enable" if active else "user_disable"
    change_user(
        session, user, actor=by, action=action, changes={"is_active": active}, sessions_ended=ended
    )
    return user


def reset_password(session: Session, *, actor: Actor | None, username: str, password: str) -> User:
    by = _actor_name(session, actor)
    _check_password(password)
    user = get_user(session, username)
    user.password_hash = hash_password(password)
    user.failed_logins = 0
    user.locked_until = None
    ended = revoke_all_sessions(session, user.id)
    record_change(
        session, user, actor=by, action="user_reset_password", detail={"sessions_ended": ended}
    )
    return user


def set_role(
    session: Session,
    *,
    actor: Actor | None,
    username: str,
    role: str,
    province_code: str | None = None,
) -> User:
    by = _actor_name(session, actor)
    user = get_user(session, username)
    _check_role(session, role, province_code)
    _keep_an_administrator(session, user, role=role, active=user.is_active)
    changes = {"role": role, "province_code": province_code}
    change_user(session, user, actor=by, action="user_set_role", changes=changes)
    return user


def create_demo_users(session: Session) -> list[User]:
    """The demo accounts (password "demo"); only the demo command calls this."""
    made = []
    for username, role, province in DEMO_USERS:
        if session.exec(select(User).where(User.username == username)).first():
            continue
        made.append(
            add_user(
                session,
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                role=role,
                province_code=province,
                display_name=username,
                demo=True,
            )
        )
    return made


def set_language(session: Session, *, actor: Actor, lang: str) -> None:
    """The user's own interface language, kept across pages and visits."""
    if lang not in {"zh", "en"}:
        raise AccountError("account.error.unknown_language", lang=lang)
    user = session.get(User, actor.id)
    if user is None or user.username != actor.username:
        raise AccountError("account.error.unknown_user")
    before = user.language
    user.language = lang
    audit.record(
        session,
        actor=user.username,
        action="set_language",
        entity_type="user",
        entity_id=user.id,
        detail={"before": before, "after": lang},
    )


def language_at_login(session: Session, *, actor: Actor, page_lang: str, chosen: bool) -> str:
    """The language a signed-in user works in: the one they chose on the login page (saved
    as their preference, audited), else their saved preference, else the page's."""
    user = session.get(User, actor.id)
    if user is None or user.username != actor.username:
        raise AccountError("account.error.unknown_user")
    if page_lang in {"zh", "en"} and (chosen or user.language is None):
        if user.language != page_lang:
            set_language(session, actor=actor, lang=page_lang)
        return page_lang
    return user.language or page_lang
