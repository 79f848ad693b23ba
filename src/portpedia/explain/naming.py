"""The one name to show for a port: its IANA service, else its best-known unofficial use.

Kept apart from the report machinery so that the local room can label thousands of
sockets without importing it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portpedia.registry import IanaEntry


def is_alias(e: IanaEntry) -> bool:
    """Rows that yield to a port's main name: aliases, duplicates, historic entries."""
    notes = e.notes.lower()
    return "alias" in notes or "duplicate of" in notes or "historic" in notes


def service_name(port: int, transport: str = "tcp") -> str | None:
    """The best-known name for ``port``: its IANA service, else a well-known unofficial use."""
    from portpedia.registry import load

    rows = [
        e
        for e in load().at(port)
        if e.service and e.transport in (transport, "") and not e.is_range
    ]
    if rows:
        rows.sort(key=is_alias)
        return rows[0].service
    from portpedia.knowledge.index import uses_for

    for use in uses_for(port):
        if transport in use.transports:
            return use.name
    return None
