"""The stack ``portpedia serve`` runs, attacked the way a new user found the two holes.

Each server here is a real ``portpedia serve --workers 2`` (the response cache is per
worker process), so a poisoned entry in either worker would show. Regression tests for:

- Host header cache poisoning: a foreign Host, or forwarded headers from a proxy nobody
  configured, must never reach a page or the cache, so later visitors' canonical,
  hreflang and sitemap links keep the site's own origin;
- the ``--local`` rebinding guard: after local visits, a foreign Host gets 400 for every
  path, cached or not (the guard is the outermost layer).
"""

from __future__ import annotations

import http.client
import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from portpedia.web import create_app

_spec = importlib.util.spec_from_file_location(
    "serving", Path(__file__).resolve().parent.parent / "reliability" / "serving.py"
)
assert _spec and _spec.loader
serving = sys.modules.setdefault("serving", importlib.util.module_from_spec(_spec))
if not hasattr(serving, "Server"):
    _spec.loader.exec_module(serving)

ROUNDS = 12  # new connections per attack: both workers get some of them
CACHED = ["/ports/22", "/bn/ports/22", "/ports", "/services/ssh", "/ranges/user",
          "/api/v1/ports/443", "/sitemap.xml", "/sitemaps/en-pages.xml"]  # fmt: skip


def _get(port: int, path: str, headers: dict[str, str]) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        # skip_host: the Host header is the test's to choose.
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


# The defaults, not the suite's test settings.
DEFAULTS: dict[str, str | None] = dict.fromkeys(
    ("PORTPEDIA_ALLOWED_HOSTS", "PORTPEDIA_FORWARDED_ALLOW_IPS", "PORTPEDIA_BASE_URL")
)


def _serve(tmp: Path, *args: str, env: dict[str, str | None] | None = None) -> serving.Server:
    server = serving.Server(
        f"sqlite:///{tmp / 'feedback.sqlite3'}",
        tmp / "data",
        workers=2,
        args=args,
        env={
            "PORTPEDIA_ALLOWED_HOSTS": None,
            "PORTPEDIA_FORWARDED_ALLOW_IPS": None,
            "PORTPEDIA_BASE_URL": None,
            **(env or {}),
        },
    )
    return server.start()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[serving.Server]:
    server = _serve(tmp_path_factory.mktemp("stack"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def local_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[serving.Server]:
    server = _serve(tmp_path_factory.mktemp("local"), "--local")
    try:
        yield server
    finally:
        server.stop()


def test_a_foreign_host_cannot_poison_the_pages(site: serving.Server) -> None:
    own = f"127.0.0.1:{site.port}"
    attacks = [
        {"Host": "evil.example"},
        {"Host": f"evil.example:{site.port}"},
        # Forwarded headers from loopback, where no proxy was configured.
        {"Host": own, "X-Forwarded-Proto": "https"},
        {"Host": own, "X-Forwarded-Host": "evil.example"},
        {"Host": own, "Forwarded": "for=1.2.3.4;host=evil.example;proto=https"},
    ]
    for _ in range(ROUNDS):
        for path in CACHED:
            for headers in attacks:
                status, body = _get(site.port, path, headers)
                if headers["Host"] != own:
                    assert status == 400, (path, headers, status)
                else:
                    assert status == 200, (path, headers, status)
                assert "evil.example" not in body and "https://" + own not in body
    for _ in range(ROUNDS):
        for path in CACHED:
            status, body = _get(site.port, path, {"Host": own})
            assert status == 200, path
            assert "evil.example" not in body and "https://" + own not in body, path
        status, page = _get(site.port, "/ports/22", {"Host": own})
        assert f'<link rel="canonical" href="http://{own}/ports/22">' in page
        assert f'hreflang="bn" href="http://{own}/bn/ports/22"' in page
        status, index = _get(site.port, "/sitemap.xml", {"Host": own})
        assert f"<loc>http://{own}/sitemaps/en-pages.xml</loc>" in index


def test_localhost_is_answered_by_default(site: serving.Server) -> None:
    status, page = _get(site.port, "/ports/22", {"Host": f"localhost:{site.port}"})
    assert status == 200
    assert f'<link rel="canonical" href="http://localhost:{site.port}/ports/22">' in page
    assert _get(site.port, "/ports/22", {})[0] == 400  # no Host at all


def test_local_guard_comes_before_every_cached_answer(local_site: serving.Server) -> None:
    own = f"localhost:{local_site.port}"
    paths = ["/ports", "/services/ssh", "/api/v1/ports/443", "/sitemap.xml", "/ports/22",
             "/static/style.css", "/healthz"]  # fmt: skip
    for _ in range(ROUNDS):
        for path in paths:
            assert _get(local_site.port, path, {"Host": own})[0] == 200, path
    for _ in range(ROUNDS):
        for path in paths:
            for host in ("evil.example", f"evil.example:{local_site.port}", "192.168.1.5"):
                status, body = _get(local_site.port, path, {"Host": host})
                assert status == 400, (path, host, status)
                assert "On this machine" not in body


def test_trusted_proxy_headers_and_the_cache(tmp_path: Path) -> None:
    server = _serve(
        tmp_path,
        "--allowed-hosts", "ports.example.org,127.0.0.1",
        "--forwarded-allow-ips", "127.0.0.1",
    )  # fmt: skip
    try:
        own = f"127.0.0.1:{server.port}"
        proxied = {"Host": own, "X-Forwarded-Proto": "https",
                   "X-Forwarded-Host": "ports.example.org",
                   "X-Forwarded-For": "203.0.113.7"}  # fmt: skip
        direct = {"Host": own}
        for _ in range(ROUNDS):
            status, page = _get(server.port, "/ports/22", proxied)
            assert status == 200
            assert '<link rel="canonical" href="https://ports.example.org/ports/22">' in page
            status, page = _get(server.port, "/ports/22", direct)
            assert f'<link rel="canonical" href="http://{own}/ports/22">' in page
            # The proxy's X-Forwarded-Host is checked like a Host.
            evil = {**proxied, "X-Forwarded-Host": "evil.example"}
            assert _get(server.port, "/ports/22", evil)[0] == 400
    finally:
        server.stop()


def test_serve_refuses_bad_host_settings(capsys: pytest.CaptureFixture[str]) -> None:
    from portpedia.cli import main

    assert main(["serve", "--forwarded-allow-ips", "nginx.internal"]) == 2
    assert "not an IP address" in capsys.readouterr().err
    assert main(["serve", "--local", "--allowed-hosts", "*"]) == 2
    assert "loopback" in capsys.readouterr().err


def test_client_address_comes_from_a_trusted_proxy_only() -> None:
    """Where the feedback code reads the visitor's address: the ASGI scope's client."""
    from portpedia.web.hosts import HostGuard

    seen: list[tuple[str, str]] = []

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        seen.append((scope["client"][0], scope["scheme"]))
        names = {k for k, _ in scope["headers"]}
        assert not names & {b"x-forwarded-for", b"x-forwarded-proto", b"forwarded"}
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    headers = {"X-Forwarded-For": "198.51.100.9, 203.0.113.7", "X-Forwarded-Proto": "https"}
    proxy = TestClient(HostGuard(app, ["testserver"], ["10.0.0.0/8"]), client=("10.1.2.3", 1))
    proxy.get("/", headers=headers)
    stranger = TestClient(HostGuard(app, ["testserver"], ["10.0.0.0/8"]), client=("192.0.2.5", 1))
    stranger.get("/", headers=headers)
    assert seen == [("203.0.113.7", "https"), ("192.0.2.5", "http")]


_ABSOLUTE = re.compile(r"""(?:href|src|content)="(https?://[^"]+)"|<loc>(https?://[^<]+)</loc>""")


def test_base_url_fixes_every_absolute_link(database_url: str) -> None:
    base = "https://ports.example.org"
    app = create_app(database_url, base_url=base, shared_pages=True)
    paths = ["/", "/bn/", "/ports/22", "/bn/ports/60463", "/ports?from=256", "/services/ssh",
             "/ranges/user", "/ephemeral", "/search?q=ssh", "/ports/70000", "/robots.txt",
             "/sitemap.xml", "/sitemaps/en-pages.xml", "/sitemaps/bn-ports-0.xml"]  # fmt: skip
    with TestClient(app, base_url="http://testserver") as c:
        for path in paths:
            r = c.get(path, headers={"Accept-Language": "en", "Host": "localhost"})
            assert r.status_code in (200, 404), path
            assert "testserver" not in r.text and "//localhost" not in r.text, path
            own = [u for m in _ABSOLUTE.finditer(r.text) for u in m.groups() if u]
            own = [u for u in own if "ports.example.org" in u or "localhost" in u]
            assert all(u.startswith(base + "/") for u in own), (path, own)
            if path.startswith("/sitemap"):
                assert own, path
        page = c.get("/ports/22").text
        assert f'<link rel="canonical" href="{base}/ports/22">' in page
        assert f"Sitemap: {base}/sitemap.xml" in c.get("/robots.txt").text
    app.state.store.close()
