"""Votes that cannot be stuffed: a visitor is their signed cookie; one network is bounded.

Both backends: the bound is counted in the database, so every worker of every machine
sharing it agrees.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from portpedia.store import FeedbackStore, migrate
from portpedia.web import create_app
from portpedia.web.feedback import RateLimiter

PAGE = "/ports/8080"
SECRET = "stuffing-secret-0123456789abcdef0123456789"
BOUND = 5


@pytest.fixture
def app(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    for name in ("PORTPEDIA_DATABASE_URL", "PORTPEDIA_SECRET", "PORTPEDIA_CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTPEDIA_VOTES_PER_NETWORK", str(BOUND))
    migrate(db_url)
    application = create_app(db_url, secret=SECRET)
    # The per-minute limiter is not what is under test here.
    application.state.limiter = RateLimiter(limit=10_000)
    yield application
    application.state.store.close()


def _client(app: object, address: str = "203.0.113.7") -> TestClient:
    return TestClient(app, base_url="http://testserver", client=(address, 40000))


def _vote(client: TestClient, reaction: str, headers: dict[str, str] | None = None):
    r = client.get(f"/api/v1/feedback?page={PAGE}")
    token = r.json()["csrf_token"]
    sent = {"X-CSRF-Token": token, "Origin": "http://testserver", **(headers or {})}
    return client.post("/api/v1/feedback", json={"page": PAGE, "reaction": reaction}, headers=sent)


def _totals(app: object) -> dict[str, int]:
    with _client(app, "198.51.100.1") as c:
        return c.get(f"/api/v1/feedback?page={PAGE}").json()["totals"]


def test_two_browsers_behind_one_address_keep_two_votes(app) -> None:
    agent = {"User-Agent": "Same Browser/1.0"}
    with _client(app) as a, _client(app) as b:
        assert _vote(a, "happy", agent).status_code == 200
        assert _vote(b, "unsure", agent).status_code == 200
        assert _totals(app) == {"disappointed": 0, "unsure": 1, "happy": 1, "total": 2}
        # Each keeps (and can change) their own vote.
        assert a.get(f"/api/v1/feedback?page={PAGE}").json()["your_vote"] == "happy"
        assert b.get(f"/api/v1/feedback?page={PAGE}").json()["your_vote"] == "unsure"
        assert _vote(a, "disappointed", agent).status_code == 200
    assert _totals(app) == {"disappointed": 1, "unsure": 1, "happy": 0, "total": 2}


def test_the_cookie_is_signed(app) -> None:
    with _client(app) as c:
        assert _vote(c, "happy").status_code == 200
        cookie = c.cookies["portpedia_visitor"]
        token, signature = cookie.split(".")
        forged = f"{token[:-1]}{'A' if token[-1] != 'A' else 'B'}.{signature}"
        c.cookies.clear()
        c.cookies.set("portpedia_visitor", forged, domain="testserver.local")
        # A forged cookie is no identity: the vote is a new visitor's, with a fresh cookie.
        assert _vote(c, "unsure").status_code == 200
        assert c.cookies["portpedia_visitor"] not in (forged, cookie)
    assert _totals(app)["total"] == 2


@pytest.mark.parametrize("rotate", ["user_agent", "cookie", "forwarded_for"])
def test_one_address_cannot_exceed_the_bound(app, rotate: str) -> None:
    statuses = []
    with _client(app) as c:
        for i in range(BOUND + 5):
            headers = {}
            if rotate == "user_agent":
                headers["User-Agent"] = f"Browser/{i}"
                c.cookies.delete("portpedia_visitor")
            elif rotate == "cookie":
                c.cookies.clear()
            else:
                # Not a configured proxy: the header changes nothing.
                headers["X-Forwarded-For"] = f"192.0.2.{i}"
                c.cookies.delete("portpedia_visitor")
            statuses.append(_vote(c, "happy", headers))
    assert [r.status_code for r in statuses] == [200] * BOUND + [429] * 5
    refused = statuses[-1]
    assert refused.json()["error"]["code"] == "network_limit"
    assert 1 <= int(refused.headers["retry-after"]) <= 86400
    assert _totals(app)["total"] == BOUND


def test_votes_already_cast_can_change_at_the_bound(app) -> None:
    with _client(app) as first:
        assert _vote(first, "happy").status_code == 200
        for _ in range(BOUND - 1):
            with _client(app) as other:
                assert _vote(other, "happy").status_code == 200
        with _client(app) as late:
            assert _vote(late, "happy").status_code == 429
        assert _vote(first, "unsure").status_code == 200
    assert _totals(app) == {"disappointed": 0, "unsure": 1, "happy": BOUND - 1, "total": BOUND}


def test_an_ipv6_slash_64_is_one_network(app) -> None:
    for i in range(BOUND):
        with _client(app, f"2001:db8:1:2::{i + 1:x}") as c:
            assert _vote(c, "happy").status_code == 200
    with _client(app, "2001:db8:1:2:ffff::9") as c:
        assert _vote(c, "happy").status_code == 429
    with _client(app, "2001:db8:1:3::1") as c:  # the next /64 is another network
        assert _vote(c, "happy").status_code == 200
    # Other pages have bounds of their own.
    with _client(app, "2001:db8:1:2::77") as c:
        token = c.get("/api/v1/feedback?page=/ports/22").json()["csrf_token"]
        r = c.post(
            "/api/v1/feedback",
            json={"page": "/ports/22", "reaction": "happy"},
            headers={"X-CSRF-Token": token, "Origin": "http://testserver"},
        )
        assert r.status_code == 200


def test_no_address_is_stored(app, db_url: str) -> None:
    address = "203.0.113.99"
    with _client(app, address) as c:
        assert _vote(c, "happy").status_code == 200
    from sqlalchemy import text

    from portpedia.store.engine import make_engine

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM feedback_votes")).mappings().all()
    finally:
        engine.dispose()
    assert len(rows) == 1
    stored = " ".join(str(v) for v in rows[0].values())
    assert address not in stored and "203.0.113" not in stored
    assert re.fullmatch(r"[0-9a-f]{64}", rows[0]["network"])
    assert re.fullmatch(r"[0-9a-f]{64}", rows[0]["visitor"])


def test_form_posts_get_a_cookie_and_respect_the_bound(app) -> None:
    statuses = []
    with _client(app) as c:
        for _ in range(BOUND + 1):
            c.cookies.clear()
            token = c.get(f"/api/v1/feedback?page={PAGE}").json()["csrf_token"]
            form = {"csrf_token": token, "page": PAGE, "reaction": "happy"}
            r = c.post(
                "/feedback", data=form, headers={"Origin": "http://testserver"},
                follow_redirects=False,
            )  # fmt: skip
            statuses.append(r.status_code)
            if r.status_code == 303:
                assert "portpedia_visitor" in r.cookies
    assert statuses == [303] * BOUND + [429]


@pytest.mark.parametrize(
    "body",
    [
        b'{"page": "/ports/8080", "reaction": "happy", "comment": "\\ud800"}',
        b'{"page": "/ports/8080", "reaction": "happy", "comment": "a\\udfffb"}',
        b"[" * 5000 + b"]" * 5000,
        b'{"page": "/ports/8080", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ],
    ids=["lone-high-surrogate", "lone-low-surrogate", "5000-nested", "nested-in-object"],
)
def test_hostile_json_is_400(app, db_url: str, body: bytes) -> None:
    with _client(app) as c:
        token = c.get(f"/api/v1/feedback?page={PAGE}").json()["csrf_token"]
        r = c.post(
            "/api/v1/feedback",
            content=body,
            headers={
                "X-CSRF-Token": token,
                "Origin": "http://testserver",
                "Content-Type": "application/json",
            },
        )
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] in ("invalid_json", "invalid_feedback")
    with FeedbackStore(db_url) as store:
        assert store.totals(PAGE).total == 0


def test_spoofed_forwarded_for_against_a_real_server(live_server) -> None:
    """Through ``portpedia serve`` itself: X-Forwarded-For from loopback is not believed."""
    import httpx

    from portpedia.web.feedback import VOTES_PER_NETWORK

    page = "/ports/5901"
    statuses = []
    for i in range(VOTES_PER_NETWORK + 3):
        # A fresh client each time: new cookies, a new User-Agent, a new claimed address.
        headers = {"User-Agent": f"Stuffer/{i}", "X-Forwarded-For": f"198.51.100.{i + 1}"}
        with httpx.Client(
            base_url=live_server.base, headers=headers, timeout=10, trust_env=False
        ) as c:
            token = c.get("/api/v1/feedback", params={"page": page}).json()["csrf_token"]
            r = c.post(
                "/api/v1/feedback",
                json={"page": page, "reaction": "happy"},
                headers={"X-CSRF-Token": token, "Origin": live_server.base},
            )
            statuses.append(r.status_code)
    assert statuses == [200] * VOTES_PER_NETWORK + [429] * 3
