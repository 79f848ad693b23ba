"""Reading /proc/net/{tcp,tcp6,udp,udp6}: the fallback when netlink sock_diag is refused.

A line looks like::

    0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  0  0 12345 ...

Addresses are hex dumps of the kernel's 32-bit words, each in host byte order, so on a
little-endian machine every group of four bytes is reversed.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterable, Iterator

from portpedia.local._model import RawSocket
from portpedia.local._states import state_name

FILES = (
    ("tcp", "ipv4", "tcp"),
    ("tcp", "ipv6", "tcp6"),
    ("udp", "ipv4", "udp"),
    ("udp", "ipv6", "udp6"),
)
_LITTLE = sys.byteorder == "little"


def decode_address(text: str) -> str:
    """``0100007F`` -> ``127.0.0.1``; 32 hex digits -> an IPv6 address."""
    raw = bytes.fromhex(text)
    if len(raw) not in (4, 16):
        raise ValueError(f"bad address length in {text!r}")
    if _LITTLE:
        raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return socket.inet_ntop(socket.AF_INET if len(raw) == 4 else socket.AF_INET6, raw)


def encode_address(address: str) -> str:
    """The inverse of :func:`decode_address` (used by tests and the property test)."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    raw = socket.inet_pton(family, address)
    if _LITTLE:
        raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return raw.hex().upper()


def parse_line(line: str, transport: str, family: str) -> RawSocket | None:
    """Parse one socket line; None for the header or anything that is not a socket line."""
    fields = line.split()
    if len(fields) < 10 or not fields[0].endswith(":"):
        return None
    try:
        local, _, lport = fields[1].partition(":")
        remote, _, rport = fields[2].partition(":")
        if len(lport) != 4 or len(rport) != 4:
            return None
        local_port = int(lport, 16)
        remote_port = int(rport, 16)
        laddr = decode_address(local)
        raddr = decode_address(remote)
        state = int(fields[3], 16)
        uid = int(fields[7])
        inode = int(fields[9])
    except ValueError:
        return None
    # An IPv6 address always has a colon (an IPv4-mapped one has dots too); IPv4 never does.
    if (":" in laddr) == (family == "ipv4") or state > 255 or uid < 0 or inode < 0:
        return None
    name = state_name(transport, state)
    if remote_port == 0 and raddr in ("0.0.0.0", "::"):
        return RawSocket(transport, family, name, laddr, local_port, None, None, inode, uid)
    return RawSocket(transport, family, name, laddr, local_port, raddr, remote_port, inode, uid)


def parse_lines(
    lines: Iterable[str],
    transport: str,
    family: str,
    port: int | None = None,
    listening_only: bool = False,
) -> Iterator[RawSocket]:
    # On a busy machine nearly every line is for another port; a substring test on the
    # hex port rejects those before any splitting.
    needle = f":{port:04X} " if port is not None else None
    for line in lines:
        if needle is not None and needle not in line:
            continue
        sock = parse_line(line, transport, family)
        if sock is None:
            continue
        if port is not None and port not in (sock.local_port, sock.remote_port):
            continue
        if listening_only and sock.state not in ("LISTEN", "UNCONNECTED"):
            continue
        yield sock


def read(
    base: str = "/proc/net",
    port: int | None = None,
    listening_only: bool = False,
) -> list[RawSocket]:
    """All four tables under ``base`` (``/proc/net`` or ``/proc/<pid>/net``).

    A missing table (no IPv6 in this kernel) is skipped; an unreadable /proc raises OSError.
    """
    found: list[RawSocket] = []
    missing = 0
    for transport, family, name in FILES:
        try:
            with open(f"{base}/{name}", encoding="ascii", errors="replace") as f:
                found.extend(parse_lines(f, transport, family, port, listening_only))
        except FileNotFoundError:
            missing += 1
    if missing == len(FILES):
        raise FileNotFoundError(f"no socket tables under {base}")
    return found
