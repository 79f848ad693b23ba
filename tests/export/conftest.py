"""Fixtures: nothing may touch the real data directory; a migrated SQLite database per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from portpedia.store import migrate


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTPEDIA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PORTPEDIA_SECRET", "export-tests-secret-0123456789abcdef")
    for name in ("PORTPEDIA_DATABASE_URL", "PORTPEDIA_BASE_URL", "PORTPEDIA_CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    migrate(url)
    return url
