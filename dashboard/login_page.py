"""The login page, served by the web server itself (not by a Streamlit script), so that the
session cookie can be set HttpOnly. Every dynamic text is escaped; nothing loads from
outside the server."""

from __future__ import annotations

from html import escape

from dashboard.accounts import DEMO_PASSWORD, DEMO_USERS
from dashboard.i18n import t

STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;
background:#f2f5f3;color:#1b1f1d;margin:0}
main{max-width:460px;margin:6vh auto;background:#fff;padding:32px 36px;border-radius:10px;
box-shadow:0 2px 10px rgba(0,0,0,.08)}
h1{font-size:1.35rem;margin:0 0 4px}p.sub{color:#4a5550;margin:0 0 20px;font-size:.9rem}
label{display:block;margin:14px 0 4px;font-weight:600}
input{width:100%;box-sizing:border-box;padding:9px 10px;border:1px solid #9aa7a0;border-radius:6px;
font-size:1rem}
button{margin-top:20px;width:100%;padding:10px;background:#1f6f4a;color:#fff;border:0;
border-radius:6px;font-size:1rem;cursor:pointer}
.error{background:#fdecea;color:#8a1c12;padding:10px;border-radius:6px;margin-top:14px}
.info{background:#fff7e0;padding:10px;border-radius:6px;margin-top:18px;font-size:.9rem}
table{border-collapse:collapse;width:100%;margin-top:6px}td,th{text-align:left;padding:3px 6px}
nav{text-align:right;font-size:.9rem}a{color:#1f6f4a}
"""


def render(
    *, lang: str, next_path: str, error: str | None, demo: bool, csrf: str, chosen: bool = False
) -> str:
    """The login page. Its language switch link marks the language as chosen; `chosen`
    carries that through the form, so signing in makes it the user's preference."""
    other = "en" if lang == "zh" else "zh"
    rows = "".join(
        f"<tr><td><code>{escape(u)}</code></td><td>{escape(t('role.' + r, lang))}</td>"
        f"<td>{escape(p or '—')}</td></tr>"
        for u, r, p in DEMO_USERS
    )
    demo_block = (
        f'<div class="info"><strong>{escape(t("login.demo_title", lang))}</strong>'
        f"<p>{escape(t('login.demo_text', lang, password=DEMO_PASSWORD))}</p>"
        f"<table><tr><th>{escape(t('login.username', lang))}</th>"
        f"<th>{escape(t('login.role', lang))}</th><th>{escape(t('login.province', lang))}</th>"
        f"</tr>{rows}</table></div>"
        if demo
        else ""
    )
    error_block = f'<div class="error" role="alert">{escape(error)}</div>' if error else ""
    return f"""<!doctype html>
<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(t("login.title", lang))} · {escape(t("app.title", lang))}</title>
<style>{STYLE}</style></head><body><main>
<nav><a href="/session/login?lang={other}&amp;chosen=1&amp;next={escape(next_path, quote=True)}">
{escape(t("login.switch_language", lang))}</a></nav>
<h1>{escape(t("app.title", lang))}</h1>
<p class="sub">{escape(t("login.title", lang))}</p>
<form method="post" action="/session/login">
<input type="hidden" name="next" value="{escape(next_path, quote=True)}">
<input type="hidden" name="lang" value="{lang}">
<input type="hidden" name="lang_chosen" value="{"1" if chosen else "0"}">
<input type="hidden" name="csrf_token" value="{escape(csrf, quote=True)}">
<label for="username">{escape(t("login.username", lang))}</label>
<input id="username" name="username" autocomplete="username" required autofocus
 maxlength="64">
<label for="password">{escape(t("login.password", lang))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required
 maxlength="1024">
<button type="submit">{escape(t("login.submit", lang))}</button>
</form>{error_block}{demo_block}
</main></body></html>"""
