"""The page cache: ETags and 304, gzip and brotli, Cache-Control, shared pages, CORS, probes."""

from __future__ import annotations

import gzip
import re
import warnings
from collections.abc import Iterator

import brotli
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from portpedia.web import CSRF_PLACEHOLDER, create_app
from portpedia.web.cache import Entry, PageCache, choose_coding

SECRET = "test-secret-0123456789abcdef0123456789abcdef"
ORIGIN = "http://testserver"


@pytest.fixture
def shared(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("PORTPEDIA_CORS_ORIGINS", "https://ports.example.org")
    app = create_app(database_url, secret=SECRET, shared_pages=True)
    with TestClient(app, base_url=ORIGIN) as c:
        yield c
    app.state.store.close()


def _raw(client: TestClient, path: str, coding: str) -> tuple[int, dict[str, str], bytes]:
    with client.stream("GET", path, headers={"Accept-Encoding": coding}) as r:
        return r.status_code, dict(r.headers), b"".join(r.iter_raw())


def test_etag_and_304(shared: TestClient) -> None:
    first = shared.get("/ports/443", headers={"Accept-Encoding": "identity"})
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    again = shared.get("/ports/443", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["cache-control"] == first.headers["cache-control"]
    # Weak comparison: the W/ form a gzipping proxy hands out matches as well.
    assert shared.get("/ports/443", headers={"If-None-Match": f"W/{etag}"}).status_code == 304
    other = shared.get("/ports/444", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag
    # Language is part of the key.
    assert shared.get("/bn/ports/443", headers={"If-None-Match": etag}).status_code == 200


@pytest.mark.parametrize("path", ["/ports/443", "/bn/ports/60463", "/ports?from=256", "/"])
def test_gzip_and_brotli_decode_to_the_same_page(shared: TestClient, path: str) -> None:
    status, headers, plain = _raw(shared, path, "identity")
    assert status == 200 and "content-encoding" not in headers
    status, headers, gz = _raw(shared, path, "gzip")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(gz) == plain
    status, headers, br = _raw(shared, path, "gzip, deflate, br")
    assert headers["content-encoding"] == "br" and brotli.decompress(br) == plain
    assert len(br) < len(gz) < len(plain)
    assert headers["vary"].startswith("Accept-Encoding")
    # Each encoding has its own strong tag; any of them revalidates.
    tags = {_raw(shared, path, c)[1]["etag"] for c in ("identity", "gzip", "br")}
    assert len(tags) == 3
    for tag in tags:
        r = shared.get(path, headers={"If-None-Match": tag, "Accept-Encoding": "br"})
        assert r.status_code == 304


def test_shared_port_page_has_nothing_per_visitor(shared: TestClient) -> None:
    r = shared.get("/ports/443")
    assert "set-cookie" not in r.headers
    assert r.headers["cache-control"].startswith("public, max-age=300")
    assert f'name="csrf_token" value="{CSRF_PLACEHOLDER}"' in r.text
    assert '<span class="count" data-reaction="happy"></span>' in r.text
    # Another visitor with a cookie and a vote gets the very same bytes.
    api = shared.get("/api/v1/feedback?page=/ports/443")
    assert api.headers["cache-control"] == "no-store"
    token = api.json()["csrf_token"]
    vote = shared.post(
        "/api/v1/feedback",
        json={"page": "/ports/443", "reaction": "happy"},
        headers={"X-CSRF-Token": token, "Origin": ORIGIN},
    )
    assert vote.status_code == 200
    again = shared.get("/ports/443", headers={"User-Agent": "someone else"})
    assert again.content == r.content and token not in again.text
    # The counts come from the API, and the feedback landing page is per visitor.
    assert shared.get("/api/v1/feedback?page=/ports/443").json()["totals"]["happy"] == 1
    thanks = shared.get("/ports/443?feedback=thanks")
    assert '<span class="count" data-reaction="happy">1</span>' in thanks.text
    assert "public" not in thanks.headers.get("cache-control", "")


def test_rendered_once(shared: TestClient) -> None:
    cache: PageCache = shared.app.state.page_cache  # type: ignore[attr-defined]
    cache.clear()
    before = cache.misses
    for _ in range(5):
        assert shared.get("/ranges/user").status_code == 200
    assert cache.misses == before + 1 and len(cache) == 1


def test_no_javascript_vote_from_a_shared_page(shared: TestClient) -> None:
    form = {"csrf_token": CSRF_PLACEHOLDER, "page": "/ports/443", "reaction": "unsure"}
    # Without an Origin header the placeholder proves nothing.
    assert shared.post("/feedback", data=form, follow_redirects=False).status_code == 403
    evil = {"Origin": "https://evil.example"}
    assert (
        shared.post("/feedback", data=form, headers=evil, follow_redirects=False).status_code == 403
    )
    null = {"Origin": "null"}
    assert (
        shared.post("/feedback", data=form, headers=null, follow_redirects=False).status_code == 403
    )
    ok = shared.post("/feedback", data=form, headers={"Origin": ORIGIN}, follow_redirects=False)
    assert ok.status_code == 303
    assert shared.get("/api/v1/feedback?page=/ports/443").json()["totals"]["unsure"] == 1
    # The placeholder never stands in for the JSON API's token.
    r = shared.post(
        "/api/v1/feedback",
        json={"page": "/ports/443", "reaction": "happy"},
        headers={"X-CSRF-Token": CSRF_PLACEHOLDER, "Origin": ORIGIN},
    )
    assert r.status_code == 403


def test_cache_control_for_api_and_static(shared: TestClient) -> None:
    assert shared.get("/api/v1/ports/443").headers["cache-control"].startswith("public")
    html = shared.get("/ports/443").text
    css = re.search(r'href="(/static/style\.css\?v=[0-9a-f]+)"', html)
    assert css
    assert "immutable" in shared.get(css.group(1)).headers["cache-control"]
    assert shared.get("/api/v1/feedback?page=/ports/1").headers["cache-control"] == "no-store"


def test_cors_for_an_exported_site(shared: TestClient) -> None:
    site = "https://ports.example.org"
    pre = shared.options(
        "/api/v1/feedback",
        headers={"Origin": site, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type, x-csrf-token"},
    )  # fmt: skip
    assert pre.status_code == 204
    assert pre.headers["access-control-allow-origin"] == site
    assert pre.headers["access-control-allow-credentials"] == "true"
    assert "X-CSRF-Token" in pre.headers["access-control-allow-headers"]
    foreign = shared.options(
        "/api/v1/feedback",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert foreign.status_code == 403 and "access-control-allow-origin" not in foreign.headers
    totals = shared.get("/api/v1/feedback?page=/ports/22", headers={"Origin": site})
    assert totals.headers["access-control-allow-origin"] == site
    vote = shared.post(
        "/api/v1/feedback",
        json={"page": "/ports/22", "reaction": "happy"},
        headers={"X-CSRF-Token": totals.json()["csrf_token"], "Origin": site},
    )
    assert vote.status_code == 200 and vote.headers["access-control-allow-origin"] == site
    # Pages are not part of the API, so they carry no CORS headers.
    assert "access-control-allow-origin" not in shared.get("/", headers={"Origin": site}).headers


def test_healthz_and_readyz(shared: TestClient) -> None:
    assert shared.get("/healthz").json() == {"status": "ok"}
    r = shared.get("/readyz")
    assert r.status_code == 200 and r.json()["database"] == "ok"


def test_readyz_without_a_database() -> None:
    app = create_app("postgresql://postgres@127.0.0.1:1/test", secret=SECRET)
    with TestClient(app) as c:
        assert c.get("/healthz").status_code == 200
        r = c.get("/readyz")
        assert r.status_code == 503 and r.json()["status"] == "unavailable"
        assert r.headers["cache-control"] == "no-store"
        assert c.get("/ports/443").status_code == 200
    app.state.store.close()


def test_lru_bounds() -> None:
    cache = PageCache(max_entries=2, max_bytes=10_000)
    for key in "abc":
        cache.get_or_render(key, lambda: b"x" * 100, "text/plain")
    assert len(cache) == 2 and cache.get("a") is None
    cache.get("b")  # b is now the most recent, so c goes first
    cache.put("d", Entry(b"y" * 100, "text/plain"))
    assert cache.get("c") is None and cache.get("b") is not None
    cache.put("big", Entry(b"z" * 9_950, "text/plain"))
    assert cache.bytes <= 10_000 and cache.get("big") is not None


@pytest.mark.parametrize(
    ("header", "coding"),
    [
        (None, "identity"),
        ("gzip, deflate", "gzip"),
        ("gzip, br", "br"),
        ("br;q=0, gzip", "gzip"),
        ("*", "br"),
        ("identity", "identity"),
        ("gzip;q=0", "identity"),
    ],
)
def test_choose_coding(header: str | None, coding: str) -> None:
    assert choose_coding(header) == coding
