"""Typed records for the curated knowledge that sits beside the IANA registry.

``Source`` and ``UnofficialUse`` are defined here; ``Article`` (with ``Related``) and
``Product`` (with ``ProductPort``) live in :mod:`._records` and :mod:`._products` and are
importable from here.

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


def __getattr__(name: str) -> type:
    # Articles and products are read for few ports: their classes (each NamedTuple costs
    # a fraction of a millisecond to create) are made on first use.
    if name in ("Article", "Related"):
        from portpedia.knowledge import _records as module
    elif name in ("Product", "ProductPort"):
        from portpedia.knowledge import _products as module  # type: ignore[no-redef]
    else:
        raise AttributeError(f"module 'portpedia.knowledge.model' has no attribute {name!r}")
    value: type = getattr(module, name)
    globals()[name] = value
    return value
