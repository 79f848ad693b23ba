"""Looking a service up by name: ``ssh`` -> 22/tcp, 22/udp, 22/sctp."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from portpedia.errors import UnknownServiceError
from portpedia.registry import IanaEntry, load

if TYPE_CHECKING:
    from portpedia.explain._search import SearchHit


class ServiceReport(NamedTuple):
    name: str
    entries: tuple[IanaEntry, ...]  # every row with this name, name-only rows included
    aliases: tuple[str, ...]  # other names registered on the same port and transport
    # For a name registered without a port (rdp, smb): the ports search finds for it, so
    # that the service is no dead end. Empty when the name has ports of its own.
    see_also: tuple[SearchHit, ...] = ()

    @property
    def ports(self) -> tuple[int, ...]:
        return tuple(sorted({e.low for e in self.entries if e.low is not None}))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ports": list(self.ports),
            "aliases": list(self.aliases),
            "entries": [
                {
                    "ports": e.port_text or None,
                    "transport": e.transport or None,
                    "description": e.description,
                    "reference": e.reference or None,
                    "notes": e.notes or None,
                }
                for e in self.entries
            ],
            "see_also": [h.to_dict() for h in self.see_also],
        }


def _suggest(name: str, names: list[str]) -> list[str]:
    import difflib  # only on a miss: 1.3 ms that a found name need not pay

    name = name.lower()
    close = difflib.get_close_matches(name, names, n=5, cutoff=0.75)
    starts = [n for n in names if n.startswith(name) and n not in close][: 5 - len(close)]
    return close + starts


def lookup_service(name: str) -> ServiceReport:
    reg = load()
    rows = reg.named(name)
    if not rows:
        raise UnknownServiceError(name[:60], _suggest(name[:60], reg.names()))
    aliases: dict[str, None] = {}
    for e in rows:
        if e.low is None:
            continue
        for other in reg.at(e.low):
            if (
                other.service
                and other.service.lower() != name.lower()
                and other.transport == e.transport
                and other.port_text == e.port_text
            ):
                aliases[other.service] = None
    report = ServiceReport(rows[0].service, tuple(rows), tuple(aliases))
    if report.ports:
        return report
    return report._replace(see_also=_see_also(report.name))


def _see_also(name: str) -> tuple[SearchHit, ...]:
    """The ports a search for ``name`` finds, other than this name's own port-less rows."""
    from portpedia.explain._search import close_hits

    return close_hits(name)
