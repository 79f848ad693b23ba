"""The psutil backend, for macOS, Windows and the BSDs (and Linux without /proc).

psutil reports one row per (process, descriptor); a socket shared by several processes
shows up once per holder, so rows are merged on everything but the PID.
"""

from __future__ import annotations

import socket
from typing import Any

from portpedia.local._model import RawSocket

PSUTIL = "psutil"


def _endpoint(addr: Any) -> tuple[str | None, int | None]:
    if not addr:
        return None, None
    return addr.ip, addr.port


def _raw(conn: Any) -> RawSocket:
    transport = "tcp" if conn.type == socket.SOCK_STREAM else "udp"
    family = "ipv6" if conn.family == socket.AF_INET6 else "ipv4"
    laddr, lport = _endpoint(conn.laddr)
    raddr, rport = _endpoint(conn.raddr)
    if raddr in ("0.0.0.0", "::") and not rport:
        raddr = rport = None
    if transport == "udp":
        state = "CONNECTED" if raddr else "UNCONNECTED"
    else:
        state = conn.status if conn.status != "NONE" else "CLOSE"
    return RawSocket(
        transport,
        family,
        state,
        laddr or ("::" if family == "ipv6" else "0.0.0.0"),
        lport or 0,
        raddr,
        rport,
        0,
        None,
    )


def read(
    port: int | None, listening_only: bool, notes: list[str]
) -> tuple[dict[RawSocket, set[int]], bool]:
    """Sockets with the PIDs holding them, and whether some processes could not be seen."""
    import psutil

    rows: list[tuple[Any, int | None]] = []
    hidden = False
    try:
        rows = [(c, c.pid) for c in psutil.net_connections(kind="inet")]
    except psutil.AccessDenied:
        # macOS without root: only our own processes can be asked.
        notes.append("listing every socket needs root here; showing your own processes only")
        hidden = True
        for proc in psutil.process_iter():
            try:
                conns = proc.net_connections(kind="inet")
            except (psutil.Error, OSError):
                continue
            rows.extend((c, proc.pid) for c in conns)
    found: dict[RawSocket, set[int]] = {}
    for conn, pid in rows:
        raw = _raw(conn)
        if port is not None and port not in (raw.local_port, raw.remote_port):
            continue
        if listening_only and raw.state not in ("LISTEN", "UNCONNECTED"):
            continue
        holders = found.setdefault(raw, set())
        if pid:
            holders.add(pid)
        elif raw.state not in ("TIME_WAIT",):
            hidden = True
    return found, hidden


def describe(pid: int) -> tuple[str, int | None, str | None, list[str]] | None:
    """name, uid, user name and argv of a process; None if it has gone."""
    import psutil

    try:
        proc = psutil.Process(pid)
        with proc.oneshot():
            name = proc.name()
            try:
                uid: int | None = proc.uids().effective
            except (AttributeError, psutil.AccessDenied):
                uid = None
            try:
                user: str | None = proc.username()
            except (psutil.AccessDenied, KeyError):
                user = None
            try:
                argv = proc.cmdline()
            except psutil.AccessDenied:
                argv = []
    except psutil.NoSuchProcess:
        return None
    except psutil.AccessDenied:
        return ("?", None, None, [])
    return name, uid, user, argv
