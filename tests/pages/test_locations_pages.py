"""Locations through the pages: the map's toggle shows the located pilots (and the CEMS
pilots) as points with the same records in a table, the point map exports as PNG and SVG
(audited), the province profile lists its pilots with their locations, and the reviewer
reads the location warning the submitter confirmed."""

from __future__ import annotations

import json

import pyarrow as pa
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.kinds.cems_pilot import CemsPilot
from dashboard.models import AuditEvent, Pilot
from tests.pages.conftest import app_as, stage_report
from tests.pipelines.corpus_locations import LOCATED, located


def _located(url: str, model, province: str | None = None) -> list:
    with Session(shared_engine(url)) as s:
        query = select(model).where(model.longitude.is_not(None))
        if province:
            query = query.where(model.province_code == province)
        return list(s.exec(query).all())


def _points(at) -> list[dict]:
    """The point layer's rows as the browser receives them (Streamlit sends a chart's named
    datasets as Arrow beside its spec)."""
    (chart,) = [c for c in at.get("vega_lite_chart") if "located_records" in c.proto.spec]
    assert "longitude" in json.dumps(json.loads(chart.proto.spec)["layer"])
    (data,) = [d for d in chart.proto.datasets if d.name == "located_records"]
    return pa.ipc.open_stream(data.data.data).read_pandas().to_dict("records")


def _open_points(url: str, user: str = "ministry", lang: str = "zh"):
    at = app_as(url, user, lang).run()
    at.switch_page("../pages/map.py").run()
    at.toggle(key="map_points").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_map_toggle_shows_the_located_pilots(demo_env):
    pilots = _located(demo_env, Pilot)
    assert len(pilots) > 20  # the demo gives a share of its pilots a synthetic location
    at = _open_points(demo_env)
    points = _points(at)
    assert sorted(p["code"] for p in points) == sorted(p.code for p in pilots)
    assert {p["shape"] for p in points} == {"square", "circle"}  # parks and enterprises
    one = next(p for p in points if p["code"] == pilots[0].code)
    assert (one["lon"], one["lat"]) == (pilots[0].longitude, pilots[0].latitude)  # GCJ-02
    table = at.dataframe[-1].value
    assert len(table) == len(pilots) and "经度" in table.columns
    # the CEMS pilots' layer
    at.radio(key="map_points_layer").set_value("cems_pilot").run()
    cems = _located(demo_env, CemsPilot)
    assert sorted(p["code"] for p in _points(at)) == sorted(c.uscc for c in cems)


def test_a_coordinator_sees_only_their_province_points(demo_env):
    at = _open_points(demo_env, "zhejiang")
    codes = {p["code"] for p in _points(at)}
    assert codes == {p.code for p in _located(demo_env, Pilot, "330000")}


def _exports(url):
    with Session(shared_engine(url)) as s:
        return s.exec(select(AuditEvent).where(AuditEvent.action == "export")).all()


def test_the_point_map_exports_as_png_and_svg(demo_env):
    before = len(_exports(demo_env))
    at = _open_points(demo_env, "briefing", "en")
    key = "map_points_pilot_status"
    at.radio(key=f"fmt_{key}").set_value("png").run()
    at.button(key=f"prep_{key}").click().run()
    assert not at.exception, [e.message for e in at.exception]
    data, filename, fmt = at.session_state[f"export_{key}"]
    assert fmt == "png" and data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    at.radio(key=f"fmt_{key}").set_value("svg").run()
    at.button(key=f"prep_{key}").click().run()
    data, filename, fmt = at.session_state[f"export_{key}"]
    assert filename.endswith(".svg")
    svg = data.decode("utf-8")
    assert "Where the standardization pilots are" in svg and "<path" in svg
    events = _exports(demo_env)
    assert len(events) == before + 2
    assert [e.detail["format"] for e in events[-2:]] == ["png", "svg"]


def test_the_province_profile_lists_its_pilots_with_their_locations(demo_env):
    located = _located(demo_env, Pilot, "330000")
    assert located
    at = app_as(demo_env, "ministry", "en").run()
    at.switch_page("../pages/province.py").run()
    at.selectbox[0].select("330000").run()
    assert not at.exception, [e.message for e in at.exception]
    table = at.dataframe[0].value
    assert {"Longitude", "Latitude", "Datum"} <= set(table.columns)
    rows = {r["Code"]: r for _, r in table.iterrows()}
    for pilot in located:
        assert float(rows[pilot.code]["Longitude"]) == pilot.longitude
        assert float(rows[pilot.code]["Latitude"]) == pilot.latitude
        assert rows[pilot.code]["Datum"].startswith("GCJ-02")


def test_the_reviewer_reads_the_location_warning(writable_demo):
    # a Zhejiang coordinator's pilot whose point lies in Shanghai (People's Square)
    row = located(pilot_code="ZJ-LOC-01", longitude="121.4737", latitude="31.2304")
    sub_id = stage_report(writable_demo, "zhejiang", LOCATED, [row])
    at = app_as(writable_demo, "ministry", "en").run()
    at.switch_page("../pages/submission_queue.py").run()
    at.selectbox[0].select(sub_id).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("1 warnings the submitter confirmed" in w.value for w in at.warning)
    messages = " ".join(at.dataframe[0].value.iloc[:, -1])
    assert "Shanghai (310000)" in messages and "Zhejiang (330000)" in messages
