"""The report's curated parts: the article about a port and the products that use it.

Kept out of :mod:`.report` so that a lookup of a port without them does not pay for
creating their classes; :mod:`.report` re-exports them.
"""

# No `from __future__ import annotations`: with it, typing compiles a ForwardRef for every
# NamedTuple field, which costs milliseconds on every CLI start.

from typing import Any, NamedTuple

from portpedia.i18n import N_, Gettext


class RelatedPort(NamedTuple):
    port: int
    transports: tuple[str, ...]
    note: str

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"port": self.port, "transports": list(self.transports), "note": gt(self.note)}


class ArticleInfo(NamedTuple):
    """The curated article about the port. Prose fields are English msgids ("" if absent)."""

    ports: str
    transports: tuple[str, ...]
    name: str  # the friendly name
    summary: str
    worry: str  # low | exposure | high
    what: str
    who: str
    transports_note: str
    listening: str
    outgoing: str
    security: str
    advice: str
    history: str
    cves: tuple[str, ...]
    related: tuple[RelatedPort, ...]
    cites: tuple[int, ...]

    # The fields an article section shows, with N_-marked headings, in reading order. The
    # report puts ``listening`` and ``outgoing`` under "probably", ``security`` and
    # ``advice`` under the security notes.
    SECTIONS = (
        ("what", N_("What it is for")),
        ("who", N_("Who talks to whom")),
        ("transports_note", N_("Transports")),
        ("history", N_("History")),
    )

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)

        def prose(text: str) -> str | None:
            return gt(text) if text else None

        return {"ports": self.ports, "transports": list(self.transports), "name": gt(self.name),
                "summary": gt(self.summary), "worry": self.worry, "what": prose(self.what),
                "who": prose(self.who), "transports_note": prose(self.transports_note),
                "listening": prose(self.listening), "outgoing": prose(self.outgoing),
                "security": prose(self.security), "advice": prose(self.advice),
                "history": prose(self.history), "cves": list(self.cves),
                "related": [r.to_dict(gettext) for r in self.related],
                "cites": list(self.cites)}  # fmt: skip


class ProductPortInfo(NamedTuple):
    ports: str
    transport: str
    direction: str  # inbound | outbound | internode
    role: str
    purpose: str
    required: bool
    cites: tuple[int, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"ports": self.ports, "transport": self.transport, "direction": self.direction,
                "role": gt(self.role), "purpose": gt(self.purpose), "required": self.required,
                "cites": list(self.cites)}  # fmt: skip


class ProductInfo(NamedTuple):
    """A product that needs the port, with the entries of its port list that cover it."""

    id: str
    name: str
    group: str
    summary: str
    ports: tuple[ProductPortInfo, ...]
    cites: tuple[int, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"id": self.id, "name": gt(self.name), "group": self.group,
                "summary": gt(self.summary), "ports": [p.to_dict(gettext) for p in self.ports],
                "cites": list(self.cites)}  # fmt: skip
