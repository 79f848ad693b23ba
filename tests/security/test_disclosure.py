"""What the public endpoints reveal when things go wrong: never the database's address,
user or name, and never a traceback."""

from __future__ import annotations

import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from portpedia.web import create_app

# Port 1 on loopback refuses at once; the names are what must not leak.
URL = "postgresql://secretuser:hunter2@127.0.0.1:1/secretdb"
LEAKS = ("secretuser", "hunter2", "secretdb", "127.0.0.1:1", "Traceback", "psycopg")


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/readyz"), ("GET", "/api/v1/health"), ("GET", "/api/v1/feedback?page=/ports/1"),
     ("GET", "/ports/1"), ("POST", "/api/v1/feedback"), ("POST", "/feedback")],
)  # fmt: skip
def test_database_outage_reveals_no_connection_details(method: str, path: str) -> None:
    app = create_app(URL, secret="s" * 40)
    with TestClient(app, raise_server_exceptions=False) as client:
        token = client.get("/ports/1").cookies.get("portpedia_csrf") or ""
        if method == "POST" and path.startswith("/api/"):
            r = client.post(path, json={"page": "/ports/1", "reaction": "happy"},
                            headers={"X-CSRF-Token": token})  # fmt: skip
        elif method == "POST":
            r = client.post(path, data={"page": "/ports/1", "reaction": "happy",
                                        "csrf_token": token})  # fmt: skip
        else:
            r = client.get(path)
        assert r.status_code in (200, 303, 403, 503), r.status_code
        for leak in LEAKS:
            assert leak not in r.text, (path, leak, r.text[:300])
    app.state.store.close()
