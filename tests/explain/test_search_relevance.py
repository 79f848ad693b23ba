"""The relevance set: each query's expected port must be in the top 3, for 95% of them."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from portpedia.explain import search
from portpedia.explain._search import _curated_entries

SET = Path(__file__).with_name("search_relevance.toml")
GOAL = 0.95


def _queries() -> list[dict[str, Any]]:
    with SET.open("rb") as fh:
        return tomllib.load(fh)["query"]


def _available() -> set[str]:
    curated = _curated_entries()
    return {
        kind for kind, key in (("articles", "article"), ("products", "product")) if curated[key]
    }


def top3(query: str, port: int) -> bool:
    result = search(query, 3)
    if result.port is not None:
        return result.port == port
    return any(
        h.port is not None and h.port <= port <= int(h.ports.rsplit("-", 1)[-1])
        for h in result.hits
    )


def test_the_set_is_big_enough() -> None:
    queries = _queries()
    today = [q for q in queries if "needs" not in q]
    assert len(today) >= 60
    assert len({q["q"] for q in queries}) == len(queries), "a query is listed twice"
    assert {q.get("needs") for q in queries} <= {None, "articles", "products"}


def test_hit_rate_meets_the_goal() -> None:
    available = _available()
    queries = [q for q in _queries() if q.get("needs") in (None, *available)]
    misses = [(q["q"], q["port"]) for q in queries if not top3(q["q"], q["port"])]
    rate = 1 - len(misses) / len(queries)
    assert rate >= GOAL, f"hit rate {rate:.1%} below {GOAL:.0%}; misses: {misses}"


@pytest.mark.parametrize("kind", ["articles", "products"])
def test_queries_waiting_for_data(kind: str) -> None:
    """Visible in the report while they wait; once the data exists they count above."""
    waiting = [q for q in _queries() if q.get("needs") == kind]
    if kind not in _available():
        pytest.skip(f"no {kind} in knowledge/data yet: {len(waiting)} queries wait for them")
    assert all(isinstance(search(str(q["q"])).hits, tuple) for q in waiting)
