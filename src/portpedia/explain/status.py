"""A port's status in one word, decided here for every face: the report, listings, the API."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portpedia.registry import IanaEntry, Registry

STATUSES = ("assigned", "reserved", "unassigned", "dynamic")


def decide_status(rows: Iterable[IanaEntry], range_key: str) -> str:
    """``assigned`` if any registry row assigns the port, else ``dynamic`` in the dynamic
    range (it is never assigned), else ``reserved`` if a row reserves it, else
    ``unassigned``."""
    rows = list(rows)
    if any(e.status == "assigned" for e in rows):
        return "assigned"
    if range_key == "dynamic":
        return "dynamic"
    if any(e.status == "reserved" for e in rows):
        return "reserved"
    return "unassigned"


def port_status(port: int, registry: Registry | None = None) -> str:
    """:func:`decide_status` for ``port`` in ``registry`` (default: the loaded one)."""
    from portpedia.knowledge.ranges import range_of

    if registry is None:
        from portpedia.registry import load

        registry = load()
    return decide_status(registry.at(port), range_of(port).key)
