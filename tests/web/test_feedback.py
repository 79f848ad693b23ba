"""Feedback: voting with and without JavaScript, CSRF, origin checks, limits, outages."""

from __future__ import annotations

import re

import pytest

from portpedia.store import FeedbackStore

PAGE = "/ports/443"


def _token(client, page: str = PAGE) -> str:
    html = client.get(page).text
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def _vote(client, reaction: str = "happy", **kw):
    token = kw.pop("token", None) or _token(client)
    body = {"page": PAGE, "language": "en", "reaction": reaction, **kw.pop("body", {})}
    headers = {"X-CSRF-Token": token, "Origin": "http://testserver", **kw.pop("headers", {})}
    return client.post("/api/v1/feedback", json=body, headers=headers)


def test_page_sets_csrf_cookie_matching_the_form(client) -> None:
    token = _token(client)
    assert client.cookies.get("portpedia_csrf") == token
    assert _token(client) == token  # stable for the visitor


def test_json_vote_counts_and_changes(client, database_url) -> None:
    r = _vote(client, "happy", body={"comment": "clear and short"})
    assert r.status_code == 200
    assert r.json()["totals"] == {"disappointed": 0, "unsure": 0, "happy": 1, "total": 1}
    r = _vote(client, "unsure")
    assert r.json()["totals"] == {"disappointed": 0, "unsure": 1, "happy": 0, "total": 1}
    data = client.get(f"/api/v1/feedback?page={PAGE}").json()
    assert data["your_vote"] == "unsure" and data["totals"]["total"] == 1
    # Totals and the visitor's choice show on the rendered page.
    html = client.get(PAGE).text
    assert re.search(r'value="unsure"[^>]*aria-pressed="true"', html)
    assert '<span class="count" data-reaction="unsure">1</span>' in html
    # Stored with an opaque visitor id, never the address.
    with FeedbackStore(database_url) as store:
        votes = list(store.iter_votes())
    assert len(votes) == 1 and votes[0].reaction == "unsure"


def test_visitor_id_is_an_hmac_not_the_address(client, database_url) -> None:
    _vote(client)
    import sqlite3

    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        (visitor,) = db.execute("SELECT visitor FROM feedback_votes").fetchone()
    assert re.fullmatch(r"[0-9a-f]{64}", visitor)
    assert "testclient" not in visitor


def test_different_visitors_count_separately(client) -> None:
    _vote(client, "happy")
    # Another browser is another cookie jar; the User-Agent plays no part.
    client.cookies.clear()
    r = _vote(client, "disappointed")
    assert r.json()["totals"]["total"] == 2


def test_form_post_without_javascript(client) -> None:
    token = _token(client)
    form = {"csrf_token": token, "page": PAGE, "language": "bn", "reaction": "happy", "comment": ""}
    r = client.post(
        "/feedback", data=form, headers={"Origin": "http://testserver"}, follow_redirects=False
    )
    assert r.status_code == 303
    assert r.headers["location"] == "/bn/ports/443?feedback=thanks#feedback"
    page = client.get(r.headers["location"]).text
    assert "ধন্যবাদ" in page
    assert '<span class="count" data-reaction="happy">1</span>' in page


@pytest.mark.parametrize(
    ("headers", "token_ok"),
    [
        ({"Origin": "http://testserver"}, False),  # no or wrong token
        ({"Origin": "https://evil.example"}, True),  # foreign origin
        ({"Referer": "https://evil.example/page"}, True),  # foreign referer, no Origin
    ],
)
def test_forged_json_votes_are_refused(client, headers, token_ok: bool) -> None:
    token = _token(client)
    sent = {"Content-Type": "application/json", **headers}
    if token_ok:
        sent["X-CSRF-Token"] = token
    body = b'{"page": "/ports/443", "reaction": "happy"}'
    r = client.post("/api/v1/feedback", content=body, headers=sent)
    assert r.status_code == 403
    assert r.json()["error"]["code"] in ("csrf", "cross_origin")
    assert client.get(f"/api/v1/feedback?page={PAGE}").json()["totals"]["total"] == 0


def test_forged_form_posts_are_refused(client) -> None:
    token = _token(client)
    form = {"csrf_token": "x" * 43, "page": PAGE, "reaction": "happy"}
    r = client.post("/feedback", data=form, follow_redirects=False)
    assert r.status_code == 403 and "<html" in r.text
    form["csrf_token"] = token
    r = client.post(
        "/feedback", data=form, headers={"Origin": "http://evil.example"}, follow_redirects=False
    )
    assert r.status_code == 403
    client.cookies.clear()
    r = client.post("/feedback", data=form, follow_redirects=False)
    assert r.status_code == 403


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"page": PAGE, "reaction": "angry"}, "invalid_feedback"),
        ({"page": PAGE, "reaction": "happy", "comment": "x" * 501}, "invalid_feedback"),
        ({"page": "/ports/70000", "reaction": "happy"}, "invalid_page"),
        ({"page": "/", "reaction": "happy"}, "invalid_page"),
        ({"page": PAGE, "reaction": "happy", "language": "xx"}, "unknown_language"),
    ],
)
def test_invalid_votes(client, body, code: str) -> None:
    token = _token(client)
    r = client.post(
        "/api/v1/feedback",
        json=body,
        headers={"X-CSRF-Token": token, "Origin": "http://testserver"},
    )
    assert r.status_code == 400
    assert r.json()["error"]["code"] == code


def test_invalid_json_and_media_type(client) -> None:
    token = _token(client)
    headers = {"X-CSRF-Token": token, "Content-Type": "application/json"}
    assert client.post("/api/v1/feedback", content=b"{nope", headers=headers).status_code == 400
    headers["Content-Type"] = "text/plain"
    assert client.post("/api/v1/feedback", content=b"{}", headers=headers).status_code == 415


def test_comment_of_500_characters_is_accepted(client) -> None:
    assert _vote(client, body={"comment": "ব" * 500}).status_code == 200


def test_rate_limit(client) -> None:
    token = _token(client)
    statuses = [_vote(client, token=token).status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10
    r = _vote(client, token=token)
    assert r.status_code == 429
    assert 1 <= int(r.headers["retry-after"]) <= 60


@pytest.mark.parametrize("path", ["/api/v1/feedback", "/feedback"])
def test_huge_body_is_413(client, path: str) -> None:
    token = _token(client)
    r = client.post(
        path,
        content=b"x" * (10 * 1024 * 1024),
        headers={"X-CSRF-Token": token, "Content-Type": "application/json"},
    )
    assert r.status_code == 413


def test_streamed_body_without_length_is_413(client) -> None:
    token = _token(client)

    def chunks():
        for _ in range(64):
            yield b"x" * 1024

    r = client.post(
        "/api/v1/feedback",
        content=chunks(),
        headers={"X-CSRF-Token": token, "Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"


def test_database_down_means_503_for_feedback_only(broken_client) -> None:
    client = broken_client
    assert client.get(PAGE).status_code == 200
    token = client.cookies.get("portpedia_csrf")
    r = client.post(
        "/api/v1/feedback",
        json={"page": PAGE, "reaction": "happy"},
        headers={"X-CSRF-Token": token},
    )
    assert r.status_code == 503
    assert int(r.headers["retry-after"]) > 0
    assert r.json()["error"]["code"] == "store_unavailable"
    r = client.get(f"/api/v1/feedback?page={PAGE}")
    assert r.status_code == 503
    form = {"csrf_token": token, "page": PAGE, "reaction": "happy"}
    r = client.post("/feedback", data=form, follow_redirects=False)
    assert r.status_code == 503 and "Retry-After" in r.headers
    assert "unavailable" in r.text and 'href="/ports/443#feedback"' in r.text
    assert client.get("/api/v1/health").json()["database"] == "unavailable"


def test_unreachable_postgres_is_503(tmp_path) -> None:
    from starlette.testclient import TestClient

    from portpedia.web import create_app

    # Port 1 on loopback refuses connections at once.
    app = create_app("postgresql://nobody@127.0.0.1:1/none", secret="s" * 40)
    with TestClient(app) as client:
        assert client.get(PAGE).status_code == 200
        r = client.get(f"/api/v1/feedback?page={PAGE}")
        assert r.status_code == 503


def test_secret_is_generated_once(tmp_path, monkeypatch) -> None:
    from portpedia.web.secret import load_secret, secret_path

    first = load_secret()
    assert load_secret() == first
    assert secret_path().stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("PORTPEDIA_SECRET", "from-the-environment")
    assert load_secret() == b"from-the-environment"
