"""Typed records for products (see :mod:`.model`, which re-exports them)."""

# No `from __future__ import annotations`: with it, typing compiles a ForwardRef for every
# NamedTuple field, which costs milliseconds on every CLI start.

from typing import NamedTuple


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
