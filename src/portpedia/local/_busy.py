"""Why a port may be unusable although nothing is listening on it.

"Address already in use" with no listener in sight has a handful of causes; each is
checked here and reported with whether it really makes ``bind()`` fail:

- TCP connections in TIME_WAIT on the port (they block a server that does not set
  SO_REUSEADDR, for up to the TIME_WAIT period);
- ``net.ipv4.ip_local_reserved_ports`` (never picked as a source port; an explicit bind works);
- a socket in another network namespace, such as a container's (no effect on a bind here);
- a privileged port (below ``ip_unprivileged_port_start``) without root or
  CAP_NET_BIND_SERVICE;
- on Windows, the excluded port ranges that Hyper-V, WSL or WinNAT reserve;
- a bind that fails with no visible holder: a process this user cannot see.
"""

from __future__ import annotations

import errno
import os
import socket
import sys
from typing import Any, NamedTuple

from portpedia.i18n import Gettext, Msg

CAP_NET_BIND_SERVICE = 10


class BindReason(NamedTuple):
    kind: str
    blocks: bool  # whether it makes bind() fail for an ordinary server
    text: Msg

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        return {"kind": self.kind, "blocks": self.blocks, "text": self.text.render(gettext)}


class BindCheck(NamedTuple):
    """The result of trying the port for real, with the reasons found."""

    port: int
    transport: str
    bindable: bool | None  # None when the probe could not be made
    error: str | None
    reasons: tuple[BindReason, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        return {"port": self.port, "transport": self.transport, "bindable": self.bindable,
                "error": self.error,
                "reasons": [r.to_dict(gettext) for r in self.reasons]}  # fmt: skip


def probe(port: int, transport: str = "tcp") -> int | None:
    """Bind the wildcard addresses as a plain server would (no SO_REUSEADDR): the errno of
    the first failure, or None when both families bind."""
    kind = socket.SOCK_STREAM if transport == "tcp" else socket.SOCK_DGRAM
    for family, address in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
        try:
            s = socket.socket(family, kind)
        except OSError:
            continue
        try:
            if family == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            s.bind((address, port))
        except OSError as exc:
            if exc.errno != errno.EADDRNOTAVAIL:  # IPv6 disabled: nothing can hold it there
                return exc.errno
        finally:
            s.close()
    return None


def _read_int(path: str) -> int | None:
    try:
        with open(path) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def _has_bind_capability() -> bool:
    if os.geteuid() == 0:
        return True
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("CapEff:"):
                    return bool(int(line.split()[1], 16) >> CAP_NET_BIND_SERVICE & 1)
    except (OSError, ValueError):
        pass
    return False


def privileged_reason(port: int, start: int | None, capable: bool) -> BindReason | None:
    if port == 0 or start is None or port >= start or capable:
        return None
    return BindReason(
        "privileged", True,
        Msg("ports below {start} are privileged here: binding {port} needs root or the "
            "CAP_NET_BIND_SERVICE capability", start=start, port=port),
    )  # fmt: skip


def windows_reasons(port: int, excluded: frozenset[int]) -> tuple[BindReason, ...]:
    if port not in excluded:
        return ()
    return (
        BindReason(
            "windows-excluded", True,
            Msg("Windows excludes {port} from use (netsh int ipv4 show excludedportrange): "
                "Hyper-V, WSL 2, Docker Desktop or WinNAT reserve such ranges; restarting the "
                "winnat service or excluding the port yourself first frees it", port=port),
        ),
    )  # fmt: skip


def check(port: int, transport: str = "tcp") -> BindCheck:
    """Try ``port`` for real and say what, if anything, stands in the way."""
    from portpedia.local._ports import reserved_ports
    from portpedia.local._scan import scan

    code = probe(port, transport) if port else None
    reasons: list[BindReason] = []
    here = [s for s in scan(port, owners=False, readings=False).sockets if s.local_port == port]
    waiting = [s for s in here if s.transport == transport and s.state == "TIME_WAIT"]
    if waiting:
        n = len(waiting)
        reasons.append(BindReason(
            "time-wait", code == errno.EADDRINUSE,
            Msg("{n} closed connection(s) on this port in TIME_WAIT: a server that binds "
                "without SO_REUSEADDR fails until they expire (60 s on Linux)", n=n),
        ))  # fmt: skip
    if sys.platform.startswith("linux"):
        if port in reserved_ports():
            reasons.append(BindReason(
                "reserved", False,
                Msg("{port} is in net.ipv4.ip_local_reserved_ports: the kernel never picks it "
                    "as a source port, but a program may still bind it explicitly", port=port),
            ))  # fmt: skip
        start = _read_int("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        reason = privileged_reason(port, start, _has_bind_capability())
        if reason:
            reasons.append(reason)
        if os.geteuid() == 0:
            others = [
                s for s in scan(port, owners=False, readings=False, all_namespaces=True).sockets
                if s.netns is not None and s.local_port == port
            ]  # fmt: skip
            for ns in sorted({s.netns_name or str(s.netns) for s in others}):
                reasons.append(BindReason(
                    "other-namespace", False,
                    Msg("a socket in network namespace {ns} (a container?) uses {port}: that "
                        "does not stop a bind here, but traffic for it may be forwarded there",
                        ns=ns, port=port),
                ))  # fmt: skip
    elif sys.platform == "win32":
        from portpedia.local._settings_common import SettingsError
        from portpedia.local._settings_windows import read

        try:
            reasons += windows_reasons(port, read().reserved)
        except SettingsError:
            reasons.append(BindReason("windows-excluded", False, Msg("netsh could not be read")))
    if code == errno.EADDRINUSE and not here:
        reasons.append(BindReason(
            "hidden", True,
            Msg("binding it fails with 'address in use', yet no socket on it is visible: a "
                "process this user cannot see holds it (run as root to see every process)"),
        ))  # fmt: skip
    if code == errno.EACCES and not any(r.kind == "privileged" for r in reasons):
        reasons.append(BindReason("denied", True, Msg("binding it is denied (a security policy?)")))
    error = os.strerror(code) if code else None
    return BindCheck(port, transport, None if port == 0 else code is None, error, tuple(reasons))
