"""The demo records of the kinds come from their descriptions (`RecordKind.demo_rows`), written
in the order of KINDS; a kind on a random stream of its own leaves every other kind's demo
records as they were."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from dashboard import demo_kinds
from dashboard.demo import SEED
from dashboard.kinds import KINDS
from dashboard.kinds.base import DemoRows, DemoWorld
from dashboard.synthetic import CUTOFF, SUBMISSION_KINDS, mainland_provinces

# dashboard/demo.py builds the first four kinds' records with their histories itself
BUILT_BY_THE_DEMO = SUBMISSION_KINDS


@pytest.mark.parametrize("key", [k for k in KINDS if k not in BUILT_BY_THE_DEMO])
def test_each_later_kind_with_demo_records_describes_them(key):
    kind = KINDS[key]
    assert kind.demo_rows is not None or not kind.demo, f"{key}: no demo_rows"


def _written(session, monkeypatch, kinds) -> tuple[dict, dict[str, list[dict]]]:
    """What demo_kinds.generate returns and the rows it writes, per kind (kept, not applied)."""
    written: dict[str, list[dict]] = {}

    def keep(_session, *, kind, rows, **_ignored):
        written.setdefault(kind, []).extend(rows)

    monkeypatch.setattr(demo_kinds, "KINDS", kinds)
    monkeypatch.setattr(demo_kinds, "apply_rows", keep)
    counts = demo_kinds.generate(session, SEED, mainland_provinces(session), CUTOFF)
    return counts, written


def _noisy(stream: int):
    """A kind written first that draws much from its stream."""

    def make(rng: random.Random, world: DemoWorld) -> list[dict]:
        return [{"draws": [rng.random() for _ in range(50)], "codes": len(world.codes)}]

    centre = KINDS["measurement_centre"]
    return replace(centre, key="noisy_centre", demo_rows=DemoRows(make, stream=stream))


def test_the_kinds_rows_are_written_in_order_and_a_new_stream_changes_no_other(
    session, monkeypatch
):
    counts, before = _written(session, monkeypatch, KINDS)
    described = [k for k, kind in KINDS.items() if kind.demo_rows is not None]
    assert list(counts) == described
    records = {k: {tuple(r[c] for c in KINDS[k].record_key) for r in before[k]} for k in described}
    assert {k: len(keys) for k, keys in records.items()} == counts
    assert counts["cems_pilot"] < len(before["cems_pilot"])  # a pilot's stages: rows, one record
    # the adoptions write the international proposals they name first, as standards
    proposals = {r["number"] for r in before["standard"]}
    assert proposals <= {r["standard_number"] for r in before["standard_adoption"]}

    _counts, after = _written(session, monkeypatch, {"noisy_centre": _noisy(99), **KINDS})
    assert len(after.pop("noisy_centre")) == 1
    assert after == before

    _counts, shared = _written(session, monkeypatch, {"noisy_centre": _noisy(14), **KINDS})
    shared.pop("noisy_centre")
    assert shared["cems_pilot"] != before["cems_pilot"]  # one stream: the draws move on
