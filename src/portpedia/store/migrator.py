"""Bring a database's schema to the newest revision, once, even with many processes starting.

Alembic runs from the migrations shipped in this package; no alembic.ini is involved.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from portpedia.store.engine import IMMEDIATE, make_engine, translate_errors
from portpedia.store.url import resolve_url

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Arbitrary but fixed: every portpedia process agrees on it ("port" in ASCII).
_ADVISORY_LOCK_KEY = 0x706F7274


def migrate(url: str | None = None) -> str:
    """Upgrade the database at ``url`` (resolved as in resolve_url) to the newest schema.

    Idempotent and safe to call from several processes at once: PostgreSQL serialises callers
    with a transaction-level advisory lock, SQLite with an immediate (write-locked)
    transaction. The whole upgrade is one transaction on both. Returns the revision now in
    place. Call it once at startup, before serving requests.
    """
    engine = make_engine(resolve_url(url))
    try:
        with translate_errors(engine), engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn.execution_options(**{IMMEDIATE: True})
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY}
                    )
                command.upgrade(_alembic_config(conn), "head")
                return _current(conn) or ""
    finally:
        engine.dispose()


def head_revision() -> str:
    """The newest revision shipped with this version of portpedia."""
    head = ScriptDirectory.from_config(_alembic_config(None)).get_current_head()
    assert head is not None
    return head


def current_revision(url: str | None = None) -> str | None:
    """The revision the database is at, or None if it was never migrated."""
    engine = make_engine(resolve_url(url))
    try:
        with translate_errors(engine), engine.connect() as conn:
            return _current(conn)
    finally:
        engine.dispose()


def _current(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _alembic_config(conn: Connection | None) -> Config:
    cfg = Config()
    # configparser interpolation would choke on a "%" in the install path.
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    cfg.set_main_option("path_separator", "os")
    cfg.attributes["connection"] = conn
    return cfg
