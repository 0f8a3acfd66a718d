"""The forecast in the briefing pack (SQLite and PostgreSQL): each open target's slide has
the chance and the 80% interval among its key numbers and the band on its burn-up, which
renders to PNG and SVG; a passed target's slide states the outcome; a target with no
forecast yet says so, in its numbers and under its chart's title, with no band."""

from __future__ import annotations

from datetime import UTC, date, datetime

from dashboard.exports.briefing import build_slides
from dashboard.exports.chart_export import render
from dashboard.i18n import enum_label, fmt_pace, t
from dashboard.models import Target
from dashboard.progress.forecast_labels import fmt_probability, fmt_range
from dashboard.progress.service import progress_for
from tests.exports.conftest import AS_OF, png_image


def _slides(session, lang):
    return build_slides(
        session,
        lang=lang,
        as_of=AS_OF,
        generated_at=datetime(2025, 7, 1, tzinfo=UTC),
        prepared_by="briefing",
        programme="AP2024",
    )


def _numbers(slide) -> dict[str, str]:
    table = slide.blocks[0]
    return {row[0]: row[1] for row in table.rows}


def test_pack_slides_carry_the_forecast_and_the_band(demo_session):
    slides = {s.title.split(" · ")[0]: s for s in _slides(demo_session, "en") if s.kind == "target"}
    t2 = progress_for(demo_session, demo_session.get(Target, "T2"), AS_OF)
    numbers = _numbers(slides["T2"])
    assert numbers["Chance of meeting the target"] == fmt_probability(t2.probability)
    assert numbers["80% interval at the deadline"] == fmt_range(
        t2.forecast_low, t2.forecast_high, "en"
    )
    assert numbers["Status"] == enum_label("status", t2.status, "en")  # by the rule
    layers = slides["T2"].chart.spec["layer"]
    area = layers[0]["layer"][0] if "layer" in layers[0] else layers[0]
    assert area["mark"]["type"] == "area"
    data = next(iter(slides["T2"].chart.spec["datasets"].values()))
    band = [r for r in data if r["series"] == "80% interval"]
    assert [(r["low"], r["high"]) for r in band][-1] == (t2.forecast_low, t2.forecast_high)
    # T1 fell due on 2024-12-31: the outcome, not a forecast
    assert _numbers(slides["T1"])["Outcome"].endswith("at the deadline, Missed")


def test_the_band_renders_to_png_and_svg(demo_session):
    slide = next(s for s in _slides(demo_session, "zh") if s.title.startswith("T2 "))
    svg = render(slide.chart.spec, "svg").decode("utf-8")
    assert "80%区间" in svg  # the legend entry, in Chinese
    image = png_image(slide.chart.image("png"))
    assert image.width > 400


def test_a_target_without_a_forecast_says_so_in_the_pack(demo_session):
    # 30 June 2024: no pilot of T2's kind has applied yet (the demo's first in August)
    slides = build_slides(
        demo_session,
        lang="zh",
        as_of=date(2024, 6, 30),
        generated_at=datetime(2024, 7, 1, tzinfo=UTC),
        prepared_by="briefing",
        programme="AP2024",
    )
    slide = next(s for s in slides if s.kind == "target" and s.title.startswith("T2 "))
    p = progress_for(demo_session, demo_session.get(Target, "T2"), date(2024, 6, 30))
    assert p.probability is None and p.forecast_basis == "none"
    numbers = _numbers(slide)
    assert numbers[t("fc.probability", "zh")] == "暂无预测：尚无此类记录"
    assert t("fc.interval", "zh") not in numbers and t("overview.forecast", "zh") not in numbers
    assert numbers[t("overview.required_pace", "zh")] == fmt_pace(p.required_monthly_pace, "zh")
    assert numbers[t("overview.status", "zh")] == "尚未开始"
    # the chart: no band and no forecast line, and the words under its title
    data = next(iter(slide.chart.spec["datasets"].values()))
    assert not {r["series"] for r in data} & {t("chart.band", "zh"), t("chart.forecast", "zh")}
    svg = render(slide.chart.spec, "svg").decode("utf-8")
    assert "暂无预测：尚无此类记录" in svg and "80%区间" not in svg
