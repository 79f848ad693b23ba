"""Network namespaces: which exist, which is the host's, and how to look inside one."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _socket import socket

CLONE_NEWNET = 0x40000000
T = TypeVar("T")


def inode(pid: str = "self") -> int | None:
    try:
        return os.stat(f"/proc/{pid}/ns/net").st_ino
    except OSError:
        return None


def host() -> int | None:
    """The namespace of PID 1 (the host's, or the container's if we run in one).

    Without root /proc/1/ns is unreadable; our own namespace is the best guess then.
    """
    return inode("1") or inode("self")


def all_namespaces() -> dict[int, str]:
    """Each distinct network namespace with one PID living in it."""
    found: dict[int, str] = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            ns = inode(pid)
            if ns is not None and ns not in found:
                found[ns] = pid
    return found


def names() -> dict[int, str]:
    """Namespaces named by ``ip netns add`` (bind mounts under /run/netns)."""
    found: dict[int, str] = {}
    try:
        entries = os.listdir("/run/netns")
    except OSError:
        return found
    for name in entries:
        try:
            found[os.stat(f"/run/netns/{name}").st_ino] = name
        except OSError:
            continue
    return found


def _setns(fd: int) -> None:
    setns = getattr(os, "setns", None)  # Python 3.12+
    if setns is not None:
        setns(fd, CLONE_NEWNET)
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


def run_in(pid: str, make: Callable[[], T]) -> T:
    """Call ``make`` in a short-lived thread that has joined ``pid``'s network namespace.

    setns changes only the calling thread, and the thread ends right after, so the rest
    of the process never leaves its namespace. Sockets created inside stay bound to the
    namespace they were created in, which is what makes this useful.
    """
    import threading

    box: dict[str, object] = {}

    def target() -> None:
        try:
            fd = os.open(f"/proc/{pid}/ns/net", os.O_RDONLY | os.O_CLOEXEC)
            try:
                _setns(fd)
            finally:
                os.close(fd)
            box["value"] = make()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, name="portpedia-netns")
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def netlink_socket_in(pid: str) -> socket:
    from portpedia.local._netlink import open_socket

    return run_in(pid, open_socket)
