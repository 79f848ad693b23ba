"""Writing an export's files so that a second run touches only what changed, safely.

Safety, against a target directory someone else can write to (or a stale one):

* every path is opened relative to a directory file descriptor, component by component,
  with ``O_NOFOLLOW``: a symlink planted at a folder's or a file's path is replaced by a
  real folder or file, never followed, so nothing outside the target is ever written;
* temporary files have unpredictable names and are created with ``O_CREAT | O_EXCL |
  O_NOFOLLOW``;
* during an export (:func:`staging`) changed files are only staged next to their final
  names; :func:`commit` renames them all into place at the end, and :func:`abort` deletes
  them, so a run that fails leaves the previous export exactly as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)

# The token of the export now staging its files (set before workers fork), else None.
STAGE: str | None = None
# Directory descriptors opened so far, per process: (pid, root, relative folder) -> fd.
_DIRS: dict[tuple[int, str, str], int] = {}


class UnsafeTarget(OSError):
    """Something that is neither a folder nor a symlink sits where a folder must go."""


def write_if_changed(
    root: Path | str, name: str, data: bytes, *, staged: bool | None = None
) -> bool:
    """Write ``data`` to ``root/name`` unless it already holds exactly those bytes.

    Returns True when the file was (re)written. The new file appears atomically, so a
    server reading the directory meanwhile sees the old page or the new one, never half.
    """
    return put_file(root, name, data, staged=staged)[0]


def put_file(
    root: Path | str, name: str, data: bytes, *, staged: bool | None = None
) -> tuple[bool, int, int]:
    """:func:`write_if_changed`, also returning the file's size and ``st_mtime_ns``.

    ``staged`` (default: whether an export is staging) leaves a changed file under its
    temporary name for :func:`commit`.
    """
    head, tail = os.path.split(name)
    folder = _folder(str(root), head)
    unchanged = _same_bytes(folder, tail, data)
    if unchanged is not None:
        return False, unchanged[0], unchanged[1]
    stage = STAGE if staged is None else (STAGE if staged else None)
    if stage is not None:
        tmp = f".{tail}.{stage}.tmp"
        # Ours from earlier in this run, or planted: either way, not to be written through.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp, dir_fd=folder)
    else:
        tmp = f".{tail}.{secrets.token_hex(8)}.tmp"
    fd = os.open(
        tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o666, dir_fd=folder
    )
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            st = os.fstat(fd)
        finally:
            os.close(fd)
        if stage is None:
            _into_place(folder, tmp, tail)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp, dir_fd=folder)
        raise
    return True, st.st_size, st.st_mtime_ns


def _same_bytes(folder: int, tail: str, data: bytes) -> tuple[int, int] | None:
    """(size, mtime) if ``tail`` is a regular file (not a link) holding exactly ``data``."""
    try:
        fd = os.open(tail, os.O_RDONLY | _NOFOLLOW | _CLOEXEC, dir_fd=folder)
    except OSError:
        return None  # missing, a symlink (ELOOP), unreadable: write it anew
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return None
        with os.fdopen(os.dup(fd), "rb") as old:
            if old.read() != data:
                return None
        return st.st_size, st.st_mtime_ns
    finally:
        os.close(fd)


def _into_place(folder: int, tmp: str, tail: str) -> None:
    # rename(2) replaces a symlink at ``tail`` itself; it never writes through it.
    os.replace(tmp, tail, src_dir_fd=folder, dst_dir_fd=folder)


def _folder(root: str, relative: str) -> int:
    """A descriptor of ``root/relative``, made as needed, never through a symlink.

    ``root`` itself may be a symlink (the user named it); nothing below it is followed.
    """
    key = (os.getpid(), root, relative)
    fd = _DIRS.get(key)
    if fd is not None:
        return fd
    if not relative:
        os.makedirs(root, exist_ok=True)
        fd = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    else:
        parent_rel, name = os.path.split(relative)
        fd = _child_folder(_folder(root, parent_rel), name, os.path.join(root, relative))
    _DIRS[key] = fd
    return fd


def _child_folder(parent: int, name: str, shown: str) -> int:
    flags = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC
    for _ in range(3):
        try:
            return os.open(name, flags, dir_fd=parent)
        except FileNotFoundError:
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, 0o777, dir_fd=parent)
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
                raise
            st = os.stat(name, dir_fd=parent, follow_symlinks=False)
            if not stat.S_ISLNK(st.st_mode):
                raise UnsafeTarget(
                    errno.ENOTDIR, f"{shown} is in the way of a folder the export needs"
                ) from None
            os.unlink(name, dir_fd=parent)  # a planted link: replaced by a real folder
    raise UnsafeTarget(errno.EAGAIN, f"{shown} keeps changing while the export writes it")


def forget_folders() -> None:
    """Close this process's cached folder descriptors (after an export)."""
    pid = os.getpid()
    for key in [k for k in _DIRS if k[0] == pid]:
        with contextlib.suppress(OSError):
            os.close(_DIRS.pop(key))
    _DIRS.clear()


def new_stage() -> str:
    return "portpedia-" + secrets.token_hex(8)


def commit(root: Path | str, stage: str) -> int:
    """Rename every file staged under ``stage`` into place; return how many."""
    pattern = re.compile(rf"\.(.+)\.{re.escape(stage)}\.tmp")
    done = 0
    for folder, name, is_file in _walk(str(root)):
        m = pattern.fullmatch(name)
        if m is None:
            continue
        if is_file:
            _into_place(folder, name, m.group(1))
            done += 1
        else:  # not a file we made
            os.unlink(name, dir_fd=folder)
    return done


def abort(root: Path | str, stage: str) -> None:
    """Delete every file staged under ``stage``: the previous export stays as it was."""
    suffix = f".{stage}.tmp"
    for folder, name, _ in _walk(str(root)):
        if name.endswith(suffix):
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=folder)


def _walk(root: str) -> Iterator[tuple[int, str, bool]]:
    """(folder fd, entry name, is a regular file) for every non-folder below ``root``,
    without following links. The folder fd is valid while its entries are yielded."""
    try:
        top = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    except FileNotFoundError:
        return
    stack = [top]
    while stack:
        fd = stack.pop()
        try:
            with os.scandir(fd) as entries:
                listed = list(entries)
            for entry in listed:
                if entry.is_dir(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        stack.append(
                            os.open(
                                entry.name,
                                os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC,
                                dir_fd=fd,
                            )
                        )
                else:
                    yield fd, entry.name, entry.is_file(follow_symlinks=False)
        finally:
            os.close(fd)
