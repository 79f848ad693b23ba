"""The index of IANA service names, so that "Services" leads somewhere: by first letter.

``service_index()`` is the overview (every letter with how many names start with it, and
the names of the well-known ports); ``service_index("s")`` lists the names under one
letter with their ports. Faces render it; it adds no facts beyond IANA's rows.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from portpedia.errors import PortpediaError
from portpedia.i18n import Msg

DIGITS = "0-9"  # the one group for names that start with a digit ("3com-tsmux")


class UnknownIndexLetterError(PortpediaError, LookupError):
    """The index has no such letter."""

    exit_code = 1

    def __init__(self, letter: str) -> None:
        self.letter = letter
        super().__init__(
            Msg(
                "no service index for {letter}: use a letter a-z or 0-9",
                letter=repr(letter[:10]),
            )
        )


class ServiceIndexEntry(NamedTuple):
    name: str
    ports: tuple[int, ...]  # sorted, the first port of each row; () for a name-only row
    transports: tuple[str, ...]
    description: str  # IANA's description of its first row, first line

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ports": list(self.ports),
            "transports": list(self.transports),
            "description": self.description,
        }


class ServiceIndex(NamedTuple):
    letter: str  # "" for the overview
    letters: tuple[tuple[str, int], ...]  # ("a", 585), ..., ("0-9", 36): names per group
    # Under a letter: its names, alphabetical. In the overview: the names registered on
    # the well-known ports (0-1023) over TCP or UDP, by port.
    entries: tuple[ServiceIndexEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "letter": self.letter or None,
            "letters": [{"letter": k, "count": n} for k, n in self.letters],
            "entries": [e.to_dict() for e in self.entries],
        }


def _group(name: str) -> str:
    head = name[:1].lower()
    return head if "a" <= head <= "z" else DIGITS


@cache
def _entries() -> tuple[ServiceIndexEntry, ...]:
    from portpedia.registry import load

    rows: dict[str, list[Any]] = {}
    for e in load().entries:
        if e.service:
            rows.setdefault(e.service.lower(), []).append(e)
    out = []
    for group in rows.values():
        ports = tuple(sorted({e.low for e in group if e.low is not None}))
        transports = tuple(sorted({e.transport for e in group if e.transport}))
        desc = next((e.description for e in group if e.description), "")
        out.append(ServiceIndexEntry(group[0].service, ports, transports, desc.split("\n")[0]))
    out.sort(key=lambda s: s.name.lower())
    return tuple(out)


def service_index(letter: str = "") -> ServiceIndex:
    """The overview (``letter`` empty) or the names under ``letter`` (a-z, or 0-9).

    Raises :class:`UnknownIndexLetterError` for anything else.
    """
    key = letter.strip().lower()
    if key and not (key == DIGITS or (len(key) == 1 and "a" <= key <= "z")):
        raise UnknownIndexLetterError(letter)
    entries = _entries()
    counts: dict[str, int] = {}
    for s in entries:
        g = _group(s.name)
        counts[g] = counts.get(g, 0) + 1
    letters = tuple(sorted(counts.items(), key=lambda kv: (kv[0] == DIGITS, kv[0])))
    if key:
        chosen = tuple(s for s in entries if _group(s.name) == key)
    else:
        famous = [
            s for s in entries
            if s.ports and s.ports[0] < 1024 and {"tcp", "udp"} & set(s.transports)
        ]  # fmt: skip
        chosen = tuple(sorted(famous, key=lambda s: (s.ports[0], s.name.lower())))
    return ServiceIndex(key, letters, chosen)
