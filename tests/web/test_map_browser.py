"""/map in Chromium: the PNG shows, a click on a point opens that port's page, no CSP
complaints; the same page without JavaScript still leads to the port's block."""

from __future__ import annotations

import pytest
from test_browser import Watch, browser, server  # noqa: F401 - the fixtures

pytestmark = pytest.mark.browser


def test_click_on_the_map_opens_the_port(browser, server: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    watch = Watch(page)
    page.goto(server + "/map")
    # Chromium decoded the PNG at its full size.
    size = page.evaluate(
        "() => new Promise(ok => { const i = new Image(); i.onload = () => "
        "ok([i.naturalWidth, i.naturalHeight]); i.src = '/map.png'; })"
    )
    assert size == [256, 256]
    box = page.locator("#port-map").bounding_box()
    assert box is not None
    view = page.evaluate("[document.getElementById('port-map').viewBox.baseVal.width, 256]")
    scale = box["width"] / view[0]
    # Port 3389 is column 3389 % 256 = 61, row 3389 // 256 = 13; click its pixel's middle.
    page.mouse.click(box["x"] + (61 + 0.5) * scale, box["y"] + (13 + 0.5) * scale)
    page.wait_for_url("**/ports/3389")
    assert watch.problems == []
    context.close()


def test_map_without_javascript_opens_the_block(browser, server: str) -> None:  # noqa: F811
    context = browser.new_context(
        viewport={"width": 1100, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(server + "/map")
    box = page.locator("#port-map").bounding_box()
    assert box is not None
    width = float(page.get_attribute("#port-map", "viewBox").split()[2])
    scale = box["width"] / width
    page.mouse.click(box["x"] + 61.5 * scale, box["y"] + 13.5 * scale)
    page.wait_for_url("**/ports?from=3328")
    context.close()
