"""Fixtures shared by every test package."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# No timings in the test suite: a property test judges results, not how long an example
# took on a shared machine.
settings.register_profile("portpedia", deadline=None)
settings.load_profile("portpedia")

ROOT = Path(__file__).resolve().parent.parent
IANA_DIR = ROOT.parent / "shared" / "data" / "iana"


@pytest.fixture(scope="session")
def iana_xml() -> Path:
    path = IANA_DIR / "service-names-port-numbers.xml"
    assert path.is_file(), f"IANA registry copy missing: {path}"
    return path


@pytest.fixture(scope="session")
def iana_csv() -> Path:
    path = IANA_DIR / "service-names-port-numbers-2026-02-26.csv"
    assert path.is_file(), f"IANA registry copy missing: {path}"
    return path


def stage_readable(source: Path, prefix: str) -> Path:
    """A copy of ``source`` in a new temporary directory that every user may read.

    Processes running as other users (nginx's workers, the local room's test user,
    ``nobody``) cannot read a checkout under a private directory (``/root`` is mode 0700),
    so they get this copy. The caller removes the returned directory.
    """
    import shutil
    import tempfile

    stage = Path(tempfile.mkdtemp(prefix=prefix))
    target = stage / source.name
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    stage.chmod(0o755)
    for folder, _dirs, files in os.walk(target):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    return stage


@pytest.fixture(scope="session")
def readable_src() -> Iterator[str]:
    """A ``PYTHONPATH`` entry with portpedia's source that any user can import from."""
    import shutil

    stage = stage_readable(ROOT / "src" / "portpedia", "portpedia-src-")
    try:
        yield str(stage)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test away from the real user data directory (registry copy, database)."""
    from portpedia import registry

    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("PORTPEDIA_DATA_DIR", str(data))
    # The site answers only the hosts it is told about: TestClient's name and loopback.
    # Tests of the defaults and of foreign hosts set or remove this themselves.
    monkeypatch.setenv("PORTPEDIA_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1,::1")
    monkeypatch.delenv("PORTPEDIA_FORWARDED_ALLOW_IPS", raising=False)
    registry.reset()
    yield data
    registry.reset()


# --- PostgreSQL, shared by the store, reliability and security tests ---------------------
# The server comes from $PORTPEDIA_TEST_POSTGRES_URL (default: trust auth on 127.0.0.1:5432,
# database ``test``), and every test gets a schema of its own. When the server cannot be
# reached, PostgreSQL tests skip with the reason, unless $CI is set: then they fail, so CI
# never goes green without them.

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"


def libpq(url: str) -> str:
    from sqlalchemy.engine import make_url

    # libpq understands postgresql:// but not SQLAlchemy's postgresql+psycopg://.
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_server() -> str:
    import psycopg

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
    """A URL whose search_path is a schema of its own, dropped after the test."""
    import psycopg
    from sqlalchemy.engine import make_url

    schema = f"portpedia_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(libpq(postgres_server), autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = make_url(postgres_server).update_query_dict(
        {"options": f"-csearch_path={schema}", "application_name": schema}
    )
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq(postgres_server), autocommit=True) as conn:
            # Connections a test left open would keep the schema's locks.
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s AND pid <> pg_backend_pid()",
                (schema,),
            )
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> str:
    """An empty database (no schema yet) on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/feedback.sqlite3"
    return request.getfixturevalue("postgres_url")
