"""The loopback test, the one every room uses: bind addresses, Host headers, peers."""

from __future__ import annotations

import ipaddress

_LOCALHOST = {"localhost", "localhost."}


def host_name(host: str) -> str:
    """The name in a Host value or address, lower-case, without port, brackets or final dot."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        return host[1:end] if end > 0 else ""
    if host.count(":") == 1:
        host = host.rsplit(":", 1)[0]
    return host[:-1] if host.endswith(".") else host


def is_loopback(host: str | None) -> bool:
    """True for ``localhost``, ``*.localhost``, ``127.x.y.z``, ``::1`` and ``::ffff:127.x.y.z``,
    with or without a port."""
    if not host:
        return False
    name = host_name(host)
    if name in _LOCALHOST or name.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or (mapped is not None and mapped.is_loopback)
