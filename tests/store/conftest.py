"""Fixtures: every store test runs on a fresh SQLite file and in a fresh PostgreSQL schema.

PostgreSQL comes from $PORTPEDIA_TEST_POSTGRES_URL (default: trust auth on 127.0.0.1:5432,
database ``test``). When it cannot be reached the PostgreSQL variants are skipped, with the
reason, unless $CI is set: then they fail, so CI never goes green without them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from portpedia.store import FeedbackStore, migrate


@pytest.fixture
def store(db_url: str) -> Iterator[FeedbackStore]:
    """A migrated store on each backend."""
    migrate(db_url)
    with FeedbackStore(db_url) as opened:
        yield opened
