"""The web server: Streamlit's ASGI app plus the session routes that set and clear the
HttpOnly session cookie, a gate that keeps Streamlit's websocket, uploads and media for
signed-in sessions (`web_gate`), and security headers on every response (`web_headers`).
Run with `streamlit run dashboard/server.py`."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run dashboard/server.py` puts dashboard/ itself on the import path, not the
# checkout that holds it: without this line the documented command (README, the systemd unit
# in docs/DEPLOY.md) fails with "No module named 'dashboard'" unless PYTHONPATH is set.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit as st
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from dashboard import accounts, auth, csrf, login_page, memory_trim
from dashboard.api.routes import api_routes
from dashboard.charts.china_map import GEOMETRY_URL, web_geometry
from dashboard.db import shared_engine
from dashboard.i18n import LANGS, t
from dashboard.login_limits import AddressLimiter
from dashboard.models import User
from dashboard.permissions import Actor
from dashboard.settings import get_settings
from dashboard.web_client import client_address
from dashboard.web_forms import FormTooLarge, read_small_form
from dashboard.web_gate import SessionGate
from dashboard.web_headers import SecurityHeaders

LANG_COOKIE = "dct_lang"
ADDRESSES = AddressLimiter()


def _engine():
    return shared_engine(get_settings().database_url)


def _safe_next(value: str | None) -> str:
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value[:512]


def _lang(request: Request, form: dict | None = None) -> str:
    return _lang_choice(request, form)[0]


def _lang_choice(request: Request, form: dict | None = None) -> tuple[str, bool]:
    """The login page's language, and whether the person signing in chose it on this page
    (its switch link) rather than it being the browser's last one or the default: only a
    choice made here overrides the saved preference of whoever signs in."""
    form = form or {}
    if form.get("lang") in LANGS:
        return form["lang"], form.get("lang_chosen") == "1"
    query = request.query_params
    if query.get("lang") in LANGS:
        return query["lang"], query.get("chosen") == "1"
    if request.cookies.get(LANG_COOKIE) in LANGS:
        return request.cookies[LANG_COOKIE], False
    return "zh", False


def _page(
    lang: str, next_path: str, error: str | None, status: int = 200, *, chosen: bool = False
) -> HTMLResponse:
    token = csrf.new_form_token()
    html = login_page.render(
        lang=lang,
        next_path=next_path,
        error=error,
        demo=get_settings().demo_mode,
        csrf=token,
        chosen=chosen,
    )
    response = HTMLResponse(html, status_code=status)
    response.set_cookie(LANG_COOKIE, lang, samesite="strict", max_age=365 * 86400)
    response.set_cookie(
        csrf.COOKIE_NAME,
        token,
        httponly=True,
        samesite="strict",
        secure=get_settings().cookie_secure,
        path=csrf.COOKIE_PATH,
    )
    return response


async def login_form(request: Request):
    lang, chosen = _lang_choice(request)
    return _page(lang, _safe_next(request.query_params.get("next")), None, chosen=chosen)


def _check_login(
    username: str, password: str, lang: str, chosen: bool = False
) -> tuple[str | None, str | None]:
    with Session(_engine(), expire_on_commit=False) as session:
        try:
            token, user = auth.login(session, username=username.strip(), password=password)
        except auth.AuthError:
            return None, t("login.failed", lang)
        actor = Actor(id=user.id, username=user.username)
        try:
            accounts.language_at_login(session, actor=actor, page_lang=lang, chosen=chosen)
            session.commit()
        except DBAPIError:  # the preference is not worth a failed login
            session.rollback()
        return token, None


def _unavailable(lang: str, next_path: str) -> HTMLResponse:
    message = t("failure.database_login", lang)
    return _page(lang, next_path, message, status=503)


async def login_submit(request: Request):
    try:
        form = await read_small_form(request)
    except FormTooLarge:
        return Response(status_code=413)
    lang, chosen = _lang_choice(request, form)
    next_path = _safe_next(form.get("next"))
    if not csrf.same_origin(request.headers, request.headers.get("host")) or (
        not csrf.form_token_matches(request.cookies.get(csrf.COOKIE_NAME), form.get(csrf.FIELD))
    ):
        return _page(lang, next_path, t("security.form_expired", lang), status=403, chosen=chosen)
    address = client_address(request)
    if not ADDRESSES.try_acquire(address):
        return _page(
            lang, next_path, t("security.too_many_attempts", lang), status=429, chosen=chosen
        )
    try:
        token, error = await run_in_threadpool(
            _check_login,
            str(form.get("username", "")),
            str(form.get("password", "")),
            lang,
            chosen,
        )
    except DBAPIError:
        return _unavailable(lang, next_path)
    if token is None:
        return _page(lang, next_path, error, status=401, chosen=chosen)
    ADDRESSES.succeeded(address)
    response = RedirectResponse(next_path, status_code=303)
    settings = get_settings()
    response.set_cookie(
        auth.COOKIE_NAME,
        token,
        httponly=True,
        samesite="strict",
        secure=settings.cookie_secure,
        max_age=settings.session_absolute_hours * 3600,
        path="/",
    )
    response.delete_cookie(csrf.COOKIE_NAME, path=csrf.COOKIE_PATH)
    return response


def _logout(token: str | None) -> str | None:
    """End the session; returns the user's interface language for the login page."""
    if not token:
        return None
    with Session(_engine()) as session:
        try:
            user = session.get(User, int(auth.verify_token(token)["sub"]))
        except auth.AuthError:
            return None
        lang = user.language if user else None
        auth.logout(session, token)
        return lang


async def logout(request: Request):
    try:
        form = await read_small_form(request)
    except FormTooLarge:
        return Response(status_code=413)
    token = request.cookies.get(auth.COOKIE_NAME)
    if token and (
        not csrf.same_origin(request.headers, request.headers.get("host"))
        or not csrf.logout_token_matches(token, form.get(csrf.FIELD))
    ):
        lang = _lang(request)
        return HTMLResponse(t("security.logout_refused", lang), status_code=403)
    try:
        lang = await run_in_threadpool(_logout, token)
    except DBAPIError:
        lang = None  # the cookie is cleared all the same
    lang = lang if lang in LANGS else _lang(request)
    response = RedirectResponse(f"/session/login?lang={lang}", status_code=303)
    response.delete_cookie(auth.COOKIE_NAME, path="/")
    return response


def session_id(token: str | None) -> str | None:
    """The session's id when the token is valid now, else None (the gate's check)."""
    if not token:
        return None
    try:
        with Session(_engine()) as session:
            auth.resolve(session, token)
    except (auth.AuthError, DBAPIError):
        return None
    return auth.verify_token(token)["jti"]


async def geometry(request: Request) -> Response:
    """The map's boundaries (public data), fetched once by each browser and cached."""
    body = web_geometry().get(request.path_params["name"])
    if body is None:
        return Response(status_code=404)
    headers = {"Cache-Control": "public, max-age=86400"}
    return Response(body, media_type="application/json", headers=headers)


get_settings()  # refuse to start with a missing or short secret outside demo mode
memory_trim.start()

app = st.App(
    str(Path(__file__).with_name("app.py")),  # wherever the server is started from
    routes=[
        Route("/session/login", login_form, methods=["GET"]),
        Route("/session/login", login_submit, methods=["POST"]),
        Route("/session/logout", logout, methods=["POST"]),
        Route(GEOMETRY_URL + "/{name}", geometry, methods=["GET"]),
        api_routes(),  # /api/v1: token-authenticated, read-only (dashboard/api)
    ],
    middleware=[
        Middleware(SecurityHeaders),
        Middleware(SessionGate, session_of=session_id, cookie_name=auth.COOKIE_NAME),
    ],
)
