"""Cross-site request checks for the session routes (`/session/login`, `/session/logout`).

A POST is accepted only when its Origin (or, without one, its Referer) names this server's
own host, and when it carries the form's token:

- the login form's token is a random value also set as an HttpOnly, SameSite=Strict cookie
  (a cross-site form cannot read it, and the browser does not send the cookie cross-site);
- the logout token is an HMAC of the session token under the secret key, so the page that
  shows the logout button (which knows the session on the server) can put it in its form.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from dashboard.settings import get_settings

COOKIE_NAME = "dct_csrf"
FIELD = "csrf_token"
COOKIE_PATH = "/session"


def new_form_token() -> str:
    return secrets.token_urlsafe(32)


def form_token_matches(cookie_value: str | None, form_value: str | None) -> bool:
    if not cookie_value or not form_value:
        return False
    return hmac.compare_digest(cookie_value.encode(), form_value.encode())


def logout_token(session_token: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, b"logout\0" + session_token.encode(), hashlib.sha256).hexdigest()


def logout_token_matches(session_token: str | None, form_value: str | None) -> bool:
    if not session_token or not form_value:
        return False
    return hmac.compare_digest(logout_token(session_token).encode(), form_value.encode())


def same_origin(headers, host: str | None) -> bool:
    """True when the request's Origin, or without one its Referer, is this host. A request
    with neither is refused: every browser sends Origin on a form POST."""
    if not host:
        return False
    source = headers.get("origin") or headers.get("referer")
    if not source or source == "null":
        return False
    parts = urlsplit(source)
    return parts.scheme in {"http", "https"} and parts.netloc.lower() == host.lower()
