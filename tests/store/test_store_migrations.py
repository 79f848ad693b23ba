from __future__ import annotations

import subprocess
import sys
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from portpedia.store import (
    FeedbackStore,
    StoreError,
    current_revision,
    head_revision,
    migrate,
)
from portpedia.store.engine import make_engine
from portpedia.store.schema import metadata


def test_migrate_creates_schema_and_is_idempotent(db_url: str) -> None:
    assert current_revision(db_url) is None
    assert migrate(db_url) == head_revision()
    assert migrate(db_url) == head_revision()
    assert current_revision(db_url) == head_revision()

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            assert {"feedback_votes", "alembic_version"} <= tables
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
            unique = inspect(conn).get_unique_constraints("feedback_votes")
            assert [sorted(u["column_names"]) for u in unique] == [["page", "visitor"]]
            # The tables the queries are written against match what the migrations built.
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        engine.dispose()


_MIGRATE_ON_SIGNAL = """
import sys
import time
from portpedia.store import migrate
print("ready", flush=True)
sys.stdin.readline()
print(migrate(sys.argv[1]), flush=True)
"""


def test_concurrent_migrate_from_several_processes(db_url: str) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _MIGRATE_ON_SIGNAL, db_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    try:
        # Release them together only once all have imported everything.
        for proc in procs:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = [proc.communicate(timeout=30) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == head_revision()
    assert current_revision(db_url) == head_revision()
    with FeedbackStore(db_url) as store:
        assert store.vote("/port/22", "en", "v" * 32, "happy").happy == 1


def test_using_an_unmigrated_database_says_to_migrate(db_url: str) -> None:
    with FeedbackStore(db_url) as store, pytest.raises(StoreError, match="feedback migrate"):
        store.totals("/port/22")


@pytest.mark.postgres
def test_postgres_migrate_waits_for_the_advisory_lock(postgres_url: str) -> None:
    import psycopg

    from portpedia.store.migrator import _ADVISORY_LOCK_KEY

    server = postgres_url.split("?", 1)[0]
    with psycopg.connect(server, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (_ADVISORY_LOCK_KEY,))
        proc = subprocess.Popen(
            [sys.executable, "-c", _MIGRATE_ON_SIGNAL, postgres_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None and proc.stdin is not None
            assert proc.stdout.readline().strip() == "ready"
            proc.stdin.write("go\n")
            proc.stdin.flush()
            deadline = time.monotonic() + 15
            while not holder.execute(
                "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = %s",
                (_ADVISORY_LOCK_KEY & 0xFFFFFFFF,),
            ).fetchone():
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "migrate never asked for the lock"
                time.sleep(0.02)  # poll interval, not synchronisation
            assert current_revision(postgres_url) is None
        finally:
            holder.execute("SELECT pg_advisory_unlock(%s)", (_ADVISORY_LOCK_KEY,))
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert out.strip() == head_revision()
