"""Who is calling: the client address that the login form's and the API's rate limits
count by."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from dashboard.settings import get_settings

MAX_ADDRESS_CHARS = 64


def client_address(request: HTTPConnection) -> str:
    """The caller's address (the last X-Forwarded-For hop when DASHBOARD_FORWARDED_FOR)."""
    if get_settings().forwarded_for:
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()[:MAX_ADDRESS_CHARS]
    return request.client.host if request.client else "?"
