"""The gate around Streamlit's app, driven as ASGI with a stand-in app: what passes without
a session, what does not, and the per-session upload budget."""

from __future__ import annotations

from dashboard.web_gate import SessionGate, UploadBudget
from tests.async_run import run as run_async


async def _inner(scope, receive, send):
    if scope["type"] == "websocket":
        await send({"type": "websocket.accept"})
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"inner"})


def _call(gate, scope) -> list[dict]:
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    run_async(gate(scope, receive, send))
    return sent


def _scope(kind, path, method="GET", cookie=None, length=None, accept="*/*"):
    headers = [(b"accept", accept.encode())]
    if cookie:
        headers.append((b"cookie", f"dct_session={cookie}".encode()))
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    scope = {"type": kind, "path": path, "headers": headers, "query_string": b""}
    if kind == "http":
        scope["method"] = method
    return scope


def _gate(budget=None):
    sessions = {"good": "jti-1"}
    return SessionGate(_inner, session_of=sessions.get, cookie_name="dct_session", uploads=budget)


def _status(sent) -> int | str:
    first = sent[0]
    return first.get("status") or first["type"]


def test_the_websocket_is_refused_without_a_session():
    gate = _gate()
    assert _call(gate, _scope("websocket", "/_stcore/stream")) == [
        {"type": "websocket.close", "code": 1008}
    ]
    assert _status(_call(gate, _scope("websocket", "/_stcore/stream", cookie="bad"))) == (
        "websocket.close"
    )
    assert _status(_call(gate, _scope("websocket", "/_stcore/stream", cookie="good"))) == (
        "websocket.accept"
    )


def test_open_and_closed_paths():
    gate = _gate()
    for path in ("/_stcore/health", "/_stcore/host-config", "/static/js/x.js", "/session/login"):
        assert _status(_call(gate, _scope("http", path))) == 200, path
    for path in ("/_stcore/metrics", "/media/abc.csv", "/component/x/index.html"):
        assert _status(_call(gate, _scope("http", path))) == 403, path
        assert _status(_call(gate, _scope("http", path, cookie="good"))) == 200, path
    page = _call(gate, _scope("http", "/map", accept="text/html"))
    assert _status(page) == 303


def test_uploads_are_limited_per_session():
    gate = _gate(UploadBudget(files=2, size=1000, window=60))
    url = "/_stcore/upload_file/s/f"
    put = lambda n: _status(_call(gate, _scope("http", url, "PUT", "good", length=n)))  # noqa: E731
    assert _status(_call(gate, _scope("http", url, "PUT", "good"))) == 411  # no length
    assert [put(400), put(700), put(100), put(100)] == [200, 429, 200, 429]


def test_developer_messages_on_the_websocket_are_dropped():
    from streamlit.proto.BackMsg_pb2 import BackMsg

    def msg(**fields) -> dict:
        back = BackMsg(**fields)
        return {"type": "websocket.receive", "bytes": back.SerializeToString()}

    incoming = [
        {"type": "websocket.connect"},
        msg(clear_cache=True),
        msg(debug_shutdown_runtime=True),
        msg(app_heartbeat=True),
        msg(stop_script=True),
        {"type": "websocket.disconnect", "code": 1000},
    ]
    seen: list[str] = []

    async def app(scope, receive, send):
        while True:
            message = await receive()
            if message["type"] != "websocket.receive":
                seen.append(message["type"])
                if message["type"] == "websocket.disconnect":
                    return
                continue
            seen.append(BackMsg.FromString(message["bytes"]).WhichOneof("type"))

    gate = SessionGate(app, session_of={"good": "j"}.get, cookie_name="dct_session")
    queue = iter(incoming)

    async def receive():
        return next(queue)

    async def send(message):
        pass

    run_async(gate(_scope("websocket", "/_stcore/stream", cookie="good"), receive, send))
    assert seen == ["websocket.connect", "app_heartbeat", "stop_script", "websocket.disconnect"]
