"""The briefing pack's content, built from the services: a title slide, one slide per target
(burn-up chart and key numbers), the map, the early-warning list, the tasks at risk and the
sources. `build_slides` returns the slide model that `briefing_pptx` and `briefing_pdf` draw.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlmodel import Session

from dashboard.charts.burnup import burnup_chart
from dashboard.charts.china_map import choropleth_spec
from dashboard.exports.briefing_data import AT_RISK_GAP, source_documents, tasks_at_risk
from dashboard.exports.briefing_layout import (
    ACCENT,
    ALERT,
    GREY,
    Block,
    Chart,
    Slide,
    Table,
    Text,
    paginate_rows,
    shrink_to_fit,
)
from dashboard.exports.chart_export import ExportMeta, basis_text, source_line, source_text, stamp
from dashboard.i18n import enum_label, fmt_date, fmt_int, fmt_pace, fmt_pct, t
from dashboard.progress.forecast_labels import expected_facts, forecast_facts
from dashboard.progress.service import list_targets
from dashboard.services import overview
from dashboard.services.dataset import dataset_status
from dashboard.services.provinces import province_measures

TOP_PROVINCES = 10


def _chart(chart) -> Chart:
    # built by the tested chart builders: no second validation (saves seconds)
    spec = dict(chart) if isinstance(chart, dict) else chart.to_dict(validate=False)
    spec.pop("title", None)
    return Chart(spec)


def _label(label: str, text: str, lang: str) -> str:
    return f"{label}：{text}" if lang == "zh" else f"{label}: {text}"


def _title_slide(meta: ExportMeta, lang: str) -> Slide:
    blocks = [
        Text([t("app.subtitle", lang)], size=14, colour=GREY),
        Text(
            [
                t("briefing.generated", lang, time=stamp(meta.exported_at, lang)),
                t("briefing.prepared_by", lang, user=meta.exported_by or "—"),
            ],
            size=12,
            colour=GREY,
        ),
    ]
    if meta.synthetic:
        blocks.append(Text([t("demo.banner", lang)], size=14, bold=True, colour=ALERT))
    return Slide(
        "title",
        t("briefing.title", lang),
        t("export.as_of", lang, date=fmt_date(meta.as_of, lang)),
        blocks=blocks,
    )


def _key_numbers(p: dict, lang: str, at_deadline: bool = False) -> Table:
    figure = f"{fmt_int(p['actual'], lang)} / {fmt_int(p['quantity'], lang)}"
    if at_deadline:  # the count on the deadline, not today's state
        deadline = fmt_date(date.fromisoformat(p["deadline"]), lang)
        figure += " " + t("programme.figure_at_deadline", lang, date=deadline)
    rows = [
        (t(k, lang), v)
        for k, v in (
            ("overview.actual_vs_target", figure),
            ("overview.percent", fmt_pct(p["percent"], lang)),
            ("overview.status", enum_label("status", p["status"], lang)),
            ("overview.deadline", fmt_date(date.fromisoformat(p["deadline"]), lang)),
            ("overview.days_left", fmt_int(p["days_left"], lang)),
            ("overview.remaining", fmt_int(p["remaining"], lang)),
        )
    ]
    rows += expected_facts(p, lang)  # none without a forecast
    rows += [
        (t("overview.required_pace", lang), fmt_pace(p["required_monthly_pace"], lang)),
        (t("overview.recent_pace", lang), fmt_pace(p["recent_monthly_pace"], lang)),
        *forecast_facts(p, lang),
    ]
    return Table(
        [t("briefing.key_numbers", lang), t("overview.value", lang)],
        [list(r) for r in rows],
        [1.25, 1.0],
        size=10.5,
        right=(1,),
    )


def card_burnup(session: Session, card, target, as_of: date, lang: str, *, width: int, height: int):
    """The burn-up chart of a target's card, untitled (the briefing's slide and the digest's
    picture put their own heading above it)."""
    p = card.progress
    return burnup_chart(
        overview.burnup_frame(session, card.code, as_of),
        window_start=target.window_start,
        deadline=target.deadline,
        threshold=p["threshold"],
        as_of=as_of,
        forecast=p["forecast"],
        band=p["forecast_band"],
        title="",
        lang=lang,
        width=width,
        height=height,
    )


def _target_slide(session: Session, card, target, lang: str, as_of: date) -> Slide:
    p = card.progress
    name = getattr(card, f"name_{lang}")
    chart = card_burnup(session, card, target, as_of, lang, width=600, height=330)
    rule = Text(
        [_label(t("overview.counting_rule", lang), getattr(card, f"counting_rule_{lang}"), lang)],
        colour=GREY,
    )
    slide = Slide(
        "target",
        f"{card.code} · {name}",
        _label(t("overview.clause", lang), getattr(card, f"clause_{lang}"), lang),
        chart=_chart(chart),
        blocks=[_key_numbers(p, lang, card.at_deadline), rule],
    )
    shrink_to_fit(slide, rule)
    return slide


def _map_slide(session: Session, lang: str, as_of: date) -> Slide:
    pm = province_measures(session, as_of)
    measure = t("briefing.map.measure", lang)
    chart = choropleth_spec(
        pm[["code", "pilots_set_up"]],
        value_column="pilots_set_up",
        value_title=measure,
        title="",
        lang=lang,
        width=520,
        height=440,
    )
    top = pm.sort_values(["pilots_set_up", "code"], ascending=[False, True]).head(TOP_PROVINCES)
    rows = [
        [
            str(i),
            getattr(r, f"name_{lang}"),
            fmt_int(r.pilots_set_up, lang),
            fmt_int(r.pilots_accepted, lang),
        ]
        for i, r in enumerate(top.itertuples(), start=1)
    ]
    table = Table(
        [
            t("briefing.map.rank", lang),
            t("col.province", lang),
            measure,
            t("briefing.map.accepted", lang),
        ],
        rows,
        [0.6, 1.6, 1.1, 1.0],
        size=10,
        right=(0, 2, 3),
    )
    caption = Text([t("briefing.map.top", lang)], size=12, bold=True, colour=ACCENT)
    return Slide(
        "map",
        t("briefing.map.title", lang),
        t("export.as_of", lang, date=fmt_date(as_of, lang)),
        chart=_chart(chart),
        blocks=[caption, table],
    )


def warning_detail(w, lang: str) -> str:
    """What an early warning says about its item: a status, or the days since a report."""
    if w.kind == "target":
        return enum_label("status", w.detail, lang)
    if w.kind == "task":
        return enum_label("task_status", w.detail, lang)
    if w.detail in {"None", ""}:
        return t("overview.never_reported", lang)
    return t("overview.days_since_report", lang, n=w.detail)


def _warning_slides(session: Session, cards, lang: str, as_of: date) -> list[Slide]:
    warnings = overview.early_warnings(session, as_of, cards)
    rows = [
        [t(f"warning.{w.kind}", lang), w.code, getattr(w, f"name_{lang}"), warning_detail(w, lang)]
        for w in warnings
    ]
    title = t("briefing.warnings.title", lang)
    subtitle = t("export.as_of", lang, date=fmt_date(as_of, lang))
    if not rows:
        return [
            Slide("warnings", title, subtitle, blocks=[Text([t("overview.no_warnings", lang)])])
        ]
    keys = ("overview.warning_kind", "overview.code", "overview.item", "overview.detail")
    table = Table([t(k, lang) for k in keys], rows, [1.1, 1.0, 5.0, 1.8], size=10.5)
    return _table_slides("warnings", title, subtitle, table, lang)


def _task_slides(session: Session, lang: str, as_of: date) -> list[Slide]:
    df = tasks_at_risk(session, as_of)
    title = t("briefing.tasks.title", lang)
    subtitle = t("export.as_of", lang, date=fmt_date(as_of, lang))
    rule = Text([t("briefing.tasks.rule", lang, n=AT_RISK_GAP)], size=9.5, colour=GREY)
    if df.empty:
        return [Slide("tasks", title, subtitle, blocks=[Text([t("briefing.tasks.none", lang)])])]
    keys = ("overview.code", "briefing.tasks.task", "overview.status")
    keys += ("briefing.tasks.progress", "briefing.tasks.expected", "briefing.tasks.lead")
    rows = [
        [
            r.code,
            getattr(r, f"title_{lang}"),
            enum_label("task_status", r.status, lang),
            fmt_pct(r.progress_pct, lang),
            fmt_pct(r.expected_pct, lang),
            getattr(r, f"lead_{lang}") or "—",
        ]
        for r in df.itertuples()
    ]
    widths = [1.0, 4.2, 1.0, 0.9, 1.0, 2.4]
    table = Table([t(k, lang) for k in keys], rows, widths, size=10, right=(3, 4))
    return _table_slides("tasks", title, subtitle, table, lang, above=[rule])


def _sources_slides(session: Session, meta: ExportMeta, lang: str, cards) -> list[Slide]:
    title = t("briefing.sources.title", lang)
    docs = Table(
        [
            t("briefing.sources.doc_number", lang),
            t("briefing.sources.document", lang),
            t("briefing.sources.issued", lang),
        ],
        [
            [d.doc_number, getattr(d, f"title_{lang}"), fmt_date(d.issued_on, lang)]
            for d in source_documents(session)
        ],
        [1.6, 5.0, 1.3],
    )
    notes = [
        t(
            "briefing.sources.data",
            lang,
            source=source_text(meta, lang),
            basis=basis_text(meta, lang),
        ),
        t("export.as_of", lang, date=fmt_date(meta.as_of, lang)),
        t("briefing.generated", lang, time=stamp(meta.exported_at, lang)),
        t("briefing.prepared_by", lang, user=meta.exported_by or "—"),
    ]
    blocks = [docs, Text(notes, size=11)]
    if meta.synthetic:
        blocks.append(Text([t("demo.banner", lang)], size=11, bold=True, colour=ALERT))
    caption = Text([t("briefing.sources.rules", lang)], size=12, bold=True, colour=ACCENT)
    keys = ("overview.code", "overview.target", "overview.counting_rule", "overview.clause")
    rows = [
        [
            c.code,
            getattr(c, f"name_{lang}"),
            rule_summary(getattr(c, f"counting_rule_{lang}")),
            getattr(c, f"clause_{lang}"),
        ]
        for c in cards
    ]
    table = Table([t(k, lang) for k in keys], rows, [0.5, 2.6, 4.2, 2.2], size=9)
    return _table_slides("sources", title, "", table, lang, above=[caption], first=blocks)


def _table_slides(
    kind: str,
    title: str,
    subtitle: str,
    table: Table,
    lang: str,
    *,
    above: list[Block] | None = None,
    first: list[Block] | None = None,
) -> list[Slide]:
    """A long table over as many slides as it needs (the later ones titled "continued"):
    `above` the table on every slide, and `first` above that on the first slide only."""

    def make(heading: str, part: list[list[str]]) -> Slide:
        lead = [*(first or []), *(above or [])] if heading == title else [*(above or [])]
        return Slide(kind, heading, subtitle, blocks=[*lead, replace(table, rows=part)])

    return paginate_rows(
        make, table.rows, first_title=title, continued=t("briefing.continued", lang)
    )


def rule_summary(rule: str) -> str:
    """The first clause of a counting rule (the full rule is on the target's slide)."""
    cuts = [
        i for i in (rule.find("；"), rule.find("; "), rule.find("。"), rule.find(". ")) if i > 0
    ]
    return rule[: min(cuts) + 1] if cuts else rule


def build_slides(
    session: Session,
    *,
    lang: str,
    as_of: date,
    generated_at: datetime,
    prepared_by: str,
    programme: str | None = None,
) -> list[Slide]:
    """Every slide of the pack, in order, with the source line as each slide's footer. The
    pack covers one programme (default: the one with the nearest open deadline)."""
    if programme is None:
        choices = overview.programme_choices(session, as_of)
        programme = choices[0].code if choices else None
    meta = ExportMeta(
        title=t("briefing.title", lang),
        as_of=as_of,
        synthetic=dataset_status(session).synthetic,
        exported_at=generated_at,
        exported_by=prepared_by,
    )
    cards = overview.target_cards(session, as_of, programme)
    targets = {tg.code: tg for tg in list_targets(session, programme)}
    slides = [_title_slide(meta, lang)]
    slides += [_target_slide(session, c, targets[c.code], lang, as_of) for c in cards]
    slides.append(_map_slide(session, lang, as_of))
    slides += _warning_slides(session, cards, lang, as_of)
    slides += _task_slides(session, lang, as_of)
    slides += _sources_slides(session, meta, lang, cards)
    footer = source_line(meta, lang)
    for slide in slides:
        slide.footer = footer
    return slides
