"""What a programme file would give before it is saved: the figures of its targets, from
the real engine, inside a transaction that is then rolled back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from dashboard.permissions import Actor
from dashboard.programmes import store
from dashboard.services.overview import TargetCard, target_cards


@dataclass(frozen=True)
class Preview:
    result: store.LoadResult
    cards: list[TargetCard]


def preview(session: Session, raw, *, actor: Actor, as_of: date) -> Preview:
    """Load `raw` in a savepoint, compute its cards, roll back. Raises SpecError or
    PermissionDenied like `store.load`."""
    nested = session.begin_nested()
    try:
        result = store.load(session, raw, actor=actor)
        cards = target_cards(session, as_of, result.code)
    finally:
        nested.rollback()
    session.expire_all()
    return Preview(result, cards)
