"""Linux: the ephemeral-port sysctls under /proc/sys/net/ipv4.

They belong to a network namespace, and /proc/sys/net shows the namespace of the process
reading it, so a container (or ``ip netns exec``) sees its own values. The IPv4 knobs
apply to IPv6 sockets too.
"""

from __future__ import annotations

import os

from portpedia.local._settings_common import (
    EphemeralSettings,
    Setting,
    SettingsError,
    checked_range,
    port_number,
    same_everywhere,
)

ROOT = "/proc/sys/net/ipv4"
DEFAULT_TW_REUSE = "2"
DEFAULT_FIN_TIMEOUT = "60"
_TW_REUSE_MEANING = {
    "0": "never reuse TIME_WAIT ports for new outgoing connections",
    "1": "outgoing connections may reuse TIME_WAIT ports (needs TCP timestamps)",
    "2": "TIME_WAIT ports are reused only for loopback connections",
}
MAX_RESERVED_TEXT = 1 << 20  # the kernel caps the file far below this


def parse_port_range(text: str) -> tuple[int, int]:
    """``"32768\\t60999\\n"`` (ip_local_port_range) as ``(32768, 60999)``."""
    what = "ip_local_port_range"
    parts = text.split()
    if len(parts) != 2:
        raise SettingsError(f"{what}: expected two port numbers, got {text.strip()[:40]!r}")
    return checked_range(port_number(parts[0], what), port_number(parts[1], what), what)


def parse_reserved(text: str) -> frozenset[int]:
    """``"8080,9000-9002"`` (ip_local_reserved_ports; empty when none) as a set of ports."""
    what = "ip_local_reserved_ports"
    if len(text) > MAX_RESERVED_TEXT:
        raise SettingsError(f"{what}: the value is implausibly long")
    ports: set[int] = set()
    for part in text.strip().split(","):
        part = part.strip()
        if not part:
            continue
        low_text, dash, high_text = part.partition("-")
        low = port_number(low_text, what)
        high = port_number(high_text, what) if dash else low
        low, high = checked_range(low, high, what)
        ports.update(range(low, high + 1))
    return frozenset(ports)


def parse_integer(text: str, what: str) -> int:
    """A sysctl holding one small non-negative integer."""
    value = text.strip()
    if not value.isascii() or not value.isdigit() or len(value) > 10:
        raise SettingsError(f"{what}: expected a number, got {value[:40]!r}")
    return int(value)


def _read(root: str, name: str) -> str | None:
    try:
        with open(os.path.join(root, name), encoding="ascii", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def _netns() -> int | None:
    try:
        return os.stat("/proc/self/ns/net").st_ino
    except OSError:
        return None


def read(root: str = ROOT) -> EphemeralSettings:
    """This network namespace's settings (``root`` lets tests point at a recorded copy)."""
    text = _read(root, "ip_local_port_range")
    if text is None:
        raise SettingsError(f"cannot read {root}/ip_local_port_range (is /proc mounted?)")
    low, high = parse_port_range(text)
    reserved_text = _read(root, "ip_local_reserved_ports")
    reserved = parse_reserved(reserved_text) if reserved_text is not None else frozenset()
    settings = [
        Setting(
            "net.ipv4.ip_local_port_range",
            f"{low} {high}",
            "32768 60999",
            "the ports connect() and bind(port 0) pick from",
        )
    ]
    if reserved:
        settings.append(
            Setting(
                "net.ipv4.ip_local_reserved_ports",
                reserved_text.strip() if reserved_text else "",
                "",
                "ports inside the range that are never picked automatically",
            )
        )
    tw = _read(root, "tcp_tw_reuse")
    if tw is not None:
        value = str(parse_integer(tw, "tcp_tw_reuse"))
        settings.append(
            Setting(
                "net.ipv4.tcp_tw_reuse",
                value,
                DEFAULT_TW_REUSE,
                _TW_REUSE_MEANING.get(value, "unknown value"),
            )
        )
    fin = _read(root, "tcp_fin_timeout")
    if fin is not None:
        seconds = parse_integer(fin, "tcp_fin_timeout")
        settings.append(
            Setting(
                "net.ipv4.tcp_fin_timeout",
                str(seconds),
                DEFAULT_FIN_TIMEOUT,
                "seconds an orphaned connection may stay in FIN_WAIT2 (TIME_WAIT is always 60)",
            )
        )
    # A recorded copy elsewhere says nothing about our own namespace.
    netns = _netns() if root == ROOT else None
    source = root if netns is None else f"{root} (network namespace {netns})"
    return EphemeralSettings(
        "linux", source, same_everywhere(low, high), reserved, tuple(settings), netns
    )
