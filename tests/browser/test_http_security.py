"""Attack cases against the served app over HTTP (no browser): what an anonymous visitor
reaches, cross-site session requests, the security headers, oversized login input."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlencode, urlparse

import pytest
from sqlmodel import Session, select
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect

from dashboard.db import make_engine
from dashboard.models import AuditEvent, AuthSession
from dashboard.web_headers import SECURITY_HEADERS

FORM = "application/x-www-form-urlencoded"


def _request(base, method, path, body=None, headers=None):
    u = urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def _login_form(base):
    response, html = _request(base, "GET", "/session/login")
    cookie = re.search(r"dct_csrf=([^;]+)", response.getheader("set-cookie") or "")
    token = re.search(rb'name="csrf_token" value="([^"]+)"', html)
    return cookie.group(1), token.group(1).decode()


def _post_login(base, *, username="ministry", password="demo", origin="self", token="ok"):
    cookie, form_token = _login_form(base)
    fields = {"username": username, "password": password, "next": "/", "lang": "en"}
    if token == "ok":
        fields["csrf_token"] = form_token
    elif token:
        fields["csrf_token"] = token
    headers = {"Content-Type": FORM, "Cookie": f"dct_csrf={cookie}"}
    if origin == "self":
        headers["Origin"] = base
    elif origin:
        headers["Origin"] = origin
    return _request(base, "POST", "/session/login", urlencode(fields), headers)


def _signed_in(base) -> str:
    response, _ = _post_login(base)
    assert response.status == 303
    return re.search(r"dct_session=([^;]+)", response.getheader("set-cookie")).group(1)


@pytest.mark.parametrize("path", ["/session/login", "/_stcore/health", "/"])
def test_every_response_carries_the_security_headers(server, path):
    response, _ = _request(server["base"], "GET", path, headers={"Accept": "text/html"})
    for name, value in SECURITY_HEADERS.items():
        assert response.getheader(name) == value, name
    assert "frame-ancestors 'none'" in response.getheader("content-security-policy")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/_stcore/metrics"),
        ("GET", "/media/0123456789abcdef.csv"),
        ("PUT", "/_stcore/upload_file/some-session/some-file"),
        ("GET", "/component/anything/index.html"),
    ],
)
def test_streamlit_surfaces_need_a_session(server, method, path):
    response, body = _request(server["base"], method, path, body=b"x" * 10)
    assert (response.status, body) == (403, b"sign in first")
    cookie = {"Cookie": f"dct_session={_signed_in(server['base'])}"}
    response, body = _request(server["base"], method, path, body=b"x" * 10, headers=cookie)
    assert body != b"sign in first"  # past the gate (Streamlit answers: 404, or its XSRF 403)


def test_the_websocket_needs_a_session(server):
    ws_url = server["base"].replace("http://", "ws://") + "/_stcore/stream"
    with pytest.raises(InvalidStatus) as refused:
        connect(ws_url, open_timeout=10).close()
    assert refused.value.response.status_code == 403
    cookie = _signed_in(server["base"])
    with connect(ws_url, additional_headers={"Cookie": f"dct_session={cookie}"}, open_timeout=10):
        pass


@pytest.mark.parametrize(
    ("origin", "token"),
    [
        ("https://attacker.example", "ok"),  # a cross-site form
        (None, "ok"),  # no Origin nor Referer
        ("self", None),  # no token
        ("self", "forged-token"),
    ],
)
def test_login_csrf_is_refused(server, origin, token):
    response, _ = _post_login(server["base"], origin=origin, token=token)
    assert response.status == 403
    assert "dct_session" not in (response.getheader("set-cookie") or "")


def test_logout_is_a_post_with_the_token_and_ends_the_server_session(server):
    from dashboard import auth, csrf

    base = server["base"]
    token = _signed_in(base)
    cookie = {"Cookie": f"dct_session={token}", "Content-Type": FORM, "Origin": base}
    _request(base, "GET", "/session/logout", headers=cookie)  # a link or an image
    response, _ = _request(base, "POST", "/session/logout", "csrf_token=guess", cookie)
    assert response.status == 403
    jti = auth.verify_token(token)["jti"]
    engine = make_engine(server["db"])
    with Session(engine) as s:
        assert s.get(AuthSession, jti).revoked_at is None
    body = urlencode({"csrf_token": csrf.logout_token(token)})
    response, _ = _request(base, "POST", "/session/logout", body, cookie)
    assert response.status == 303
    with Session(engine) as s:
        assert s.get(AuthSession, jti).revoked_at is not None
    engine.dispose()
    # without a session there is nothing to protect: back to the login page
    response, _ = _request(base, "POST", "/session/logout", "", {"Content-Type": FORM})
    assert response.status == 303 and "/session/login" in response.getheader("location")


def test_oversized_login_input_is_bounded(server):
    response, _ = _request(
        server["base"],
        "POST",
        "/session/login",
        urlencode({"username": "x" * 1_000_000, "password": "y"}),
        {"Content-Type": FORM, "Origin": server["base"]},
    )
    assert response.status == 413
    response, _ = _post_login(server["base"], username="u" * 60 + "\n<b>", password="wrong")
    assert response.status == 401
    engine = make_engine(server["db"])
    with Session(engine) as s:
        actors = s.exec(select(AuditEvent.actor).where(AuditEvent.outcome == "failed")).all()
    engine.dispose()
    assert all(len(a) <= 32 for a in actors)
