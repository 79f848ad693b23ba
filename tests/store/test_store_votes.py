from __future__ import annotations

import csv
import hashlib
import io
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from sqlalchemy import func, select, update

from portpedia.errors import PortpediaError
from portpedia.store import (
    CSV_COLUMNS,
    FeedbackStore,
    InvalidFeedback,
    Totals,
)
from portpedia.store.engine import make_engine
from portpedia.store.schema import feedback_votes


def visitor(n: int | str) -> str:
    return hashlib.sha256(f"salt:{n}".encode()).hexdigest()


def count_rows(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(feedback_votes)).scalar_one()
    finally:
        engine.dispose()


def test_one_vote_per_visitor_and_it_can_change(store: FeedbackStore, db_url: str) -> None:
    assert store.visitor_vote("/port/443", visitor(1)) is None
    assert store.vote("/port/443", "en", visitor(1), "happy") == Totals(happy=1)
    assert store.vote("/port/443", "de", visitor(1), "disappointed", "wrong") == Totals(
        disappointed=1
    )
    assert store.visitor_vote("/port/443", visitor(1)) == "disappointed"
    assert count_rows(db_url) == 1
    [vote] = list(store.iter_votes())
    assert (vote.language, vote.reaction, vote.comment) == ("de", "disappointed", "wrong")
    assert vote.updated_at >= vote.created_at
    # Changing the vote back to no comment clears the old comment.
    store.vote("/port/443", "en", visitor(1), "unsure", None)
    [vote] = list(store.iter_votes())
    assert vote.comment is None


def test_totals_and_stats(store: FeedbackStore) -> None:
    for n, reaction in enumerate(["happy", "happy", "unsure", "disappointed", "happy"]):
        store.vote("/port/80", "en", visitor(n), reaction)
    store.vote("/port/22", "fr", visitor(0), "unsure", "  ")
    assert store.totals("/port/80") == Totals(disappointed=1, unsure=1, happy=3)
    assert store.totals("/port/80").total == 5
    assert store.totals("/port/9") == Totals()

    stats = store.stats()
    assert [(s.page, s.total) for s in stats] == [("/port/80", 5), ("/port/22", 1)]
    assert stats[0].counts == Totals(disappointed=1, unsure=1, happy=3)
    assert stats[0].last_vote.tzinfo is not None
    assert abs(datetime.now(UTC) - stats[0].last_vote) < timedelta(minutes=5)
    assert stats[1].as_dict()["unsure"] == 1


def test_export_csv_has_every_vote_and_no_visitor_id(store: FeedbackStore) -> None:
    store.vote("/port/53", "en", visitor("a"), "happy", 'quotes " and, commas\nnewline')
    store.vote("/port/53", "pt-BR", visitor("b"), "unsure", "=HYPERLINK(1)")
    store.vote("/port/25", "en", visitor("c"), "disappointed")
    out = io.StringIO(newline="")
    assert store.export_csv(out) == 3
    text = out.getvalue()
    for n in ("a", "b", "c"):
        assert visitor(n) not in text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["page"], r["reaction"]) for r in rows] == [
        ("/port/25", "disappointed"),
        ("/port/53", "happy"),
        ("/port/53", "unsure"),
    ]
    assert rows[1]["comment"] == 'quotes " and, commas\nnewline'
    # A formula from an anonymous visitor must not run when the export is opened.
    assert rows[2]["comment"] == "'=HYPERLINK(1)"
    assert rows[0]["comment"] == ""
    assert datetime.fromisoformat(rows[0]["created_at"]).tzinfo is not None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reaction": "angry"}, "unknown reaction"),
        ({"comment": "x" * 501}, "at most 500"),
        ({"comment": "nul\x00byte"}, "NUL"),
        ({"page": ""}, "page must be"),
        ({"page": "/port/443 <script>"}, "not allowed"),
        ({"page": "/p" * 101}, "page must be"),
        ({"language": "english!"}, "language"),
        ({"visitor": "192.168.100.100"}, "visitor"),
        ({"visitor": "short"}, "visitor"),
        ({"visitor": "2001:db8::1:2:3:4:5"}, "visitor"),
    ],
)
def test_validation_errors(store: FeedbackStore, kwargs: dict[str, str], message: str) -> None:
    vote = {
        "page": "/port/443",
        "language": "en",
        "visitor": visitor(1),
        "reaction": "happy",
        "comment": None,
    } | kwargs
    with pytest.raises(InvalidFeedback, match=message) as info:
        store.vote(**vote)
    assert isinstance(info.value, PortpediaError)
    assert "\n" not in str(info.value)
    assert store.totals("/port/443") == Totals()


def test_comment_of_exactly_500_characters_is_kept(store: FeedbackStore) -> None:
    store.vote("/port/443", "en", visitor(1), "happy", "é" * 500)
    [vote] = list(store.iter_votes())
    assert vote.comment == "é" * 500


def test_thousand_votes_from_fifty_threads_are_all_kept(store: FeedbackStore, db_url: str) -> None:
    threads, per_thread = 50, 20
    start = threading.Barrier(threads)

    def cast(t: int) -> None:
        start.wait()
        for i in range(per_thread):
            store.vote(f"/port/{i % 5}", "en", visitor(f"{t}-{i}"), ("happy", "unsure")[i % 2])

    began = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(cast, t) for t in range(threads)]:
            future.result()
    elapsed = time.perf_counter() - began
    assert count_rows(db_url) == threads * per_thread
    assert sum(s.total for s in store.stats()) == threads * per_thread
    # Page 0 gets i = 0, 5, 10, 15 from every thread: two of each reaction.
    assert store.totals("/port/0") == Totals(unsure=100, happy=100)
    print(f"{threads * per_thread} votes on {db_url.split(':')[0]} in {elapsed:.2f} s")


def test_one_visitor_voting_from_many_threads_keeps_one_row(
    store: FeedbackStore, db_url: str
) -> None:
    threads = 20
    start = threading.Barrier(threads)

    def cast(t: int) -> Totals:
        start.wait()
        return store.vote("/port/8080", "en", visitor("same"), ("happy", "unsure")[t % 2])

    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(cast, range(threads)))
    assert all(r.total == 1 for r in results)
    assert count_rows(db_url) == 1


def test_prune_deletes_only_old_votes(store: FeedbackStore, db_url: str) -> None:
    for n in range(4):
        store.vote("/port/21", "en", visitor(n), "happy")
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            old = datetime.now(UTC) - timedelta(days=40)
            conn.execute(
                update(feedback_votes)
                .where(feedback_votes.c.visitor.in_([visitor(0), visitor(1)]))
                .values(created_at=old, updated_at=old)
            )
    finally:
        engine.dispose()
    assert store.prune(timedelta(days=30)) == 2
    assert store.prune(timedelta(days=30)) == 0
    assert store.totals("/port/21") == Totals(happy=2)
    with pytest.raises(InvalidFeedback):
        store.prune(timedelta(days=-1))


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/pragmas.sqlite3"
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar_one()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("busy_timeout") == 5000
            assert pragma("foreign_keys") == 1
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_postgres_store_recovers_when_its_connections_are_killed(postgres_url: str) -> None:
    from portpedia.store import migrate

    migrate(postgres_url)
    with FeedbackStore(postgres_url) as store:
        store.vote("/port/5432", "en", visitor(1), "happy")
        application = dict(part.split("=", 1) for part in postgres_url.split("?", 1)[1].split("&"))[
            "application_name"
        ]
        server = postgres_url.split("?", 1)[0]
        # What a server restart does to pooled connections.
        with psycopg.connect(server, autocommit=True) as admin:
            killed = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = %s",
                (application,),
            ).fetchone()
        assert killed is not None and killed[0] >= 1
        assert store.vote("/port/5432", "en", visitor(2), "happy") == Totals(happy=2)
        store.ping()
