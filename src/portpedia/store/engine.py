"""Engines for both backends, with the connection settings portpedia relies on."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, exc

from portpedia.store.errors import (
    StoreConfigError,
    StoreCorrupt,
    StoreError,
    StoreGone,
    StoreUnavailable,
)
from portpedia.store.url import parse_url, redact

SQLITE_BUSY_TIMEOUT_MS = 5000
POSTGRES_CONNECT_TIMEOUT_S = 5

# Execution option that makes a SQLite transaction take the write lock up front.
IMMEDIATE = "portpedia_sqlite_immediate"
# Connection info key: (st_dev, st_ino) of the SQLite file this connection opened.
_FILE_ID = "portpedia_sqlite_file"
# SQLite's words for a file that is not (or no longer) a usable database.
_CORRUPT = ("file is not a database", "database disk image is malformed", "not a database")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (already resolved); SQLite gets WAL, busy timeout, foreign keys."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"check_same_thread": False})
        _configure_sqlite(engine)
        return engine
    connect_args: dict[str, Any] = {}
    if "connect_timeout" not in parsed.query:
        # Without it an unroutable host makes every request hang for minutes.
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_S
    try:
        # pre_ping drops connections killed by a server restart, so an outage heals by itself.
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    except (exc.NoSuchModuleError, ImportError):
        raise StoreConfigError(
            f"no database driver for {redact(parsed)!r}; use postgresql:// (psycopg 3)"
        ) from None


def _configure_sqlite(engine: Engine) -> None:
    path = engine.url.database or ""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, record: Any) -> None:
        # Let SQLAlchemy's "begin" hook below emit BEGIN instead of pysqlite's own guesswork,
        # which would run some statements outside the transaction.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            # busy_timeout first, so that switching to WAL waits for other connections.
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()
        # The journal_mode PRAGMA above made SQLite open (or create) the file: remember which
        # one, so that a file deleted or replaced under a running server is noticed.
        try:
            st = os.stat(path)
        except OSError:
            return
        record.info[_FILE_ID] = (st.st_dev, st.st_ino)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A deferred transaction that reads and then writes can fail with SQLITE_BUSY without
        # waiting; IMMEDIATE takes the write lock at BEGIN, where busy_timeout applies.
        immediate = conn.get_execution_options().get(IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def check_file(conn: Connection) -> None:
    """Raise StoreGone if ``conn``'s SQLite file was deleted or replaced since it was opened.

    SQLite keeps writing to an open file after it is unlinked (say, the data directory was
    deleted), so every such write would be acknowledged and then lost. Called inside write
    transactions, before they commit, and by ``ping``. A no-op on PostgreSQL.
    """
    if conn.dialect.name != "sqlite":
        return
    opened = conn.info.get(_FILE_ID)
    path = conn.engine.url.database or ""
    try:
        st = os.stat(path)
        now: tuple[int, int] | None = (st.st_dev, st.st_ino)
    except OSError:
        now = None
    if opened is not None and now == opened:
        return
    conn.invalidate()  # this connection's file is gone: the pool must not reuse it
    raise StoreGone(
        f"the SQLite feedback database {path} was deleted or replaced while portpedia had it "
        "open; votes are refused so none is lost: restore the file (or its directory) and "
        "restart portpedia"
    )


@contextmanager
def translate_errors(engine: Engine) -> Iterator[None]:
    """Turn driver errors into StoreUnavailable / StoreError with a one-line message."""
    where = redact(engine.url)
    try:
        yield
    except exc.TimeoutError:
        raise StoreUnavailable(
            f"feedback database {where} is overloaded: no free connection"
        ) from None
    except exc.DBAPIError as error:
        reason = _first_line(error.orig) if error.orig is not None else str(error)
        lowered = reason.lower()
        if "no such table" in lowered or ("relation" in lowered and "does not exist" in lowered):
            raise StoreError(
                f"feedback database {where} has no schema yet; run `portpedia feedback migrate`"
            ) from None
        database = engine.url.database or ""
        if (
            engine.dialect.name == "sqlite"
            and "unable to open database file" in lowered
            and not os.path.isdir(os.path.dirname(database))
        ):
            raise StoreGone(
                f"the directory of the SQLite feedback database {database} no longer exists "
                "(deleted while serving?); votes are refused so none is lost: restore it and "
                "restart portpedia"
            ) from None
        if any(words in lowered for words in _CORRUPT):
            raise StoreCorrupt(
                f"feedback database {where} is damaged or not a SQLite database ({reason}): "
                "move the file aside (or restore a backup), then `portpedia feedback "
                "migrate` makes a new one"
            ) from None
        if isinstance(error, exc.OperationalError | exc.InterfaceError) or (
            error.connection_invalidated
        ):
            raise StoreUnavailable(f"feedback database {where} is unavailable: {reason}") from None
        if isinstance(error, exc.ProgrammingError | exc.DatabaseError):
            # A misconfigured database (say, a search_path naming no schema): retrying will
            # not help until an operator changes the URL or the database.
            raise StoreError(f"feedback database {where} refused the request: {reason}") from None
        raise


def _first_line(orig: BaseException) -> str:
    text = str(orig).strip() or type(orig).__name__
    return text.splitlines()[0].strip()
