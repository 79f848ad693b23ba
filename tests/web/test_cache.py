"""The response cache: ETags and 304, gzip and brotli, expiry, bounds, shared pages, CORS."""

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
from portpedia.web.cache import ResponseCache, choose_coding

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
    cache: ResponseCache = shared.app.cache  # type: ignore[attr-defined]
    cache.clear()
    before = cache.misses
    for coding in ("identity", "gzip", "br", "br", "identity"):
        r = shared.get("/ranges/user", headers={"Accept-Encoding": coding})
        assert r.status_code == 200
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


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _counting_app(headers: list[tuple[bytes, bytes]], status: int = 200):
    calls = {"n": 0}

    async def app(scope, receive, send):
        calls["n"] += 1
        host = dict(scope["headers"])[b"host"].decode()
        body = f"call {calls['n']} {scope['scheme']}://{host}"
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body.encode()})

    return app, calls


PUBLIC = [(b"cache-control", b"public, max-age=300"), (b"content-type", b"text/plain")]


def test_kept_until_max_age_runs_out() -> None:
    app, calls = _counting_app(PUBLIC)
    clock = _Clock()
    c = TestClient(ResponseCache(app, clock=clock))
    first = c.get("/x")
    clock.now += 299
    again = c.get("/x")
    assert first.text == again.text and calls["n"] == 1
    assert again.headers["age"] == "299"
    tag = first.headers["etag"]
    not_modified = c.get("/x", headers={"If-None-Match": f"W/{tag}"})
    assert not_modified.status_code == 304 and "content-type" not in not_modified.headers
    head = c.head("/x")
    assert head.status_code == 200 and head.content == b"" and calls["n"] == 1
    clock.now += 1  # max-age=300 is over: fetched again
    assert c.get("/x").text == "call 2 http://testserver"


def test_key_holds_host_scheme_query_and_origin() -> None:
    app, calls = _counting_app(PUBLIC)
    c = TestClient(ResponseCache(app))
    assert c.get("/x").text == "call 1 http://testserver"
    assert c.get("/x", headers={"Host": "other.example"}).text == "call 2 http://other.example"
    assert c.get("https://testserver/x").text == "call 3 https://testserver"
    c.get("/x?a=1")
    c.get("/x", headers={"Origin": "https://example.org"})
    assert calls["n"] == 5
    c.get("/x", headers={"Accept-Encoding": "gzip"})  # codings are kept in one entry
    assert calls["n"] == 5
    # With PORTPEDIA_BASE_URL the links do not depend on the Host, so neither does the key.
    app, calls = _counting_app(PUBLIC)
    c = TestClient(ResponseCache(app, fixed_origin="https://ports.example.org"))
    c.get("/x")
    c.get("/x", headers={"Host": "other.example"})
    assert calls["n"] == 1


def test_personal_responses_are_not_kept() -> None:
    for headers in (
        [(b"cache-control", b"no-store")],
        [(b"cache-control", b"no-cache")],
        [(b"cache-control", b"public")],  # no max-age: no lifetime to keep it for
        [(b"cache-control", b"public, max-age=60, private")],
        [(b"cache-control", b"public, max-age=60"), (b"set-cookie", b"a=b")],
        [(b"cache-control", b"public, max-age=60"), (b"vary", b"Accept-Language")],
        [(b"cache-control", b"public, max-age=60"), (b"vary", b"Cookie")],
    ):
        app, calls = _counting_app(headers)
        c = TestClient(ResponseCache(app))
        c.get("/y")
        c.get("/y")
        assert calls["n"] == 2, headers
    app, calls = _counting_app(PUBLIC, status=404)
    c = TestClient(ResponseCache(app))
    c.get("/z")
    c.get("/z")
    c.post("/z")
    assert calls["n"] == 3


def test_bounded_by_entries_and_bytes() -> None:
    app, calls = _counting_app(PUBLIC)
    cache = ResponseCache(app, max_entries=2)
    c = TestClient(cache)
    for path in ("/a", "/b", "/c", "/a"):
        c.get(path)
    assert calls["n"] == 4 and len(cache) == 2  # /a was evicted by /c
    cache = ResponseCache(app, max_bytes=16 * 200)
    c = TestClient(cache)
    for n in range(50):
        c.get(f"/p{n}")
    assert cache.bytes <= 16 * 200 and 0 < len(cache) < 50


def test_site_pages_are_answered_identically(shared: TestClient) -> None:
    first = shared.get("/ports/443", headers={"Accept-Encoding": "br"})
    second = shared.get("/ports/443", headers={"Accept-Encoding": "br"})
    cond = shared.get(
        "/ports/443", headers={"Accept-Encoding": "br", "If-None-Match": first.headers["etag"]}
    )
    assert first.status_code == second.status_code == 200 and first.content == second.content
    assert first.headers["content-security-policy"] and cond.status_code == 304
    # Feedback totals are never kept: a vote shows up at once.
    before = shared.get("/api/v1/feedback?page=/ports/443")
    assert "no-store" in before.headers["cache-control"]


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
