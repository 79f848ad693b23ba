"""Typed records for articles (see :mod:`.model`, which re-exports them)."""

# No `from __future__ import annotations`: with it, typing compiles a ForwardRef for every
# NamedTuple field, which costs milliseconds on every CLI start.

from typing import NamedTuple


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
