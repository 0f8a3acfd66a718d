"""The web server: Streamlit's ASGI app plus the session routes that set and clear the
HttpOnly session cookie, and a gate that sends visitors without a valid session to the
login page. Run with `streamlit run dashboard/server.py`."""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from dashboard import accounts, auth, login_page, memory_trim
from dashboard.charts.china_map import GEOMETRY_URL, web_geometry
from dashboard.db import shared_engine
from dashboard.i18n import LANGS, t
from dashboard.models import User
from dashboard.permissions import Actor
from dashboard.settings import get_settings

OPEN_PREFIXES = ("/session/", "/_stcore/", "/static/", "/media/", "/component/", "/app/")
LANG_COOKIE = "dct_lang"


def _engine():
    return shared_engine(get_settings().database_url)


def _safe_next(value: str | None) -> str:
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


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
    html = login_page.render(
        lang=lang, next_path=next_path, error=error, demo=get_settings().demo_mode, chosen=chosen
    )
    response = HTMLResponse(html, status_code=status)
    response.set_cookie(LANG_COOKIE, lang, samesite="strict", max_age=365 * 86400)
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
        accounts.language_at_login(session, actor=actor, page_lang=lang, chosen=chosen)
        session.commit()
        return token, None


async def login_submit(request: Request):
    form = dict(await request.form())
    lang, chosen = _lang_choice(request, form)
    next_path = _safe_next(form.get("next"))
    token, error = await run_in_threadpool(
        _check_login, str(form.get("username", "")), str(form.get("password", "")), lang, chosen
    )
    if token is None:
        return _page(lang, next_path, error, status=401, chosen=chosen)
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
    lang = await run_in_threadpool(_logout, request.cookies.get(auth.COOKIE_NAME))
    lang = lang if lang in LANGS else _lang(request)
    response = RedirectResponse(f"/session/login?lang={lang}", status_code=303)
    response.delete_cookie(auth.COOKIE_NAME, path="/")
    return response


def _valid(token: str | None) -> bool:
    if not token:
        return False
    with Session(_engine()) as session:
        try:
            auth.resolve(session, token)
        except auth.AuthError:
            return False
    return True


class LoginGate:
    """Sends a page request without a valid session to the login page."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] == "GET":
            path = scope.get("path", "/")
            request = Request(scope)
            wants_page = "text/html" in request.headers.get("accept", "")
            if (
                wants_page
                and not path.startswith(OPEN_PREFIXES)
                and not await run_in_threadpool(_valid, request.cookies.get(auth.COOKIE_NAME))
            ):
                target = f"/session/login?next={quote(path)}"
                await RedirectResponse(target, status_code=303)(scope, receive, send)
                return
        await self.app(scope, receive, send)


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
    "app.py",
    routes=[
        Route("/session/login", login_form, methods=["GET"]),
        Route("/session/login", login_submit, methods=["POST"]),
        Route("/session/logout", logout, methods=["GET"]),
        Route(GEOMETRY_URL + "/{name}", geometry, methods=["GET"]),
    ],
    middleware=[Middleware(LoginGate)],
)
