"""The domain: one explanation of any port, plus lookup by service name and text search.

``explain(port, protocol)`` is pure apart from reading the registry, and returns the
:class:`PortReport` that the CLI, the website, the exporter and library users all render.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portpedia.explain._search import ParsedQuery, SearchHit, SearchResult, parse_query
    from portpedia.explain.naming import friendly_name, port_name, service_name
    from portpedia.explain.report import (
        Assignment,
        CheckCommand,
        EphemeralUse,
        Footnote,
        KnownUse,
        Note,
        PortReport,
        RangeInfo,
    )
    from portpedia.explain.service import ServiceReport, lookup_service
    from portpedia.explain.service_index import ServiceIndex, service_index
    from portpedia.explain.status import port_status

# Loaded on first use, so that a caller needing one light submodule (the local room's
# ``naming``) does not pay for the report classes and everything behind them.
_LAZY = {
    "Assignment": "report",
    "CheckCommand": "report",
    "EphemeralUse": "report",
    "Footnote": "report",
    "KnownUse": "report",
    "Note": "report",
    "PortReport": "report",
    "RangeInfo": "report",
    "ParsedQuery": "_search",
    "SearchHit": "_search",
    "SearchResult": "_search",
    "parse_query": "_search",
    "ServiceIndex": "service_index",
    "service_index": "service_index",
    "ServiceReport": "service",
    "lookup_service": "service",
    "service_name": "naming",
    "port_name": "naming",
    "friendly_name": "naming",
    "port_status": "status",
}

# How many of a service's ports get a full report where the service is shown.
SERVICE_REPORTS = 5


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'portpedia.explain' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"portpedia.explain.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "SERVICE_REPORTS",
    "Assignment",
    "CheckCommand",
    "EphemeralUse",
    "Footnote",
    "KnownUse",
    "Note",
    "ParsedQuery",
    "PortReport",
    "RangeInfo",
    "SearchHit",
    "SearchResult",
    "ServiceIndex",
    "ServiceReport",
    "explain",
    "friendly_name",
    "is_port_query",
    "lookup_service",
    "parse_query",
    "port_name",
    "port_status",
    "search",
    "service_index",
    "service_name",
    "service_reports",
]


def explain(port: int | str, protocol: str | None = None) -> PortReport:
    """Explain ``port`` (an int, or text such as ``"443"`` or ``"80/tcp"``).

    Raises :class:`~portpedia.errors.InvalidPortError` for anything that is not a port
    0-65535 or a protocol other than tcp, udp, sctp and dccp.
    """
    from portpedia.explain._port_report import compose
    from portpedia.ports import parse_port, parse_protocol
    from portpedia.registry import load

    if isinstance(port, str):
        number, proto = parse_port(port, protocol)
    else:
        from portpedia.errors import InvalidPortError

        if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
            raise InvalidPortError(f"port {port!r} is out of range: ports run from 0 to 65535")
        number, proto = port, parse_protocol(protocol)
    return compose(load(), number, proto)


def search(query: str, limit: int = 20) -> SearchResult:
    """The one search of every face: a port in any usual form, or words (see :mod:`._search`).

    Raises :class:`~portpedia.errors.InvalidPortError` when ``query`` is written as a port
    that is not one (``99999``, ``port 70000``).
    """
    from portpedia.explain._search import search as _search

    return _search(query, limit)


def is_port_query(text: str) -> bool:
    """Is ``text`` meant as a port (``443``, ``80/tcp``, ``-1``, or nothing at all) rather
    than a name or words? Then answers, and errors, are about ports: every face asks here."""
    from portpedia.ports import looks_like_port

    return not text.strip() or looks_like_port(text)


def service_reports(service: ServiceReport, protocol: str | None = None) -> list[PortReport]:
    """The reports shown with a service: its first :data:`SERVICE_REPORTS` ports."""
    return [explain(p, protocol) for p in service.ports[:SERVICE_REPORTS]]
