"""Accessibility in a real browser: axe-core (the npm package in node_modules/, injected into
the page, nothing fetched) on the login page and on every page of the navigation, in Chinese
and in English, must find no critical or serious violation; every chart must have a table
alternative on its page."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from dashboard.i18n import t
from dashboard.permissions import can
from dashboard.ui.navigation import PAGE_TABLE, default_page, url_path
from tests.browser.conftest import ROOT, login, wait_idle

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"critical", "serious"}
LANGS = ("zh", "en")

# Violations inside Streamlit's own frontend components that the app cannot change. Each
# entry: rule id -> [(CSS selector of the Streamlit component, reason)]. A node is let through
# only when it lies inside that component; every other node of the rule still fails. Keep
# this list as short as possible.
NAV = "[data-testid=stSidebarNavItems]"
NAV_REASON = (
    "Streamlit's own sidebar navigation (st.navigation with sections) puts each section's "
    "<div><header> straight inside its <ul>, so the <li> items are not children of the list"
)
ALLOWED: dict[str, list[tuple[str, str]]] = {
    "list": [(NAV, NAV_REASON)],
    "listitem": [(NAV, NAV_REASON)],
}

# Who opens which page: admin the administration pages, the ministry official everything
# else, and a coordinator (Zhejiang) their own province's profile and the submission page.
USERS = {"admin": "admin", "ministry": "ministry", "coordinator": "zhejiang"}


def _pages_for(role: str) -> list[str]:
    """URL paths; the role's default page is served at the root."""
    default = default_page(SimpleNamespace(role=role))
    pages = []
    for file, _title, _icon, section, action in PAGE_TABLE:
        admin_page = section == "nav.section.admin"
        if role == "admin" and not admin_page:
            continue
        if role == "ministry" and admin_page:
            continue
        if role == "coordinator" and file not in {"province.py", "submit.py"}:
            continue
        if can(role, action):
            pages.append("" if file == default else url_path(file))
    return pages


def test_every_page_is_checked():
    checked = set()
    for role in USERS:
        default = url_path(default_page(SimpleNamespace(role=role)))
        checked |= {p or default for p in _pages_for(role)}
    every = {url_path(file) for file, *_ in PAGE_TABLE}
    assert checked == every, every - checked


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` at the repository root (make test does it)")
    return AXE.read_text(encoding="utf-8")


def _run_axe(page, axe_source: str) -> list[dict]:
    """axe's violations; each node says whether it lies inside an ALLOWED component."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # evaluated through the DevTools protocol: an injected <script> tag would be (rightly)
        # blocked by the app's Content-Security-Policy
        page.evaluate(f"() => {{ {axe_source}\n}}")
    allowed = {rule: [sel for sel, _ in entries] for rule, entries in ALLOWED.items()}
    return page.evaluate(
        """async (allowed) => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            const inside = (rule, target) => {
                if (target.length !== 1) return false;  // iframes, shadow roots: never
                const el = document.querySelector(target[0]);
                return !!el && (allowed[rule] || []).some(sel => el.closest(sel));
            };
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({
                    impact: n.impact, target: JSON.stringify(n.target),
                    html: n.html.slice(0, 300), allowed: inside(v.id, n.target),
                })),
            }));
        }""",
        allowed,
    )


def _blocking(violations: list[dict]) -> list[dict]:
    out = []
    for v in violations:
        nodes = [
            n for n in v["nodes"] if (n["impact"] or v["impact"]) in BLOCKING and not n["allowed"]
        ]
        if nodes:
            out.append({**v, "nodes": nodes})
    return out


def _describe(where: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        first = v["nodes"][0]
        lines.append(
            f"{where}: {v['id']} ({v['impact']}, {len(v['nodes'])} node(s)) {v['help']}\n"
            f"    target {first['target']}\n    html   {first['html']}"
        )
    return "\n".join(lines)


def _charts_without_table(page, label: str) -> int:
    """Charts with neither a dataframe in the same row of columns nor, further down the same
    block and before the next chart, an expander labelled with the catalog's "table
    alternative" that holds a dataframe."""
    return page.evaluate(
        """(label) => {
            const CHART = '[data-testid=stVegaLiteChart]';
            const TABLE = '[data-testid=stDataFrame]';
            const isAlternative = (exp) => exp
                && exp.querySelector('summary')?.textContent.includes(label)
                && exp.querySelector(TABLE);
            let missing = 0;
            for (const chart of document.querySelectorAll(CHART)) {
                const row = chart.closest('[data-testid=stHorizontalBlock]');
                if (row && row.querySelector(TABLE)) continue;
                let found = false;
                const box = chart.closest('[data-testid=stElementContainer]');
                for (let next = box && box.nextElementSibling; next && !found;
                     next = next.nextElementSibling) {
                    if (next.querySelector(CHART)) break;
                    const exps = next.matches('[data-testid=stExpander]')
                        ? [next] : [...next.querySelectorAll('[data-testid=stExpander]')];
                    found = exps.some(isAlternative);
                }
                if (!found) missing += 1;
            }
            return missing;
        }""",
        label,
    )


def _settle(page) -> None:
    page.wait_for_selector("[data-testid=stMain]")
    wait_idle(page)
    # A wrong path opens Streamlit's "page not found" dialog, which hides the page from axe.
    assert page.locator("[role=dialog]").count() == 0, f"{page.url}: a dialog is open"
    # Vega draws after the script has finished; wait until every chart has its graphic.
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid=stVegaLiteChart]')]
            .every(c => c.querySelector('svg, canvas'))""",
        timeout=30_000,
    )
    wait_idle(page)


@pytest.mark.parametrize("lang", LANGS)
def test_login_page(page, server, axe_source, lang):
    page.goto(f"{server['base']}/session/login?lang={lang}")
    page.wait_for_selector("#username")
    found = _blocking(_run_axe(page, axe_source))
    assert not found, "\n" + _describe(f"login ({lang})", found)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("role", list(USERS))
def test_pages(page, server, axe_source, role, lang):
    username = USERS[role]
    login(page, server["base"], username, lang=lang)  # stores the user's language first
    page.get_by_role("button", name=t("logout", lang)).wait_for()  # in the chosen language
    problems: list[str] = []
    label = t("chart.table_alternative", lang)
    charts = 0
    for path in _pages_for(role):
        page.goto(f"{server['base']}/{path}")
        _settle(page)
        found = _blocking(_run_axe(page, axe_source))
        if found:
            problems.append(_describe(f"/{path} ({lang})", found))
        charts += page.locator("[data-testid=stVegaLiteChart]").count()
        missing = _charts_without_table(page, label)
        if missing:
            problems.append(f"/{path} ({lang}): {missing} chart(s) without a table alternative")
    assert not problems, "\n" + "\n".join(problems)
    if role == "ministry":  # the burn-up, the map, the pilot funnel, standards by kind
        assert charts >= 4, charts


def test_allowed_list_is_explained():
    for rule, entries in ALLOWED.items():
        for selector, reason in entries:
            assert selector.startswith("[data-testid=st"), (rule, selector)
            assert "Streamlit's own" in reason, (rule, reason)


def test_axe_is_pinned():
    """package.json pins the exact axe-core that package-lock.json (and `npm ci`) installs."""
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"]["node_modules/axe-core"]["version"]
    wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert wanted["axe-core"] == pinned
