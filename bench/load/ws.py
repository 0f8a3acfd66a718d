"""`--driver ws`: no browser; each session speaks Streamlit's websocket protocol itself
(BackMsg rerun requests carrying the page and the widget values, as the browser sends them),
so that on a small machine the figures are the server's and not the browsers'."""

from __future__ import annotations

import asyncio
import random
import time

from bench.load.sessions import ACTION_TIMEOUT_S, THINK_S, USERS, Stats, label, plan


def http_login(base: str, user: str) -> str:
    """GET the login form (its CSRF cookie and token), then POST it as the browser does;
    returns the session cookie's value."""
    import http.client
    import re
    from urllib.parse import urlencode, urlparse

    u = urlparse(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=ACTION_TIMEOUT_S)
    conn.request("GET", "/session/login")
    form = conn.getresponse()
    html = form.read().decode()
    csrf_cookie = re.search(r"dct_csrf=([^;]+)", form.getheader("set-cookie") or "").group(1)
    csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    fields = {"username": user, "password": "demo", "next": "/", "lang": "zh"}
    body = urlencode({**fields, "csrf_token": csrf_token})
    conn.request(
        "POST",
        "/session/login",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": base,
            "Cookie": f"dct_csrf={csrf_cookie}",
        },
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("dct_session="):
            return value.split(";", 1)[0].split("=", 1)[1]
    raise RuntimeError(f"login of {user} failed: HTTP {response.status}")


class WsSession:
    """One Streamlit session driven as the browser drives it: BackMsg rerun requests with
    the page and the widget values, ForwardMsg replies until script_finished."""

    def __init__(self, base: str, token: str):
        self.base = base
        self.token = token
        self.ws = None
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self.widget_ids: dict[str, str] = {}  # user key -> widget id
        self.widgets: dict[str, object] = {}  # widget id -> WidgetState
        self.exceptions = 0

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        url = self.base.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = await connect(
            url,
            subprotocols=["streamlit"],
            additional_headers={"Cookie": f"dct_session={self.token}", "Origin": self.base},
            max_size=None,
            open_timeout=ACTION_TIMEOUT_S,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    def _element(self, msg) -> None:
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            self.exceptions += 1
            return
        inner = getattr(element, kind) if kind else None
        widget_id = getattr(inner, "id", "") if inner is not None else ""
        if isinstance(widget_id, str):
            for key in ("lang_switch", "as_of"):
                if widget_id.endswith("-" + key):
                    self.widget_ids[key] = widget_id

    async def rerun(self, *, page: str | None = None) -> float:
        """Ask for a run; returns the seconds until the server said it finished."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if page is not None:  # the role's default page is served at "" (not by its name)
            self.page_hash = self.pages.get(page) or self.pages.get("", self.page_hash)
        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_script_hash = self.page_hash
        back.rerun_script.widget_states.widgets.extend(self.widgets.values())
        start = time.perf_counter()
        await self.ws.send(back.SerializeToString())
        while True:
            data = await asyncio.wait_for(self.ws.recv(), ACTION_TIMEOUT_S)
            msg = ForwardMsg.FromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._element(msg)
            elif kind == "navigation":
                for p in msg.navigation.app_pages:
                    self.pages[p.url_pathname] = p.page_script_hash
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash or self.page_hash
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if status == "FINISHED_SUCCESSFULLY":
                    return time.perf_counter() - start
                if status == "FINISHED_WITH_COMPILE_ERROR":
                    raise RuntimeError("the script failed to compile")
                # FINISHED_EARLY_FOR_RERUN: st.rerun() -> the next run follows

    def set_widget(self, key: str, values: list[str]) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        widget_id = self.widget_ids.get(key)
        if widget_id is None:
            raise RuntimeError(f"no widget {key} on the page")
        state = WidgetState(id=widget_id)
        state.string_array_value.data.extend(values)
        self.widgets[widget_id] = state


async def run_ws_session(
    index: int, base: str, steps: int, seed: int, stats: Stats, start_gate: float
):
    rng = random.Random(seed * 1000 + index)
    user = USERS[index % len(USERS)]
    await asyncio.sleep(rng.uniform(0, start_gate))
    session = None
    try:
        start = time.perf_counter()
        token = await asyncio.to_thread(http_login, base, user)
        session = WsSession(base, token)
        await session.connect()
        await session.rerun()
        stats.login_ms.append(round((time.perf_counter() - start) * 1000, 1))
        lang = "zh"
        for kind, action in plan(rng, user, steps):
            await asyncio.sleep(rng.uniform(*THINK_S))  # think time
            try:
                if action.startswith("page:"):
                    name = action.split(":", 1)[1]
                    seconds = await session.rerun(page=name)
                elif action.startswith("as_of:"):
                    day = action.split(":", 1)[1].replace("/", "-")
                    session.set_widget("as_of", [day])
                    seconds = await session.rerun()
                else:
                    lang = "en" if lang == "zh" else "zh"
                    session.set_widget("lang_switch", ["English" if lang == "en" else "中文"])
                    seconds = await session.rerun()
                    # the app saves the choice, clears the widget and reruns; the browser
                    # then no longer sends the old value
                    session.widgets.pop(session.widget_ids["lang_switch"], None)
            except Exception as exc:
                stats.errors.append(f"{user}#{index} {action}: {type(exc).__name__}: {exc}")
                continue
            ms = round(seconds * 1000, 1)
            stats.add(label(kind, action), ms, ms)
        if session.exceptions:
            stats.errors.append(f"{user}#{index}: {session.exceptions} exception elements")
    except Exception as exc:
        stats.errors.append(f"{user}#{index}: {type(exc).__name__}: {str(exc)[:200]}")
    return session
