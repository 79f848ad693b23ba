"""FeedbackStore: record and read "Was this page helpful?" votes."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

from sqlalchemy import Connection, Engine, case, delete, func, select, text
from sqlalchemy.dialects import postgresql, sqlite

from portpedia.store import validate
from portpedia.store.engine import IMMEDIATE, check_file, make_engine, translate_errors
from portpedia.store.errors import InvalidFeedback, VoteLimitReached
from portpedia.store.model import REACTIONS, PageStats, Totals, Vote
from portpedia.store.schema import feedback_votes
from portpedia.store.url import redact, resolve_url

CSV_COLUMNS = ("page", "language", "reaction", "comment", "created_at", "updated_at")

_t = feedback_votes.c


class FeedbackStore:
    """Votes in SQLite or PostgreSQL. Thread-safe; share one instance per process.

    The schema must exist: call ``portpedia.store.migrate(url)`` once at startup.
    Creating the store does not connect; the first call does.
    """

    def __init__(self, url: str | None = None) -> None:
        self._url = resolve_url(url)
        self._engine: Engine = make_engine(self._url)
        # SQLite has one writer at a time. Threads of one process queue here, in order,
        # instead of all polling the file lock under busy_timeout, where an unlucky one
        # can starve past the timeout (a 25-minute vote storm saw 12 such 503s).
        # PostgreSQL writers need no queue.
        is_sqlite = self._engine.dialect.name == "sqlite"
        self._write_lock: AbstractContextManager[object] = (
            threading.Lock() if is_sqlite else nullcontext()
        )

    @property
    def url(self) -> str:
        """The database URL in use, password hidden."""
        return redact(self._url)

    def vote(
        self,
        page: str,
        language: str,
        visitor: str,
        reaction: str,
        comment: str | None = None,
        network: str | None = None,
        network_limit: int | None = None,
    ) -> Totals:
        """Record ``visitor``'s vote on ``page`` or replace their earlier one; return the totals.

        One atomic INSERT ... ON CONFLICT (page, visitor) DO UPDATE, so concurrent votes can
        neither be lost nor duplicated. ``network`` is an opaque key for the voter's network
        (the web layer's keyed hash, which changes every day); with ``network_limit``, a new
        vote is refused with VoteLimitReached once that many votes on ``page`` carry the same
        key. Changing one's own vote is always allowed.
        """
        values = {
            "page": validate.page(page),
            "language": validate.language(language),
            "visitor": validate.visitor(visitor),
            "reaction": validate.reaction(reaction),
            "comment": validate.comment(comment),
            "network": validate.network(network),
        }
        now = datetime.now(UTC)
        with (
            self._write_lock,
            translate_errors(self._engine),
            self._engine.connect() as conn,
        ):
            if conn.dialect.name == "sqlite":
                # The bound reads before it writes: hold the write lock from BEGIN on, so
                # workers in other processes cannot both pass the check.
                conn.execution_options(**{IMMEDIATE: True})
            with conn.begin():
                if network is not None and network_limit is not None:
                    _check_network(conn, values["page"], values["visitor"], network,
                                   network_limit)  # fmt: skip
                insert = _insert_for(conn).values(**values, created_at=now, updated_at=now)
                upsert = insert.on_conflict_do_update(
                    index_elements=[_t.page, _t.visitor],
                    set_={
                        "language": insert.excluded.language,
                        "reaction": insert.excluded.reaction,
                        "comment": insert.excluded.comment,
                        "updated_at": insert.excluded.updated_at,
                    },
                )
                conn.execute(upsert)
                totals = _totals(conn, values["page"])
                # Last, before COMMIT: a vote written into a deleted file would be lost.
                check_file(conn)
                return totals

    def totals(self, page: str) -> Totals:
        """Counts per reaction on ``page`` (all zero if nobody voted)."""
        validate.page(page)
        with translate_errors(self._engine), self._engine.connect() as conn:
            return _totals(conn, page)

    def visitor_vote(self, page: str, visitor: str) -> str | None:
        """The reaction ``visitor`` chose on ``page``, or None."""
        validate.page(page)
        validate.visitor(visitor)
        query = select(_t.reaction).where(_t.page == page, _t.visitor == visitor)
        with translate_errors(self._engine), self._engine.connect() as conn:
            return conn.execute(query).scalar_one_or_none()

    def stats(self) -> list[PageStats]:
        """Per-page counts, most voted page first."""
        counts = [func.count(case((_t.reaction == r, 1))).label(r) for r in REACTIONS]
        total = func.count().label("total")
        query = (
            select(_t.page, *counts, total, func.max(_t.updated_at).label("last_vote"))
            .group_by(_t.page)
            .order_by(total.desc(), _t.page)
        )
        with translate_errors(self._engine), self._engine.connect() as conn:
            rows = conn.execute(query).all()
        return [
            PageStats(
                page=row.page,
                counts=Totals(row.disappointed, row.unsure, row.happy),
                last_vote=_utc(row.last_vote),
            )
            for row in rows
        ]

    def iter_votes(self) -> Iterator[Vote]:
        """Every vote, ordered by page and creation time, without visitor ids. Iterate it to
        the end (or close it) to release the connection."""
        query = select(*(_t[name] for name in CSV_COLUMNS)).order_by(_t.page, _t.created_at, _t.id)
        with translate_errors(self._engine), self._engine.connect() as conn:
            result = conn.execution_options(yield_per=500).execute(query)
            for row in result:
                yield Vote(
                    page=row.page,
                    language=row.language,
                    reaction=row.reaction,
                    comment=row.comment,
                    created_at=_utc(row.created_at),
                    updated_at=_utc(row.updated_at),
                )

    def export_csv(self, stream: TextIO) -> int:
        """Write every vote as CSV (header + one row per vote, no visitor ids); return the
        number of votes written. Open files with ``newline=""``."""
        writer = csv.writer(stream)
        writer.writerow(CSV_COLUMNS)
        written = 0
        for vote in self.iter_votes():
            writer.writerow(
                (
                    vote.page,
                    vote.language,
                    vote.reaction,
                    _defuse(vote.comment) if vote.comment else "",
                    vote.created_at.isoformat(),
                    vote.updated_at.isoformat(),
                )
            )
            written += 1
        return written

    def prune(self, older_than: timedelta) -> int:
        """Delete votes not changed for ``older_than``; return how many were deleted."""
        if older_than < timedelta(0):
            raise InvalidFeedback("prune age must not be negative")
        try:
            cutoff = datetime.now(UTC) - older_than
        except OverflowError:
            cutoff = datetime.min.replace(tzinfo=UTC)  # before year 1: nothing is that old
        with translate_errors(self._engine), self._engine.begin() as conn:
            return conn.execute(delete(feedback_votes).where(_t.updated_at < cutoff)).rowcount

    def ping(self) -> None:
        """Return if the database answers and can keep what it is given; raise
        StoreUnavailable (StoreCorrupt, StoreGone) otherwise."""
        with translate_errors(self._engine), self._engine.connect() as conn:
            # A table read, not SELECT 1: it fails on a damaged file or a missing schema.
            conn.execute(select(func.count()).select_from(feedback_votes).where(_t.id == 0))
            check_file(conn)

    def close(self) -> None:
        """Close pooled connections. The store reconnects if used again."""
        self._engine.dispose()

    def __enter__(self) -> FeedbackStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"FeedbackStore({self.url!r})"


def _insert_for(conn: Connection) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(feedback_votes)


def _check_network(conn: Connection, page: str, visitor: str, network: str, limit: int) -> None:
    if conn.dialect.name == "postgresql":
        # Serialise new votes from one network on one page (the key's first 60 bits).
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": int(network[:15], 16)})
    mine = select(_t.id).where(_t.page == page, _t.visitor == visitor)
    if conn.execute(mine).first() is not None:
        return  # a change of one's own vote adds nothing
    added = select(func.count()).where(_t.page == page, _t.network == network)
    if conn.execute(added).scalar_one() >= limit:
        raise VoteLimitReached(
            f"{limit} new votes on {page} came from one network today, the most it may add"
        )


def _totals(conn: Connection, page: str) -> Totals:
    query = select(_t.reaction, func.count()).where(_t.page == page).group_by(_t.reaction)
    counts = {reaction: count for reaction, count in conn.execute(query)}
    return Totals(**{r: counts.get(r, 0) for r in REACTIONS})


def _utc(value: datetime) -> datetime:
    # SQLite keeps no offset; everything portpedia writes is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _defuse(text: str) -> str:
    # Spreadsheets run cells starting with these as formulas (CSV injection); a leading
    # apostrophe makes them plain text. Comments are written by anonymous visitors.
    return "'" + text if text[0] in "=+-@\t\r" else text
