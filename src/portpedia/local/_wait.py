"""Waiting for a port: until something listens on it, or until it is free.

For scripts and CI (``portpedia wait 5432 && run-tests``). It asks the kernel the same way
``who`` does (netlink with the port filtered), or with ``host`` tries to connect, and
polls with back-off: 10 ms at first, doubling up to half a second, never a busy loop.
"""

from __future__ import annotations

import math
import socket
import time
from typing import Any, NamedTuple

from portpedia.errors import PortpediaError

MAX_WAIT = 86400.0
FIRST_DELAY = 0.01
MAX_DELAY = 0.5


class WaitError(PortpediaError):
    """A wait that cannot be done as asked (bad timeout, UDP on another host)."""

    exit_code = 2


class WaitResult(NamedTuple):
    port: int
    transport: str
    wanted: str  # "listening" | "free"
    reached: bool
    waited: float  # seconds
    checks: int

    def to_dict(self) -> dict[str, Any]:
        return {"port": self.port, "transport": self.transport, "wanted": self.wanted,
                "reached": self.reached, "waited": round(self.waited, 3),
                "checks": self.checks}  # fmt: skip


def parse_wait(text: str | float) -> float:
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise WaitError(f"--timeout wants seconds, e.g. 30, not {str(text)[:20]!r}") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_WAIT:
        raise WaitError(f"--timeout must be between 0 and {MAX_WAIT:g} seconds")
    return value


def _listening_here(port: int, transport: str) -> bool:
    from portpedia.local._scan import scan

    found = scan(port, listening_only=True, owners=False, readings=False)
    return any(s.local_port == port and s.transport == transport for s in found.sockets)


def _accepts(host: str, port: int, timeout: float) -> bool:
    try:
        with socket.create_connection((host, port), timeout=max(0.05, min(timeout, 2.0))):
            return True
    except OSError:
        return False


def wait_for(
    port: int,
    *,
    transport: str = "tcp",
    free: bool = False,
    timeout: float = 30.0,
    host: str | None = None,
) -> WaitResult:
    """Wait until ``port`` is listening (or, with ``free``, until nothing listens on it).

    Without ``host`` this machine's sockets are read; with it, a TCP connection is tried.
    """
    if host is not None and transport == "udp":
        raise WaitError("a UDP port on another host cannot be seen from here: drop --host or --udp")
    wanted = "free" if free else "listening"
    start = time.monotonic()
    deadline = start + timeout
    delay = FIRST_DELAY
    checks = 0
    while True:
        checks += 1
        left = deadline - time.monotonic()
        up = _listening_here(port, transport) if host is None else _accepts(host, port, left)
        if up != free:
            return WaitResult(port, transport, wanted, True, time.monotonic() - start, checks)
        left = deadline - time.monotonic()
        if left <= 0:
            return WaitResult(port, transport, wanted, False, time.monotonic() - start, checks)
        time.sleep(min(delay, left))
        delay = min(delay * 2, MAX_DELAY)
