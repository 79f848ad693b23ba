"""Typed records for the curated knowledge that sits beside the IANA registry.

They mirror the TOML tables of ``knowledge/data`` (docs/knowledge.md describes every
field). Prose fields hold the English text, which is also the msgid its translations
are filed under: render them through a gettext to show them in another language.
"""

# No `from __future__ import annotations`: with it, typing compiles a ForwardRef for every
# NamedTuple field, which costs milliseconds on every CLI start.

from typing import NamedTuple


class Source(NamedTuple):
    """A citable source. ``id`` is the stable key facts use to cite it."""

    id: str
    title: str
    url: str
    publisher: str = ""


class UnofficialUse(NamedTuple):
    """A de-facto use of a port (or range) by some software, IANA-assigned or not.

    ``risk`` is ``""`` for ordinary software, ``"exposure"`` for services that are
    dangerous when reachable from the internet (databases, admin consoles), and
    ``"malware"`` for ports known to be used by malicious software. ``rank`` is its
    prominence: 1 for what the port is known for, down to 5 for rare uses.
    """

    port: int
    transports: tuple[str, ...]
    name: str
    summary: str
    sources: tuple[str, ...]
    risk: str = ""
    high: int | None = None  # set when the use spans a range of ports
    id: str = ""
    rank: int = 3
    historic: bool = False
    aliases: tuple[str, ...] = ()

    def covers(self, port: int) -> bool:
        return self.port <= port <= (self.high if self.high is not None else self.port)

    @property
    def ports(self) -> str:
        return f"{self.port}-{self.high}" if self.high is not None else str(self.port)


class Related(NamedTuple):
    """A port an article points to: the secure or insecure pair, an alternate, a companion."""

    port: int
    transports: tuple[str, ...]
    note: str


class Article(NamedTuple):
    """The long answer for a well-known port or range: what it is, who talks, the risks."""

    port: int
    high: int | None
    transports: tuple[str, ...]
    name: str  # the friendly name ("Remote Desktop (RDP)")
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
    related: tuple[Related, ...]
    aliases: tuple[str, ...]
    sources: tuple[str, ...]

    def covers(self, port: int) -> bool:
        return self.port <= port <= (self.high if self.high is not None else self.port)

    @property
    def ports(self) -> str:
        return f"{self.port}-{self.high}" if self.high is not None else str(self.port)


class ProductPort(NamedTuple):
    """One port a product needs, with the machine it is opened on and what it carries."""

    port: int
    high: int | None
    transport: str
    direction: str  # inbound | outbound | internode
    role: str
    purpose: str
    required: bool
    sources: tuple[str, ...]

    def covers(self, port: int) -> bool:
        return self.port <= port <= (self.high if self.high is not None else self.port)

    @property
    def ports(self) -> str:
        return f"{self.port}-{self.high}" if self.high is not None else str(self.port)


class Product(NamedTuple):
    """A product and every port it needs."""

    id: str
    name: str
    group: str
    summary: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]
    ports: tuple[ProductPort, ...]

    def ports_at(self, port: int) -> tuple[ProductPort, ...]:
        """The entries of :attr:`ports` that cover ``port``."""
        return tuple(p for p in self.ports if p.covers(port))
