"""The report every face renders. Plain typed data: no I/O, no formatting decisions.

Prose fields are :class:`~portpedia.i18n.Msg` values (or ``N_``-marked strings) so each
face can show them in its reader's language; ``to_dict`` renders them with a gettext.
"""

# No `from __future__ import annotations`: with it, typing compiles a ForwardRef for every
# NamedTuple field, which costs milliseconds on every CLI start.

from typing import Any, NamedTuple

from portpedia.i18n import N_, Gettext, Msg
from portpedia.knowledge.model import Source


class Footnote(NamedTuple):
    number: int
    source: Source

    def to_dict(self) -> dict[str, Any]:
        s = self.source
        return {"number": self.number, "id": s.id, "title": s.title, "url": s.url,
                "publisher": s.publisher}  # fmt: skip


class Assignment(NamedTuple):
    """One IANA row covering the port, with people resolved to display names."""

    service: str
    transport: str  # "" means every transport
    ports: str  # "443" or "6000-6063"
    status: str  # assigned | reserved | unassigned
    description: str
    assignee: str
    contact: str
    registered: str
    modified: str
    reference: str
    service_code: str
    unauthorized: str
    notes: str
    cites: tuple[int, ...]

    @property
    def is_range(self) -> bool:
        return "-" in self.ports

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service or None,
            "transport": self.transport or None,
            "ports": self.ports,
            "status": self.status,
            "description": self.description,
            "assignee": self.assignee or None,
            "contact": self.contact or None,
            "registered": self.registered or None,
            "modified": self.modified or None,
            "reference": self.reference or None,
            "service_code": self.service_code or None,
            "unauthorized_use": self.unauthorized or None,
            "notes": self.notes or None,
            "cites": list(self.cites),
        }


class EphemeralUse(NamedTuple):
    os_key: str
    os: str
    low: int
    high: int
    contains: bool
    current: bool
    setting: str
    note: str
    cites: tuple[int, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"os": self.os_key, "name": self.os, "low": self.low, "high": self.high,
                "contains_port": self.contains, "current_default": self.current,
                "setting": self.setting, "note": gt(self.note),
                "cites": list(self.cites)}  # fmt: skip


class KnownUse(NamedTuple):
    """A curated use of the port, in rank order (1 = what the port is known for)."""

    name: str
    transports: tuple[str, ...]
    ports: str
    summary: str
    risk: str
    cites: tuple[int, ...]
    rank: int = 3
    historic: bool = False
    id: str = ""

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"id": self.id or None, "name": gt(self.name), "transports": list(self.transports),
                "ports": self.ports, "summary": gt(self.summary), "risk": self.risk or None,
                "rank": self.rank, "historic": self.historic,
                "cites": list(self.cites)}  # fmt: skip


class CheckCommand(NamedTuple):
    os: str  # linux | macos | windows
    tool: str
    command: str
    purpose: Msg
    cites: tuple[int, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        return {"os": self.os, "tool": self.tool, "command": self.command,
                "purpose": self.purpose.render(gettext), "cites": list(self.cites)}  # fmt: skip


class Note(NamedTuple):
    """A sentence or two with its sources; ``level`` is info, caution or warning."""

    text: Msg
    cites: tuple[int, ...] = ()
    level: str = "info"

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        return {"text": self.text.render(gettext), "level": self.level,
                "cites": list(self.cites)}  # fmt: skip


class RangeInfo(NamedTuple):
    key: str  # system | user | dynamic
    low: int
    high: int
    name: str
    also_called: str
    meaning: str
    cites: tuple[int, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"key": self.key, "low": self.low, "high": self.high, "name": gt(self.name),
                "also_called": gt(self.also_called), "meaning": gt(self.meaning),
                "cites": list(self.cites)}  # fmt: skip


class PortReport(NamedTuple):
    """Everything portpedia knows about one port (optionally one transport)."""

    port: int
    protocol: str | None
    status: str  # assigned | reserved | unassigned | dynamic
    title: Msg
    summary: Msg
    range: RangeInfo
    assignments: tuple[Assignment, ...]
    ephemeral: tuple[EphemeralUse, ...]
    known_uses: tuple[KnownUse, ...]
    likely: tuple[Note, ...]
    checks: tuple[CheckCommand, ...]
    security: tuple[Note, ...]
    about: tuple[Note, ...]
    footnotes: tuple[Footnote, ...]
    registry_updated: str
    previous: int | None = None
    next: int | None = None
    names: tuple[str, ...] = ()
    # portpedia.knowledge.model.Article | None, the article record itself, and the
    # footnote numbers of its sources; tuple[ProductInfo, ...] (see ._products). Written
    # as Any: a string annotation costs typing a ForwardRef compile, ~3 ms of every CLI
    # lookup, and naming the classes would create them for every port.
    article: Any = None
    article_cites: tuple[int, ...] = ()
    products: tuple[Any, ...] = ()
    friendly_name: str = ""  # the article's name, else the top-ranked use's, else ""

    @property
    def ephemeral_on(self) -> tuple[EphemeralUse, ...]:
        """The OS defaults (current ones first) that would hand this port out."""
        return tuple(sorted((e for e in self.ephemeral if e.contains), key=lambda e: not e.current))

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {
            "port": self.port,
            "protocol": self.protocol,
            "status": self.status,
            "title": self.title.render(gettext),
            "summary": self.summary.render(gettext),
            "names": list(self.names),
            "range": self.range.to_dict(gettext),
            "assignments": [a.to_dict() for a in self.assignments],
            "ephemeral": [e.to_dict(gettext) for e in self.ephemeral],
            "friendly_name": gt(self.friendly_name) if self.friendly_name else None,
            "article": (
                _article_dict(self.article, self.article_cites, gt) if self.article else None
            ),
            "known_uses": [u.to_dict(gettext) for u in self.known_uses],
            "products": [p.to_dict(gettext) for p in self.products],
            "likely": [n.to_dict(gettext) for n in self.likely],
            "checks": [c.to_dict(gettext) for c in self.checks],
            "security": [n.to_dict(gettext) for n in self.security],
            "about": [n.to_dict(gettext) for n in self.about],
            "footnotes": [f.to_dict() for f in self.footnotes],
            "registry_updated": self.registry_updated,
            "previous": self.previous,
            "next": self.next,
        }


# The article fields its own section shows, with N_-marked headings, in reading order; the
# report puts ``listening`` and ``outgoing`` under "probably", ``security`` and ``advice``
# under the security notes.
ARTICLE_SECTIONS = (
    ("what", N_("What it is for")),
    ("who", N_("Who talks to whom")),
    ("transports_note", N_("Transports")),
    ("history", N_("History")),
)


def _article_dict(a: Any, cites: tuple[int, ...], gt: Gettext) -> dict[str, Any]:
    """The JSON of an article record; prose rendered with ``gt``, absent fields None."""

    def prose(text: str) -> str | None:
        return gt(text) if text else None

    return {"ports": a.ports, "transports": list(a.transports), "name": gt(a.name),
            "summary": gt(a.summary), "worry": a.worry, "what": prose(a.what),
            "who": prose(a.who), "transports_note": prose(a.transports_note),
            "listening": prose(a.listening), "outgoing": prose(a.outgoing),
            "security": prose(a.security), "advice": prose(a.advice),
            "history": prose(a.history), "cves": list(a.cves),
            "related": [{"port": r.port, "transports": list(r.transports), "note": gt(r.note)}
                        for r in a.related],
            "cites": list(cites)}  # fmt: skip


def __getattr__(name: str) -> type:
    # The product parts of a report (._products), made on first use.
    if name in ("ProductInfo", "ProductPortInfo"):
        from portpedia.explain import _products as module  # type: ignore[no-redef]
    else:
        raise AttributeError(f"module 'portpedia.explain.report' has no attribute {name!r}")
    value: type = getattr(module, name)
    globals()[name] = value
    return value
