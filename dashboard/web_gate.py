"""Who may reach what on the web server (ASGI middleware around Streamlit's app).

- Streamlit's websocket (`/_stcore/stream`), uploads, media files (exports), components and
  metrics need a valid session; without one the websocket is refused before it opens and
  HTTP requests get 403. The login page is the server's own route (`/session/login`), so it
  needs no websocket; health, host-config and static files stay open.
- The API (`/api/v1/`) passes: it answers with its own bearer tokens (dashboard/api/auth.py),
  never with the session cookie, and a browser's request is not sent to the login page.
- A page request without a session is redirected to the login page.
- Uploads are limited per signed-in session: UPLOAD_FILES files and UPLOAD_BYTES bytes in
  UPLOAD_WINDOW_SECONDS (a sliding window), on top of Streamlit's per-file limit.
- Messages on the websocket that only a developer needs are dropped (DROPPED_MESSAGES):
  `clear_cache` would empty every user's cached figures, the others toggle rerun-on-save
  or debug the runtime.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse, RedirectResponse

STREAM_SUFFIX = "/_stcore/stream"
SIGNED_IN_ONLY = (
    "/_stcore/upload_file/",
    "/_stcore/metrics",
    "/_stcore/bidi-components/",
    "/media/",
    "/component/",
)
OPEN_PAGE_PREFIXES = (
    "/session/",
    "/_stcore/",
    "/static/",
    "/media/",
    "/component/",
    "/app/",
    "/api/v1/",
)
UPLOAD_PREFIX = "/_stcore/upload_file/"
UPLOAD_FILES = 10
UPLOAD_BYTES = 100 * 1024 * 1024
UPLOAD_WINDOW_SECONDS = 15 * 60
DROPPED_MESSAGES = frozenset(
    {
        "clear_cache",
        "set_run_on_save",
        "load_git_info",
        "debug_disconnect_websocket",
        "debug_shutdown_runtime",
    }
)


def _message_type(data: bytes) -> str | None:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    try:
        return BackMsg.FromString(data).WhichOneof("type")
    except Exception:  # not a BackMsg: Streamlit will refuse it itself
        return None


def filtered_receive(receive):
    """The websocket's receive, skipping the messages in DROPPED_MESSAGES."""

    async def receive_allowed():
        while True:
            message = await receive()
            data = message.get("bytes") if message["type"] == "websocket.receive" else None
            if data and _message_type(data) in DROPPED_MESSAGES:
                continue
            return message

    return receive_allowed


class UploadBudget:
    """Files and bytes uploaded per session in a sliding window (per process)."""

    def __init__(self, files=UPLOAD_FILES, size=UPLOAD_BYTES, window=UPLOAD_WINDOW_SECONDS):
        self.files, self.size, self.window = files, size, window
        self._seen: dict[str, deque[tuple[float, int]]] = {}
        self._lock = threading.Lock()

    def take(self, key: str, nbytes: int, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            for stale in [k for k, q in self._seen.items() if q and q[-1][0] <= now - self.window]:
                del self._seen[stale]
            recent = self._seen.setdefault(key, deque())
            while recent and recent[0][0] <= now - self.window:
                recent.popleft()
            if len(recent) >= self.files or sum(n for _, n in recent) + nbytes > self.size:
                return False
            recent.append((now, nbytes))
            return True


class SessionGate:
    """`session_of(token)` returns the session's id (jti) when the token is valid, else None;
    it runs in a thread (it reads the database)."""

    def __init__(
        self,
        app,
        *,
        session_of: Callable[[str | None], str | None],
        cookie_name: str,
        uploads: UploadBudget | None = None,
    ):
        self.app, self.session_of, self.cookie_name = app, session_of, cookie_name
        self.uploads = uploads or UploadBudget()

    async def _session(self, scope) -> str | None:
        token = HTTPConnection(scope).cookies.get(self.cookie_name)
        return await run_in_threadpool(self.session_of, token) if token else None

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "/")
        if scope["type"] == "websocket" and path.endswith(STREAM_SUFFIX):
            if await self._session(scope) is None:
                await send({"type": "websocket.close", "code": 1008})  # 403 before the upgrade
                return
            receive = filtered_receive(receive)
        elif scope["type"] == "http":
            refusal = await self._refusal(scope, path)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _refusal(self, scope, path: str):
        if path.startswith(SIGNED_IN_ONLY):
            jti = await self._session(scope)
            if jti is None:
                return PlainTextResponse("sign in first", status_code=403)
            if path.startswith(UPLOAD_PREFIX) and scope["method"] in {"PUT", "POST"}:
                length = HTTPConnection(scope).headers.get("content-length", "")
                if not length.isdigit():
                    return PlainTextResponse("length required", status_code=411)
                if not self.uploads.take(jti, int(length)):
                    return PlainTextResponse("upload limit reached", status_code=429)
            return None
        if scope["method"] == "GET" and not path.startswith(OPEN_PAGE_PREFIXES):
            wants_page = "text/html" in HTTPConnection(scope).headers.get("accept", "")
            if wants_page and await self._session(scope) is None:
                return RedirectResponse(f"/session/login?next={quote(path)}", status_code=303)
        return None
