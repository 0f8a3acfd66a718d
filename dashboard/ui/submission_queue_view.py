"""The ministry's review queue: what each staged submission would change, in the viewer's
language with record names, and what accepting it would change in the target figures;
accept it or return it with a comment."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.i18n import enum_label, fmt_date, fmt_int, t
from dashboard.markdown_text import plain
from dashboard.permissions import can
from dashboard.submissions import (
    SubmissionError,
    accept,
    get_submission,
    list_pending,
    preview,
    return_submission,
)
from dashboard.submissions.describe import STAGE_GROUP, TABLE_KEY, record_names
from dashboard.submissions.impact import Impact, acceptance_impact
from dashboard.ui import cached
from dashboard.ui.context import Viewer, session
from dashboard.ui.issues import issues_table
from dashboard.ui.page_chrome import as_of
from dashboard.ui.writes import run_write


@st.cache_data(ttl=cached.TTL, max_entries=cached.MAX_ENTRIES, show_spinner=False)
def _impact(actor, submission_id: int, version: int, day: date) -> Impact:
    """Cached per actor, submission version and date; writes clear every cache."""
    with session() as s:
        return acceptance_impact(s, actor=actor, submission_id=submission_id, as_of=day)


def render(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        pending = list_pending(s, actor=v.actor)
    if not pending:
        st.success(t("review.empty", lang))
        return
    st.caption(t("review.count", lang, n=fmt_int(len(pending), lang)))
    labels = {
        p.id: f"#{p.id} · {cached.province_name(p.province_code, lang)} · "
        f"{enum_label('report_kind', p.kind, lang)} · {p.filename} · "
        f"{fmt_date(p.submitted_at, lang)}"
        for p in pending
    }
    chosen = st.selectbox(t("review.choose", lang), list(labels), format_func=labels.get)
    sub = next(p for p in pending if p.id == chosen)
    with session() as s:
        pv = preview(s, actor=v.actor, submission_id=sub.id)
        names = record_names(s, actor=v.actor, submission_id=sub.id)
    st.write(
        t(
            "review.summary",
            lang,
            rows=fmt_int(sub.row_count, lang),
            who=plain(sub.submitted_by),
            warnings=fmt_int(sub.warning_count, lang),
        )
    )
    if sub.warning_count:
        render_warnings(v, sub.id)
    if not pv.conflicts:
        render_impact(v, sub.id, sub.version)
    st.markdown(f"**{t('review.record_changes', lang)}**")
    st.dataframe(counts_table(pv.counts, lang), hide_index=True, width="stretch")
    if pv.moves:
        st.markdown(f"**{t('review.moves', lang, n=fmt_int(pv.move_count, lang))}**")
        st.dataframe(
            moves_table(pv.moves, names, STAGE_GROUP.get(pv.kind, "stage"), lang),
            hide_index=True,
            width="stretch",
        )
    if pv.conflicts:
        st.error(t("review.conflicts", lang, n=len(pv.conflicts)))
        st.dataframe(
            conflicts_table(pv.conflicts, names, STAGE_GROUP.get(pv.kind, "stage"), lang),
            hide_index=True,
            width="stretch",
        )
    if can(v.role, "review_submission"):
        render_decision(v, sub, blocked=bool(pv.conflicts))


def render_warnings(v: Viewer, submission_id: int) -> None:
    """The warnings the submitter confirmed (a pilot placed in another province, a USCC
    whose check character does not match), for the reviewer to weigh."""
    with session() as s:
        detail = get_submission(s, actor=v.actor, submission_id=submission_id, max_rows=0)
    st.warning(t("review.warnings", v.lang, n=fmt_int(len(detail.warnings), v.lang)))
    st.dataframe(issues_table(detail.warnings, v.lang), hide_index=True, width="stretch")


def render_impact(v: Viewer, submission_id: int, version: int) -> None:
    lang = v.lang
    day = as_of()
    st.subheader(t("impact.title", lang))
    with st.spinner(t("impact.working", lang)):
        impact = _impact(v.actor, submission_id, version, day)
    st.caption(t("impact.note", lang, day=fmt_date(day, lang)))
    if not impact.targets or not impact.changes:
        st.info(t("impact.none", lang, day=fmt_date(day, lang)))
        return
    # a few rows each: HTML tables, read by screen readers and found by text in the browser
    st.table(impact_table(impact, lang), hide_index=True)
    provinces = province_table(impact, lang)
    if len(provinces):
        st.table(provinces, hide_index=True)
    records = records_table(impact, lang)
    if len(records):
        st.markdown(f"**{t('impact.records', lang, n=fmt_int(len(records), lang))}**")
        st.dataframe(records, hide_index=True, width="stretch")
    else:
        st.caption(t("impact.no_records", lang))


def _name(item, lang: str) -> str:
    return item.name_zh if lang == "zh" else item.name_en


def _change(before: int, after: int, lang: str) -> str:
    diff = after - before
    return f"+{fmt_int(diff, lang)}" if diff > 0 else (fmt_int(diff, lang) if diff else "0")


def impact_table(impact: Impact, lang: str) -> pd.DataFrame:
    rows = []
    for tg in impact.targets:
        rows.append(
            {
                t("impact.col.target", lang): _name(tg, lang),
                t("impact.col.counted_at", lang): fmt_date(tg.counted_at, lang),
                t("impact.col.before", lang): tg.before,
                t("impact.col.after", lang): tg.after,
                t("impact.col.change", lang): _change(tg.before, tg.after, lang),
                t("impact.col.threshold", lang): tg.threshold,
                t("impact.col.status", lang): _status_change(tg, lang),
            }
        )
    return pd.DataFrame(rows)


def _status_change(tg, lang: str) -> str:
    before = enum_label("status", tg.status_before, lang)
    if tg.status_after == tg.status_before:
        return before
    return f"{before} → {enum_label('status', tg.status_after, lang)}"


def province_table(impact: Impact, lang: str) -> pd.DataFrame:
    rows = []
    for tg in impact.targets:
        for p in tg.provinces:
            rows.append(
                {
                    t("impact.col.target", lang): _name(tg, lang),
                    t("col.province", lang): cached.province_name(p.province_code, lang),
                    t("impact.col.province_before", lang): p.before,
                    t("impact.col.province_after", lang): p.after,
                    t("impact.col.change", lang): _change(p.before, p.after, lang),
                }
            )
    return pd.DataFrame(rows)


def records_table(impact: Impact, lang: str) -> pd.DataFrame:
    rows = []
    for tg in impact.targets:
        for change, refs in (("starts", tg.starting), ("stops", tg.stopping)):
            for r in refs:
                rows.append(
                    {
                        t("impact.col.target", lang): _name(tg, lang),
                        t("impact.col.effect", lang): t(f"impact.{change}", lang),
                        t("col.code", lang): r.key,
                        t("col.name", lang): _name(r, lang),
                        t("col.province", lang): cached.province_name(r.province_code, lang)
                        if r.province_code
                        else "—",
                    }
                )
    return pd.DataFrame(rows)


def counts_table(counts: dict[str, dict[str, int]], lang: str) -> pd.DataFrame:
    rows = []
    for table, c in counts.items():
        key = TABLE_KEY.get(table)
        row = {t("review.records", lang): t(key, lang) if key else table}
        for k in ("new", "updated", "unchanged"):
            row[t("review." + k, lang)] = fmt_int(c[k], lang) if k in c else "—"
        rows.append(row)
    return pd.DataFrame(rows)


def _label(group: str, value, lang: str) -> str:
    return enum_label(group, value, lang) if value else t("review.no_stage", lang)


def _day(value, lang: str) -> str:
    if not value:
        return "—"
    return fmt_date(date.fromisoformat(value) if isinstance(value, str) else value, lang)


def moves_table(moves: list[dict], names: dict, group: str, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col.code", lang): [m["key"] for m in moves],
            t("col.name", lang): [names.get(str(m["key"]), {}).get(lang, "—") for m in moves],
            t("review.col.from", lang): [_label(group, m["from"], lang) for m in moves],
            t("review.col.to", lang): [_label(group, m["to"], lang) for m in moves],
            t("review.col.date", lang): [_day(m["date"], lang) for m in moves],
        }
    )


def _conflict_value(code: str, value, group: str, lang: str) -> str:
    if value in (None, ""):
        return "—"
    if code == "record_province":
        return cached.province_name(value, lang)
    if code in ("stage_move", "stage_date_order"):
        return enum_label(group, value, lang)
    if code == "adoption_standard_kind":  # the linked standard's kind, and the one expected
        return enum_label("kind", value, lang)
    return str(value)


def conflicts_table(conflicts: list[dict], names: dict, group: str, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("submit.row", lang): [c["row"] if c["row"] is not None else "—" for c in conflicts],
            t("col.code", lang): [c["key"] for c in conflicts],
            t("col.name", lang): [names.get(str(c["key"]), {}).get(lang, "—") for c in conflicts],
            t("review.col.problem", lang): [
                t(f"review.conflict.{c['code']}", lang) for c in conflicts
            ],
            t("review.col.current", lang): [
                _conflict_value(c["code"], c["current"], group, lang) for c in conflicts
            ],
            t("review.col.current_date", lang): [_day(c["current_date"], lang) for c in conflicts],
            t("review.col.new", lang): [
                _conflict_value(c["code"], c["new"], group, lang) for c in conflicts
            ],
        }
    )


def render_decision(v: Viewer, sub, *, blocked: bool) -> None:
    lang = v.lang
    c1, c2 = st.columns(2)
    with c1:
        if st.button(
            t("review.accept", lang),
            type="primary",
            disabled=blocked,
            key=f"accept_{sub.id}",
        ):
            _decide(
                v,
                lambda s: accept(
                    s, actor=v.actor, submission_id=sub.id, expected_version=sub.version
                ),
                "review.accepted",
            )
    with c2, st.form(f"return_{sub.id}"):
        comment = st.text_area(t("review.comment", lang), max_chars=2000)
        if st.form_submit_button(t("review.return", lang)):
            _decide(
                v,
                lambda s: return_submission(
                    s,
                    actor=v.actor,
                    submission_id=sub.id,
                    comment=comment,
                    expected_version=sub.version,
                ),
                "review.returned",
            )


def _decide(v: Viewer, action, done_key: str) -> None:
    run_write(
        v,
        action,
        refusals=(SubmissionError,),
        explain=lambda exc: exc.message(v.lang),
        done_key=done_key,
    )
