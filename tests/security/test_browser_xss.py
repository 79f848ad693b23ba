"""Hostile text in real headless Chromium against a real ``portpedia serve``.

The pages are loaded with the Content-Security-Policy bypassed, so what is checked is the
escaping itself: a payload that reached the DOM as markup would run here. The CSP is a
second wall (tests/web checks that it is sent).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")

PAYLOADS = [
    "<script>window.__xss='script';alert(1)</script>",
    '"><img src=x id=injected onerror="window.__xss=\'img\';alert(2)">',
    "' autofocus onfocus='window.__xss=\"attr1\"' onmouseover='alert(3)' x='",
    '" autofocus onfocus="window.__xss=\'attr2\'" onmouseover="alert(4)" x="',
    "javascript:window.__xss='url';alert(5)",
    "</textarea></title><svg id=injected onload=alert(6)>",
    "\u202e<b id=injected>fdp.exe</b>\u202c",  # right-to-left override
    "ѕсrірt <ѕсrірt>аlеrt(7)</ѕсrірt>",  # Cyrillic look-alikes of "script" and "alert"
    "nul\x00<script>alert(8)</script>",
]

# Every trace a payload would leave in the DOM if it were parsed as markup.
INSPECT = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    if (el.id === 'injected') bad.push('injected ' + el.tagName);
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction'].includes(a.name)
          && /^\\s*javascript:/i.test(a.value)) bad.push(el.tagName + ' ' + a.name + ' js');
    }
  }
  for (const s of document.querySelectorAll('script')) if (!s.src) bad.push('inline script');
  return {bad: bad, xss: window.__xss || null, text: document.body.innerText};
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Page:
    """A browser tab that records every dialog (alert, confirm, prompt) it is shown."""

    def __init__(self, browser, **kw) -> None:
        self.context = browser.new_context(bypass_csp=True, **kw)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []

        def on_dialog(dialog) -> None:
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)

    def inspect(self) -> dict:
        # Give handlers such as autofocus/onfocus and onload a chance to fire.
        self.page.mouse.move(200, 200)
        self.page.keyboard.press("Tab")
        return self.page.evaluate(INSPECT)

    def close(self) -> None:
        self.context.close()


def _shown(text: str) -> str:
    # HTML turns NUL into U+FFFD and the browser may drop it from innerText; the rest stays.
    return text.split("\x00")[-1].strip("\u202e\u202c")


def test_reflected_text_stays_text(browser, live_server) -> None:
    tab = Page(browser)
    base = live_server.base
    try:
        for payload in PAYLOADS:
            for url in (
                # A query string, two path segments (both end on the shared error page), and
                # a parameter the port page looks up rather than prints.
                f"{base}/services/{quote(payload, safe='')}",
                f"{base}/ports/{quote(payload, safe='')}",
                f"{base}/ports/443?feedback={quote(payload)}",
                f"{base}/search?q={quote(payload)}",
            ):
                response = tab.page.goto(url, wait_until="domcontentloaded")
                assert response is not None and response.status < 500, url
                found = tab.inspect()
                assert found["bad"] == [] and found["xss"] is None, (url, found["bad"])
            # The search page repeats the query as visible text and keeps it in its box.
            assert _shown(payload)[:20] in found["text"]
            typed = tab.page.locator("#search-q").input_value()
            assert typed == payload.replace("\x00", "\ufffd"), payload
        assert tab.dialogs == []
    finally:
        tab.close()


def test_hostile_feedback_is_stored_as_text_and_echoed_as_text(browser, live_server) -> None:
    tab = Page(browser, user_agent="xss-feedback")
    page = tab.page
    try:
        page.goto(live_server.base + "/ports/7443")
        hostile = "".join(PAYLOADS).replace("\x00", "")[:480]
        page.fill("#feedback-comment", hostile)
        page.get_by_role("button", name="Helpful", exact=True).click()
        playwright_api.expect(page.locator(".feedback-status")).to_contain_text("Thank")
        # A reaction the server rejects is echoed back in its error message, shown by the
        # page's script; make a button carry a payload as its value and press it.
        page.evaluate(
            "p => { const b = document.querySelector('button[name=reaction]'); b.value = p; }",
            PAYLOADS[1],
        )
        page.locator("button[name=reaction]").first.click()
        status = page.locator(".feedback-status.error")
        playwright_api.expect(status).to_contain_text("onerror")
        found = tab.inspect()
        assert found["bad"] == [] and found["xss"] is None, found["bad"]
        assert tab.dialogs == []
    finally:
        tab.close()
    # The comment was kept exactly, as data.
    from portpedia.store import FeedbackStore

    with FeedbackStore(live_server.database_url) as store:
        comments = [v.comment for v in store.iter_votes() if v.page == "/ports/7443"]
    assert comments == [hostile.strip()]


def test_hostile_reaction_without_javascript_is_escaped(browser, live_server) -> None:
    tab = Page(browser, java_script_enabled=False, user_agent="xss-nojs")
    page = tab.page
    try:
        page.goto(live_server.base + "/ports/7444")
        button = page.locator("button[name=reaction]").first
        button.evaluate("(b, p) => { b.value = p; }", PAYLOADS[0])
        button.click()
        page.wait_for_load_state()
        assert "window.__xss" in page.locator("body").inner_text()
        found = tab.inspect()
        assert found["bad"] == [] and found["xss"] is None, found["bad"]
        assert tab.dialogs == []
    finally:
        tab.close()


def test_forged_cross_site_votes_are_refused(browser, live_server) -> None:
    """A page on another origin posts a form and fires a fetch at the site: nothing counts."""
    target = live_server.base
    evil = f"""<!doctype html><html><body>
<form id=f method=post action="{target}/feedback">
  <input name=page value="/ports/9443"><input name=language value=en>
  <input name=reaction value=happy><input name=csrf_token value=forged-token-000000000000000000000>
</form>
<script>
fetch("{target}/api/v1/feedback", {{method: "POST", credentials: "include", mode: "no-cors",
  headers: {{"Content-Type": "text/plain"}},
  body: JSON.stringify({{page: "/ports/9443", reaction: "happy"}})}})
  .finally(() => document.getElementById("f").submit());
</script></body></html>"""
    tab = Page(browser, user_agent="csrf-victim")
    page = tab.page
    try:
        # The victim has a session (and CSRF cookie) on the real site first.
        page.goto(target + "/ports/9443")
        assert any(c["name"] == "portpedia_csrf" for c in tab.context.cookies())
        tab.context.route(
            "http://evil.test/**",
            lambda route: route.fulfill(status=200, content_type="text/html", body=evil),
        )
        with page.expect_navigation(url=f"{target}/feedback") as navigation:
            page.goto("http://evil.test/")
        assert navigation.value.status == 403
        assert "cross-site" in page.locator("body").inner_text()
    finally:
        tab.close()
    totals = httpx.get(target + "/api/v1/feedback", params={"page": "/ports/9443"}).json()
    assert totals["totals"]["total"] == 0
