"""Run a coroutine to its end from a test, whatever the calling thread holds: a session-wide
Playwright browser in the same worker keeps an event loop running in the main thread, where
`asyncio.run` refuses to start another."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run(coro):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
