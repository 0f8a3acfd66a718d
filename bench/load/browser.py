"""`--driver browser`: Playwright contexts in one Debian Chromium, clicking the sidebar's
links, typing into the date field and pressing the language switch."""

from __future__ import annotations

import asyncio
import random
import time

from bench.load.sessions import ACTION_TIMEOUT_S, THINK_S, USERS, Stats, label, plan

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class RunTracker:
    """Counts the script runs the server finished for one page, from its websocket."""

    def __init__(self) -> None:
        self.finished = 0
        self.failed = 0
        self.changed = asyncio.Event()

    def attach(self, ws) -> None:
        if "/_stcore/stream" in ws.url:
            ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        if isinstance(payload, str) or len(payload) > 512:
            return  # script_finished messages are a few bytes; deltas are larger
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            msg = ForwardMsg.FromString(payload)
        except Exception:
            return
        if msg.WhichOneof("type") != "script_finished":
            return
        status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
        if status == "FINISHED_SUCCESSFULLY":
            self.finished += 1
        elif status == "FINISHED_WITH_COMPILE_ERROR":
            self.failed += 1
        self.changed.set()

    async def wait_beyond(self, count: int, timeout: float) -> bool:
        deadline = time.perf_counter() + timeout
        while self.finished <= count:
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except TimeoutError:
                return False
        return True


async def wait_idle(page, timeout_s: float = ACTION_TIMEOUT_S) -> None:
    await page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')",
        timeout=timeout_s * 1000,
    )


async def _act(page, base: str, action: str, lang_state: dict) -> None:
    sidebar = page.locator("[data-testid=stSidebar]")
    if action.startswith("page:"):
        name = action.split(":", 1)[1]
        link = sidebar.locator(f'a[href="{base}/{name}"]')
        if not await link.count():  # the role's default page is served at "/"
            link = sidebar.locator(f'a[href="{base}/"]')
        await link.first.click(timeout=ACTION_TIMEOUT_S * 1000)
    elif action.startswith("as_of:"):
        # a react-aria date field: year, month and day segments; the value is sent when
        # the field loses focus
        first = sidebar.locator("[data-testid=stDateInput] [role=spinbutton]").first
        await first.click(timeout=ACTION_TIMEOUT_S * 1000)
        await page.keyboard.type(action.split(":", 1)[1].replace("/", ""))
        await page.keyboard.press("Enter")
        await page.locator("h1").first.click(timeout=ACTION_TIMEOUT_S * 1000)
    elif action == "language":
        target = "English" if lang_state["lang"] == "zh" else "中文"
        await sidebar.get_by_text(target, exact=True).click(timeout=ACTION_TIMEOUT_S * 1000)
        lang_state["lang"] = "en" if target == "English" else "zh"
    else:
        raise ValueError(action)


async def run_session(
    index: int, browser, base: str, steps: int, seed: int, stats: Stats, start_gate: float
):
    rng = random.Random(seed * 1000 + index)
    user = USERS[index % len(USERS)]
    await asyncio.sleep(rng.uniform(0, start_gate))
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(ACTION_TIMEOUT_S * 1000)
    tracker = RunTracker()
    page.on("websocket", tracker.attach)
    try:
        start = time.perf_counter()
        await page.goto(base + "/session/login?lang=zh")
        await page.fill("#username", user)
        await page.fill("#password", "demo")
        await page.click("button[type=submit]")
        await page.wait_for_selector("[data-testid=stSidebar]")
        await tracker.wait_beyond(0, ACTION_TIMEOUT_S)
        await wait_idle(page)
        stats.login_ms.append(round((time.perf_counter() - start) * 1000, 1))
        lang_state = {"lang": "zh"}
        if (
            await page.locator("[data-testid=stSidebar]")
            .get_by_text("Language", exact=True)
            .count()
        ):
            lang_state["lang"] = "en"
        for kind, action in plan(rng, user, steps):
            await asyncio.sleep(rng.uniform(*THINK_S))  # think time
            before = tracker.finished
            t0 = time.perf_counter()
            try:
                await _act(page, base, action, lang_state)
            except Exception as exc:
                stats.errors.append(f"{user}#{index} {action}: {type(exc).__name__}")
                continue
            if not await tracker.wait_beyond(before, ACTION_TIMEOUT_S):
                stats.errors.append(f"{user}#{index} {action}: no finished run")
                continue
            t1 = time.perf_counter()
            try:
                await wait_idle(page)
            except Exception as exc:
                stats.errors.append(f"{user}#{index} {action}: not idle ({type(exc).__name__})")
                continue
            t2 = time.perf_counter()
            shown = await page.locator("[data-testid=stException]").count()
            if shown:
                stats.errors.append(f"{user}#{index} {action}: stException on the page")
            stats.add(
                label(kind, action),
                round((t1 - t0) * 1000, 1),
                round((t2 - t0) * 1000, 1),
            )
        if tracker.failed:
            stats.errors.append(f"{user}#{index}: {tracker.failed} runs failed")
    except Exception as exc:
        stats.errors.append(f"{user}#{index}: {type(exc).__name__}: {str(exc)[:200]}")
    return context
