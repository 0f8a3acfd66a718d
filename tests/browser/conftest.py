"""A real server on a free port with a demo database, and Debian's Chromium driven by
Playwright. Every request the page makes is recorded; one to a host outside the loopback
range fails the test. Each journey keeps a screenshot in artifacts/screenshots/."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from bench.load.browser import CHROMIUM
from bench.load.browser import CHROMIUM_ARGS as ARGS
from bench.load.server import free_port, start_server, stop_server
from dashboard.cli import main as cli

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
LOOPBACK = ("127.", "localhost", "[::1]", "::1")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (make test does it)")
    tmp = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{tmp / 'demo.sqlite3'}"
    assert cli(["--database-url", url, "demo"]) == 0
    port = free_port()
    try:
        proc = start_server(url, port, tmp, [])
    except RuntimeError as exc:  # it did not answer: the message ends with its log
        pytest.fail(str(exc))
    base = f"http://127.0.0.1:{port}"
    SERVER_DB[base] = url
    yield {"base": base, "db": url, "tmp": tmp}
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    outside: list[str] = []

    def record(req):
        host = urlparse(req.url).hostname or ""
        if req.url.startswith(("data:", "blob:", "about:")):
            return
        if not host.startswith(LOOPBACK) and host != "localhost":
            outside.append(req.url)

    pg.on("request", record)
    violations: list[str] = []
    pg.add_init_script(CSP_LISTENER)
    pg.on("console", lambda m: m.text.startswith(CSP_MARK) and violations.append(m.text))
    pg.set_default_timeout(30_000)
    yield pg
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not outside, f"requests left the machine: {outside[:5]}"
    assert not violations, f"Content-Security-Policy violations: {violations[:5]}"


CSP_MARK = "CSP violation:"
CSP_LISTENER = (
    "document.addEventListener('securitypolicyviolation', e => console.error("
    f"'{CSP_MARK} ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));"
)


SERVER_DB: dict[str, str] = {}  # the database behind each running server


def set_language(base: str, username: str, lang: str) -> None:
    """Start a journey in a known language whatever an earlier test chose."""
    from sqlmodel import Session, select

    from dashboard.db import make_engine
    from dashboard.models import User

    engine = make_engine(SERVER_DB[base])
    with Session(engine) as s:
        user = s.exec(select(User).where(User.username == username)).first()
        if user is not None:
            user.language = lang
            s.commit()
    engine.dispose()


def login(page, base: str, username: str, password: str = "demo", lang: str = "zh") -> None:
    set_language(base, username, lang)
    page.goto(base + "/")
    sign_in(page, username, password)


def sign_in(page, username: str, password: str = "demo") -> None:
    """Fill the login form the page shows, send it, and wait until the app is drawn."""
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=stSidebar]")
    wait_idle(page)


def wait_idle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_timeout(500)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=30_000
    )
    page.wait_for_timeout(300)
