"""Fixtures: real servers, SQLite files, PostgreSQL schemas and throwaway PostgreSQL clusters.

PostgreSQL schemas per test come from the fixtures in tests/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from serving import Server


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Start ``portpedia serve`` processes; every one is stopped after the test."""
    started: list[Server] = []

    def start(database_url: str, workers: int = 2) -> Server:
        server = Server(database_url, tmp_path / "data", workers=workers)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
