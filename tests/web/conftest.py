"""Fixtures: an app with its own SQLite feedback database and secret, per test."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from portpedia.store import migrate
from portpedia.web import create_app

SECRET = "test-secret-0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Nothing a test starts may write to the real user data directory.
    monkeypatch.setenv("PORTPEDIA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("PORTPEDIA_DATABASE_URL", raising=False)
    monkeypatch.delenv("PORTPEDIA_SECRET", raising=False)
    monkeypatch.delenv("PORTPEDIA_BASE_URL", raising=False)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    migrate(url)
    return url


@pytest.fixture
def client(database_url: str) -> Iterator[TestClient]:
    app = create_app(database_url, secret=SECRET)
    with TestClient(app, base_url="http://testserver") as c:
        yield c
    app.state.store.close()


@pytest.fixture
def broken_client(tmp_path: Path) -> Iterator[TestClient]:
    """The database's directory does not exist: feedback cannot work, pages must."""
    app = create_app(f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}", secret=SECRET)
    with TestClient(app, base_url="http://testserver") as c:
        yield c
