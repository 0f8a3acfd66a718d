"""From a digest's content to a Letter in the reader's language: subject, heading, the
sections, the burn-up chart (PNG, drawn by the export code with the CJK font) and the
footer that says why the reader gets it."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from dashboard.digests.coordinator import CoordinatorDigest
from dashboard.digests.ministry import MinistryDigest
from dashboard.digests.render import Chart, Letter
from dashboard.digests.sections import coordinator_sections, ministry_sections, period_line
from dashboard.exports.briefing import card_burnup
from dashboard.exports.chart_export import ExportMeta, export_chart, source_line
from dashboard.i18n import enum_label, fmt_date, fmt_int, t
from dashboard.progress.service import list_targets
from dashboard.services import overview

CHART_WIDTH = 600


class ChartCache:
    """Charts drawn in one run, by (target, day, language): many readers share one."""

    def __init__(self) -> None:
        self.charts: dict[tuple, Chart] = {}
        self.failures: list[str] = []

    def get(self, session: Session, code: str | None, as_of: date, lang: str, synthetic: bool):
        if code is None:
            return None
        key = (code, as_of, lang, synthetic)
        if key not in self.charts:
            self.charts[key] = burnup_png(session, code, as_of, lang, synthetic)
        return self.charts[key]


def burnup_png(session: Session, code: str, as_of: date, lang: str, synthetic: bool) -> Chart:
    card = next(c for c in overview.target_cards(session, as_of) if c.code == code)
    target = next(tg for tg in list_targets(session) if tg.code == code)
    p = card.progress
    chart = card_burnup(session, card, target, as_of, lang, width=CHART_WIDTH, height=280)
    caption = f"{code} · {getattr(card, f'name_{lang}')}"
    meta = ExportMeta(
        title=caption,
        subtitle=t(
            "digest.chart.subtitle",
            lang,
            figure=f"{fmt_int(p['actual'], lang)} / {fmt_int(p['quantity'], lang)}",
            status=enum_label("status", p["status"], lang),
        ),
        as_of=as_of,
        synthetic=synthetic,
    )
    png = export_chart(chart, fmt="png", meta=meta, lang=lang, width=CHART_WIDTH)
    return Chart(png=png, caption=caption)


def _footer(frequency: str, as_of: date, synthetic: bool, lang: str) -> list[str]:
    meta = ExportMeta(title="", as_of=as_of, synthetic=synthetic)
    return [
        t("digest.footer.why", lang, frequency=enum_label("digest.frequency", frequency, lang)),
        t("digest.footer.change", lang),
        source_line(meta, lang),
        t("digest.footer.auto", lang),
    ]


def _subject(frequency: str, scope: str, as_of: date, synthetic: bool, lang: str) -> str:
    subject = t(f"digest.subject.{frequency}", lang, scope=scope, date=fmt_date(as_of, lang))
    return t("digest.subject.demo", lang) + subject if synthetic else subject


def letter_for(
    session: Session,
    digest: MinistryDigest | CoordinatorDigest,
    *,
    frequency: str,
    lang: str,
    synthetic: bool,
    charts: ChartCache,
) -> Letter:
    if isinstance(digest, CoordinatorDigest):
        province = getattr(digest, f"province_{lang}")
        heading = t("digest.heading.coordinator", lang, province=province)
        sections = coordinator_sections(digest, lang)
        scope = province
    else:
        heading = t("digest.heading.ministry", lang)
        sections = ministry_sections(digest, lang)
        scope = t("digest.national", lang)
    intro = [period_line(digest.as_of, digest.since, lang)]
    if synthetic:
        intro.append(t("digest.demo", lang))
    chart, note = None, ""
    try:
        chart = charts.get(session, digest.chart_target, digest.as_of, lang, synthetic)
    except RuntimeError as exc:  # FontMissingError: no text-less image is sent
        charts.failures.append(str(exc))
        note = t("digest.chart.missing", lang)
    return Letter(
        subject=_subject(frequency, scope, digest.as_of, synthetic, lang),
        heading=heading,
        intro=intro,
        sections=sections,
        chart=chart,
        chart_note=note,
        footer=_footer(frequency, digest.as_of, synthetic, lang),
    )
