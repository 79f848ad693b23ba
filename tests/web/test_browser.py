"""The site in real headless Chromium against a real ``portpedia serve`` (uvicorn).

Needs Debian's chromium at /usr/bin/chromium and, for Bengali glyphs in the screenshots,
fonts-noto-core. With PORTPEDIA_SCREENSHOTS=docs/screenshots it saves en-60463.png and
bn-60463.png there (the README's pictures); otherwise into the test's temporary directory.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
SCREENSHOTS = Path(
    os.environ.get("PORTPEDIA_SCREENSHOTS") or tempfile.mkdtemp(prefix="portpedia-shots-")
)

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = {**os.environ, "PORTPEDIA_DATA_DIR": str(tmp / "data"), "PORTPEDIA_SECRET": "b" * 40}
    env.pop("PORTPEDIA_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "portpedia", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--database", f"sqlite:///{tmp / 'feedback.sqlite3'}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                with urllib.request.urlopen(base + "/api/v1/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"portpedia serve did not start: {proc.stderr.read()!r}")
            time.sleep(0.05)  # polling the server with a deadline, not synchronising on time
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


class Watch:
    """Console errors, page errors and CSP violations seen on a page."""

    def __init__(self, page) -> None:
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"pageerror: {exc}"))
        page.on("requestfailed", self._failed)

    def _failed(self, request) -> None:
        # A request cut short because the test navigated on (net::ERR_ABORTED, e.g. the
        # favicon of the page being left) is not a failure of the site.
        if "ERR_ABORTED" not in (request.failure or ""):
            self.problems.append(f"failed: {request.url} ({request.failure})")

    def _console(self, msg) -> None:
        if msg.type in ("error", "warning") or "Content Security Policy" in msg.text:
            self.problems.append(f"console {msg.type}: {msg.text}")


def _context(browser, **kw):
    return browser.new_context(viewport={"width": 1100, "height": 900}, **kw)


def test_port_page_sections_vote_and_language(browser, server: str) -> None:
    context = _context(browser, user_agent="portpedia-browser-test-1")
    page = context.new_page()
    watch = Watch(page)
    page.goto(server + "/ports/60463")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Port 60463"
    for section in ("iana", "range", "likely", "check", "security", "sources", "feedback"):
        assert page.locator(f"#{section}").is_visible(), section
    assert page.locator("nav.breadcrumb").inner_text().startswith("Ports")
    # The script reveals copy buttons.
    assert page.locator("button.copy").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "en-60463.png"), full_page=True)

    helpful = page.get_by_role("button", name="Helpful", exact=True)
    count = page.locator('.count[data-reaction="happy"]')
    assert count.inner_text() == "0"
    helpful.click()
    playwright_api.expect(count).to_have_text("1")
    playwright_api.expect(helpful).to_have_attribute("aria-pressed", "true")
    assert "Thank you" in page.locator(".feedback-status").inner_text()
    assert page.url.endswith("/ports/60463")  # no reload happened

    page.reload()
    playwright_api.expect(page.locator('.count[data-reaction="happy"]')).to_have_text("1")
    playwright_api.expect(page.get_by_role("button", name="Helpful", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )

    page.locator("nav.languages").get_by_role("link", name="বাংলা").click()
    page.wait_for_url("**/bn/ports/60463")
    assert page.locator("html").get_attribute("lang") == "bn"
    assert page.locator("h1").inner_text() == "পোর্ট 60463"
    playwright_api.expect(page.locator('.count[data-reaction="happy"]')).to_have_text("1")
    page.screenshot(path=str(SCREENSHOTS / "bn-60463.png"), full_page=True)
    assert watch.problems == []
    context.close()


def test_feedback_form_without_javascript(browser, server: str) -> None:
    context = _context(browser, java_script_enabled=False, user_agent="portpedia-no-js")
    page = context.new_page()
    watch = Watch(page)
    page.goto(server + "/ports/8080")
    assert not page.locator("button.copy").first.is_visible()  # needs the script
    page.fill("#feedback-comment", "Found what I needed.")
    page.get_by_role("button", name="Not helpful").click()
    page.wait_for_url("**/ports/8080?feedback=thanks#feedback")
    assert "Thank you" in page.locator(".notice").inner_text()
    assert page.locator('.count[data-reaction="disappointed"]').inner_text() == "1"
    assert watch.problems == []
    context.close()


def test_keyboard_and_phone(browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    watch = Watch(page)
    page.goto(server + "/ports/443")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    # Nothing wider than the phone's screen except inside the scrollable tables.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.goto(server + "/")
    page.fill("#home-q", "22")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ports/22")
    assert watch.problems == []
    context.close()


def test_dark_theme(browser, server: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server + "/ports/443")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(15, 20, 25)"
    context.close()
