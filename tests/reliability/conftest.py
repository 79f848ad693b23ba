"""Fixtures: real servers, SQLite files, PostgreSQL schemas and throwaway PostgreSQL clusters.

PostgreSQL isolation follows tests/store/conftest.py: the shared server from
$PORTPEDIA_TEST_POSTGRES_URL (default trust auth on 127.0.0.1:5432, database ``test``) and a
schema of its own per test, dropped afterwards. Unreachable: skipped with the reason, or a
failure when $CI is set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from serving import Server
from sqlalchemy.engine import make_url

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def libpq(url: str) -> str:
    # libpq understands postgresql:// but not SQLAlchemy's postgresql+psycopg://.
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_server() -> str:
    url = os.environ.get("PORTPEDIA_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    try:
        psycopg.connect(libpq(url), connect_timeout=3).close()
    except psycopg.Error as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        message = f"PostgreSQL at {url} is unreachable ({reason})"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; CI requires it", pytrace=False)
        pytest.skip(f"{message}; set PORTPEDIA_TEST_POSTGRES_URL")
    return url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped (with its sessions) afterwards."""
    schema = f"portpedia_rel_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(libpq(postgres_server), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = make_url(postgres_server).update_query_dict(
        {"options": f"-csearch_path={schema}", "application_name": schema}
    )
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq(postgres_server), autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s AND pid <> pg_backend_pid()",
                (schema,),
            )
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend; ``portpedia serve`` migrates it."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/feedback.sqlite3"
    return request.getfixturevalue("postgres_url")


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
