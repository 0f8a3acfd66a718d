"""Security headers on every HTTP response the server sends (ASGI middleware).

The Content-Security-Policy is as strict as Streamlit's frontend and Vega allow; the
browser tests listen for `securitypolicyviolation` events on every page they open."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from pathlib import Path

STREAMLIT_INDEX = Path(importlib.util.find_spec("streamlit").origin).parent / "static/index.html"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def inline_script_hashes(index_html: Path = STREAMLIT_INDEX) -> list[str]:
    """CSP hashes of the inline scripts in Streamlit's index.html (read at start, so an
    upgrade of Streamlit keeps the policy right without allowing every inline script)."""
    try:
        html = index_html.read_text(encoding="utf-8")
    except OSError:
        return []
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(html)
    ]


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Streamlit's protobuf decoder compiles WebAssembly ('wasm-unsafe-eval' allows that
        # and nothing else: no eval of JavaScript)
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *inline_script_hashes()]),
        # Streamlit's components set inline styles (emotion) and the login page has a <style>
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self'",
        "media-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response, replacing any the app set."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.encode() for k in SECURITY_HEADERS}
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
