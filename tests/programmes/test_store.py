"""Loading programmes: versioned, audited, never silently rewritten; a past as-of date is
computed under the definition in force then; a new programme counts with no code changed."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime

import pytest
from sqlmodel import select

from dashboard.models import AuditEvent, Document, ProgrammeVersion, Target
from dashboard.permissions import PermissionDenied
from dashboard.programmes import store
from dashboard.programmes.files import shipped_files
from dashboard.programmes.spec import SpecError
from dashboard.progress.service import in_force, progress_for
from dashboard.services.drilldown import records_behind
from dashboard.services.overview import programme_choices, target_cards
from tests import builders as b

NEW = {
    "code": "PCF-TEST",
    "doc_number": "",
    "title_zh": "测试：产品碳足迹核算标准",
    "title_en": "Test: product carbon footprint accounting standards",
    "issuers": ["MEE"],
    "issued_on": "2025-01-06",
    "clauses": [{"ref": "goal", "zh": "总体要求", "en": "General requirements"}],
    "targets": [
        {
            "code": "PCF-X100",
            "name_zh": "产品碳足迹核算标准",
            "name_en": "Product carbon footprint accounting standards",
            "quantity": 100,
            "comparison": "at_least",
            "unit_zh": "项",
            "unit_en": "standards",
            "window_start": "2025-01-01",
            "deadline": "2027-12-31",
            "clause": "goal",
            "counting": {
                "records": "deliverable",
                "kinds": ["national_standard", "group_standard"],
                "categories": ["carbon_footprint"],
                "statuses": ["issued"],
                "event": {"date": "issue_date"},
                "dedupe": "number",
            },
        }
    ],
}


def _admin(session):
    return b.user(session, "root", "admin")


def test_a_new_programme_counts_with_no_code_changed(session):
    admin = _admin(session)
    b.standard(session, issued=date(2025, 3, 1), category="carbon_footprint")
    b.standard(
        session,
        issued=date(2025, 4, 1),
        category="carbon_footprint",
        kind="group_standard",
        number="T/CNCA 116.1-2025",
    )
    b.standard(session, issued=date(2024, 12, 1), category="carbon_footprint")  # before
    b.standard(session, issued=date(2025, 5, 1), category="carbon_accounting")  # other field
    result = store.load(session, copy.deepcopy(NEW), actor=admin, note="first")
    session.commit()
    assert (result.code, result.version, result.added_targets) == ("PCF-TEST", 1, ("PCF-X100",))
    target = session.get(Target, "PCF-X100")
    assert progress_for(session, target, date(2026, 12, 2)).actual == 2
    card = target_cards(session, date(2026, 12, 2), "PCF-TEST")[0]
    assert card.progress["actual"] == 2
    assert "group standard" in card.counting_rule_en and "团体标准" in card.counting_rule_zh
    rows = records_behind(session, actor=admin, target_code="PCF-X100", as_of=date(2026, 12, 2))
    assert len(rows) == 2
    event = session.exec(select(AuditEvent).where(AuditEvent.action == "load_programme")).all()[-1]
    assert (event.actor, event.entity_id, event.detail["version"]) == ("root", "PCF-TEST", 1)
    # the export gives back what was loaded
    assert store.export(session, "PCF-TEST") == NEW


def test_loading_the_same_file_again_changes_nothing(session):
    admin = _admin(session)
    store.load(session, copy.deepcopy(NEW), actor=admin)
    again = store.load(session, copy.deepcopy(NEW), actor=admin)
    assert (again.changed, again.version) == (False, 1)
    assert (
        len(
            session.exec(
                select(ProgrammeVersion).where(ProgrammeVersion.programme_code == "PCF-TEST")
            ).all()
        )
        == 1
    )


def test_a_definition_changes_only_with_a_note_and_a_target_is_never_dropped(session):
    admin = _admin(session)
    store.load(session, copy.deepcopy(NEW), actor=admin)
    session.commit()
    changed = copy.deepcopy(NEW)
    changed["targets"][0]["quantity"] = 120
    with pytest.raises(SpecError) as err:
        store.load(session, changed, actor=admin)
    assert (err.value.path, err.value.reason) == ("targets[0]", "change_needs_note")
    session.rollback()
    assert session.get(Target, "PCF-X100").quantity == 100
    changed["targets"][0]["change_note_zh"] = "按新文件调整为120项"
    changed["targets"][0]["change_note_en"] = "raised to 120 by a later notice"
    result = store.load(session, changed, actor=admin)
    assert (result.version, result.changed_targets) == (2, ("PCF-X100",))
    dropped = copy.deepcopy(changed)
    dropped["targets"] = []
    with pytest.raises(SpecError) as err:
        store.load(session, dropped, actor=admin)
    assert (err.value.path, err.value.reason) == ("targets", "target_dropped")
    session.rollback()
    retired = copy.deepcopy(changed)
    retired["targets"][0]["retired_on"] = "2026-06-30"
    assert store.load(session, retired, actor=admin).retired_targets == ("PCF-X100",)
    back = copy.deepcopy(changed)  # retired_on removed again
    with pytest.raises(SpecError) as err:
        store.load(session, back, actor=admin)
    assert err.value.reason == "unretire"


def test_a_target_code_of_another_programme_is_refused(session):
    admin = _admin(session)
    raw = copy.deepcopy(NEW)
    raw["targets"][0]["code"] = "T1"
    with pytest.raises(SpecError) as err:
        store.load(session, raw, actor=admin)
    assert (err.value.path, err.value.reason) == ("targets[0].code", "code_taken")


def test_only_an_administrator_may_load(session):
    ministry = b.user(session, "min", "ministry")
    with pytest.raises(PermissionDenied):
        store.load(session, copy.deepcopy(NEW), actor=ministry)
    denied = session.exec(select(AuditEvent).where(AuditEvent.outcome == "denied")).all()
    assert denied and denied[-1].action == "manage_programmes"
    assert session.get(Document, "PCF-TEST") is None


def test_a_past_date_is_counted_under_the_definition_then_in_force(session):
    admin = _admin(session)
    store.load(session, copy.deepcopy(NEW), actor=admin)
    session.commit()
    first = session.exec(
        select(ProgrammeVersion).where(ProgrammeVersion.programme_code == "PCF-TEST")
    ).one()
    first.loaded_at = datetime(2025, 6, 1, 2, 0, tzinfo=UTC)  # version 1 took force then
    session.add(first)
    session.commit()
    b.standard(session, issued=date(2025, 3, 1), category="carbon_footprint")
    b.standard(session, issued=date(2025, 3, 2), category="carbon_accounting")
    wider = copy.deepcopy(NEW)
    wider["targets"][0]["counting"]["categories"] = ["carbon_footprint", "carbon_accounting"]
    wider["targets"][0]["change_note_zh"] = "扩大范围"
    wider["targets"][0]["change_note_en"] = "wider"
    store.load(session, wider, actor=admin)
    session.commit()
    target = session.get(Target, "PCF-X100")
    today = datetime.now(UTC).date()
    old = in_force(session, target, date(2025, 12, 31))
    assert (old.version, old.changed_since) == (1, True)
    assert progress_for(session, target, date(2025, 12, 31)).actual == 1
    assert progress_for(session, target, today).actual == 2
    card = target_cards(session, date(2025, 12, 31), "PCF-TEST")[0]
    assert card.definition_changed and card.definition_version == 1


def test_the_programme_with_the_nearest_open_deadline_comes_first(session):
    assert programme_choices(session, date(2024, 6, 1))[0].code == "AP2024"
    assert programme_choices(session, date(2025, 6, 1))[0].code == "AP2024"  # 5 targets due
    after = programme_choices(session, date(2026, 12, 2))
    assert after[0].next_deadline == date(2027, 12, 31)
    ap = next(c for c in after if c.code == "AP2024")
    assert ap.next_deadline is None  # all passed: a closing assessment


def test_shipped_files_do_not_override_an_administrators_version(session):
    from dashboard.programmes.sync import sync_programmes

    admin = _admin(session)
    raw = json.loads(shipped_files()[0].read_text(encoding="utf-8"))
    raw["title_en"] += " (edited)"
    store.load(session, raw, actor=admin)
    sync_programmes(session)
    assert session.get(Document, raw["code"]).title_en.endswith("(edited)")
