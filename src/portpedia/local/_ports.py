"""This machine's port pools: the ephemeral range, reserved ports, and finding a free port."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random

# RFC 6335's dynamic range, which Windows, macOS and the BSDs use by default.
IANA_EPHEMERAL = (49152, 65535)
USER_RANGE = (1024, 49151)


def _linux_range() -> tuple[int, int] | None:
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, high = (int(x) for x in f.read().split())
    except (OSError, ValueError):
        return None
    return low, high


def _sysctl_range() -> tuple[int, int] | None:
    import subprocess

    keys = ["net.inet.ip.portrange.first", "net.inet.ip.portrange.last"]
    try:
        out = subprocess.run(
            ["sysctl", "-n", *keys], capture_output=True, text=True, timeout=5, check=True
        ).stdout.split()
        return int(out[0]), int(out[1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def _windows_range() -> tuple[int, int] | None:
    import subprocess

    try:
        out = subprocess.run(
            ["netsh", "int", "ipv4", "show", "dynamicport", "tcp"],
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    numbers = [int(w) for w in out.replace(":", " ").split() if w.isdigit()]
    if len(numbers) >= 2:
        start, count = numbers[0], numbers[1]
        return start, start + count - 1
    return None


def ephemeral_range() -> tuple[int, int]:
    """The (low, high) ports the OS picks from for outgoing connections, inclusive."""
    if sys.platform.startswith("linux"):
        found = _linux_range()
    elif sys.platform == "win32":
        found = _windows_range()
    else:
        found = _sysctl_range()
    return found or IANA_EPHEMERAL


def parse_port_list(text: str) -> frozenset[int]:
    """``"8080,9000-9002"`` (the ip_local_reserved_ports format) as a set of ports."""
    ports: set[int] = set()
    for part in text.replace("\n", ",").split(","):
        part = part.strip()
        if not part:
            continue
        low, _, high = part.partition("-")
        a, b = int(low), int(high or low)
        ports.update(range(a, b + 1))
    return frozenset(ports)


def reserved_ports() -> frozenset[int]:
    """Ports the kernel keeps out of automatic assignment (Linux ip_local_reserved_ports)."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_reserved_ports") as f:
            return parse_port_list(f.read())
    except (OSError, ValueError):
        return frozenset()


def _bindable(family: int, address: str, port: int) -> bool:
    import errno
    import socket

    try:
        s = socket.socket(family, socket.SOCK_STREAM)
    except OSError:
        return True  # no such family on this machine: nothing there can collide
    try:
        if family == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind((address, port))
        return True
    except OSError as exc:
        # EADDRNOTAVAIL: IPv6 is disabled, so nothing can hold the port there.
        return exc.errno == errno.EADDRNOTAVAIL
    finally:
        s.close()


def is_free(port: int) -> bool:
    """True if a TCP server could bind ``port`` on every address right now.

    Binding the wildcard addresses without SO_REUSEADDR fails if any TCP socket holds the
    port on any address, including connections and TIME_WAIT leftovers.
    """
    import socket

    return _bindable(socket.AF_INET, "0.0.0.0", port) and _bindable(socket.AF_INET6, "::", port)


def free_port(
    low: int = USER_RANGE[0],
    high: int = USER_RANGE[1],
    *,
    assigned: Callable[[int], bool] | None = None,
    attempts: int = 200,
    rng: random.Random | None = None,
) -> int:
    """A TCP port free right now, outside the ephemeral range and reserved ports.

    Candidates are drawn at random from ``low..high`` (the IANA user range by default), so
    two programs asking at once rarely get the same answer. Ports for which ``assigned``
    says True (an IANA assignment, say) are only used when nothing else is free. Free
    "now" is all anyone can promise: bind it soon, and be ready for a collision.
    """
    import random

    from portpedia.local._errors import NoFreePortError

    rng = rng or random.Random()
    eph_low, eph_high = ephemeral_range()
    reserved = reserved_ports()
    fallback: int | None = None
    pool = [p for p in range(low, high + 1) if not eph_low <= p <= eph_high and p not in reserved]
    if not pool:
        raise NoFreePortError(
            f"no candidate ports in {low}-{high} outside the ephemeral range {eph_low}-{eph_high}"
        )
    for port in rng.sample(pool, min(attempts, len(pool))):
        if assigned is not None and assigned(port):
            if fallback is None and is_free(port):
                fallback = port
            continue
        if is_free(port):
            return port
    if fallback is not None:
        return fallback
    raise NoFreePortError(f"found no free port in {low}-{high} after {attempts} attempts")
