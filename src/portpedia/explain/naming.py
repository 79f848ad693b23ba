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


def port_name(port: int) -> str | None:
    """The name listings show for ``port`` whatever the transport: TCP's, else UDP's."""
    return service_name(port) or service_name(port, "udp")


def friendly_name(port: int) -> tuple[str, bool] | None:
    """The name a reader knows ``port`` by, and whether it is curated (translatable).

    The article's name ("Remote Desktop (RDP)"), else the top-ranked curated use's, else
    the IANA service name (``False``: IANA's own text) or another curated use, else None.
    """
    from portpedia.knowledge.index import article_for, uses_for

    article = article_for(port)
    if article is not None:
        return article.name, True
    uses = uses_for(port)
    if uses and uses[0].rank == 1:
        return uses[0].name, True
    name = port_name(port)
    if not name:
        return None
    # port_name falls back to a curated use when IANA has no name: that one is prose.
    return name, any(u.name == name for u in uses)
