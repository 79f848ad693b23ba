"""Storage faults that must lose nothing and explain themselves.

The data directory deleted while serving, a damaged SQLite file, a lost secret: each is
noticed, answered with a clear status, and never acknowledged as a stored vote.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serving import Server

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from portpedia.store import FeedbackStore, migrate
from portpedia.web import create_app

PAGE = "/ports/631"
SECRET = "storage-faults-secret-0123456789abcdef0123"


def _vote(client: TestClient | httpx.Client, reaction: str = "happy", base: str = ""):
    token = client.get("/api/v1/feedback", params={"page": PAGE})
    csrf = token.json().get("csrf_token") or client.cookies.get("portpedia_csrf")
    if csrf is None:  # the GET answered 503 without a token body; the cookie has it
        csrf = token.cookies.get("portpedia_csrf")
    return client.post(
        "/api/v1/feedback",
        json={"page": PAGE, "reaction": reaction},
        headers={"X-CSRF-Token": csrf, "Origin": base or "http://testserver"},
    )


@pytest.fixture
def data_app(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    data = tmp_path / "data"
    data.mkdir()
    url = f"sqlite:///{data / 'portpedia.sqlite3'}"
    migrate(url)
    app = create_app(url, secret=SECRET)
    with TestClient(app, base_url="http://testserver") as client:
        yield client, data
    app.state.store.close()


def test_deleted_data_directory_refuses_votes_and_fails_readiness(data_app) -> None:
    client, data = data_app
    assert _vote(client).status_code == 200
    assert client.get("/readyz").status_code == 200
    shutil.rmtree(data)
    for _ in range(3):  # every pooled connection, not only the first
        r = _vote(client, "unsure")
        assert r.status_code == 503, r.text
        assert "deleted or replaced" in r.json()["error"]["message"]
        assert int(r.headers["retry-after"]) > 0
    r = client.get("/readyz")
    assert r.status_code == 503
    assert "deleted or replaced" in r.json()["reason"]
    assert str(data) not in r.text
    assert client.get(PAGE).status_code == 200  # pages keep serving


def test_replaced_database_file_is_noticed_then_used(data_app, tmp_path: Path) -> None:
    client, data = data_app
    assert _vote(client).status_code == 200
    # Restored from a backup: another file now has the name.
    backup = tmp_path / "backup.sqlite3"
    migrate(f"sqlite:///{backup}")
    (data / "portpedia.sqlite3").unlink()
    for suffix in ("-wal", "-shm"):
        (data / f"portpedia.sqlite3{suffix}").unlink(missing_ok=True)
    shutil.copy(backup, data / "portpedia.sqlite3")
    r = _vote(client, "unsure")
    assert r.status_code == 503
    # The stale connection was dropped; the next vote lands in the restored file, to stay.
    r = _vote(client, "unsure")
    assert r.status_code == 200, r.text
    with FeedbackStore(f"sqlite:///{data / 'portpedia.sqlite3'}") as store:
        assert store.totals(PAGE).total == 1


def test_lost_secret_is_regenerated_loudly(caplog: pytest.LogCaptureFixture) -> None:
    from portpedia.web.secret import load_secret, secret_path

    with caplog.at_level(logging.WARNING, logger="portpedia.web"):
        first = load_secret()
        assert "created a new web secret" in caplog.text
        caplog.clear()
        assert load_secret() == first
        assert caplog.text == ""  # reading an existing secret says nothing
        secret_path().unlink()
        assert load_secret() != first
    assert "created a new web secret" in caplog.text
    assert "data directory deleted" in caplog.text


@pytest.fixture
def corrupt_url(tmp_path: Path) -> str:
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"this is not a SQLite database\n" * 200)
    return f"sqlite:///{path}"


def _check_corrupt_answers(client: TestClient | httpx.Client, base: str = "") -> None:
    assert client.get(PAGE).status_code == 200
    r = _vote(client, base=base)
    assert r.status_code == 503
    assert int(r.headers["retry-after"]) > 0
    assert "damaged" in r.json()["error"]["message"]
    r = client.get("/api/v1/feedback", params={"page": PAGE})
    assert r.status_code == 503 and "retry-after" in r.headers
    r = client.get("/readyz")
    assert r.status_code == 503
    assert "damaged" in r.json()["reason"]
    assert "corrupt.sqlite3" not in r.text  # the reason, not the path


def test_corrupt_sqlite_file_with_serve(corrupt_url: str, tmp_path: Path) -> None:
    server = Server(corrupt_url, tmp_path / "data", workers=1).start()
    try:
        with httpx.Client(base_url=server.base, timeout=10) as client:
            _check_corrupt_answers(client, base=server.base)
    finally:
        server.stop()
    log = server.log.read_text()
    assert "Traceback" not in log
    lines = [line for line in log.splitlines() if "corrupt.sqlite3" in line]
    assert len(lines) >= 1
    assert "damaged or not a SQLite database" in lines[0] and "move the file aside" in lines[0]


def test_corrupt_sqlite_file_without_migrating(corrupt_url: str) -> None:
    # As `serve --no-migrate` runs: the store is opened only by the requests.
    app = create_app(corrupt_url, secret=SECRET)
    with TestClient(app, base_url="http://testserver") as client:
        _check_corrupt_answers(client)
    app.state.store.close()


def test_corrupt_sqlite_file_in_the_cli(corrupt_url: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "portpedia", "feedback", "stats", "--database", corrupt_url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("portpedia: error: ")
    assert "damaged or not a SQLite database" in result.stderr


@pytest.mark.parametrize(
    ("url", "code", "words"),
    [
        ("postgresql://[::1", 2, "invalid database URL"),
        ("sqlite:////nonexistent-portpedia-dir/x.sqlite3", 2, "does not exist"),
    ],
)
def test_serve_with_a_bad_database_url_is_one_line(url: str, code: int, words: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "portpedia", "serve", "--port", "0", "--database", url],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == code
    assert result.stderr.startswith("portpedia: error: ") and result.stderr.count("\n") == 1
    assert words in result.stderr


@pytest.mark.postgres
def test_serve_with_a_search_path_naming_no_schema(postgres_server: str, tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(postgres_server).update_query_dict({"options": "-c search_path=nope"})
    server = Server(url.render_as_string(hide_password=False), tmp_path / "data", workers=1)
    server.start()
    try:
        with httpx.Client(base_url=server.base, timeout=10, trust_env=False) as client:
            assert client.get(PAGE).status_code == 200
            assert client.get("/readyz").status_code == 503
            assert _vote(client, base=server.base).status_code == 503
    finally:
        server.stop()
    log = server.log.read_text()
    assert "Traceback" not in log and "no schema has been selected" in log
