"""Every record kind has what its description promises: a template, a golden file with its
expected rows, labels in Chinese and English, a registry page in the navigation, its map
measure labelled, the table columns its description names, the roles that may edit its records
(granted by the permission table), and the names and state a drill-down and the acceptance
preview show. A failure names the kind and what it lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.i18n import catalog
from dashboard.kinds import KINDS
from dashboard.permissions import PERMISSIONS, edit_grants
from dashboard.programmes.spec import RECORDS
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
    lacking += _columns_lacking(kind)
    lacking += _editors_lacking(kind)
    counted = kind.record_type in RECORDS  # a target may count its records
    if counted and (kind.model_names is None or kind.model_state is None):
        lacking.append("name columns and a state (the drill-down and acceptance preview)")
    if kind.prefill and not (kind.province_column and kind.stages):
        lacking.append("a province and stages (a prefilled template needs both)")
    return lacking


def _editors_lacking(kind) -> list[str]:
    """Who may edit the kind's records: its description's editors, granted by the table."""
    if kind.editors and not kind.edit_action:
        return ["an edit action for its editors"]
    if kind.edit_action and not kind.editors:
        return [f"editors: the roles granted {kind.edit_action}"]
    if not set(edit_grants([kind])) <= set(PERMISSIONS):
        return [f"its editors granted {kind.edit_action} (dashboard/permissions.py, from KINDS)"]
    return []


def _columns_lacking(kind) -> list[str]:
    """The columns the description names that its tables do not have."""
    table = kind.model.__table__
    named = {*kind.model_key, *kind.attrs.values(), *(kind.model_names or ())}
    if kind.stages:
        named |= {kind.stages.model_stage, kind.stages.model_stage_date}
    if kind.model_state:
        named.add(kind.model_state)
    if kind.province_column:
        named.add(kind.province_column)
    listing = kind.listing
    named |= {*(listing.columns or ()), *listing.search, *(o.lstrip("-") for o in listing.order)}
    lacking = [f"a column {c} on {table.name}" for c in sorted(named - set(table.c.keys()))]
    if kind.history:
        h = kind.history
        history = h.model.__table__
        wanted = {h.owner, h.state, h.day, "id", "note", "recorded_by", *(listing.history or ())}
        missing = sorted(wanted - set(history.c.keys()))
        lacking += [f"a column {c} on {history.name}" for c in missing]
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
    listing = replace(KINDS["cems_pilot"].listing, search=("uscc", "enterprise"))
    wrong = replace(KINDS["cems_pilot"], listing=listing, edit_action="edit_nothing")
    assert _lacks(wrong) == [
        "a column enterprise on cemspilot",
        "its editors granted edit_nothing (dashboard/permissions.py, from KINDS)",
    ]
    assert _lacks(replace(KINDS["cems_pilot"], editors=())) == [
        "editors: the roles granted edit_cems_pilot"
    ]
    # editors given, the edit action defaults to edit_<key>, which no permission row grants
    assert _lacks(replace(KINDS["standard"], editors=(("ministry", "all"),))) == [
        "its editors granted edit_standard (dashboard/permissions.py, from KINDS)"
    ]
    unnamed = replace(KINDS["standard"], name_columns=None, prefill=True)
    assert _lacks(unnamed) == [
        "name columns and a state (the drill-down and acceptance preview)",
        "a province and stages (a prefilled template needs both)",
    ]
