"""Which database to use: explicit URL, then $PORTPEDIA_DATABASE_URL, then a SQLite file."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from portpedia.store.errors import StoreConfigError

ENV_VAR = "PORTPEDIA_DATABASE_URL"
DATA_DIR_ENV_VAR = "PORTPEDIA_DATA_DIR"
DEFAULT_FILENAME = "portpedia.sqlite3"

# Bare PostgreSQL schemes go to psycopg 3, the driver portpedia ships with; SQLAlchemy's
# own default for them would be psycopg2.
_POSTGRES_SCHEMES = {"postgresql", "postgres"}
_SUPPORTED_BACKENDS = {"sqlite", "postgresql"}


def default_database_path() -> Path:
    """The SQLite file used when no URL is configured: in ``$PORTPEDIA_DATA_DIR`` if set
    (the project-wide override of the data directory), else the platform's user data dir."""
    override = os.environ.get(DATA_DIR_ENV_VAR)
    if override:
        return Path(override).expanduser() / DEFAULT_FILENAME
    from platformdirs import user_data_dir

    return Path(user_data_dir("portpedia", appauthor=False)) / DEFAULT_FILENAME


def resolve_url(url: str | None = None) -> str:
    """Return the SQLAlchemy URL to use, normalised (psycopg driver, absolute SQLite path).

    Precedence: the ``url`` argument, then ``$PORTPEDIA_DATABASE_URL``, then
    ``sqlite:///<user data dir>/portpedia.sqlite3`` (its directory is created on demand).
    """
    if url:
        return _render(parse_url(url))
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return _render(parse_url(from_env))
    path = default_database_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreConfigError(
            f"cannot create the data directory {path.parent} for the feedback database: "
            f"{exc.strerror or exc}; set {ENV_VAR} to another location"
        ) from None
    return _render(URL.create("sqlite", database=str(path)))


def parse_url(url: str) -> URL:
    """Parse and normalise one URL; raise StoreConfigError with a one-line reason."""
    try:
        parsed = make_url(url.strip())
        # The port is parsed lazily; a malformed one ("postgresql://[::1") fails here.
        _ = parsed.port
    except (ArgumentError, ValueError):
        raise StoreConfigError(
            f"invalid database URL {redact(url)!r}; expected sqlite:///PATH or "
            "postgresql://USER@HOST:PORT/DATABASE"
        ) from None
    backend = parsed.get_backend_name()
    if backend in _POSTGRES_SCHEMES and "+" not in parsed.drivername:
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend == "postgres":
        parsed = parsed.set(drivername="postgresql+" + parsed.get_driver_name())
    if parsed.get_backend_name() not in _SUPPORTED_BACKENDS:
        raise StoreConfigError(
            f"unsupported database {parsed.get_backend_name()!r} in {redact(url)!r}; "
            "use sqlite:///PATH or postgresql://..."
        )
    if parsed.get_backend_name() == "sqlite":
        parsed = _check_sqlite(parsed)
    return parsed


def redact(url: str | URL) -> str:
    """The URL with any password replaced by ``***``, for messages and logs."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        # Unparseable, so we cannot find the password; show only the scheme.
        return url.split(":", 1)[0] + ":..." if ":" in url else "<unparseable>"


def _check_sqlite(parsed: URL) -> URL:
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        # Each pooled connection would see its own private database: votes would vanish.
        raise StoreConfigError(
            "in-memory SQLite is not supported for feedback; use sqlite:///PATH/TO/FILE.sqlite3"
        )
    path = Path(database).expanduser().absolute()
    if not path.parent.is_dir():
        raise StoreConfigError(
            f"directory {path.parent} for the SQLite database does not exist; create it first"
        )
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreConfigError(
            f"directory {path.parent} for the SQLite database is not writable "
            "(SQLite needs it for its journal files)"
        )
    return parsed.set(database=str(path))


def _render(parsed: URL) -> str:
    return parsed.render_as_string(hide_password=False)
