"""The registry pages of standards' adoptions, zero-carbon park pilots and energy measurement
reviews, used through their widgets: each save checked in the database and the audit trail;
a refused save shows why, in the viewer's language, and changes nothing. (A coordinator's new
park moved on: tests/pages/test_kind_pages.py.)"""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import t
from dashboard.kinds.energy_measurement_review import EnergyMeasurementReview, EnergyReviewEntry
from dashboard.kinds.standard_adoption import StandardAdoption
from dashboard.kinds.zero_carbon_park import ZeroCarbonParkPilot
from dashboard.models import Deliverable
from tests.pages.conftest import app_as, audit_events
from tests.pages.widgets import _ok, click, fill, open_page, press_save, rows, saved, select_row
from tests.pipelines.make_corpus import USCC_ZJ as USCC

ADOPTIONS = "../pages/standard_adoptions.py"
PARKS = "../pages/zero_carbon_parks.py"
ENERGY = "../pages/energy_reviews.py"


def _group_standard_without_conversion(url: str) -> str:
    with Session(shared_engine(url)) as s:
        converted = set(
            s.exec(
                select(StandardAdoption.standard_number).where(
                    StandardAdoption.event == "converted_to_national_standard"
                )
            ).all()
        )
        numbers = s.exec(
            select(Deliverable.number)
            .where(Deliverable.kind == "group_standard")
            .order_by(Deliverable.number)
        ).all()
    return next(n for n in numbers if n not in converted)


def _adoptions(url: str, number: str) -> list[StandardAdoption]:
    with Session(shared_engine(url), expire_on_commit=False) as s:
        return list(
            s.exec(select(StandardAdoption).where(StandardAdoption.standard_number == number))
        )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ministry_records_a_conversion_to_a_national_standard(writable_demo, lang):
    number = _group_standard_without_conversion(writable_demo)
    at = open_page(writable_demo, "ministry", ADOPTIONS, lang)
    zh = lang == "zh"
    fill(
        at,
        {
            "标准编号" if zh else "Standard number": number,
            "采信事项" if zh else "Event": "converted_to_national_standard",
            "日期" if zh else "Event date": date(2026, 5, 20),
            "转化后编号" if zh else "Target number": "GB/T 47999-2026",
        },
    )
    press_save(at, "standard_adoption_form_new", lang)
    [saved] = [
        a for a in _adoptions(writable_demo, number) if a.event == "converted_to_national_standard"
    ]
    assert (saved.event_date, saved.target_number) == (date(2026, 5, 20), "GB/T 47999-2026")
    event = audit_events(writable_demo, "record_save", entity_type="standard_adoption")[-1]
    assert event.actor == "ministry" and event.entity_id == str(saved.id)
    assert event.detail["before"] is None
    assert event.detail["after"]["target_number"] == "GB/T 47999-2026"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_adoption_of_a_standard_not_in_the_registry_is_refused(writable_demo, lang):
    before = len(audit_events(writable_demo, "record_save"))
    at = open_page(writable_demo, "ministry", ADOPTIONS, lang)
    zh = lang == "zh"
    fill(
        at,
        {
            "标准编号" if zh else "Standard number": "T/CNCA 9999-2025",
            "采信事项" if zh else "Event": "adopted_into_green_product_list",
            "日期" if zh else "Event date": date(2026, 5, 20),
        },
    )
    click(at, t("form.save", lang), "standard_adoption_form_new")
    expected = t("pipeline.error.adoption_standard_unknown", lang, record="T/CNCA 9999-2025")
    assert [e.value for e in at.error] == [expected]
    assert _adoptions(writable_demo, "T/CNCA 9999-2025") == []
    assert len(audit_events(writable_demo, "record_save")) == before


def test_a_group_event_on_an_international_proposal_is_refused(writable_demo):
    at = open_page(writable_demo, "ministry", ADOPTIONS, "en")
    fill(
        at,
        {
            "Standard number": "ISO/NP 14090",
            "Event": "adopted_into_green_product_list",
            "Event date": date(2026, 5, 20),
        },
    )
    click(at, t("form.save", "en"), "standard_adoption_form_new")
    [error] = [e.value for e in at.error]
    assert "ISO/NP 14090" in error and "international standard" in error.lower()
    assert "group standard" in error.lower()
    events = [a.event for a in _adoptions(writable_demo, "ISO/NP 14090")]
    assert "adopted_into_green_product_list" not in events


def test_a_coordinator_sees_adoptions_but_no_form(writable_demo):
    at = open_page(writable_demo, "zhejiang", ADOPTIONS)
    assert len(next(d for d in at.dataframe if d.key == "standard_adoption_table").value) > 0
    assert not [b for b in at.button if b.label == t("form.save", "zh")]


def test_ministry_adds_a_park_in_any_province_and_may_not_move_it_back(writable_demo):
    at = open_page(writable_demo, "ministry", PARKS, "en")
    fill(
        at,
        {
            "Park name": "Test park (Guangdong)",
            "Province": "440000",
            "Park type": "high_tech",
            "Pilot stage": "approved",
            "Stage date": date(2026, 3, 1),
        },
    )
    press_save(at, "zero_carbon_park_form_new", "en")
    park = saved(
        writable_demo, ZeroCarbonParkPilot, ZeroCarbonParkPilot.park_name == "Test park (Guangdong)"
    )
    before = len(audit_events(writable_demo, "record_save"))
    select_row(at, "zero_carbon_park_table", 0)
    fill(at, {"Pilot stage": "applied", "Stage date": date(2026, 4, 1)})
    click(at, t("form.save", "en"), f"zero_carbon_park_form_{park.id}")
    assert at.error, "a move back is refused"
    with Session(shared_engine(writable_demo)) as s:
        assert s.get(ZeroCarbonParkPilot, park.id).stage == "approved"
    assert len(audit_events(writable_demo, "record_save")) == before


def test_coordinator_adds_an_energy_measurement_review(writable_demo):
    at = open_page(writable_demo, "zhejiang", ENERGY, "en")
    fill(
        at,
        {
            "USCC": USCC,
            "Unit name": "Zhejiang test data centre",
            "Field": "data_center",
            "Review status": "in_review",
            "Review date": date(2026, 2, 3),
        },
    )
    press_save(at, "energy_measurement_review_form_new", "en")
    review = saved(writable_demo, EnergyMeasurementReview, EnergyMeasurementReview.uscc == USCC)
    entries = rows(
        writable_demo,
        select(EnergyReviewEntry.status).where(EnergyReviewEntry.review_id == review.id),
    )
    assert (review.province_code, review.field, review.status) == (
        "330000",
        "data_center",
        "in_review",
    )
    assert entries == ["in_review"]
    event = audit_events(writable_demo, "record_save", entity_type="energy_measurement_review")[-1]
    assert event.actor == "zhejiang" and event.entity_id == str(review.id)


def _m1_by_its_rule(url: str, end: date) -> int:
    """M1 as docs/PROGRAMMES.md defines it, written apart from the engine: distinct standard
    numbers with a green-list adoption or a conversion dated in [2024-01-01, end]."""
    events = {
        "adopted_into_green_product_list",
        "converted_to_industry_standard",
        "converted_to_national_standard",
    }
    with Session(shared_engine(url)) as s:
        rows = s.exec(select(StandardAdoption)).all()
    return len(
        {
            a.standard_number
            for a in rows
            if a.event in events and date(2024, 1, 1) <= a.event_date <= end
        }
    )


def _milestone_figure(at, code: str) -> str:
    column = t("overview.milestone_figure", "en")
    table = next(d.value for d in at.dataframe if column in d.value.columns)
    return table.loc[table[t("overview.code", "en")] == code, column].iloc[0]


def test_the_m1_figure_is_its_rule_and_grows_with_an_adoption_recorded_on_its_page(
    writable_demo,
):
    at = app_as(writable_demo, "ministry", "en").run()
    at.selectbox[0].select("AP2024").run()
    _ok(at)
    end = date(2025, 12, 31)  # today is past the deadline: the figure is the one at it
    before = _m1_by_its_rule(writable_demo, end)
    assert _milestone_figure(at, "M1") == str(before)
    assert any(c.value.startswith("M1: ") for c in at.caption)  # the rule beside it
    # a group standard not yet adopted or converted, adopted into the list inside the window
    with Session(shared_engine(writable_demo)) as s:
        counted = set(s.exec(select(StandardAdoption.standard_number)).all())
        number = next(
            n
            for n in s.exec(
                select(Deliverable.number)
                .where(Deliverable.kind == "group_standard")
                .order_by(Deliverable.number)
            ).all()
            if n not in counted
        )
    at.switch_page(ADOPTIONS).run()
    fill(
        at,
        {
            "Standard number": number,
            "Event": "adopted_into_green_product_list",
            "Event date": date(2025, 6, 1),
        },
    )
    press_save(at, "standard_adoption_form_new", "en")
    assert audit_events(writable_demo, "record_save", entity_type="standard_adoption")
    at.switch_page("../pages/overview.py").run()
    at.selectbox[0].select("AP2024").run()
    assert _m1_by_its_rule(writable_demo, end) == before + 1
    assert _milestone_figure(at, "M1") == str(before + 1)
