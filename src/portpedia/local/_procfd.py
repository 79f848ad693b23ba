"""Which processes hold which sockets: one walk over /proc/*/fd.

Per descriptor the walk does a single ``readlinkat`` relative to an open ``/proc/<pid>/fd``
directory (driven by ``map`` so the loop runs in C) and compares the ``socket:[inode]``
strings with a set. Only processes holding a wanted socket are looked at further, through
an open ``/proc/<pid>`` directory: if the process exits and its PID is reused meanwhile,
reads through that descriptor fail instead of describing the newcomer.

With thousands of descriptors and a second CPU, a forked helper shares the walk,
taking processes from a common queue; the kernel work (path lookup, d_path) dominates and
parallelises well.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC
# Below this many descriptors a fork costs more than it saves.
_PARALLEL_MIN_FDS = 4000
_GUESSED_FDS = 8
_PIPE_DEFAULT = 65536  # bytes a pipe holds unless enlarged
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


def _heaviest_first(pids: list[str]) -> tuple[list[str], int]:
    """``pids`` ordered by open descriptors, most first, without processes that have none;
    and the number of descriptors in all.

    Since Linux 6.2 the size of /proc/<pid>/fd is its number of open descriptors; a
    process with none (a kernel thread) holds no socket. On older kernels every size is 0,
    nothing is dropped, and the total is 0.
    """
    counted = os.stat("/proc/self/fd").st_size > 0  # we hold descriptors ourselves
    weights: dict[str, int] = {}
    for pid in pids:
        try:
            size = os.stat(f"/proc/{pid}/fd").st_size
        except OSError:
            size = 1  # unreadable or gone: the walk will say which
        if size or not counted:
            weights[pid] = size
    return sorted(weights, key=weights.__getitem__, reverse=True), sum(weights.values())


def _can_fork() -> bool:
    # Forking a process that runs other threads (a web server) can deadlock the child. A
    # program that never imported threading has started none (and the CLI saves 0.7 ms).
    threading = sys.modules.get("threading")
    alone = threading is None or threading.active_count() == 1
    return alone and hasattr(os, "fork") and (os.cpu_count() or 1) > 1


def _queue(pids: list[str]) -> int | None:
    """A pipe holding ``pids`` (4 bytes each) for two walkers to take turns on, or None.

    Reads of 4 bytes from a pipe never interleave, so the parent and the helper can both
    take the next process from it: whoever is free takes the next one, heaviest first,
    and neither waits for the other however the work is spread.
    """
    data = b"".join(int(pid).to_bytes(4, "little") for pid in pids)
    read_end, write_end = os.pipe()
    try:
        if len(data) > _PIPE_DEFAULT:
            import fcntl

            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, len(data))
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view) :]
    except OSError:  # more processes than a pipe may hold: walk them all here
        os.close(read_end)
        return None
    finally:
        os.close(write_end)
    return read_end


def _take(queue: int) -> Iterator[str]:
    while chunk := os.read(queue, 4):
        yield str(int.from_bytes(chunk, "little"))


class Walk:
    """One walk over /proc/*/fd for the processes holding ``wanted`` sockets.

    With thousands of descriptors and a second CPU, creating the Walk forks a helper that
    starts at once; the caller may do other work before :meth:`result` walks the rest
    here and collects the helper's finds.
    """

    def __init__(self, pids: list[str], wanted: frozenset[str], parallel: bool) -> None:
        self.wanted = wanted
        self.pids, fds = _heaviest_first(pids) if wanted else ([], 0)
        self._child: int | None = None
        self._queue = self._results = -1
        # Without descriptor counts (Linux < 6.2), guess a few per process.
        big = (fds or _GUESSED_FDS * len(self.pids)) >= _PARALLEL_MIN_FDS
        if parallel and big and _can_fork():
            self._fork()

    def _fork(self) -> None:
        queue = _queue(self.pids)
        if queue is None:
            return
        read_end, write_end = os.pipe()
        try:
            child = os.fork()
        except OSError:
            for fd in (queue, read_end, write_end):
                os.close(fd)
            return
        if child == 0:  # pragma: no cover - runs in the forked child
            code = 1
            try:
                os.close(read_end)
                data = marshal.dumps(walk(_take(queue), self.wanted))
                view = memoryview(data)
                while view:
                    view = view[os.write(write_end, view) :]
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self._child, self._queue, self._results = child, queue, read_end

    @property
    def shared(self) -> bool:
        """True while a helper process is walking: the caller may do other work meanwhile."""
        return self._child is not None

    def close(self) -> None:
        """Give up on a walk whose result is not wanted; reaps the helper."""
        if self._child is not None:
            os.close(self._queue)
            os.close(self._results)  # the helper ends at once: EPIPE, or its walk is over
            os.waitpid(self._child, 0)
            self._child = None

    def result(self) -> tuple[list[Hit], int]:
        """The processes holding wanted sockets, and how many could not be read."""
        if self._child is None:
            return walk(self.pids, self.wanted)
        try:
            hits, denied = walk(_take(self._queue), self.wanted)
            chunks = []
            while chunk := os.read(self._results, 1 << 16):
                chunks.append(chunk)
        finally:
            os.close(self._queue)
            os.close(self._results)
            _, status = os.waitpid(self._child, 0)
            self._child = None
        if os.waitstatus_to_exitcode(status) != 0:
            # The helper died; which processes it had taken is unknown, so walk all here.
            return walk(self.pids, self.wanted)
        more, more_denied = marshal.loads(b"".join(chunks))
        return hits + more, denied + more_denied


def start(inodes: Iterable[int], parallel: bool = True) -> Walk:
    """Begin looking for every process holding one of ``inodes``; see :class:`Walk`.

    Raises OSError if /proc cannot be listed at all.
    """
    wanted = frozenset(socket_link(i) for i in inodes if i)
    pids = [name for name in os.listdir("/proc") if name.isdigit()]
    return Walk(pids, wanted, parallel)
