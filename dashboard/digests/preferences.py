"""A user's e-mail address and digest frequency. An administrator sets both (the users page,
`users set-digest`); a user chooses their own frequency. Every change is authorised and
audited; a refused one changes nothing and says why in both languages."""

from __future__ import annotations

import re

from sqlmodel import Session

from dashboard.accounts import AccountError, change_user, get_user
from dashboard.models import User
from dashboard.models.digests import DIGEST_FREQUENCIES
from dashboard.permissions import Actor, authorize

MAX_EMAIL_LENGTH = 254  # RFC 5321's limit on a forward path
# one @, no spaces or control characters, a dot in the domain; the server checks the rest
EMAIL_PATTERN = re.compile(r"[^@\s\x00-\x1f\x7f<>,;\"()\[\]\\]+@[^@\s\x00-\x1f\x7f<>,;\"()\[\]\\]+")
KEEP = object()  # "leave the address as it is"


class DigestSettingError(AccountError):
    """A refused address or frequency; the catalog key says why."""


def clean_email(value: str | None) -> str | None:
    """The address as stored (trimmed), None for an empty one; refused when malformed."""
    text = (value or "").strip()
    if not text:
        return None
    if len(text) > MAX_EMAIL_LENGTH:
        raise DigestSettingError("digest.error.email_length", n=MAX_EMAIL_LENGTH)
    domain = text.rpartition("@")[2]
    if not EMAIL_PATTERN.fullmatch(text) or "." not in domain.strip("."):
        raise DigestSettingError("digest.error.email_invalid", value=text[:80])
    return text


def _check_frequency(frequency: str) -> None:
    if frequency not in DIGEST_FREQUENCIES:
        raise DigestSettingError(
            "digest.error.frequency", value=frequency[:20], choices=", ".join(DIGEST_FREQUENCIES)
        )


def set_user_digest(
    session: Session,
    *,
    actor: Actor | None,
    username: str,
    email=KEEP,
    frequency: str | None = None,
) -> User:
    """An administrator (or the command line, actor None) sets a user's address and/or
    frequency. Clearing the address also turns the digest off; daily or weekly needs one."""
    by = "cli" if actor is None else authorize(session, actor, "manage_users").username
    user = get_user(session, username)
    address = user.email if email is KEEP else clean_email(email)
    wanted = user.digest if frequency is None else frequency
    _check_frequency(wanted)
    if address is None:
        if frequency not in (None, "none"):
            raise DigestSettingError("digest.error.needs_email", username=username)
        wanted = "none"
    changes = {"email": address, "digest": wanted}
    change_user(session, user, actor=by, action="user_set_digest", changes=changes)
    return user


def set_own_digest(session: Session, *, actor: Actor, frequency: str) -> User:
    """A signed-in user chooses how often they get the digest (the address is the one an
    administrator set)."""
    user = authorize(session, actor, "set_own_digest", entity=("user", actor.id))
    _check_frequency(frequency)
    if frequency != "none" and not user.email:
        raise DigestSettingError("digest.error.own_needs_email")
    changes = {"digest": frequency}
    change_user(session, user, actor=user.username, action="set_own_digest", changes=changes)
    return user


def own_digest(session: Session, *, actor: Actor) -> tuple[str | None, str]:
    """The signed-in user's address and frequency, for their settings form."""
    user = authorize(session, actor, "set_own_digest")
    return user.email, user.digest
