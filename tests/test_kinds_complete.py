"""Every record kind has what its description promises: a template, a golden file with its
expected rows, labels in Chinese and English, a registry page in the navigation, and its
map measure labelled. A failure names the kind and what it lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.i18n import catalog
from dashboard.kinds import KINDS
from dashboard.ui.navigation import PAGE_TABLE
from pipelines.schemas import detect_kind
from pipelines.templates import csv_template, headers, xlsx_template

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "pipelines" / "golden"


def _lacks(kind) -> list[str]:
    lacking = []
    try:
        assert xlsx_template(kind.key) and csv_template(kind.key)
        assert detect_kind(headers(kind.key)) == kind.key
    except Exception as exc:  # the test names what broke
        lacking.append(f"a template ({exc!r})")
    if not list(GOLDEN.glob(f"{kind.key}.csv")) + list(GOLDEN.glob(f"{kind.key}.xlsx")):
        lacking.append("a golden file")
    if not (GOLDEN / f"{kind.key}.expected.json").exists():
        lacking.append("a golden file's expected rows")
    entries = catalog()
    for key in kind.label_keys + ([f"measure.{kind.map_measure}"] if kind.map_measure else []):
        if not {"zh", "en"} <= set(entries.get(key, {})):
            lacking.append(f"labels in zh and en for {key}")
    for col in kind.columns:
        if not (col.help(kind.key, "zh") and col.help(kind.key, "en")):
            lacking.append(f"help for column {col.key} in zh and en")
    if kind.planner != "task":
        table = kind.model.__tablename__
        if f"review.table.{table}" not in entries:
            lacking.append(f"a review label for {table}")
    if not kind.registry_page or not (ROOT / "pages" / kind.registry_page).exists():
        lacking.append("a registry page")
    elif kind.registry_page not in {row[0] for row in PAGE_TABLE}:
        lacking.append("its registry page in the navigation")
    provincial = kind.province_column and kind.column(kind.province_column).required
    if provincial and not kind.map_measure:
        lacking.append("a map measure")
    return lacking


@pytest.mark.parametrize("key", list(KINDS))
def test_kind_is_complete(key):
    lacking = _lacks(KINDS[key])
    assert not lacking, f"record kind {key} lacks: " + "; ".join(lacking)


def test_the_test_names_what_a_kind_lacks():
    from dataclasses import replace

    bare = replace(KINDS["cems_pilot"], key="bare_kind", registry_page=None, map_measure=None)
    lacking = _lacks(bare)
    assert "a golden file" in lacking and "a registry page" in lacking
    assert "labels in zh and en for report_kind.bare_kind" in lacking
    assert "a map measure" in lacking
