"""The provincial map in a real browser: the boundaries come from this server by URL, the
provinces are drawn in colour, and clicking one opens its profile."""

from tests.browser.conftest import SHOTS, login, wait_idle


def _coloured_share(png: bytes) -> float:
    """Share of pixels that are neither white nor grey (the choropleth's blues)."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = list(img.get_flattened_data())
    coloured = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 25)
    return coloured / len(pixels)


def test_the_map_draws_provinces_from_the_servers_geometry(page, server):
    geometry = []
    page.on(
        "response",
        lambda r: geometry.append((r.url, r.status)) if "/geo/" in r.url else None,
    )
    login(page, server["base"], "ministry", lang="en")
    page.goto(server["base"] + "/map")
    page.get_by_role("heading", name="Provincial map").wait_for()
    wait_idle(page)
    chart = page.locator("[data-testid=stVegaLiteChart]").first
    chart.wait_for()
    page.wait_for_timeout(1000)  # Vega draws after the geometry arrives
    assert any(url.endswith("/geo/provinces.json") and s == 200 for url, s in geometry), geometry
    assert _coloured_share(chart.screenshot()) > 0.05  # provinces filled, not a blank frame
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "map_before_click.png"), full_page=True)
    # a click inside Shandong (the darkest province, on the east coast) opens its profile
    box = chart.bounding_box()
    assert box is not None
    # the whole 560 x 480 plot and the title above it: Streamlit's default "fit" squeezed
    # the plot into 480 px with its title, which cut the east coast and the inset off
    assert box["width"] >= 560 and box["height"] > 480, box
    page.mouse.click(box["x"] + 383, box["y"] + 254)
    page.get_by_role("heading", name="Province profile").wait_for()
    wait_idle(page)
    assert page.get_by_text("Shandong").count() > 0
