"""Which processes hold which sockets: one walk over /proc/*/fd.

Per descriptor the walk does a single ``readlinkat`` relative to an open ``/proc/<pid>/fd``
directory (driven by ``map`` so the loop runs in C) and compares the ``socket:[inode]``
strings with a set. Only processes holding a wanted socket are looked at further, through
an open ``/proc/<pid>`` directory: if the process exits and its PID is reused meanwhile,
reads through that descriptor fail instead of describing the newcomer.

With thousands of descriptors and a second CPU, half of the processes are walked by a
forked child; the kernel work (path lookup, d_path) dominates and parallelises well.
"""

from __future__ import annotations

import errno
import marshal
import os
import threading
from collections.abc import Iterable
from functools import partial

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
# Below this many descriptors a fork costs more than it saves.
_PARALLEL_MIN_FDS = 4000
# (pid, inode strings held, comm, euid or None, argv)
Hit = tuple[int, list[str], str, "int | None", list[str]]


def socket_link(inode: int) -> str:
    return f"socket:[{inode}]"


def _read(name: str, dir_fd: int, limit: int = 1 << 20) -> bytes:
    fd = os.open(name, os.O_RDONLY | os.O_CLOEXEC, dir_fd=dir_fd)
    try:
        chunks = []
        size = 0
        while size < limit:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _describe(pid_fd: int) -> tuple[str, int | None, list[str]] | None:
    """comm, effective uid and argv of a process, or None if it is gone."""
    try:
        comm = _read("comm", pid_fd).rstrip(b"\n").decode("utf-8", "replace")
        raw = _read("cmdline", pid_fd)
        status = _read("status", pid_fd)
    except (FileNotFoundError, ProcessLookupError):
        return None
    except PermissionError:
        return ("?", None, [])
    argv = [a.decode("utf-8", "replace") for a in raw.split(b"\0")]
    if argv and argv[-1] == "":
        argv.pop()
    uid: int | None = None
    start = status.find(b"\nUid:")
    if start >= 0:
        fields = status[start + 5 : status.find(b"\n", start + 5)].split()
        if len(fields) >= 2:
            uid = int(fields[1])
    return comm, uid, argv


def _links(fd_dir: int) -> list[str]:
    names = os.listdir(fd_dir)
    try:
        return list(map(partial(os.readlink, dir_fd=fd_dir), names))
    except PermissionError:
        raise
    except OSError:
        # A descriptor closed between listdir and readlink; redo this process carefully.
        links = []
        for name in names:
            try:
                links.append(os.readlink(name, dir_fd=fd_dir))
            except (FileNotFoundError, ProcessLookupError):
                continue
        return links


def walk(pids: Iterable[str], wanted: frozenset[str]) -> tuple[list[Hit], int]:
    """Walk the given PIDs; return the processes holding wanted sockets and how many
    processes' descriptors we were not allowed to read."""
    hits: list[Hit] = []
    denied = 0
    for pid in pids:
        try:
            pid_fd = os.open(f"/proc/{pid}", _DIR_FLAGS)
        except OSError:
            continue  # exited since /proc was listed
        try:
            try:
                fd_dir = os.open("fd", _DIR_FLAGS, dir_fd=pid_fd)
            except PermissionError:
                denied += 1
                continue
            except OSError:
                continue
            try:
                links = _links(fd_dir)
            except PermissionError:
                denied += 1
                continue
            except OSError:
                continue
            finally:
                os.close(fd_dir)
            if wanted.isdisjoint(links):
                continue
            held = sorted(wanted.intersection(links))
            info = _describe(pid_fd)
            if info is not None:
                hits.append((int(pid), held, *info))
        finally:
            os.close(pid_fd)
    return hits, denied


def _weights(pids: list[str]) -> dict[str, int]:
    # Since Linux 6.2 the size of /proc/<pid>/fd is its number of open descriptors.
    weights = {}
    for pid in pids:
        try:
            weights[pid] = os.stat(f"/proc/{pid}/fd").st_size + 8
        except OSError:
            weights[pid] = 8
    return weights


def _split(pids: list[str], weights: dict[str, int]) -> tuple[list[str], list[str]]:
    mine: list[str] = []
    theirs: list[str] = []
    a = b = 0
    for pid in sorted(pids, key=weights.__getitem__, reverse=True):
        if a <= b:
            mine.append(pid)
            a += weights[pid]
        else:
            theirs.append(pid)
            b += weights[pid]
    return mine, theirs


def _can_fork() -> bool:
    # Forking a process that runs other threads (a web server) can deadlock the child.
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def _walk_parallel(
    pids: list[str], wanted: frozenset[str], weights: dict[str, int]
) -> tuple[list[Hit], int]:
    mine, theirs = _split(pids, weights)
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return walk(pids, wanted)
    if child == 0:  # pragma: no cover - runs in the forked child
        code = 1
        try:
            os.close(read_end)
            data = marshal.dumps(walk(theirs, wanted))
            view = memoryview(data)
            while view:
                view = view[os.write(write_end, view) :]
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        hits, denied = walk(mine, wanted)
        chunks = []
        while chunk := os.read(read_end, 1 << 16):
            chunks.append(chunk)
    finally:
        os.close(read_end)
        _, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        more, more_denied = walk(theirs, wanted)
    else:
        more, more_denied = marshal.loads(b"".join(chunks))
    return hits + more, denied + more_denied


def find_holders(inodes: Iterable[int], parallel: bool = True) -> tuple[list[Hit], int]:
    """Every process holding one of ``inodes`` open, and the count of unreadable processes.

    Raises OSError if /proc cannot be listed at all.
    """
    wanted = frozenset(socket_link(i) for i in inodes if i)
    pids = [name for name in os.listdir("/proc") if name.isdigit()]
    if not wanted:
        return [], 0
    if parallel and _can_fork():
        weights = _weights(pids)
        if sum(weights.values()) >= _PARALLEL_MIN_FDS:
            return _walk_parallel(pids, wanted, weights)
    return walk(pids, wanted)


def proc_available() -> bool:
    try:
        os.stat("/proc/self/fd")
    except OSError as exc:
        return exc.errno not in (errno.ENOENT, errno.ENOTDIR)
    return True
