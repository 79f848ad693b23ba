"""The Linux backend: sockets from netlink sock_diag (or /proc/net), owners from /proc/*/fd."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from portpedia.local import _netlink
from portpedia.local._model import RawSocket
from portpedia.local._states import TCP_LISTEN, UDP_UNCONNECTED

if TYPE_CHECKING:
    from _socket import socket

NETLINK = "netlink"
PROCFS = "procfs"
_KINDS = (("tcp", "ipv4"), ("tcp", "ipv6"), ("udp", "ipv4"), ("udp", "ipv6"))


class Source:
    """Where one namespace's sockets are read from.

    Tries netlink first; a kernel or sandbox refusing sock_diag for a protocol (no udp_diag
    module, seccomp, EPERM) moves that protocol to /proc/net, and ``methods`` records it.
    """

    def __init__(self, sock: socket | None, proc_base: str, notes: list[str]) -> None:
        self.sock = sock
        self.proc_base = proc_base
        self.notes = notes
        self.methods: set[str] = set()
        self._seq = 0
        self._proc_only: set[str] = set()
        self._tcp_both = True  # until the kernel refuses TCPDIAG_GETSOCK

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()

    def _netlink(self, transport: str, family: str, port: int | None, states: int) -> list:
        assert self.sock is not None
        self._seq += 1
        return _netlink.query(self.sock, transport, family, port=port, states=states, seq=self._seq)

    def _tcp_both_families(self, port: int | None, states: int) -> list[RawSocket] | None:
        """Both families' TCP sockets in one dump, or None where that request is refused."""
        if not self._tcp_both or self.sock is None or "tcp" in self._proc_only:
            return None
        self._seq += 1
        try:
            return _netlink.query_tcp(self.sock, port=port, states=states, seq=self._seq)
        except OSError:
            self._tcp_both = False  # old request type compiled out: ask per family
            return None

    def read(
        self, port: int | None, listening_only: bool, tcp_only: bool = False
    ) -> list[RawSocket]:
        found: list[RawSocket] = []
        proc_needed: set[str] = set()
        tcp_states = 1 << TCP_LISTEN if listening_only else _netlink.ALL_STATES
        both = self._tcp_both_families(port, tcp_states)
        if both is not None:
            found.extend(both)
            self.methods.add(NETLINK)
        for transport, family in _KINDS:
            if (tcp_only and transport != "tcp") or (transport == "tcp" and both is not None):
                continue
            if self.sock is None or transport in self._proc_only:
                proc_needed.add(transport)
                continue
            states = _netlink.ALL_STATES
            if listening_only:
                states = 1 << (TCP_LISTEN if transport == "tcp" else UDP_UNCONNECTED)
            try:
                found.extend(self._netlink(transport, family, port, states))
                self.methods.add(NETLINK)
            except OSError as exc:
                if family == "ipv6" and exc.errno == errno.EAFNOSUPPORT:  # no IPv6 at all
                    continue
                self._proc_only.add(transport)
                self.notes.append(
                    f"netlink sock_diag refused for {transport} ({exc.strerror or exc}); "
                    f"read {self.proc_base} instead"
                )
                found = [s for s in found if s.transport != transport]
                proc_needed.add(transport)
        if proc_needed:
            from portpedia.local import _procnet

            rows = _procnet.read(self.proc_base, port=port, listening_only=listening_only)
            found.extend(s for s in rows if s.transport in proc_needed)
            self.methods.add(PROCFS)
        return found


def open_source(notes: list[str], ns_pid: str | None = None, prefer: str | None = None) -> Source:
    """A Source for our namespace, or for the namespace of process ``ns_pid``."""
    base = "/proc/net" if ns_pid is None else f"/proc/{ns_pid}/net"
    if prefer == PROCFS:
        return Source(None, base, notes)
    try:
        if ns_pid is None:
            sock = _netlink.open_socket()
        else:
            from portpedia.local._netns import netlink_socket_in

            sock = netlink_socket_in(ns_pid)
    except OSError as exc:
        notes.append(f"netlink sock_diag unavailable ({exc.strerror or exc}); read {base}")
        return Source(None, base, notes)
    return Source(sock, base, notes)
