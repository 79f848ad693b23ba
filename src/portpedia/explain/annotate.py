"""Finding the ports in text people paste, and explaining each one.

Understands the output of ``ss``, ``netstat`` (Linux, Windows ``-ano``, macOS), ``lsof``,
``docker ps``, nmap, and firewall logs: ufw and iptables/nftables LOG lines
(``SRC= DST= PROTO= SPT= DPT=``), pf logs read with tcpdump (``a.b.c.d.PORT > ...``) and
Windows Firewall's ``pfirewall.log``. Each line is read on its own, so mixed pastes work.
"""

# No `from __future__ import annotations`: NamedTuple fields stay cheap to build.

import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

MAX_TEXT = 8 * 1024 * 1024  # characters; a larger paste is refused by the faces
MAX_LINE = 64 * 1024  # longer lines are cut: no log line is that long

_KV = re.compile(r"\bPROTO=(\w+).*?\bSPT=(\d{1,5})\b.*?\bDPT=(\d{1,5})\b")
_PFIREWALL = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (?:ALLOW|DROP|INFO-EVENTS-LOST) (TCP|UDP|\d+|\S+) "
    r"\S+ \S+ (\d{1,5}|-) (\d{1,5}|-) "
)
_TCPDUMP = re.compile(r"(\S+)\.(\d{1,5}) > (\S+)\.(\d{1,5}):")
_DOCKER = re.compile(r"(?:(?<=\s)|(?<=,)|^)(?:(\S*?):)?(\d{1,5})->(\d{1,5})/(tcp|udp|sctp)\b")
_EXPOSED = re.compile(
    r"(?:(?<=\s)|(?<=,)|^)(\d{1,5})/(tcp|udp|sctp)\b(?!\s+(?:open|closed|filtered))"
)
_NMAP = re.compile(
    r"^(\d{1,5})/(tcp|udp|sctp)\s+(open\|filtered|open|closed|filtered|unfiltered)\b"
)
_TRANSPORT = re.compile(r"^\s*(tcp|udp|sctp)[46]?\b", re.IGNORECASE)
_LSOF_TYPE = re.compile(r"\s(TCP|UDP)\s")
_DOTTED = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3}){3}|\*|[0-9a-fA-F:]*:[0-9a-fA-F:]*(?:%\w+)?)\.(\d{1,5})$"
)
_NAME = re.compile(r"^[a-z][a-z0-9-]{1,30}$")  # lsof shows service names without -P


class Sighting(NamedTuple):
    line: int  # 1-based
    role: str  # local | remote | source | destination | published | container | scanned


class Finding(NamedTuple):
    port: int
    transport: str | None
    sightings: tuple[Sighting, ...]


class Annotation(NamedTuple):
    port: int
    transport: str | None
    sightings: tuple[Sighting, ...]
    name: str | None
    ephemeral: bool  # only ever seen as a temporary source port
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        return {"port": self.port, "transport": self.transport, "name": self.name,
                "ephemeral_source": self.ephemeral, "explanation": self.explanation,
                "found": [{"line": s.line, "role": s.role} for s in self.sightings]}  # fmt: skip


def _proto(text: str) -> str | None:
    t = text.lower()
    return t if t in ("tcp", "udp", "sctp") else None


def _address_port(token: str) -> int | str | None:
    """The port in ``1.2.3.4:80``, ``[::]:22``, ``:::6379``, ``*:http``, ``127.0.0.1.5432``."""
    token = token.strip("(),")
    head, sep, tail = token.rpartition(":")
    if sep and (head == "" or head == "*" or any(c.isdigit() for c in head) or head.startswith("[")
                or head == "localhost" or head.endswith(":")):  # fmt: skip
        if tail.isdigit() and len(tail) <= 5:
            return int(tail)
        if _NAME.match(tail) and (head == "*" or head[0].isdigit() or head.startswith("[")):
            return tail
        return None
    dotted = _DOTTED.match(token)
    if dotted:
        return int(dotted.group(1))
    return None


def _line_ports(text: str) -> Iterator[tuple[int | str, str | None, str]]:
    """(port or service name, transport or None, role) for one line."""
    kv = _KV.search(text)
    if kv:
        yield int(kv.group(2)), _proto(kv.group(1)), "source"
        yield int(kv.group(3)), _proto(kv.group(1)), "destination"
        return
    fw = _PFIREWALL.match(text)
    if fw:
        proto = _proto(fw.group(1))
        for value, role in ((fw.group(2), "source"), (fw.group(3), "destination")):
            if value.isdigit():
                yield int(value), proto, role
        return
    dump = _TCPDUMP.search(text)
    if dump:
        proto = "tcp" if "Flags [" in text else "udp" if "UDP" in text else None
        yield int(dump.group(2)), proto, "source"
        yield int(dump.group(4)), proto, "destination"
        return
    scanned = _NMAP.match(text)
    if scanned:
        yield int(scanned.group(1)), scanned.group(2), "scanned"
        return
    docker = list(_DOCKER.finditer(text))
    if docker:
        for m in docker:
            yield int(m.group(2)), m.group(4), "published"
            yield int(m.group(3)), m.group(4), "container"
        return
    lead = _TRANSPORT.match(text) or _LSOF_TYPE.search(text)
    proto = _proto(lead.group(1)) if lead else None
    found = []
    for token in text.split():
        for part in token.split("->"):
            port = _address_port(part)
            if port is not None:
                found.append(port)
    if found:
        roles = ("local", "remote")
        for i, port in enumerate(found[:2]):
            yield port, proto, roles[i]
        return
    for m in _EXPOSED.finditer(text):
        yield int(m.group(1)), m.group(2), "container"


def find_ports(text: str) -> tuple[Finding, ...]:
    """Every port in ``text``, in order of first sighting, with where it was seen."""
    from portpedia.registry import load

    seen: dict[tuple[int, str | None], list[Sighting]] = {}
    registry = None
    for number, line in enumerate(text.splitlines(), start=1):
        for port, proto, role in _line_ports(line[:MAX_LINE]):
            if isinstance(port, str):
                registry = registry or load()
                rows = [e for e in registry.named(port) if e.low is not None]
                if not rows:
                    continue
                port = rows[0].low
            if not 0 < port <= 65535:
                continue
            seen.setdefault((port, proto), []).append(Sighting(number, role))
    return tuple(Finding(p, t, tuple(s)) for (p, t), s in seen.items())


def _is_ephemeral(finding: Finding, name: str | None) -> bool:
    from portpedia.knowledge.ephemeral import OS_RANGES

    source_only = all(s.role in ("source", "local", "remote") for s in finding.sightings)
    in_range = any(r.current and r.contains(finding.port) for r in OS_RANGES)
    return name is None and in_range and source_only


def annotate(text: str, gettext: Any = None) -> tuple[Annotation, ...]:
    """Each port in ``text`` with its short explanation (rendered with ``gettext``)."""
    from portpedia.explain import explain, service_name

    notes = []
    for f in find_ports(text):
        transport = f.transport if f.transport in ("tcp", "udp") else None
        name = service_name(f.port, transport or "tcp")
        ephemeral = _is_ephemeral(f, name)
        summary = explain(f.port, transport).summary.render(gettext)
        notes.append(Annotation(f.port, f.transport, f.sightings, name, ephemeral, summary))
    return tuple(notes)


def render_text(text: str, notes: Iterable[Annotation], gettext: Any = None) -> str:
    """The text with a short note under the line where each port first appears."""
    _ = gettext or (lambda s: s)
    first: dict[int, list[Annotation]] = {}
    for note in notes:
        first.setdefault(note.sightings[0].line, []).append(note)
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        out.append(line)
        for note in first.get(number, ()):
            where = f"{note.port}/{note.transport}" if note.transport else str(note.port)
            if note.ephemeral:
                out.append(f"  ^ {where}: " + _("a temporary (ephemeral) source port"))
            else:
                out.append(f"  ^ {where}: {note.explanation}")
    return "\n".join(out) + "\n"
