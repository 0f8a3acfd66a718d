"""The building blocks of synthetic data (dashboard/synthetic.py), which the demo and the
national-scale generator share: every path they draw is one the product would accept, no
history runs past the cut-off, and a seed gives the same data."""

from __future__ import annotations

import random
from datetime import date

from dashboard.synthetic import (
    CUTOFF,
    SUBMISSION_KINDS,
    dated,
    day_between,
    distinct_enterprises,
    featured_sample,
    forward_path,
    pilot_stage_path,
    review_status_path,
    synthetic_rejection,
)
from dashboard.vocab import pilot_move_allowed, review_move_allowed


def _moves_allowed(path: list[str], allowed) -> bool:
    return all(allowed(a, b) for a, b in zip([None, *path], path, strict=False))


def test_every_drawn_path_is_a_sequence_of_allowed_moves():
    rng = random.Random(1)
    for _ in range(2_000):
        assert _moves_allowed(pilot_stage_path(rng), pilot_move_allowed)
        assert _moves_allowed(review_status_path(rng), review_move_allowed)


def test_dated_histories_stop_at_the_cutoff_and_move_forward():
    rng = random.Random(2)
    late = date(2026, 9, 1)
    for _ in range(500):
        history = dated(rng, pilot_stage_path(rng), late, (30, 150))
        days = [d for d, _ in history]
        assert history and days == sorted(days) and all(d <= CUTOFF for d in days)
    # a start after the cut-off leaves nothing
    assert dated(rng, ["applied"], date(2027, 1, 1), (1, 2)) == []


def test_forward_paths_stay_within_start_and_cutoff():
    rng = random.Random(3)
    stages = ("a", "b", "c", "d")
    start, cutoff = date(2024, 1, 1), date(2025, 1, 1)
    for _ in range(500):
        path = forward_path(rng, stages, start, cutoff, days_per_stage=30, gap=(20, 120))
        assert [s for s, _ in path] == list(stages[: len(path)])
        days = [d for _, d in path]
        assert days == sorted(days) and start <= days[0] and days[-1] <= cutoff


def test_day_between_includes_both_ends_and_clamps_a_reversed_range():
    rng = random.Random(4)
    seen = {day_between(rng, date(2025, 1, 1), date(2025, 1, 3)) for _ in range(200)}
    assert seen == {date(2025, 1, 1), date(2025, 1, 2), date(2025, 1, 3)}
    assert day_between(rng, date(2025, 1, 5), date(2025, 1, 1)) == date(2025, 1, 5)


def test_the_same_seed_gives_the_same_paths():
    def draw(seed: int) -> list[list[str]]:
        rng = random.Random(seed)
        return [pilot_stage_path(rng) + review_status_path(rng) for _ in range(50)]

    assert draw(9) == draw(9)
    assert draw(9) != draw(10)


def test_a_synthetic_rejection_names_a_real_column_of_each_report_kind():
    from dashboard.kinds.registry import KINDS

    for kind in SUBMISSION_KINDS:
        error = synthetic_rejection(kind)
        assert error["code"] == "date_invalid" and error["message_zh"] and error["message_en"]
        assert error["column"] in {c.key for c in KINDS[kind].columns}


def test_featured_provinces_come_first_with_the_same_draws():
    codes = [f"{n}0000" for n in range(11, 40)]
    plain, featured = random.Random(7), random.Random(7)
    drawn = plain.sample(codes, 5)
    got = featured_sample(featured, codes, 5, ("330000", "370000"))
    assert got[:2] == ["330000", "370000"] and len(set(got)) == 5
    assert got[2:] == [c for c in drawn if c not in ("330000", "370000")][:3]
    assert plain.random() == featured.random()  # the draws after it are the same

    plain, featured = random.Random(7), random.Random(7)
    a = list(distinct_enterprises(plain, codes, 4))
    b = list(distinct_enterprises(featured, codes, 4, ("330000",)))
    assert b[0][1] == "330000" and b[0][2][2:8] == "330000"  # the USCC names its province
    assert a[1:] == b[1:] and plain.random() == featured.random()
