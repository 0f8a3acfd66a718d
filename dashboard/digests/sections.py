"""A digest as sections of plain strings (title, lines, a table), in the reader's language.
The text and the HTML part are both drawn from these, so they say the same thing; nothing
here is escaped yet (the HTML renderer escapes every string)."""

from __future__ import annotations

from dataclasses import dataclass, field

from dashboard.digests.coordinator import (
    MIDTERM_AFTER_MONTHS,
    REMINDER_DAYS,
    CoordinatorDigest,
)
from dashboard.digests.lagging import LaggingRegions
from dashboard.digests.ministry import MinistryDigest
from dashboard.i18n import enum_label, fmt_date, fmt_int, t
from dashboard.supervision import rules
from dashboard.supervision.sheet_text import measure_name, province_name, reasons_text


@dataclass
class Section:
    title: str
    lines: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # small print below the table


def period_line(as_of, since, lang: str) -> str:
    return t("digest.period", lang, since=fmt_date(since, lang), as_of=fmt_date(as_of, lang))


def _warning_detail(w, lang: str) -> str:
    if w.kind == "target":
        return enum_label("status", w.detail, lang)
    if w.kind == "task":
        return enum_label("task_status", w.detail, lang)
    if w.detail in {"None", ""}:
        return t("overview.never_reported", lang)
    return t("overview.days_since_report", lang, n=w.detail)


def _name(item, lang: str) -> str:
    return getattr(item, f"name_{lang}") or getattr(item, "name_zh", "") or ""


def ministry_sections(d: MinistryDigest, lang: str) -> list[Section]:
    changes = Section(
        t("digest.changes.title", lang),
        header=[
            t("digest.col.code", lang),
            t("digest.col.target", lang),
            t("digest.col.before", lang),
            t("digest.col.after", lang),
            t("digest.col.figure", lang),
            t("digest.col.deadline", lang),
        ],
        rows=[
            [
                c.code,
                _name(c, lang),
                enum_label("status", c.before, lang) if c.before else t("digest.status_new", lang),
                enum_label("status", c.after, lang),
                f"{fmt_int(c.actual, lang)} / {fmt_int(c.quantity, lang)}",
                fmt_date(c.deadline, lang),
            ]
            for c in d.changes
        ],
    )
    if not d.changes:
        changes.lines.append(t("digest.changes.none", lang))
    warnings = Section(
        t("digest.warnings.title", lang),
        header=[
            t("digest.col.kind", lang),
            t("digest.col.code", lang),
            t("digest.col.item", lang),
            t("digest.col.detail", lang),
        ],
        rows=[
            [t(f"warning.{w.kind}", lang), w.code, _name(w, lang), _warning_detail(w, lang)]
            for w in d.new_warnings
        ],
    )
    if not d.new_warnings:
        warnings.lines.append(t("digest.warnings.none", lang))
    out = [changes, warnings]
    if d.pending is not None:
        out.append(_pending_section(d, lang))
    if d.lagging is not None:
        out.append(lagging_section(d.lagging, lang))
    return out


def lagging_section(g: LaggingRegions, lang: str) -> Section:
    """The supervision ranking's regions that scored, as the page ranks them, with the rules
    the points come from (every measure's scoring, by name)."""
    s = Section(
        t("digest.lagging.title", lang),
        header=[
            t("supervision.col.rank", lang),
            t("digest.col.province", lang),
            t("supervision.col.score", lang),
            t("supervision.col.reasons", lang),
        ],
        rows=[
            [
                str(sheet.rank),
                f"{province_name(sheet, lang)} ({sheet.code})",
                fmt_int(sheet.score, lang),
                reasons_text(sheet, lang),
            ]
            for sheet in g.listed
        ],
        notes=[t("digest.lagging.rule", lang), rules.ranking_text(lang)],
    )
    if g.listed:
        s.lines.append(
            t("digest.lagging.count", lang, n=fmt_int(g.lagging, lang), total=g.compared)
        )
    else:
        s.lines.append(t("digest.lagging.none", lang))
    if g.more:
        s.notes.insert(0, t("digest.lagging.more", lang, n=fmt_int(g.more, lang)))
    sep = "；" if lang == "zh" else "; "
    s.notes.append(
        t("digest.lagging.scoring", lang)
        + sep.join(
            f"{measure_name(k, lang)}{'：' if lang == 'zh' else ': '}{rules.points_text(k, lang)}"
            for k in rules.MEASURES
        )
    )
    return s


def _pending_section(d: MinistryDigest, lang: str) -> Section:
    s = Section(
        t("digest.pending.title", lang),
        header=[
            t("digest.col.id", lang),
            t("digest.col.province", lang),
            t("digest.col.file", lang),
            t("digest.col.submitted", lang),
            t("digest.col.rows", lang),
        ],
        rows=[
            [
                str(p.id),
                (getattr(p, f"province_{lang}") or p.province_zh)
                if p.province_code
                else t("digest.national", lang),
                p.filename,
                fmt_date(p.submitted_at, lang),
                fmt_int(p.row_count, lang),
            ]
            for p in d.pending
        ],
    )
    if d.pending_total:
        s.lines.append(t("digest.pending.count", lang, n=fmt_int(d.pending_total, lang)))
    else:
        s.lines.append(t("digest.pending.none", lang))
    if d.pending_total > len(d.pending):
        s.notes.append(t("digest.more", lang, n=fmt_int(d.pending_total - len(d.pending), lang)))
    return s


def report_section(d: CoordinatorDigest, lang: str) -> Section:
    r = d.report
    s = Section(t("digest.report.title", lang))
    when = fmt_date(r.due, lang)
    if r.days_left == 0:
        s.lines.append(t("digest.report.due_today", lang, quarter=r.quarter, date=when))
    else:
        s.lines.append(
            t("digest.report.due", lang, quarter=r.quarter, date=when, n=fmt_int(r.days_left, lang))
        )
    if r.received_on:
        s.lines.append(t("digest.report.received", lang, date=fmt_date(r.received_on, lang)))
    else:
        s.lines.append(t("digest.report.not_received", lang))
    if r.previous:
        s.lines.append(
            t(
                "digest.report.previous_missing",
                lang,
                quarter=r.previous,
                date=fmt_date(r.previous_due, lang),
            )
        )
    s.notes.append(t("digest.report.rule", lang))
    return s


def coordinator_sections(d: CoordinatorDigest, lang: str) -> list[Section]:
    returned = Section(
        t("digest.returned.title", lang),
        header=[
            t("digest.col.id", lang),
            t("digest.col.file", lang),
            t("digest.col.submitted", lang),
            t("digest.col.returned_by", lang),
            t("digest.col.returned_at", lang),
            t("digest.col.comment", lang),
        ],
        rows=[
            [
                str(r.id),
                r.filename,
                fmt_date(r.submitted_at, lang),
                r.decided_by or "—",
                fmt_date(r.decided_at, lang),
                r.comment or "—",
            ]
            for r in d.returned
        ],
    )
    if not d.returned:
        returned.lines.append(t("digest.returned.none", lang))
    midterm = Section(
        t("digest.midterm.title", lang),
        header=[
            t("digest.col.code", lang),
            t("digest.col.pilot", lang),
            t("digest.col.stage", lang),
            t("digest.col.approved_on", lang),
            t("digest.col.due_on", lang),
        ],
        rows=[
            [
                m.code,
                m.name,
                enum_label("stage", m.stage, lang),
                fmt_date(m.approved_on, lang),
                fmt_date(m.due_on, lang),
            ]
            for m in d.midterm
        ],
        notes=[t("digest.midterm.rule", lang, months=MIDTERM_AFTER_MONTHS, days=REMINDER_DAYS)],
    )
    if not d.midterm:
        midterm.lines.append(t("digest.midterm.none", lang))
    if d.midterm_total > len(d.midterm):
        midterm.notes.append(
            t("digest.more", lang, n=fmt_int(d.midterm_total - len(d.midterm), lang))
        )
    return [report_section(d, lang), returned, midterm]
