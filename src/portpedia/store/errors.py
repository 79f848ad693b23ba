"""Errors of the feedback store. All of them are user-facing ``PortpediaError`` subclasses."""

from __future__ import annotations

from portpedia.errors import PortpediaError


class StoreError(PortpediaError):
    """Something is wrong with the feedback database or with what was asked of it."""

    exit_code = 1


class InvalidFeedback(StoreError, ValueError):
    """A vote was rejected: unknown reaction, comment too long, malformed page, ..."""

    exit_code = 2


class StoreConfigError(StoreError):
    """The database URL cannot be used: malformed, unsupported backend, missing directory."""

    exit_code = 2


class StoreUnavailable(StoreError):
    """The database cannot be reached right now; retrying later may succeed.

    The web face answers 503 with ``Retry-After: retry_after``. ``public`` is what a public
    answer (``/readyz``) may say: it names the problem, never a host, user or path.
    """

    exit_code = 1
    retry_after = 5
    public = "the feedback database is unavailable"


class StoreCorrupt(StoreUnavailable):
    """The SQLite file is not a database (or is damaged). Pages keep serving; votes wait."""

    retry_after = 60
    public = "the feedback database file is damaged or not a SQLite database"


class StoreGone(StoreUnavailable):
    """The SQLite file was deleted or replaced while the store had it open.

    Writes to the old file would be acknowledged and then vanish, so none are accepted.
    """

    retry_after = 60
    public = "the feedback database file was deleted or replaced while serving"


class VoteLimitReached(StoreError):
    """One network added as many new votes to one page today as it may."""

    exit_code = 1
