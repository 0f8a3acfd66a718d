"""A supervision sheet in words: the measure lines, the tables behind them and the notes, in
one language. The page, the PDF, the XLSX and the command line all read them from here.

Table cells keep their types (dates as dates, counts as ints); the PDF formats them."""

from __future__ import annotations

from datetime import date, datetime

from dashboard.i18n import enum_label, fmt_date, fmt_int, fmt_pct, local_time, t
from dashboard.supervision import rules
from dashboard.supervision.sheets import Sheet, Supervision

Table = tuple[list[str], list[list]]


def measure_name(key: str, lang: str) -> str:
    return t(f"supervision.measure.{key}", lang)


def province_name(sheet: Sheet, lang: str) -> str:
    return sheet.name_zh if lang == "zh" else sheet.name_en


def value_text(m: rules.MeasureResult, lang: str) -> str:
    f = m.figures
    if not m.tracked:
        return t("supervision.not_tracked", lang)
    if m.key == "report_timeliness":
        return t(
            "supervision.value.report_timeliness", lang, **{**f, "share": fmt_pct(f["share"], lang)}
        )
    if m.key == "report_completeness":
        return t("supervision.value.report_completeness", lang, **f)
    if m.key == "plan_status":
        return t(f"supervision.plan.{f['status']}", lang)
    if m.key == "overdue_items" and f["count"]:
        return t("supervision.value.overdue_items", lang, **f)
    if m.key == "returned_open" and f["count"]:
        return t("supervision.value.returned_open", lang, count=f["count"], days=f["oldest_days"])
    return fmt_int(f["count"], lang)


def points_value(m: rules.MeasureResult, lang: str) -> int | str:
    return m.points if m.tracked else t("supervision.not_scored", lang)


def reasons_text(sheet: Sheet, lang: str) -> str:
    sep = "、" if lang == "zh" else "; "
    parts = [f"{measure_name(k, lang)} {sheet.measure(k).points}" for k in sheet.reasons]
    return sep.join(parts) or t("supervision.none", lang)


def summary_table(sheet: Sheet, lang: str) -> Table:
    headers = [
        t(f"supervision.col.{c}", lang) for c in ("measure", "value", "points", "rule", "scoring")
    ]
    rows = [
        [
            measure_name(m.key, lang),
            value_text(m, lang),
            points_value(m, lang),
            rules.rule_text(m.key, lang),
            rules.points_text(m.key, lang),
        ]
        for m in sheet.measures
    ]
    return headers, rows


def quarter_table(sheet: Sheet, lang: str) -> Table:
    headers = [
        t(f"supervision.col.{c}", lang) for c in ("quarter", "due", "first_report", "status")
    ]
    rows = [
        [q.label, q.due, q.first_report, t(f"supervision.quarter.{q.status}", lang)]
        for q in sheet.quarters
    ]
    return headers, rows


def _state(record_type: str, state: str, lang: str) -> str:
    return enum_label("stage" if record_type == "pilot" else "review_status", state, lang)


def overdue_table(sheet: Sheet, lang: str) -> Table:
    cols = ("overdue_rule", "code", "name", "state", "since", "due_on", "days_overdue")
    headers = [t(f"supervision.col.{c}", lang) for c in cols]
    rows = [
        [
            t(f"supervision.overdue.{o.rule}", lang),  # the rule names the kind of record
            o.code,
            o.name,
            _state(o.record_type, o.state, lang),
            o.since,
            o.due,
            o.days_overdue,
        ]
        for o in sheet.overdue
    ]
    return headers, rows


def returns_table(sheet: Sheet, as_of: date, lang: str) -> Table:
    cols = ("file", "kind", "submitted", "returned", "days_open", "comment")
    headers = [t(f"supervision.col.{c}", lang) for c in cols]
    rows = []
    for r in sheet.returns:
        returned = local_time(r.returned_at).date()
        rows.append(
            [
                r.filename,
                enum_label("report_kind", r.kind, lang),
                local_time(r.submitted_at).date(),
                returned,
                (as_of - r.returned_at.date()).days,
                r.comment or "",
            ]
        )
    return headers, rows


def standing_line(sheet: Sheet, total: int, lang: str) -> str:
    """The sheet's score, and its national rank when it was ranked."""
    if sheet.rank is None:
        return t("supervision.sheet.score", lang, score=sheet.score)
    return t("supervision.sheet.rank", lang, rank=sheet.rank, total=total, score=sheet.score)


def notes(result: Supervision, lang: str) -> list[str]:
    """What the figures are: the day and its records, and what is not tracked."""
    out = [t("supervision.basis", lang, date=fmt_date(result.as_of, lang))]
    if not result.plan_tracked:
        out.append(t("supervision.plan_not_tracked", lang))
    return out


def sheet_heading(sheet: Sheet, lang: str) -> str:
    return t("supervision.sheet.title", lang, province=province_name(sheet, lang))


def preamble(result: Supervision, lang: str, synthetic: bool) -> list[str]:
    """The lines under a sheet's heading: code, standing, the ranking rule, the notes."""
    sheet = result.sheets[0]
    lines = [
        t("supervision.sheet.code", lang, code=sheet.code),
        standing_line(sheet, result.total, lang),
        rules.ranking_text(lang),
        *notes(result, lang),
    ]
    if synthetic:
        lines.insert(0, t("export.synthetic", lang))
    return lines


def footer_line(as_of: date, lang: str, author: str, moment: datetime) -> str:
    sep = "；" if lang == "zh" else "; "
    return sep.join(
        [
            t("export.source_line", lang, source=t("export.source_default", lang)),
            t("export.as_of", lang, date=fmt_date(as_of, lang)),
            t("export.exported_at", lang, time=fmt_date(moment, lang)),
            t("supervision.sheet.by", lang, user=author),
        ]
    )


def ranking_rows(result: Supervision, lang: str) -> Table:
    """The ranking as a table: one row per province, lagging first."""
    keys = [k for k in rules.MEASURES if k != "plan_status" or result.plan_tracked]
    headers = [
        t("supervision.col.rank", lang),
        t("supervision.col.province", lang),
        t("supervision.col.code", lang),
        t("supervision.col.score", lang),
        *(measure_name(k, lang) for k in keys),
        t("supervision.col.reasons", lang),
    ]
    rows = [
        [
            s.rank,
            province_name(s, lang),
            s.code,
            s.score,
            *(value_text(s.measure(k), lang) for k in keys),
            reasons_text(s, lang),
        ]
        for s in result.sheets
    ]
    return headers, rows
