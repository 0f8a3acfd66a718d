"""Lagging regions in the ministry's digest: the supervision ranking itself
(`dashboard.supervision.service.supervision_for`, the computation behind the *Lagging
regions* page and `python -m dashboard supervision`), so the three say the same thing.

A region is listed when it scored points on some measure, in the ranking's order (lagging
first, with its national rank, score and the measures that scored); the first
`MAX_LISTED` are listed and the digest says how many more the page shows. The measures,
their rules and their points are `dashboard.supervision.rules`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from dashboard.permissions import Actor, authorize, can
from dashboard.supervision.service import ACTION, supervision_for
from dashboard.supervision.sheets import Sheet

MAX_LISTED = 10


@dataclass(frozen=True)
class LaggingRegions:
    listed: list[Sheet]  # the first regions that scored, in the ranking's order
    lagging: int  # regions that scored (listed or not)
    compared: int  # regions ranked

    @property
    def more(self) -> int:
        return self.lagging - len(self.listed)


def lagging_regions(session: Session, *, actor: Actor, as_of: date) -> LaggingRegions | None:
    """The supervision ranking's regions that scored, lagging first; None when the reader's
    role does not see the ranking (then the digest has no such section)."""
    user = authorize(session, actor, "view_aggregates")
    if not can(user.role, ACTION):
        return None
    result = supervision_for(session, actor=actor, as_of=as_of)
    if not result.ranked:  # a provincial role: its own sheet is not a ranking
        return None
    scored = [s for s in result.sheets if s.score > 0]
    return LaggingRegions(scored[:MAX_LISTED], len(scored), result.total)
