"""The ephemeral-port settings of an operating system, as plain records, and their errors.

Each ``_settings_<os>`` module turns what that OS prints or exposes into an
:class:`EphemeralSettings`; this module holds what they share.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from portpedia.errors import PortpediaError

# The transports (of portpedia.ports.TRANSPORTS) that have an ephemeral port pool.
TRANSPORTS = ("tcp", "udp")
FAMILIES = ("ipv4", "ipv6")


class SettingsError(PortpediaError, ValueError):
    """The ephemeral-port settings could not be read or did not make sense."""

    exit_code = 1


class PoolRange(NamedTuple):
    """The ports one transport and address family draws source ports from (inclusive)."""

    transport: str
    family: str
    low: int
    high: int

    @property
    def size(self) -> int:
        return self.high - self.low + 1

    def contains(self, port: int) -> bool:
        return self.low <= port <= self.high


class Setting(NamedTuple):
    """One OS knob that matters for source ports, with its default when there is one."""

    name: str
    value: str
    default: str | None
    meaning: str

    @property
    def differs(self) -> bool:
        return self.default is not None and self.value != self.default

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "default": self.default,
            "differs_from_default": self.differs,
            "meaning": self.meaning,
        }


class EphemeralSettings(NamedTuple):
    """Where this OS (or network namespace) takes source ports from.

    ``os`` is a key of :data:`portpedia.knowledge.ephemeral.OS_RANGES` (``linux``,
    ``macos``, ``freebsd``, ``openbsd``, ``windows``). ``ranges`` has one entry per
    transport and family; on most systems they are all the same. ``reserved`` are ports
    inside a range that the OS never hands out by itself. ``netns`` is the Linux network
    namespace the values were read in, since each namespace has its own.
    """

    os: str
    source: str
    ranges: tuple[PoolRange, ...]
    reserved: frozenset[int] = frozenset()
    settings: tuple[Setting, ...] = ()
    netns: int | None = None

    def range_for(self, transport: str, family: str) -> PoolRange | None:
        for r in self.ranges:
            if r.transport == transport and r.family == family:
                return r
        return None

    def setting(self, name: str) -> Setting | None:
        for s in self.settings:
            if s.name == name:
                return s
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "os": self.os,
            "source": self.source,
            "netns": self.netns,
            "ranges": [r._asdict() for r in self.ranges],
            "reserved": compress_ports(self.reserved),
            "settings": [s.to_dict() for s in self.settings],
        }


def same_everywhere(low: int, high: int) -> tuple[PoolRange, ...]:
    """One range shared by TCP and UDP over IPv4 and IPv6 (Linux and the BSDs)."""
    return tuple(PoolRange(t, f, low, high) for t in TRANSPORTS for f in FAMILIES)


def port_number(text: str, what: str) -> int:
    """``text`` as a port 0-65535, or a :class:`SettingsError` naming ``what``."""
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > 5:
        raise SettingsError(f"{what}: expected a port number, got {text[:40]!r}")
    value = int(text)
    if value > 65535:
        raise SettingsError(f"{what}: {value} is not a port number (0-65535)")
    return value


def checked_range(low: int, high: int, what: str) -> tuple[int, int]:
    if low > high:
        raise SettingsError(f"{what}: the range {low}-{high} is empty (first above last)")
    return low, high


def compress_ports(ports: frozenset[int] | set[int]) -> str:
    """``{8080, 9000, 9001, 9002}`` as ``"8080,9000-9002"`` (the Linux sysctl format)."""
    parts: list[str] = []
    run: list[int] = []
    for port in sorted(ports):
        if run and port == run[-1] + 1:
            run.append(port)
            continue
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
        run = [port]
    if run:
        parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ",".join(parts)
