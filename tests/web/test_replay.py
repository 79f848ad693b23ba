"""The response replay layer: repeated public GETs never reach the app below it."""

from __future__ import annotations

from starlette.testclient import TestClient

from portpedia.web import create_app
from portpedia.web.replay import ResponseReplay


def _counting_app(headers: list[tuple[bytes, bytes]], status: int = 200):
    calls = {"n": 0}

    async def app(scope, receive, send):
        calls["n"] += 1
        body = f"call {calls['n']}".encode()
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app, calls


PUBLIC = [(b"cache-control", b"public, max-age=300"), (b"etag", b'"abc"'),
          (b"content-type", b"text/plain")]  # fmt: skip


def test_public_get_is_replayed_with_304_and_head():
    app, calls = _counting_app(PUBLIC)
    c = TestClient(ResponseReplay(app))
    first = c.get("/x")
    again = c.get("/x")
    assert first.text == again.text == "call 1" and calls["n"] == 1
    not_modified = c.get("/x", headers={"If-None-Match": 'W/"abc-br"'})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["etag"] == '"abc"' and "content-type" not in not_modified.headers
    head = c.head("/x")
    assert head.status_code == 200 and head.content == b"" and calls["n"] == 1
    # Another query string, coding or Origin is another response.
    c.get("/x?a=1")
    c.get("/x", headers={"Accept-Encoding": "gzip"})
    c.get("/x", headers={"Origin": "https://example.org"})
    assert calls["n"] == 4


def test_private_or_personal_responses_are_not_replayed():
    for headers in (
        [(b"cache-control", b"no-store")],
        [(b"cache-control", b"no-cache")],
        [(b"cache-control", b"public"), (b"set-cookie", b"a=b")],
        [(b"cache-control", b"public"), (b"vary", b"Accept-Language")],
        [(b"cache-control", b"public"), (b"vary", b"Cookie")],
    ):
        app, _ = _counting_app(headers)
        c = TestClient(ResponseReplay(app))
        assert c.get("/y").text == "call 1"
        assert c.get("/y").text == "call 2", headers


def test_errors_and_posts_pass_through():
    app, calls = _counting_app(PUBLIC, status=404)
    c = TestClient(ResponseReplay(app))
    c.get("/z")
    c.get("/z")
    c.post("/z")
    assert calls["n"] == 3


def test_bounded_by_entries():
    app, calls = _counting_app(PUBLIC)
    replay = ResponseReplay(app, max_entries=2)
    c = TestClient(replay)
    for path in ("/a", "/b", "/c", "/a"):
        c.get(path)
    assert calls["n"] == 4  # /a was evicted by /c


def test_site_pages_replay_identically(tmp_path):
    from portpedia.store import migrate

    url = f"sqlite:///{tmp_path / 'f.sqlite3'}"
    migrate(url)
    app = ResponseReplay(create_app(url, shared_pages=True))
    with TestClient(app) as c:
        first = c.get("/ports/443", headers={"Accept-Encoding": "br"})
        second = c.get("/ports/443", headers={"Accept-Encoding": "br"})
        tag = first.headers["etag"]
        cond = c.get("/ports/443", headers={"Accept-Encoding": "br", "If-None-Match": tag})
        # Feedback totals are never replayed: a vote shows up at once.
        before = c.get("/api/v1/feedback?page=/ports/443")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and first.headers == second.headers
    assert first.headers["content-security-policy"]
    assert cond.status_code == 304
    assert "no-store" in before.headers["cache-control"]
    assert before.json()["page"] == "/ports/443"
