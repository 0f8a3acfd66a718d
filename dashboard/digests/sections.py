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
from dashboard.exports.briefing import warning_detail
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


def _columns(lang: str, names: tuple[str, ...]) -> list[str]:
    """Column headings: a name is a `digest.col.` key, or a catalog key of its own (dotted)."""
    return [t(n if "." in n else f"digest.col.{n}", lang) for n in names]


def _table(
    lang: str,
    key: str,
    columns: tuple[str, ...],
    rows: list[list[str]],
    *,
    count: str | None = None,
    notes: list[str] | None = None,
) -> Section:
    """The section `digest.<key>`: a table of `columns`, above it the `count` line when there
    is one, else `digest.<key>.none` when there are no rows."""
    s = Section(
        t(f"digest.{key}.title", lang),
        header=_columns(lang, columns),
        rows=rows,
        notes=notes or [],
    )
    if count is not None:
        s.lines.append(count)
    elif not rows:
        s.lines.append(t(f"digest.{key}.none", lang))
    return s


def _more(lang: str, total: int, shown: int) -> list[str]:
    """The note that more than the listed rows exist (none when all are listed)."""
    return [t("digest.more", lang, n=fmt_int(total - shown, lang))] if total > shown else []


def _name(item, lang: str) -> str:
    return getattr(item, f"name_{lang}") or getattr(item, "name_zh", "") or ""


def ministry_sections(d: MinistryDigest, lang: str) -> list[Section]:
    changes = _table(
        lang,
        "changes",
        ("code", "target", "before", "after", "figure", "deadline"),
        [
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
    warnings = _table(
        lang,
        "warnings",
        ("kind", "code", "item", "detail"),
        [
            [t(f"warning.{w.kind}", lang), w.code, _name(w, lang), warning_detail(w, lang)]
            for w in d.new_warnings
        ],
    )
    out = [changes, warnings]
    if d.pending is not None:
        out.append(_pending_section(d, lang))
    if d.lagging is not None:
        out.append(lagging_section(d.lagging, lang))
    return out


def lagging_section(g: LaggingRegions, lang: str) -> Section:
    """The supervision ranking's regions that scored, as the page ranks them, with the rules
    the points come from (every measure's scoring, by name)."""
    sep = "；" if lang == "zh" else "; "
    scoring = sep.join(
        f"{measure_name(k, lang)}{'：' if lang == 'zh' else ': '}{rules.points_text(k, lang)}"
        for k in rules.MEASURES
    )
    more = [t("digest.lagging.more", lang, n=fmt_int(g.more, lang))] if g.more else []
    return _table(
        lang,
        "lagging",
        ("supervision.col.rank", "province", "supervision.col.score", "supervision.col.reasons"),
        [
            [
                str(sheet.rank),
                f"{province_name(sheet, lang)} ({sheet.code})",
                fmt_int(sheet.score, lang),
                reasons_text(sheet, lang),
            ]
            for sheet in g.listed
        ],
        count=t("digest.lagging.count", lang, n=fmt_int(g.lagging, lang), total=g.compared)
        if g.listed
        else None,
        notes=[
            *more,
            t("digest.lagging.rule", lang),
            rules.ranking_text(lang),
            t("digest.lagging.scoring", lang) + scoring,
        ],
    )


def _pending_section(d: MinistryDigest, lang: str) -> Section:
    return _table(
        lang,
        "pending",
        ("id", "province", "file", "submitted", "rows"),
        [
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
        count=t("digest.pending.count", lang, n=fmt_int(d.pending_total, lang))
        if d.pending_total
        else None,
        notes=_more(lang, d.pending_total, len(d.pending)),
    )


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
    returned = _table(
        lang,
        "returned",
        ("id", "file", "submitted", "returned_by", "returned_at", "comment"),
        [
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
    midterm = _table(
        lang,
        "midterm",
        ("code", "pilot", "stage", "approved_on", "due_on"),
        [
            [
                m.code,
                m.name,
                enum_label("stage", m.stage, lang),
                fmt_date(m.approved_on, lang),
                fmt_date(m.due_on, lang),
            ]
            for m in d.midterm
        ],
        notes=[
            t("digest.midterm.rule", lang, months=MIDTERM_AFTER_MONTHS, days=REMINDER_DAYS),
            *_more(lang, d.midterm_total, len(d.midterm)),
        ],
    )
    return [report_section(d, lang), returned, midterm]
