"""Who gets a digest today, and sending it once per period.

For each active user with an address and a daily or weekly digest: the period key
(dashboard/digests/periods.py); a delivery already sent for that period is skipped. Sending
first *claims* the (user, period) row (status "sending", committed; the unique key stops a
second run that starts at the same time), then sends over SMTP, then records "sent" or
"failed" with the error, audited as the account `digest`. A failed delivery is tried again
by the next run in the same period (at most MAX_ATTEMPTS times); a new period's digest covers
the days since the last one that was sent. A claim older than STALE_CLAIM (a run killed while
sending) is tried again. Without `send`, nothing is sent or recorded."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from dashboard import audit
from dashboard.digests.compose import ChartCache, letter_for
from dashboard.digests.coordinator import coordinator_digest
from dashboard.digests.ministry import headline_target, ministry_digest
from dashboard.digests.periods import events_after, period_key, since
from dashboard.digests.render import build_message
from dashboard.models import DigestDelivery, User
from dashboard.models.common import as_utc, utcnow
from dashboard.permissions import Actor, is_provincial
from dashboard.services import overview
from dashboard.services.dataset import dataset_status
from dashboard.settings import SmtpSettings, display_timezone

DIGEST_ACTOR = "digest"
MAX_ATTEMPTS = 5
STALE_CLAIM = timedelta(minutes=30)
ERROR_LENGTH = 500
PREVIEW_SENDER = "digest@localhost"  # the From of a message only shown, never sent


@dataclass(frozen=True)
class Outcome:
    username: str
    period: str
    kind: str
    recipient: str
    state: str  # would_send | sent | failed | already_sent | in_progress | gave_up
    error: str = ""
    message: EmailMessage | None = None


def digest_users(session: Session, username: str | None = None) -> list[User]:
    query = select(User).where(
        User.is_active, User.digest.in_(("daily", "weekly")), User.email.is_not(None)
    )
    if username is not None:
        query = query.where(User.username == username)
    return list(session.exec(query.order_by(User.username)).all())


def _last_sent(session: Session, user_id: int, as_of: date) -> DigestDelivery | None:
    return session.exec(
        select(DigestDelivery)
        .where(
            DigestDelivery.user_id == user_id,
            DigestDelivery.status == "sent",
            DigestDelivery.as_of < as_of,
        )
        .order_by(DigestDelivery.as_of.desc(), DigestDelivery.id.desc())
        .limit(1)
    ).first()


def _existing(session: Session, user_id: int, period: str) -> DigestDelivery | None:
    return session.exec(
        select(DigestDelivery).where(
            DigestDelivery.user_id == user_id, DigestDelivery.period == period
        )
    ).first()


def _skip_state(row: DigestDelivery | None) -> str | None:
    if row is None:
        return None
    if row.status == "sent":
        return "already_sent"
    if row.status == "sending" and utcnow() - as_utc(row.claimed_at) < STALE_CLAIM:
        return "in_progress"
    if row.attempts >= MAX_ATTEMPTS:
        return "gave_up"
    return None


def compose(
    session: Session, user: User, *, as_of: date, sender: str, charts: ChartCache
) -> tuple[str, EmailMessage]:
    """The user's digest for `as_of`: its kind and the message."""
    actor = Actor(id=user.id, username=user.username, role=user.role)
    lang = user.language if user.language in {"zh", "en"} else "zh"
    last = _last_sent(session, user.id, as_of)
    start = since(user.digest, as_of, last.as_of if last else None)
    if is_provincial(user.role):
        cards = overview.target_cards(session, as_of)
        composed = as_utc(last.claimed_at) if last is not None and last.as_of == start else None
        content = coordinator_digest(
            session,
            actor=actor,
            as_of=as_of,
            since=start,
            returned_after=events_after(start, composed, display_timezone()),
            chart_target=headline_target(cards, as_of),
        )
        kind = "coordinator"
    else:
        content = ministry_digest(session, actor=actor, as_of=as_of, since=start)
        kind = "ministry"
    letter = letter_for(
        session,
        content,
        frequency=user.digest,
        lang=lang,
        synthetic=dataset_status(session).synthetic,
        charts=charts,
    )
    period = period_key(user.digest, as_of)
    message = build_message(letter, sender=sender, recipient=user.email, lang=lang, period=period)
    return kind, message


def smtp_sender(smtp: SmtpSettings) -> Callable[[EmailMessage], None]:
    def send(message: EmailMessage) -> None:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as client:
            if smtp.starttls:
                client.starttls(context=ssl.create_default_context())
            if smtp.user:
                client.login(smtp.user, smtp.password)
            client.send_message(message)

    return send


def _claim(engine: Engine, user: User, period: str, as_of: date, kind: str) -> bool:
    try:
        with Session(engine, expire_on_commit=False) as s:
            row = _existing(s, user.id, period)
            if row is None:
                row = DigestDelivery(
                    user_id=user.id, period=period, as_of=as_of, kind=kind, recipient=user.email,
                    status="sending",
                )  # fmt: skip
            elif _skip_state(row) is not None:
                return False
            row.status, row.attempts, row.claimed_at = "sending", row.attempts + 1, utcnow()
            row.as_of, row.kind, row.recipient = as_of, kind, user.email
            s.add(row)
            s.commit()
            return True
    except IntegrityError:  # another run claimed it a moment ago
        return False


def _finish(engine: Engine, user: User, period: str, message: EmailMessage, error: str) -> None:
    with Session(engine, expire_on_commit=False) as s:
        row = _existing(s, user.id, period)
        row.status = "failed" if error else "sent"
        row.error = error[:ERROR_LENGTH] or None
        row.message_id = message["Message-ID"]
        row.sent_at = None if error else utcnow()
        s.add(row)
        audit.record(
            s,
            actor=DIGEST_ACTOR,
            action="digest_failed" if error else "digest_sent",
            outcome="failed" if error else "ok",
            entity_type="user",
            entity_id=user.id,
            detail={
                "username": user.username,
                "period": period,
                "kind": row.kind,
                "as_of": row.as_of,
                "recipient": row.recipient,
                "attempt": row.attempts,
                **({"error": row.error} if error else {}),
            },
        )
        s.commit()


def run(
    engine: Engine,
    *,
    as_of: date,
    send: Callable[[EmailMessage], None] | None,
    sender: str | None = None,
    username: str | None = None,
    charts: ChartCache | None = None,
) -> list[Outcome]:
    """One pass over the readers. `send` None: compose only (nothing sent, nothing recorded)."""
    charts = charts or ChartCache()
    outcomes = []
    with Session(engine, expire_on_commit=False) as s:
        users = digest_users(s, username)
    for user in users:
        period = period_key(user.digest, as_of)
        with Session(engine, expire_on_commit=False) as s:
            skip = _skip_state(_existing(s, user.id, period))
            if skip is not None:
                kind = "coordinator" if is_provincial(user.role) else "ministry"
                outcomes.append(Outcome(user.username, period, kind, user.email, skip))
                continue
            kind, message = compose(
                s, user, as_of=as_of, sender=sender or PREVIEW_SENDER, charts=charts
            )
            s.rollback()
        if send is None:
            outcomes.append(
                Outcome(user.username, period, kind, user.email, "would_send", "", message)
            )
            continue
        if not _claim(engine, user, period, as_of, kind):
            outcomes.append(Outcome(user.username, period, kind, user.email, "in_progress"))
            continue
        error = ""
        try:
            send(message)
        except (OSError, smtplib.SMTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"
        _finish(engine, user, period, message, error)
        state = "failed" if error else "sent"
        outcomes.append(Outcome(user.username, period, kind, user.email, state, error, message))
    return outcomes
