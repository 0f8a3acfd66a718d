"""Locations through the registry forms, used through their widgets: a coordinator places
their pilot (and a CEMS pilot, a zero-carbon park) with longitude, latitude and datum; a point
outside China is refused on the form in the viewer's language with nothing written; a point
in another province is a warning on the form, saved only once confirmed, and audited with
it. The map's layer of zero-carbon parks shows the located parks."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import t
from dashboard.kinds.cems_pilot import CemsPilot
from dashboard.kinds.zero_carbon_park import ZeroCarbonParkPilot
from dashboard.models import Pilot
from tests.pages.conftest import audit_events
from tests.pages.widgets import _ok, click, fill, frame, open_page, press_save, select_row
from tests.pipelines.make_corpus import USCC_ZJ as USCC

PILOTS = "../pages/pilots.py"
CEMS = "../pages/cems_pilots.py"
PARKS = "../pages/zero_carbon_parks.py"
HANGZHOU = (120.1551, 30.2741)  # West Lake, WGS-84
SHANGHAI = (121.4737, 31.2304)  # People's Square
TOKYO = (139.6917, 35.6895)


def _pilot_form(url: str, lang: str):
    """The pilots page as the Zhejiang coordinator, their first pilot picked; (app, pilot)."""
    at = open_page(url, "zhejiang", PILOTS, lang)
    code = frame(at, "pilot_table")[t("col.code", lang)].iloc[0]
    select_row(at, "pilot_table", 0)
    _ok(at)
    with Session(shared_engine(url), expire_on_commit=False) as s:
        pilot = s.exec(select(Pilot).where(Pilot.code == code)).one()
    return at, pilot


def _place(at, form: str, lonlat, datum: str | None = None) -> None:
    at.number_input(key=f"{form}_longitude").set_value(lonlat[0])
    at.number_input(key=f"{form}_latitude").set_value(lonlat[1])
    if datum is not None:
        at.selectbox(key=f"{form}_datum").set_value(datum)


def _pilot(url: str, pid: int) -> Pilot:
    with Session(shared_engine(url), expire_on_commit=False) as s:
        return s.get(Pilot, pid)


def test_coordinator_places_own_pilot(writable_demo):
    at, pilot = _pilot_form(writable_demo, "zh")
    form = f"pilot_location_form_{pilot.id}"
    _place(at, form, HANGZHOU, "gcj02")
    press_save(at, form)
    saved = _pilot(writable_demo, pilot.id)
    assert (saved.longitude, saved.latitude, saved.location_datum) == (*HANGZHOU, "gcj02")
    assert (saved.current_stage, saved.version) == (pilot.current_stage, pilot.version + 1)
    [event] = audit_events(writable_demo, "pilot_location", entity_id=str(pilot.id))
    assert (event.actor, event.outcome) == ("zhejiang", "ok")
    assert event.detail["after"]["longitude"] == HANGZHOU[0]
    assert event.detail["before"]["longitude"] == pilot.longitude


@pytest.mark.parametrize(
    ("lang", "words"), [("zh", ("中国境外", "139.6917")), ("en", ("outside China", "139.6917"))]
)
def test_a_point_outside_china_is_refused_on_the_form(writable_demo, lang, words):
    at, pilot = _pilot_form(writable_demo, lang)
    form = f"pilot_location_form_{pilot.id}"
    _place(at, form, TOKYO)
    click(at, t("form.save", lang), form)
    assert not at.exception, [e.message for e in at.exception]
    [error] = at.error
    assert all(w in error.value for w in words), error.value
    saved = _pilot(writable_demo, pilot.id)
    assert (saved.longitude, saved.version) == (pilot.longitude, pilot.version)
    assert audit_events(writable_demo, "pilot_location") == []


@pytest.mark.parametrize(
    ("lang", "found", "declared"),
    [
        ("zh", "上海市（310000）", "浙江省（330000）"),
        ("en", "Shanghai (310000)", "Zhejiang (330000)"),
    ],
)
def test_a_point_in_another_province_is_saved_once_confirmed(writable_demo, lang, found, declared):
    at, pilot = _pilot_form(writable_demo, lang)
    form = f"pilot_location_form_{pilot.id}"
    _place(at, form, SHANGHAI)
    press_save(at, form, lang)
    [warning] = [w for w in at.warning if found in w.value]
    assert declared in warning.value
    assert _pilot(writable_demo, pilot.id).version == pilot.version  # nothing written yet
    assert audit_events(writable_demo, "pilot_location") == []
    at.checkbox(key=f"{form}_location_confirm").check()
    press_save(at, form, lang)
    saved = _pilot(writable_demo, pilot.id)
    assert (saved.longitude, saved.latitude, saved.location_datum) == (*SHANGHAI, "wgs84")
    [event] = audit_events(writable_demo, "pilot_location", entity_id=str(pilot.id))
    assert event.detail["location_warnings"] == [{"found": "310000", "declared": "330000"}]
    assert not [w for w in at.warning if found in w.value]  # the warning is gone


def test_a_confirmation_does_not_carry_over_to_another_point(writable_demo):
    at, pilot = _pilot_form(writable_demo, "en")
    form = f"pilot_location_form_{pilot.id}"
    _place(at, form, SHANGHAI)
    click(at, t("form.save", "en"), form)
    at.checkbox(key=f"{form}_location_confirm").check()
    _place(at, form, (118.7969, 32.0603))  # Nanjing: another province again, not confirmed
    press_save(at, form, "en")
    assert any("Jiangsu (320000)" in w.value for w in at.warning)
    assert _pilot(writable_demo, pilot.id).version == pilot.version


def test_coordinator_adds_a_located_cems_pilot(writable_demo):
    at = open_page(writable_demo, "zhejiang", CEMS, "en")
    fill(
        at,
        {
            "USCC": USCC,
            "Enterprise name": "Zhejiang test plant",
            "Industry": "power",
            "Stage": "planned",
            "Stage date": date(2026, 1, 5),
        },
    )
    _place(at, "cems_pilot_form_new", HANGZHOU, "bd09")
    press_save(at, "cems_pilot_form_new", "en")
    with Session(shared_engine(writable_demo)) as s:
        cems = s.exec(select(CemsPilot).where(CemsPilot.uscc == USCC)).one()
        assert (cems.longitude, cems.latitude, cems.location_datum) == (*HANGZHOU, "bd09")
        cid = cems.id
    [event] = audit_events(writable_demo, "record_save", entity_id=str(cid))
    assert event.detail["after"]["location_datum"] == "bd09"


@pytest.mark.parametrize(
    ("lang", "found"), [("zh", "上海市（310000）"), ("en", "Shanghai (310000)")]
)
def test_a_park_in_another_province_is_confirmed_on_the_registry_form(writable_demo, lang, found):
    at = open_page(writable_demo, "zhejiang", PARKS, lang)
    name = "浙江测试零碳园区"
    labels = {"zh": ("园区名称", "园区类型"), "en": ("Park name", "Park type")}[lang]
    fill(at, {labels[0]: name, labels[1]: "industrial"})
    _place(at, "zero_carbon_park_form_new", SHANGHAI)
    press_save(at, "zero_carbon_park_form_new", lang)
    assert any(found in w.value for w in at.warning)

    def parks():
        with Session(shared_engine(writable_demo)) as s:
            query = select(ZeroCarbonParkPilot).where(ZeroCarbonParkPilot.park_name == name)
            return s.exec(query).all()

    assert parks() == []
    at.checkbox(key="zero_carbon_park_form_new_location_confirm").check()
    press_save(at, "zero_carbon_park_form_new", lang)
    [park] = parks()
    assert (park.longitude, park.latitude) == SHANGHAI
    [event] = audit_events(writable_demo, "record_save", entity_id=str(park.id))
    assert event.detail["location_warnings"] == [{"found": "310000", "declared": "330000"}]


def test_a_park_outside_china_is_refused_on_the_registry_form(writable_demo):
    at = open_page(writable_demo, "ministry", PARKS, "en")
    before = len(audit_events(writable_demo, "record_save"))
    fill(at, {"Park name": "Tokyo park", "Park type": "industrial"})
    _place(at, "zero_carbon_park_form_new", TOKYO)
    click(at, t("form.save", "en"), "zero_carbon_park_form_new")
    assert any("outside China" in e.value for e in at.error)
    with Session(shared_engine(writable_demo)) as s:
        query = select(ZeroCarbonParkPilot).where(ZeroCarbonParkPilot.park_name == "Tokyo park")
        assert s.exec(query).all() == []
    assert len(audit_events(writable_demo, "record_save")) == before


def test_the_map_shows_the_located_parks(demo_env):
    from tests.pages.test_locations_pages import _located, _open_points, _points

    parks = _located(demo_env, ZeroCarbonParkPilot)
    assert parks, "the demo gives a share of its parks a synthetic location"
    at = _open_points(demo_env, "ministry", "en")
    at.radio(key="map_points_layer").set_value("zero_carbon_park").run()
    _ok(at)
    points = _points(at)
    assert sorted(p["code"] for p in points) == sorted(p.park_name for p in parks)
    assert {p["shape"] for p in points} == {"square"}  # parks
