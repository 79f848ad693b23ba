"""The ephemeral (source) port pool of this machine, as a commons that can run dry.

    >>> from portpedia.local.ephemeral import live
    >>> report = live()
    >>> report.busiest.percent if report.busiest else 0.0

The pool is not one budget but many: a source port can be reused as long as the
connection's four-tuple stays unique, so each TCP destination (local address, remote
address, remote port) has the whole range to itself. Linux does not share UDP source ports
between destinations, so connected UDP sockets draw from one budget per local address.

:func:`compute` builds the :class:`EphemeralReport` from settings and sockets and looks at
nothing else, so recorded data gives the same answer every time; :func:`live` gathers
both from this machine (or network namespace) and calls it.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from portpedia.local._settings_common import (
    FAMILIES,
    TRANSPORTS,
    EphemeralSettings,
    PoolRange,
    Setting,
    SettingsError,
    compress_ports,
)
from portpedia.net import is_loopback

if TYPE_CHECKING:
    from portpedia.local import Scan, Socket

__all__ = [
    "Advice",
    "Destination",
    "EphemeralReport",
    "EphemeralSettings",
    "InUse",
    "Listener",
    "Opener",
    "Pool",
    "PoolRange",
    "Setting",
    "SettingsError",
    "compute",
    "live",
    "read_settings",
    "to_openmetrics",
]

WARN_PERCENT = 50.0
TOP = 10
# UDP sockets share one budget per local address; this stands for "every destination".
ANY = "*"
_CLIENT_STATES = ("ESTABLISHED", "TIME_WAIT")


class Opener(NamedTuple):
    """A process holding sockets toward a destination (or a listener)."""

    pid: int
    name: str
    sockets: int

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class Pool(NamedTuple):
    """One transport and family's range, with how far it is from the OS default."""

    transport: str
    family: str
    low: int
    high: int
    reserved: int
    default_low: int | None
    default_high: int | None

    @property
    def size(self) -> int:
        """Ports the OS can hand out: the range minus the reserved ports inside it."""
        return self.high - self.low + 1 - self.reserved

    @property
    def differs(self) -> bool:
        return self.default_low is not None and (
            (self.low, self.high) != (self.default_low, self.default_high)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "transport": self.transport,
            "family": self.family,
            "low": self.low,
            "high": self.high,
            "reserved": self.reserved,
            "size": self.size,
            "default": None
            if self.default_low is None
            else {"low": self.default_low, "high": self.default_high},
            "differs_from_default": self.differs,
        }


class InUse(NamedTuple):
    transport: str
    state: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return self._asdict()


class Destination(NamedTuple):
    """Sockets sharing one source-port budget, and how much of it they use.

    For TCP that is one (local address, remote address, remote port); for UDP one local
    address, with ``remote_address``/``remote_port`` None (every destination).
    """

    transport: str
    family: str
    local_address: str
    remote_address: str | None
    remote_port: int | None
    used: int
    pool_size: int
    states: tuple[tuple[str, int], ...]
    openers: tuple[Opener, ...]
    unowned: int  # open sockets whose process we cannot see (TIME_WAIT has none to see)

    @property
    def ratio(self) -> float:
        return self.used / self.pool_size if self.pool_size > 0 else 1.0

    @property
    def percent(self) -> float:
        return 100.0 * self.ratio

    @property
    def remote(self) -> str:
        if self.remote_address is None or self.remote_port is None:
            return "any destination"
        return _endpoint(self.remote_address, self.remote_port)

    def state_count(self, state: str) -> int:
        return dict(self.states).get(state, 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "transport": self.transport,
            "family": self.family,
            "local_address": self.local_address,
            "remote_address": self.remote_address,
            "remote_port": self.remote_port,
            "remote": self.remote,
            "used": self.used,
            "pool_size": self.pool_size,
            "ratio": round(self.ratio, 6),
            "percent": round(self.percent, 2),
            "states": dict(self.states),
            "openers": [o.to_dict() for o in self.openers],
            "unowned": self.unowned,
        }


class Listener(NamedTuple):
    """A server listening on a port the OS might also hand to an outgoing connection."""

    transport: str
    address: str
    port: int
    openers: tuple[Opener, ...]

    @property
    def local(self) -> str:
        return _endpoint(self.address, self.port)

    def to_dict(self) -> dict[str, Any]:
        return {
            "transport": self.transport,
            "address": self.address,
            "port": self.port,
            "openers": [o.to_dict() for o in self.openers],
        }


class Advice(NamedTuple):
    """A warning or note in plain words, with commands to act on it where there are any."""

    level: str  # "warning" or "note"
    code: str
    message: str
    commands: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "code": self.code,
            "message": self.message,
            "commands": list(self.commands),
        }


class EphemeralReport(NamedTuple):
    """The state of the pool: settings, use by state, busiest destinations, advice."""

    settings: EphemeralSettings
    pools: tuple[Pool, ...]
    in_use: tuple[InUse, ...]
    destinations: tuple[Destination, ...]  # the busiest, most used share first
    destination_count: int
    listeners: tuple[Listener, ...]
    advice: tuple[Advice, ...]
    notes: tuple[str, ...] = ()

    @property
    def total_in_use(self) -> int:
        return sum(u.count for u in self.in_use)

    @property
    def busiest(self) -> Destination | None:
        return self.destinations[0] if self.destinations else None

    @property
    def max_percent(self) -> float:
        return self.busiest.percent if self.busiest else 0.0

    @property
    def warnings(self) -> tuple[Advice, ...]:
        return tuple(a for a in self.advice if a.level == "warning")

    def above(self, percent: float) -> tuple[Destination, ...]:
        """Destinations using more than ``percent`` of their pool (busiest first)."""
        return tuple(d for d in self.destinations if d.percent > percent)

    def state_count(self, state: str, transport: str = "tcp") -> int:
        return sum(u.count for u in self.in_use if u.state == state and u.transport == transport)

    def to_dict(self) -> dict[str, Any]:
        return {
            "settings": self.settings.to_dict(),
            "pools": [p.to_dict() for p in self.pools],
            "in_use": {
                "total": self.total_in_use,
                "by_state": [u.to_dict() for u in self.in_use],
            },
            "destination_count": self.destination_count,
            "max_percent": round(self.max_percent, 2),
            "destinations": [d.to_dict() for d in self.destinations],
            "listeners_in_range": [x.to_dict() for x in self.listeners],
            "advice": [a.to_dict() for a in self.advice],
            "notes": list(self.notes),
        }


# --- settings ----------------------------------------------------------------------------


def os_key(platform: str | None = None) -> str:
    platform = platform or sys.platform
    if platform.startswith("linux"):
        return "linux"
    if platform == "win32":
        return "windows"
    if platform == "darwin":
        return "macos"
    if platform.startswith("openbsd"):
        return "openbsd"
    return "freebsd"  # FreeBSD and DragonFly share the portrange sysctls


def read_settings() -> EphemeralSettings:
    """This OS's (on Linux: this network namespace's) ephemeral-port settings."""
    key = os_key()
    if key == "linux":
        from portpedia.local import _settings_linux

        return _settings_linux.read()
    if key == "windows":
        from portpedia.local import _settings_windows

        return _settings_windows.read()
    from portpedia.local import _settings_bsd

    return _settings_bsd.read(key)


def _default_range(os: str) -> tuple[int, int] | None:
    from portpedia.knowledge.ephemeral import OS_RANGES

    for r in OS_RANGES:
        if r.key == os and r.current:
            return r.low, r.high
    return None


# --- the report --------------------------------------------------------------------------


def _endpoint(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def _openers(sockets: Iterable[Socket]) -> tuple[Opener, ...]:
    counts: Counter[tuple[int, str]] = Counter()
    for s in sockets:
        for o in s.owners:
            counts[o.pid, o.name] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(Opener(pid, name, n) for (pid, name), n in ranked)


def compute(
    settings: EphemeralSettings,
    sockets: Iterable[Socket],
    *,
    top: int = TOP,
    warn_percent: float = WARN_PERCENT,
    notes: Iterable[str] = (),
) -> EphemeralReport:
    """The report for ``settings`` and ``sockets`` (a :func:`portpedia.local.sockets` list).

    A socket counts as using the pool when its local port is inside its transport's and
    family's range (and not reserved), it is not a listener, and its port is not one a
    local server listens on (then it is the server's side of an accepted connection).
    A TCP destination's budget is the pool minus the ports local servers listen on inside
    it, since connect() never picks a port that something has bound.
    """
    sockets = [s for s in sockets if s.transport in TRANSPORTS]
    default = _default_range(settings.os)
    pools = tuple(
        Pool(
            r.transport,
            r.family,
            r.low,
            r.high,
            sum(1 for p in settings.reserved if r.low <= p <= r.high),
            default[0] if default else None,
            default[1] if default else None,
        )
        for r in settings.ranges
    )
    pool_of = {(p.transport, p.family): p for p in pools}
    served = {(s.transport, s.local_port) for s in sockets if s.listening}

    def in_pool(s: Socket) -> Pool | None:
        pool = pool_of.get((s.transport, s.family))
        if pool is None or not pool.low <= s.local_port <= pool.high:
            return None
        return None if s.local_port in settings.reserved else pool

    counted: list[Socket] = []
    listeners: list[Listener] = []
    for s in sockets:
        if s.state == "LISTEN":
            if in_pool(s) is not None:
                listeners.append(
                    Listener(s.transport, s.local_address, s.local_port, _openers([s]))
                )
            continue
        if s.listening or (s.transport, s.local_port) in served or in_pool(s) is None:
            continue
        counted.append(s)

    blocked: dict[tuple[str, str], set[int]] = {}
    for x in listeners:
        for family in FAMILIES:
            blocked.setdefault((x.transport, family), set()).add(x.port)

    by_state = Counter((s.transport, s.state) for s in counted)
    in_use = tuple(
        InUse(t, state, n)
        for (t, state), n in sorted(by_state.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1]))
    )

    groups: dict[tuple[str, str, str, str | None, int | None], list[Socket]] = {}
    for s in counted:
        if s.transport == "udp":
            key = (s.transport, s.family, s.local_address, None, None)
        else:
            key = (s.transport, s.family, s.local_address, s.remote_address, s.remote_port)
        groups.setdefault(key, []).append(s)
    destinations = []
    for (transport, family, local, remote, rport), members in groups.items():
        states = Counter(s.state for s in members)
        destinations.append(
            Destination(
                transport,
                family,
                local,
                remote,
                rport,
                len(members),
                # Linux never picks a port someone bind()s (a listener) for connect().
                pool_of[transport, family].size - len(blocked.get((transport, family), ())),
                tuple(sorted(states.items(), key=lambda kv: (-kv[1], kv[0]))),
                _openers(members),
                sum(1 for s in members if not s.owners and s.state != "TIME_WAIT"),
            )
        )
    destinations.sort(
        key=lambda d: (-d.ratio, -d.used, d.transport, d.local_address, d.remote_address or "")
    )
    listeners.sort(key=lambda x: (x.port, x.transport, x.address))
    busy = [d for d in destinations if d.percent >= warn_percent]
    advice = _advise(settings, pools, busy, listeners, warn_percent)
    return EphemeralReport(
        settings,
        pools,
        in_use,
        tuple(destinations[: max(top, 1)]),
        len(destinations),
        tuple(listeners),
        advice,
        tuple(notes),
    )


def live(
    *, top: int = TOP, warn_percent: float = WARN_PERCENT, owners: bool = True
) -> EphemeralReport:
    """Read this machine's settings and sockets now and :func:`compute` the report."""
    from portpedia.local import scan

    settings = read_settings()
    found: Scan = scan(owners=owners, readings=False)
    return compute(settings, found.sockets, top=top, warn_percent=warn_percent, notes=found.notes)


# --- advice ------------------------------------------------------------------------------


def _wider(pool: Pool) -> tuple[int, int] | None:
    # 10000 keeps clear of most servers below it; past that, only the top can grow.
    low = 10000 if pool.low > 10000 else 1024 if pool.low > 1024 else pool.low
    high = 65535
    return None if (low, high) == (pool.low, pool.high) else (low, high)


def _widen_commands(os: str, pool: Pool) -> tuple[str, ...]:
    wider = _wider(pool)
    if wider is None:
        return ()
    low, high = wider
    if os == "linux":
        return (
            f'sysctl -w net.ipv4.ip_local_port_range="{low} {high}"',
            f"echo 'net.ipv4.ip_local_port_range = {low} {high}' "
            "> /etc/sysctl.d/90-ephemeral-ports.conf",
        )
    if os == "windows":
        return tuple(
            f"netsh int {family} set dynamicport {transport} start={low} num={high - low + 1}"
            for family in FAMILIES
            for transport in TRANSPORTS
        )
    if os == "openbsd":
        return (f"sysctl net.inet.ip.portfirst={low}", f"sysctl net.inet.ip.portlast={high}")
    return (
        f"sysctl -w net.inet.ip.portrange.first={low}",
        f"sysctl -w net.inet.ip.portrange.last={high}",
    )


def _tw_reusable(settings: EphemeralSettings, d: Destination) -> bool:
    if settings.os != "linux" or d.transport != "tcp":
        return False
    tw = settings.setting("net.ipv4.tcp_tw_reuse")
    value = tw.value if tw else None
    return value == "1" or (value == "2" and is_loopback(d.remote_address))


def _time_wait_advice(settings: EphemeralSettings, busy: list[Destination]) -> Advice | None:
    waiting = sum(d.state_count("TIME_WAIT") for d in busy)
    used = sum(d.used for d in busy)
    if not waiting or waiting * 4 < used:
        return None
    share = f"{waiting} of the {used} ports in the busiest pools are in TIME_WAIT"
    if settings.os == "linux":
        tw = settings.setting("net.ipv4.tcp_tw_reuse")
        value = tw.value if tw else None
        if all(_tw_reusable(settings, d) for d in busy):
            return Advice(
                "note",
                "time-wait",
                f"{share}; tcp_tw_reuse={value} already lets new connections reuse them "
                "once they are a second old, so the real cost is the connection rate.",
            )
        return Advice(
            "note",
            "time-wait",
            f"{share}: each closed connection keeps its port for 60 s. With tcp_tw_reuse=1 "
            "outgoing connections may reuse them (needs TCP timestamps, which Linux sends "
            f"by default); it is {value or 'unknown'} here"
            + (" (loopback only)" if value == "2" else "")
            + ".",
            ("sysctl -w net.ipv4.tcp_tw_reuse=1",),
        )
    if settings.os == "windows":
        return Advice(
            "note",
            "time-wait",
            f"{share}; Windows keeps them for TcpTimedWaitDelay seconds (120 by default).",
            (
                "reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters "
                "/v TcpTimedWaitDelay /t REG_DWORD /d 30 /f",
            ),
        )
    msl = settings.setting("net.inet.tcp.msl")
    return Advice(
        "note",
        "time-wait",
        f"{share}; they last twice net.inet.tcp.msl"
        + (f" ({2 * int(msl.value) / 1000:g} s here)" if msl else "")
        + ".",
    )


def _advise(
    settings: EphemeralSettings,
    pools: tuple[Pool, ...],
    busy: list[Destination],
    listeners: list[Listener],
    warn_percent: float,
) -> tuple[Advice, ...]:
    os = settings.os
    out: list[Advice] = []
    for d in busy:
        where = f"{d.transport.upper()} from {d.local_address} to {d.remote}"
        waiting = d.state_count("TIME_WAIT")
        reusable = waiting and _tw_reusable(settings, d)
        if d.used >= d.pool_size and not reusable:
            text = (
                f"{where} has used all {d.pool_size} source ports: new connections there fail "
                "with EADDRNOTAVAIL (Cannot assign requested address)"
            )
        else:
            text = (
                f"{where} uses {d.used} of {d.pool_size} source ports ({d.percent:.0f}%, "
                f"warning at {warn_percent:g}%); when none are left new connections fail "
                "with EADDRNOTAVAIL"
            )
        if reusable:
            text += (
                f"; {waiting} of them are in TIME_WAIT, which tcp_tw_reuse lets new "
                "connections take over once they are a second old"
            )
        who = ", ".join(f"{o.name} (pid {o.pid})" for o in d.openers[:3])
        out.append(
            Advice(
                "warning", "destination-busy", text + (f"; opened by {who}" if who else "") + "."
            )
        )
    if busy:
        pool = next(
            (p for p in pools if (p.transport, p.family) == (busy[0].transport, busy[0].family)),
            pools[0],
        )
        commands = _widen_commands(os, pool)
        if commands:
            container = (
                " Each network namespace (container) has its own range: set it inside, or "
                "with docker run --sysctl / a pod's securityContext.sysctls."
                if os == "linux"
                else ""
            )
            out.append(
                Advice(
                    "note",
                    "widen-range",
                    f"Widen the range from {pool.low}-{pool.high} ({pool.high - pool.low + 1} "
                    "ports); keep servers out of the new range or reserve their ports." + container,
                    commands,
                )
            )
        else:
            out.append(
                Advice(
                    "note",
                    "widen-range",
                    f"The range {pool.low}-{pool.high} cannot grow much further; use the "
                    "other remedies.",
                )
            )
        waiting = _time_wait_advice(settings, busy)
        if waiting:
            out.append(waiting)
        out.append(
            Advice(
                "note",
                "reuse-connections",
                "Reuse connections (HTTP keep-alive, a connection pool in the client or the "
                "database driver) instead of opening one per request: each new connection "
                "takes a port, and each close leaves it in TIME_WAIT.",
            )
        )
        bind_hint = (
            "set IP_BIND_ADDRESS_NO_PORT (Linux 4.2+) on sockets that bind() a source "
            "address before connect(), so the port is picked at connect() and can be "
            "shared across destinations"
            if os == "linux"
            else "set SO_REUSEADDR on sockets that bind() a source address before "
            "connect(), so bound ports can be shared across destinations"
        )
        udp = any(d.transport == "udp" for d in busy)
        out.append(
            Advice(
                "note",
                "more-addresses",
                "Spread connections over more source addresses (each local address has its "
                "own pool per destination) or more destination addresses or ports; "
                + bind_hint
                + "."
                + (
                    " UDP sockets do not share source ports between destinations, so reuse "
                    "one unconnected socket for many peers where the protocol allows."
                    if udp
                    else ""
                ),
            )
        )
    for x in listeners:
        who = ", ".join(f"{o.name} (pid {o.pid})" for o in x.openers)
        if os == "linux":
            reserved = compress_ports(set(settings.reserved) | {x.port})
            commands: tuple[str, ...] = (
                f'sysctl -w net.ipv4.ip_local_reserved_ports="{reserved}"',
            )
        elif os == "windows":
            commands = (
                f"netsh int ipv4 add excludedportrange protocol={x.transport} "
                f"startport={x.port} numberofports=1",
            )
        else:
            commands = ()
        out.append(
            Advice(
                "note",
                "listener-in-range",
                f"{x.transport.upper()} server on {x.local}"
                + (f" ({who})" if who else "")
                + " listens inside the ephemeral range: while it runs, the OS will not hand "
                "that port to outgoing connections, and if it restarts an outgoing "
                "connection may have taken the port. Move it out of the range"
                + (" or reserve the port." if commands else "."),
                commands,
            )
        )
    return tuple(out)


# --- OpenMetrics -------------------------------------------------------------------------


def _label(value: object) -> str:
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _labels(**labels: object) -> str:
    if not labels:
        return ""
    return "{" + ",".join(f"{k}={_label(v)}" for k, v in labels.items()) + "}"


def _number(value: float) -> str:
    return repr(float(value)) if isinstance(value, float) else str(value)


def to_openmetrics(report: EphemeralReport) -> str:
    """The report in the OpenMetrics text format (for node_exporter's textfile collector)."""
    lines: list[str] = []

    def family(name: str, help_text: str, samples: list[tuple[dict[str, object], float]]) -> None:
        full = f"portpedia_ephemeral_{name}"
        lines.append(f"# HELP {full} {help_text}")
        lines.append(f"# TYPE {full} gauge")
        for labels, value in samples:
            lines.append(f"{full}{_labels(**labels)} {_number(value)}")

    pools = [(p, {"transport": p.transport, "family": p.family}) for p in report.pools]
    family("range_low", "First port of the ephemeral range.", [(k, p.low) for p, k in pools])
    family("range_high", "Last port of the ephemeral range.", [(k, p.high) for p, k in pools])
    family(
        "reserved_ports",
        "Reserved ports inside the ephemeral range.",
        [(k, p.reserved) for p, k in pools],
    )
    family(
        "pool_size",
        "Ports the OS can hand out per destination: range minus reserved ports.",
        [(k, p.size) for p, k in pools],
    )
    # Always export the common states so the series exist before the first connection.
    counts = {(u.transport, u.state): u.count for u in report.in_use}
    for key in (("tcp", "ESTABLISHED"), ("tcp", "TIME_WAIT"), ("udp", "CONNECTED")):
        counts.setdefault(key, 0)
    family(
        "in_use",
        "Non-listening sockets whose local port is in the ephemeral range, by state.",
        [({"transport": t, "state": s}, n) for (t, s), n in sorted(counts.items())],
    )
    family(
        "destinations",
        "Distinct destinations (separate source-port budgets) in use.",
        [({}, report.destination_count)],
    )
    family(
        "max_used_ratio",
        "Largest share of its pool that any destination uses (0-1).",
        [({}, round(report.busiest.ratio, 6) if report.busiest else 0.0)],
    )
    destination_labels = [
        (
            d,
            {
                "transport": d.transport,
                "local": d.local_address,
                "remote": d.remote_address if d.remote_address is not None else ANY,
                "remote_port": d.remote_port if d.remote_port is not None else ANY,
            },
        )
        for d in report.destinations
    ]
    family(
        "destination_used",
        "Source ports used toward one destination (busiest destinations only).",
        [(k, d.used) for d, k in destination_labels],
    )
    family(
        "destination_used_ratio",
        "Share of its pool one destination uses, 0-1 (busiest destinations only).",
        [(k, round(d.ratio, 6)) for d, k in destination_labels],
    )
    family(
        "listeners_in_range",
        "TCP servers listening on a port inside the ephemeral range.",
        [({}, len(report.listeners))],
    )
    lines.append("# EOF")
    return "\n".join(lines) + "\n"
