"""This machine's sockets and the processes holding them.

    >>> from portpedia.local import sockets
    >>> for s in sockets(5432):
    ...     print(s.state, s.local, s.remote, [o.pid for o in s.owners], s.reading)

:func:`scan` returns the same sockets plus how they were found (``Scan.method``). On Linux
sockets come from netlink sock_diag with the port filtered in the kernel (or /proc/net as
a fallback) and owners from one walk over /proc/*/fd; elsewhere psutil does both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portpedia.local._errors import KillRefusedError, LocalScanError, NoFreePortError
from portpedia.local._model import (
    OWNERS_FOUND,
    OWNERS_HIDDEN,
    OWNERS_NONE,
    OWNERS_PROTECTED,
    OWNERS_SKIPPED,
    Owner,
    Scan,
    Socket,
)
from portpedia.local._scan import scan, sockets

if TYPE_CHECKING:
    from portpedia.local._ports import ephemeral_range, free_port, is_free, reserved_ports
    from portpedia.local._signal import KillResult, parse_signal
    from portpedia.local._signal import send as send_signal

# Loaded on first use: `portpedia who` should not pay for kill or free-port helpers.
_LAZY = {
    "ephemeral_range": ("portpedia.local._ports", "ephemeral_range"),
    "free_port": ("portpedia.local._ports", "free_port"),
    "is_free": ("portpedia.local._ports", "is_free"),
    "reserved_ports": ("portpedia.local._ports", "reserved_ports"),
    "KillResult": ("portpedia.local._signal", "KillResult"),
    "parse_signal": ("portpedia.local._signal", "parse_signal"),
    "send_signal": ("portpedia.local._signal", "send"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "OWNERS_FOUND",
    "OWNERS_HIDDEN",
    "OWNERS_NONE",
    "OWNERS_PROTECTED",
    "OWNERS_SKIPPED",
    "KillRefusedError",
    "KillResult",
    "LocalScanError",
    "NoFreePortError",
    "Owner",
    "Scan",
    "Socket",
    "ephemeral_range",
    "free_port",
    "is_free",
    "parse_signal",
    "reserved_ports",
    "scan",
    "send_signal",
    "sockets",
]
