"""Errors of the local room a user can cause or meet; all are PortpediaError."""

from __future__ import annotations

from portpedia.errors import PortpediaError


class LocalScanError(PortpediaError):
    """Neither netlink, /proc nor psutil could list this machine's sockets."""

    exit_code = 1


class NoFreePortError(PortpediaError):
    """No port in the requested range is free right now."""

    exit_code = 1


class KillRefusedError(PortpediaError):
    """A kill that portpedia will not do (pid 1, itself, no confirmation)."""

    exit_code = 2
