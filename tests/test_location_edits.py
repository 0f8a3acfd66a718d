"""A location saved from a page (a pilot's location form, the registry form of CEMS pilots
and zero-carbon parks), on SQLite and PostgreSQL: the reports' check (in China; in the
record's province unless confirmed), written as a report row by the apply step, stored as
given with its datum, audited; refused with nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from dashboard.i18n import t
from dashboard.kinds.zero_carbon_park import ZeroCarbonParkPilot
from dashboard.locations.datums import gcj02_to_bd09, to_map
from dashboard.locations.provinces import province_of
from dashboard.models import AuditEvent, Pilot, PilotStage
from dashboard.permissions import PermissionDenied
from dashboard.services.editing import EditError, LocationWarning, set_pilot_location
from dashboard.services.kind_records import save_record
from tests import builders as b

HANGZHOU = (120.1551, 30.2741)  # WGS-84, West Lake
SHANGHAI = (121.4737, 31.2304)  # People's Square
TOKYO = (139.6917, 35.6895)


def _events(session, action: str) -> list[AuditEvent]:
    return list(session.exec(select(AuditEvent).where(AuditEvent.action == action)).all())


@pytest.fixture
def zj(session):
    return b.user(session, "zj", "coordinator", "330000")


@pytest.fixture
def pilot(session):
    p = b.pilot(session, [("applied", date(2024, 9, 1)), ("approved", date(2024, 11, 1))])
    session.commit()
    return p


def _locate(session, actor, pilot, lonlat, datum=None, confirmed=False, version=1):
    return set_pilot_location(
        session=session,
        actor=actor,
        pilot_id=pilot.id,
        longitude=lonlat[0],
        latitude=lonlat[1],
        datum=datum,
        expected_version=version,
        confirmed=confirmed,
    )


def test_a_pilot_gets_its_location_as_given_without_a_history_entry(session, zj, pilot):
    _locate(session, zj, pilot, HANGZHOU)
    session.commit()
    session.refresh(pilot)
    # stored as given, in the datum named (WGS-84 when none is)
    assert (pilot.longitude, pilot.latitude, pilot.location_datum) == (*HANGZHOU, "wgs84")
    assert (pilot.current_stage, pilot.version) == ("approved", 2)
    stages = session.exec(select(PilotStage.stage).where(PilotStage.pilot_id == pilot.id)).all()
    assert sorted(stages) == ["applied", "approved"]
    [event] = _events(session, "pilot_location")
    assert event.actor == "zj" and event.entity_id == str(pilot.id)
    assert event.detail["before"]["longitude"] is None
    assert event.detail["after"] == {
        "longitude": HANGZHOU[0],
        "latitude": HANGZHOU[1],
        "location_datum": "wgs84",
        "version": 2,
    }
    assert event.detail["location_warnings"] == []


def test_a_baidu_point_is_checked_in_the_maps_datum(session, zj, pilot):
    """A BD-09 point is stored as written and converted to GCJ-02 for the check and the
    map: Hangzhou written in Baidu's offsets is still in Zhejiang."""
    bx, by = (round(float(c), 6) for c in gcj02_to_bd09(*HANGZHOU))
    _locate(session, zj, pilot, (bx, by), "bd09")
    session.commit()
    session.refresh(pilot)
    assert (pilot.longitude, pilot.latitude, pilot.location_datum) == (bx, by, "bd09")
    x, y = to_map(bx, by, "bd09")
    assert float(x) == pytest.approx(HANGZHOU[0], abs=1e-5)
    assert province_of(float(x), float(y)) == "330000"


def test_a_point_outside_china_is_refused_and_nothing_is_written(session, zj, pilot):
    with pytest.raises(EditError) as exc:
        _locate(session, zj, pilot, TOKYO)
    assert exc.value.key == "pipeline.error.location_outside_china"
    assert not isinstance(exc.value, LocationWarning)
    text_zh = t(exc.value.key, "zh", **exc.value.values)
    assert "中国境外" in text_zh and "139.6917, 35.6895" in text_zh
    assert "outside China" in t(exc.value.key, "en", **exc.value.values)
    session.rollback()
    session.refresh(pilot)
    assert (pilot.longitude, pilot.version) == (None, 1)
    assert _events(session, "pilot_location") == []


def test_a_point_in_another_province_waits_for_confirmation(session, zj, pilot):
    with pytest.raises(LocationWarning) as exc:
        _locate(session, zj, pilot, SHANGHAI)
    values = exc.value.values
    assert "上海市（310000）" in t(exc.value.key, "zh", **values)
    assert "浙江省（330000）" in t(exc.value.key, "zh", **values)
    assert "Shanghai (310000)" in t(exc.value.key, "en", **values)
    session.rollback()
    session.refresh(pilot)
    assert pilot.longitude is None and _events(session, "pilot_location") == []
    _locate(session, zj, pilot, SHANGHAI, confirmed=True)
    session.commit()
    session.refresh(pilot)
    assert (pilot.longitude, pilot.latitude) == SHANGHAI
    [event] = _events(session, "pilot_location")
    assert event.detail["location_warnings"] == [{"found": "310000", "declared": "330000"}]


def test_one_coordinate_alone_or_none_is_refused(session, zj, pilot):
    for lonlat, key in (
        ((HANGZHOU[0], None), "pipeline.error.location_pair"),
        ((None, None), "locs.error.no_location"),
        ((HANGZHOU[0], 95.0), "pipeline.error.coordinate_range"),
    ):
        with pytest.raises(EditError) as exc:
            _locate(session, zj, pilot, lonlat)
        assert exc.value.key == key
        session.rollback()
    session.refresh(pilot)
    assert pilot.version == 1


def test_another_provinces_pilot_is_refused_and_a_stale_form_too(session, zj, pilot):
    sd = b.user(session, "sd", "coordinator", "370000")
    with pytest.raises(PermissionDenied):
        _locate(session, sd, pilot, HANGZHOU)
    session.rollback()
    _locate(session, zj, pilot, HANGZHOU)
    session.commit()
    with pytest.raises(EditError) as exc:
        _locate(session, zj, pilot, (120.2, 30.3), version=1)  # read before the save
    assert exc.value.key == "edit.stale"
    session.rollback()
    assert session.get(Pilot, pilot.id).longitude == HANGZHOU[0]


PARK = {
    "park_name": "浙江测试零碳园区",
    "province_code": "330000",
    "park_type": "industrial",
    "stage": "applied",
    "stage_date": date(2025, 1, 1),
}


def test_a_park_saved_with_a_location_the_same_way(session, zj):
    save_record(
        session=session,
        actor=zj,
        kind="zero_carbon_park",
        values=PARK | {"longitude": HANGZHOU[0], "latitude": HANGZHOU[1], "datum": "gcj02"},
    )
    session.commit()
    park = session.exec(select(ZeroCarbonParkPilot)).one()
    assert (park.longitude, park.latitude, park.location_datum) == (*HANGZHOU, "gcj02")
    [event] = _events(session, "record_save")
    assert event.detail["after"]["longitude"] == HANGZHOU[0]
    assert "location_warnings" not in event.detail
    # moved on with the location as it is: not checked again, kept
    values = PARK | {"stage": "approved", "stage_date": date(2025, 3, 1)}
    values |= {"longitude": HANGZHOU[0], "latitude": HANGZHOU[1], "datum": "gcj02"}
    save_record(
        session=session, actor=zj, kind="zero_carbon_park", values=values, expected_version=1
    )
    session.commit()
    session.refresh(park)
    assert (park.stage, park.longitude) == ("approved", HANGZHOU[0])


def test_a_park_outside_china_or_elsewhere_is_refused_until_confirmed(session, zj):
    tokyo = PARK | {"longitude": TOKYO[0], "latitude": TOKYO[1]}
    with pytest.raises(EditError) as exc:
        save_record(session=session, actor=zj, kind="zero_carbon_park", values=tokyo)
    assert exc.value.key == "pipeline.error.location_outside_china"
    session.rollback()
    shanghai = PARK | {"longitude": SHANGHAI[0], "latitude": SHANGHAI[1]}
    with pytest.raises(LocationWarning):
        save_record(session=session, actor=zj, kind="zero_carbon_park", values=shanghai)
    session.rollback()
    assert session.exec(select(ZeroCarbonParkPilot)).all() == []
    assert _events(session, "record_save") == []
    save_record(
        session=session,
        actor=zj,
        kind="zero_carbon_park",
        values=shanghai,
        confirm_location=True,
    )
    session.commit()
    park = session.exec(select(ZeroCarbonParkPilot)).one()
    assert (park.longitude, park.location_datum) == (SHANGHAI[0], "wgs84")
    [event] = _events(session, "record_save")
    assert event.detail["location_warnings"] == [{"found": "310000", "declared": "330000"}]
