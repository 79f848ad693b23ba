"""The store room: "Was this page helpful?" votes in SQLite or PostgreSQL.

from portpedia.store import FeedbackStore, migrate

migrate()                      # once per deployment/startup, not per worker
store = FeedbackStore()        # $PORTPEDIA_DATABASE_URL or a SQLite file
store.vote("/port/443", "en", visitor_hash, "happy", None)
"""

from __future__ import annotations

from portpedia.store.errors import (
    InvalidFeedback,
    StoreConfigError,
    StoreCorrupt,
    StoreError,
    StoreGone,
    StoreUnavailable,
    VoteLimitReached,
)
from portpedia.store.feedback import CSV_COLUMNS, FeedbackStore
from portpedia.store.migrator import current_revision, head_revision, migrate
from portpedia.store.model import REACTIONS, PageStats, Totals, Vote
from portpedia.store.schema import MAX_COMMENT
from portpedia.store.url import ENV_VAR, default_database_path, resolve_url

__all__ = [
    "CSV_COLUMNS",
    "ENV_VAR",
    "MAX_COMMENT",
    "REACTIONS",
    "FeedbackStore",
    "InvalidFeedback",
    "PageStats",
    "StoreConfigError",
    "StoreCorrupt",
    "StoreError",
    "StoreGone",
    "StoreUnavailable",
    "Totals",
    "Vote",
    "VoteLimitReached",
    "current_revision",
    "default_database_path",
    "head_revision",
    "migrate",
    "resolve_url",
]
