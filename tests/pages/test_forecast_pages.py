"""The forecast on the pages, read as a person reads it: the chance and the interval on each
card with the status rule beside them, the band on the burn-up (and in its exported file,
audited), for a target whose deadline has passed each quarter's forecast against the
outcome, and a target with no forecast yet saying so. The figures are the service's."""

from __future__ import annotations

import json
import re
from datetime import date

import pyarrow as pa
import pytest
from sqlmodel import Session, select

from dashboard.db import shared_engine
from dashboard.i18n import fmt_pace, local_today, t
from dashboard.models import AuditEvent, Target
from dashboard.progress.forecast_labels import fmt_probability, fmt_range
from dashboard.services import overview
from dashboard.services.forecast_history import quarterly_forecasts
from tests.pages.conftest import app_as
from tests.pages.widgets import export


def _cards(url, programme):
    with Session(shared_engine(url)) as s:
        return overview.target_cards(s, local_today(), programme)


def _facts(at, lang):
    """Each card's facts list as {measure: value} (the Markdown it renders, unescaped), in
    the order shown."""
    colon = "：" if lang == "zh" else ": "
    measure = t("overview.deadline", lang)
    out = []
    for md in at.markdown:
        lines = md.value.split("\n")
        if not lines[0].startswith(f"- {measure}"):
            continue
        rows = {}
        for line in lines:
            label, value = _unescape(line.removeprefix("- ")).split(colon, 1)
            rows[label] = value.removeprefix("**").removesuffix("**")
        out.append(rows)
    return out


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_each_card_shows_the_chance_the_interval_and_the_rule(demo_env):
    at = app_as(demo_env, "ministry", "en").run()
    assert not at.exception, [e.message for e in at.exception]
    programme = at.selectbox[0].value
    cards = _cards(demo_env, programme)
    shown = _facts(at, "en")
    assert len(shown) == len(cards) > 0
    for facts, card in zip(shown, cards, strict=True):
        p = card.progress
        if p["probability"] is None:  # no forecast yet
            assert facts["Chance of meeting the target"] == t("fc.abstain", "en")
            continue
        assert facts["Chance of meeting the target"] == fmt_probability(p["probability"])
        assert facts["80% interval at the deadline"] == fmt_range(
            p["forecast_low"], p["forecast_high"], "en"
        )
    rule = [c.value for c in at.caption if c.value == t("fc.rule", "en")]
    assert len(rule) == len(cards)  # beside every card's status


def _vega_spec(at) -> dict:
    charts = at.get("vega_lite_chart")
    assert charts
    return json.loads(charts[0].proto.spec)


def _walk(node):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def test_the_burnup_draws_the_band_of_the_open_target(demo_env):
    at = app_as(demo_env, "ministry", "zh").run()
    at.switch_page("../pages/target_detail.py").run()
    assert not at.exception, [e.message for e in at.exception]
    code = at.selectbox[1].value
    card = next(c for c in _cards(demo_env, at.selectbox[0].value) if c.code == code)
    spec = _vega_spec(at)
    areas = [
        n for n in _walk(spec) if isinstance(n.get("mark"), dict) and n["mark"]["type"] == "area"
    ]
    assert areas and areas[0]["encoding"]["y2"]["field"] == "high"
    domains = [n["scale"]["domain"] for n in _walk(spec) if "scale" in n and "domain" in n["scale"]]
    assert any("80%区间" in d for d in domains)  # in the legend, in Chinese
    p = card.progress
    line = f"按期完成概率: {fmt_probability(p['probability'])}"
    assert any(line in c.value for c in at.caption)
    # no quarter table while the deadline is ahead
    assert not [s for s in at.subheader if s.value == t("fc.quarters.title", "zh")]


def test_a_passed_target_shows_each_quarter_against_the_outcome(demo_env):
    at = app_as(demo_env, "ministry", "en").run()
    at.switch_page("../pages/target_detail.py").run()
    at.selectbox[0].select("AP2024").run()
    at.selectbox[1].select("T2").run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.value for s in at.subheader if s.value == t("fc.quarters.title", "en")]
    table = next(df.value for df in at.dataframe if "Forecast made on" in df.value.columns)
    with Session(shared_engine(demo_env)) as s:
        rows = quarterly_forecasts(s, s.get(Target, "T2"), local_today())
    assert len(table) == len(rows) == 7  # 2024 Q1 to 2025 Q3
    # the first two quarters (nothing applied yet): no forecast, said so
    assert [r.probability is None for r in rows] == [True, True, *[False] * 5]
    assert list(table["Chance of meeting the target"])[:2] == [t("fc.abstain", "en")] * 2
    assert list(table["80% interval at the deadline"]) == [
        "—" if r.low is None else fmt_range(r.low, r.high, "en") for r in rows
    ]
    assert list(table["Interval held the outcome"]) == [
        "—" if r.held is None else "yes" if r.held else "no" for r in rows
    ]
    assert set(table["Count at the deadline"]) == {str(rows[0].outcome)}
    outcome = [c.value for c in at.caption if c.value.startswith("Outcome: ")]
    assert outcome == [f"Outcome: {rows[0].outcome} at the deadline, Achieved"]


def test_the_exported_burnup_carries_the_band_and_is_audited(demo_env):
    at = app_as(demo_env, "briefing", "zh").run()
    at.switch_page("../pages/target_detail.py").run()
    code = at.selectbox[1].value
    with Session(shared_engine(demo_env)) as s:
        before = len(s.exec(select(AuditEvent).where(AuditEvent.action == "export")).all())
    data, _name, fmt = export(at, f"burnup_{code}", "svg")
    assert fmt == "svg" and "80%区间" in data.decode("utf-8")
    data, _name, fmt = export(at, f"burnup_{code}", "png")
    assert fmt == "png" and data.startswith(b"\x89PNG")
    with Session(shared_engine(demo_env)) as s:
        events = s.exec(select(AuditEvent).where(AuditEvent.action == "export")).all()
    assert len(events) == before + 2
    assert [e.detail["format"] for e in events[-2:]] == ["svg", "png"]


def _action_plan_overview(url: str, lang: str, day: date):
    """The overview as the ministry on `day` with the action plan AP2024 picked, and the
    service's cards for it: (app, cards)."""
    at = app_as(url, "ministry", lang).run()
    at.date_input[0].set_value(day).run()
    at.selectbox[0].select("AP2024").run()
    assert not at.exception, [e.message for e in at.exception]
    with Session(shared_engine(url)) as s:
        return at, overview.target_cards(s, day, "AP2024")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_card_with_nothing_counted_or_waiting_gives_no_forecast(demo_env, lang):
    at, cards = _action_plan_overview(demo_env, lang, date(2024, 6, 30))
    unstarted = [c for c in cards if c.progress["forecast_basis"] == "none"]
    assert [c.code for c in unstarted] == ["T2", "T3"]  # no pilot or review before July 2024
    shown = _facts(at, lang)
    chance, interval = t("fc.probability", lang), t("fc.interval", lang)
    for c in unstarted:
        p = c.progress
        facts = shown[cards.index(c)]
        assert facts[chance] == t("fc.abstain", lang)  # no chance and no interval
        assert interval not in facts and t("overview.forecast", lang) not in facts
        # the pace required is still there
        assert facts[t("overview.required_pace", lang)] == fmt_pace(
            p["required_monthly_pace"], lang
        )
        assert (p["status"], p["probability"], p["waiting"]) == ("not_started", None, 0)
    badge = f":gray-badge[{t('status.not_started', lang)}]"  # st.badge is a Markdown directive
    assert sum(m.value.startswith(badge) for m in at.markdown) == len(unstarted)
    notes = [c.value for c in at.caption if c.value == t("fc.abstain_note", lang)]
    assert len(notes) == len(unstarted)
    rule = t("fc.rule", lang)
    assert {"en": "not started", "zh": "尚未开始"}[lang] in rule
    assert len([c for c in at.caption if c.value == rule]) == len(cards)
    # the others still give a chance
    for c in cards:
        if c not in unstarted and c.progress["status"] != "achieved":
            assert shown[cards.index(c)][chance] == fmt_probability(c.progress["probability"])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_burnup_without_a_forecast_says_so_and_draws_no_band(demo_env, lang):
    at = app_as(demo_env, "ministry", lang).run()
    at.date_input[0].set_value(date(2024, 6, 30)).run()
    at.switch_page("../pages/target_detail.py").run()
    at.selectbox[0].select("AP2024").run()
    at.selectbox[1].select("T2").run()
    assert not at.exception, [e.message for e in at.exception]
    spec = _vega_spec(at)
    marks = [n["mark"] for n in _walk(spec) if isinstance(n.get("mark"), dict)]
    assert marks and not [m for m in marks if m["type"] == "area"]
    domains = [n["scale"]["domain"] for n in _walk(spec) if "scale" in n and "domain" in n["scale"]]
    assert not any(t("chart.band", lang) in d or t("chart.forecast", lang) in d for d in domains)
    notes = [n["text"] for n in _walk(spec) if isinstance(n.get("text"), dict)]
    assert notes and notes[0]["field"] == "note"
    # Streamlit sends a chart's named datasets as Arrow beside its spec
    chart = at.get("vega_lite_chart")[0]
    rows = [
        r
        for d in chart.proto.datasets
        for r in pa.ipc.open_stream(d.data.data).read_pandas().to_dict("records")
    ]
    assert [r["note"] for r in rows if "note" in r] == [t("fc.abstain", lang)]
    line = f"{t('fc.probability', lang)}: {t('fc.abstain', lang)}"
    assert line in [c.value for c in at.caption]
    assert t("fc.abstain_note", lang) in [c.value for c in at.caption]


def test_a_card_says_what_its_forecast_rests_on(demo_env):
    from dashboard.i18n import fmt_int

    at, cards = _action_plan_overview(demo_env, "en", date(2024, 9, 30))
    # pilots and reviews have applied or been planned, none counts yet: the planned pace
    planned = [c for c in cards if c.progress["forecast_basis"] == "plan"]
    assert [c.code for c in planned] == ["T2", "T3"]
    notes = [c.value for c in at.caption if c.value == t("fc.basis_plan", "en")]
    assert len(notes) == len(planned)
    for c in planned:  # the planned pace's chance with the records waiting: given
        shown = _facts(at, "en")[cards.index(c)]["Chance of meeting the target"]
        assert shown == fmt_probability(c.progress["probability"])
        assert c.progress["waiting"] > 0
        note = t("fc.waiting", "en", n=fmt_int(c.progress["waiting"], "en"))
        assert note in [x.value for x in at.caption]
