"""The answer-first port page in real headless Chromium (issue 13): the order of its
sections, the main warning on a phone, stacked tables, a one-row header, button contrast."""

from __future__ import annotations

import pytest
from test_browser import browser, server  # noqa: F401

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

ORDER = ["worry", "article", "machine", "products", "firewall", "iana", "range", "security",
         "sources"]  # fmt: skip


def test_phone_answer_first(browser, server: str) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/ports/3389")
    tops = [page.locator(f"#{i}").bounding_box()["y"] for i in ORDER]
    assert tops == sorted(tops), dict(zip(ORDER, tops, strict=True))
    warning = page.locator(".main-warning").bounding_box()
    assert warning["y"] + warning["height"] <= 2 * 844
    # The header is one row: brand, search and language switch share a line.
    boxes = [page.locator(s).bounding_box() for s in (".brand", "form.search", "nav.languages")]
    assert max(b["y"] for b in boxes) < min(b["y"] + b["height"] for b in boxes)
    # Nothing wider than the screen; the IANA table stacks into label/value rows.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    display = page.evaluate("getComputedStyle(document.querySelector('#iana td')).display")
    assert display == "block"
    context.close()


def _luminance(rgb: str) -> float:
    parts = [int(x) / 255 for x in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_button_contrast(browser, server: str, scheme: str) -> None:  # noqa: F811
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + "/ports/3389")
    button = page.locator("form.search button")
    fg = button.evaluate("b => getComputedStyle(b).color")
    bg = button.evaluate("b => getComputedStyle(b).backgroundColor")
    a, b = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    assert (a + 0.05) / (b + 0.05) >= 4.5, (fg, bg)
    # Code blocks are reachable by keyboard.
    assert page.locator("pre[tabindex='0']").count() >= 12
    context.close()


@pytest.mark.parametrize(
    ("path", "scheme", "width"),
    [("/ports/3389", "light", 1100), ("/ports/3389", "dark", 1100), ("/ports/3389", "light", 390),
     ("/bn/ports/3389", "light", 1100), ("/bn/ports/3389", "dark", 390),
     ("/ports/60463", "dark", 1100)],
)  # fmt: skip
def test_axe_no_serious_violations(
    browser,  # noqa: F811
    server: str,  # noqa: F811
    path: str,
    scheme: str,
    width: int,
) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(server + path)
    results = axe_module.Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], bad
    context.close()
