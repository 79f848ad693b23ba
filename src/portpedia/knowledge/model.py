"""Typed records for the curated knowledge that sits beside the IANA registry."""

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
    """A well-known use of a port that IANA did not assign (or assigned to someone else).

    ``risk`` is ``""`` for ordinary software, ``"exposure"`` for services that are
    dangerous when reachable from the internet (databases, admin consoles), and
    ``"malware"`` for ports known to be used by malicious software.
    """

    port: int
    transports: tuple[str, ...]
    name: str
    summary: str
    sources: tuple[str, ...]
    risk: str = ""
    high: int | None = None  # set when the use spans a range of ports

    def covers(self, port: int) -> bool:
        return self.port <= port <= (self.high if self.high is not None else self.port)
