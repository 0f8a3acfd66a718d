"""Administrators' pages: the audit trail and the accounts."""

from __future__ import annotations

import streamlit as st

from dashboard import accounts
from dashboard.audit_text import AUDIT_COLUMNS, action_label, audit_readable
from dashboard.i18n import enum_label, fmt_date, fmt_int, t
from dashboard.models import ROLES
from dashboard.services.audit_log import audit_actions, audit_frame, chain_status
from dashboard.ui import cached, digest_view
from dashboard.ui.context import Viewer, session
from dashboard.ui.export_widgets import filtered_export
from dashboard.ui.forms import titled_form
from dashboard.ui.tables import labelled
from dashboard.ui.writes import run_write

LEAST_PRIVILEGED_ROLE = "briefing"  # a new account reads and exports; it edits nothing


def render_audit(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        actions = audit_actions(s, actor=v.actor)
        report = chain_status(s, actor=v.actor)
    if report.ok:
        st.success(t("audit.chain_ok", lang, n=fmt_int(report.checked, lang)))
    elif report.reason in {"truncated", "anchor_mismatch"}:
        st.error(t(f"audit.chain_{report.reason}", lang, n=fmt_int(report.checked, lang)))
    else:
        st.error(t("audit.chain_broken", lang, id=report.broken_id))
    c1, c2, c3, c4, c5 = st.columns(5)
    user = c1.text_input(t("audit.user", lang), max_chars=64)
    action = c2.selectbox(
        t("audit.action", lang),
        ["", *actions],
        format_func=lambda a: action_label(a, lang) if a else t("filter.all", lang),
    )
    outcome = c3.selectbox(
        t("audit.outcome", lang),
        ["", "ok", "denied", "failed"],
        format_func=lambda a: t("audit.outcome." + a, lang) if a else t("filter.all", lang),
    )
    since = c4.date_input(t("audit.since", lang), value=None)
    until = c5.date_input(t("audit.until", lang), value=None)
    with session() as s:
        df = audit_frame(
            s,
            actor=v.actor,
            user=user.strip(),
            action=action,
            outcome=outcome,
            since=since,
            until=until,
        )
    st.caption(t("audit.count", lang, n=fmt_int(len(df), lang)))
    readable = audit_readable(df, lang)
    st.dataframe(
        labelled(readable, lang, AUDIT_COLUMNS),
        hide_index=True,
        width="stretch",
        column_config={t("audit.col.detail", lang): st.column_config.TextColumn(width="large")},
    )
    filtered_export(
        v,
        key="audit",
        title_key="audit.title",
        table=readable,
        columns=AUDIT_COLUMNS,
        filters=[
            ("audit.user", user.strip()),
            ("audit.action", action and action_label(action, lang)),
            ("audit.outcome", outcome and t("audit.outcome." + outcome, lang)),
            ("audit.since", since and fmt_date(since, lang)),
            ("audit.until", until and fmt_date(until, lang)),
        ],
    )


def render_users(v: Viewer) -> None:
    lang = v.lang
    with session() as s:
        users = accounts.list_users(s, actor=v.actor)
    st.dataframe(
        [
            {
                t("login.username", lang): u.username,
                t("login.role", lang): enum_label("role", u.role, lang),
                t("login.province", lang): cached.province_name(u.province_code, lang)
                if u.province_code
                else "—",
                t("users.active", lang): "✓" if u.is_active else "✗",
                t("digest.email", lang): u.email or "—",
                t("digest.frequency", lang): enum_label("digest.frequency", u.digest, lang),
            }
            for u in users
        ],
        hide_index=True,
        width="stretch",
    )
    codes = [p["code"] for p in cached.provinces()]
    with titled_form("add_user", "users.add", lang, clear_on_submit=True):
        c1, c2, c3 = st.columns(3)
        username = c1.text_input(t("login.username", lang), max_chars=64)
        role = c2.selectbox(
            t("login.role", lang),
            ROLES,
            index=ROLES.index(LEAST_PRIVILEGED_ROLE),
            format_func=lambda r: enum_label("role", r, lang),
        )
        province = c3.selectbox(
            t("login.province", lang),
            [None, *codes],
            format_func=lambda c: "—" if c is None else cached.province_name(c, lang),
        )
        password = st.text_input(
            t("login.password", lang), type="password", help=t("users.password_help", lang)
        )
        if st.form_submit_button(t("users.add", lang), type="primary"):
            _apply(
                v,
                lambda s: accounts.add_user(
                    s,
                    actor=v.actor,
                    username=username,
                    password=password,
                    role=role,
                    province_code=province,
                ),
            )
    names = [u.username for u in users if u.username != v.actor.username]
    if names:
        st.markdown(f"**{t('users.manage', lang)}**")
        c1, c2 = st.columns([2, 3])
        target = c1.selectbox(t("users.choose", lang), names, key="users_target")
        with c2:
            b1, b2 = st.columns(2)
            if b1.button(t("users.disable", lang)):
                _apply(
                    v,
                    lambda s: accounts.set_active(s, actor=v.actor, username=target, active=False),
                )
            if b2.button(t("users.enable", lang)):
                _apply(
                    v, lambda s: accounts.set_active(s, actor=v.actor, username=target, active=True)
                )
        chosen = next(u for u in users if u.username == target)
        render_role_form(v, chosen, codes)
        digest_view.render_admin_form(v, chosen)
        render_password_form(v, target)


def render_role_form(v: Viewer, user, codes: list[str]) -> None:
    """Change a user's role (and province); the service checks and audits it."""
    lang = v.lang
    with titled_form(f"set_role_{user.username}", "users.set_role", lang):
        c1, c2 = st.columns(2)
        role = c1.selectbox(
            t("login.role", lang),
            ROLES,
            index=ROLES.index(user.role) if user.role in ROLES else 0,
            format_func=lambda r: enum_label("role", r, lang),
        )
        options = [None, *codes]
        province = c2.selectbox(
            t("login.province", lang),
            options,
            index=options.index(user.province_code) if user.province_code in options else 0,
            format_func=lambda c: "—" if c is None else cached.province_name(c, lang),
        )
        if st.form_submit_button(t("users.set_role", lang)):
            _apply(
                v,
                lambda s: accounts.set_role(
                    s, actor=v.actor, username=user.username, role=role, province_code=province
                ),
            )


def render_password_form(v: Viewer, username: str) -> None:
    """Set a new password for a user (it ends their sessions)."""
    lang = v.lang
    with titled_form(
        f"reset_password_{username}", "users.reset_password", lang, clear_on_submit=True
    ):
        c1, c2 = st.columns(2)
        first = c1.text_input(
            t("users.new_password", lang), type="password", help=t("users.password_help", lang)
        )
        second = c2.text_input(t("users.repeat_password", lang), type="password")
        if st.form_submit_button(t("users.reset_password", lang)):
            if first != second:
                st.error(accounts.AccountError("account.error.passwords_differ").text(lang))
                return
            _apply(
                v,
                lambda s: accounts.reset_password(
                    s, actor=v.actor, username=username, password=first
                ),
            )


def _apply(v: Viewer, action) -> None:
    run_write(v, action, refusals=(accounts.AccountError,), explain=lambda e: e.text(v.lang))
