"""Stopping the process behind a port, without ever signalling the wrong process."""

from __future__ import annotations

import os
import select
import signal
import sys
import time
from collections.abc import Iterable
from typing import Any, NamedTuple

from portpedia.local._errors import KillRefusedError
from portpedia.local._model import Owner


class KillResult(NamedTuple):
    """What happened when a signal was sent to one process."""

    owner: Owner
    signal: str
    sent: bool
    exited: bool
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "owner": self.owner.to_dict(),
            "signal": self.signal,
            "sent": self.sent,
            "exited": self.exited,
            "error": self.error,
        }


def parse_signal(text: str) -> signal.Signals:
    """``TERM``, ``SIGTERM``, ``term`` or ``15`` -> ``signal.SIGTERM``."""
    name = text.strip().upper()
    try:
        if name.isdigit():
            return signal.Signals(int(name))
        return signal.Signals[name if name.startswith("SIG") else "SIG" + name]
    except (KeyError, ValueError):
        raise KillRefusedError(f"unknown signal {text!r}; try TERM, INT, HUP or KILL") from None


def check_allowed(owner: Owner) -> None:
    if owner.pid == 1:
        raise KillRefusedError(
            f"refusing to signal pid 1 ({owner.name}): it is the init process of this system"
        )
    if owner.pid == os.getpid():
        raise KillRefusedError("refusing to signal portpedia itself")


def _holds(pid: int, inodes: set[int]) -> bool:
    links = {f"socket:[{i}]" for i in inodes}
    try:
        fd_dir = os.open(f"/proc/{pid}/fd", os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        for name in os.listdir(fd_dir):
            try:
                if os.readlink(name, dir_fd=fd_dir) in links:
                    return True
            except OSError:
                continue
        return False
    finally:
        os.close(fd_dir)


def _state(pid: int) -> str | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
        return data[data.rindex(b")") + 2 : data.rindex(b")") + 3].decode()
    except (OSError, ValueError):
        return None


def _gone(pid: int) -> bool:
    if sys.platform.startswith("linux"):
        # A dead child of someone else lingers as a zombie: it has exited all the same.
        return _state(pid) in (None, "Z", "X")
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _wait(pid: int, pidfd: int | None, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    if pidfd is not None:
        # A pidfd becomes readable when its process exits; no polling loop needed.
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        poller.poll(int(timeout * 1000))
    while not _gone(pid):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(0.05, left))
    return True


def send(owner: Owner, inodes: Iterable[int], signum: int, timeout: float = 3.0) -> KillResult:
    """Send ``signum`` to ``owner`` if it still holds one of ``inodes``; wait up to
    ``timeout`` seconds for it to exit.

    On Linux the process is pinned with a pidfd first and then checked again for the
    socket, so a PID reused since the scan can never receive the signal.
    """
    check_allowed(owner)
    name = signal.Signals(signum).name
    wanted = {i for i in inodes if i}
    pidfd: int | None = None
    try:
        if hasattr(os, "pidfd_open") and sys.platform.startswith("linux"):
            try:
                pidfd = os.pidfd_open(owner.pid)
            except ProcessLookupError:
                return KillResult(owner, name, False, True, "already exited")
            if wanted and not _holds(owner.pid, wanted):
                return KillResult(owner, name, False, _gone(owner.pid), "no longer holds the port")
            signal.pidfd_send_signal(pidfd, signum)
        else:
            os.kill(owner.pid, signum)
    except ProcessLookupError:
        return KillResult(owner, name, False, True, "already exited")
    except PermissionError:
        if pidfd is not None:
            os.close(pidfd)
        return KillResult(owner, name, False, False, "permission denied (try as root)")
    try:
        exited = _wait(owner.pid, pidfd, timeout) if timeout > 0 else _gone(owner.pid)
    finally:
        if pidfd is not None:
            os.close(pidfd)
    return KillResult(owner, name, True, exited)
