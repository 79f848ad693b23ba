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

    The web face answers 503 with ``Retry-After: retry_after``.
    """

    exit_code = 1
    retry_after = 5
