"""The supervision measures, their limits and the points rule: one place, so the text shown
beside a figure (catalog keys `supervision.rule.<measure>` and `supervision.points.<measure>`,
filled in with the constants below) and the computation cannot drift apart.

Points add up to a province's score; the higher the score, the more the province lags.
Provinces are ranked by score, highest first; equal scores share a rank (the next rank skips,
as in 1, 2, 2, 4) and are listed by province code. A measure that is not tracked scores
nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.i18n import t
from dashboard.vocab import PILOT_SET_UP_STAGES, REVIEW_COUNTING_STATUSES

# Overdue limits (the tracker's reading: the seeds set no dates for pilot evaluations).
MIDTERM_DUE_DAYS = 365  # a pilot set up reaches its mid-term evaluation within a year
ACCEPTANCE_DUE_DAYS = 730  # and is accepted within its two-year construction period
REVIEW_STALLED_DAYS = 180  # a review not completed records a move at least every half year

# Points (per item, or once for the condition)
POINTS = {
    "late_quarter": 1,
    "missing_quarter": 2,
    "plan_none": 3,
    "plan_drafting": 1,
    "no_pilot_set_up": 2,
    "no_review_set_up": 1,
    "no_park_set_up": 1,
    "no_energy_review_set_up": 1,
    "overdue_item": 1,
    "returned_open": 1,
}
OVERDUE_POINTS_CAP = 5  # a province with many records under way is not ranked by its size

MEASURES = (
    "report_timeliness",
    "report_completeness",
    "plan_status",
    "pilots_set_up",
    "reviews_set_up",
    "parks_set_up",
    "energy_reviews_set_up",
    "overdue_items",
    "returned_open",
)

# The "set up" measures: measure -> (record type, the stages or statuses on the day that
# count, the condition scored when there is none). Standardization pilots, carbon
# measurement review pilots and zero-carbon park measurement pilots: the action plan's
# guarantee measure (iii) "carry out pilot projects"; energy measurement reviews: key task (16).
SET_UP = {
    "pilots_set_up": ("pilot", PILOT_SET_UP_STAGES, "no_pilot_set_up"),
    "reviews_set_up": ("measurement_review", REVIEW_COUNTING_STATUSES, "no_review_set_up"),
    "parks_set_up": (
        "zero_carbon_park",
        ("approved", "under_construction", "accepted"),
        "no_park_set_up",
    ),
    "energy_reviews_set_up": (
        "energy_measurement_review",
        REVIEW_COUNTING_STATUSES,
        "no_energy_review_set_up",
    ),
}

# Stages (pilots) and statuses (reviews) the rules read
PILOT_MIDTERM_PENDING = ("approved", "under_construction")
PILOT_NOT_ACCEPTED = ("approved", "under_construction", "midterm_evaluation")
REVIEW_OPEN = ("planned", "in_review", "rectification")
OVERDUE_RULES = ("midterm", "acceptance", "review_stalled")


@dataclass(frozen=True)
class MeasureResult:
    """One measure of one province: its figures, and its points (None: not tracked)."""

    key: str
    figures: dict = field(default_factory=dict)
    points: int | None = 0

    @property
    def tracked(self) -> bool:
        return self.points is not None


def limits() -> dict[str, int]:
    """The values the rule texts name."""
    return {
        "midterm_days": MIDTERM_DUE_DAYS,
        "acceptance_days": ACCEPTANCE_DUE_DAYS,
        "review_days": REVIEW_STALLED_DAYS,
        "overdue_cap": OVERDUE_POINTS_CAP,
        **{f"p_{k}": v for k, v in POINTS.items()},
    }


def rule_text(key: str, lang: str) -> str:
    """What the measure counts and how, in the viewer's language."""
    return t(f"supervision.rule.{key}", lang, **limits())


def points_text(key: str, lang: str) -> str:
    """How the measure scores."""
    return t(f"supervision.points.{key}", lang, **limits())


def ranking_text(lang: str) -> str:
    return t("supervision.ranking_rule", lang)


def timeliness_points(late: int) -> int:
    return POINTS["late_quarter"] * late


def completeness_points(missing: int) -> int:
    return POINTS["missing_quarter"] * missing


def plan_points(status: str | None) -> int:
    if status == "issued":
        return 0
    if status == "drafting":
        return POINTS["plan_drafting"]
    return POINTS["plan_none"]


def set_up_points(count: int, condition: str) -> int:
    return POINTS[condition] if count == 0 else 0


def overdue_points(count: int) -> int:
    return min(POINTS["overdue_item"] * count, OVERDUE_POINTS_CAP)


def rank(scores: dict[str, int]) -> list[tuple[str, int, int]]:
    """(code, score, rank), lagging first: by score descending, then code; equal scores share
    the rank of the first of them."""
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    out: list[tuple[str, int, int]] = []
    for i, (code, score) in enumerate(ordered):
        position = out[-1][2] if out and out[-1][1] == score else i + 1
        out.append((code, score, position))
    return out
