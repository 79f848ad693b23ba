"""Writing an export's files so that a second run touches only what changed."""

from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(root: Path | str, name: str, data: bytes) -> bool:
    """Write ``data`` to ``root/name`` unless it already holds exactly those bytes.

    Returns True when the file was (re)written. The new file appears atomically, so a
    server reading the directory meanwhile sees the old page or the new one, never half.
    """
    return put_file(root, name, data)[0]


def put_file(root: Path | str, name: str, data: bytes) -> tuple[bool, int, int]:
    """:func:`write_if_changed`, also returning the file's size and ``st_mtime_ns``."""
    path = os.path.join(root, name)
    try:
        st = os.stat(path)
        if st.st_size == len(data):
            with open(path, "rb") as old:
                if old.read() == data:
                    return False, st.st_size, st.st_mtime_ns
    except FileNotFoundError:
        pass
    head, tail = os.path.split(path)
    tmp = os.path.join(head, f".{tail}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        fd = os.open(tmp, flags, 0o666)
    except FileNotFoundError:  # the folder's first file
        os.makedirs(head, exist_ok=True)
        fd = os.open(tmp, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        st = os.fstat(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    return True, st.st_size, st.st_mtime_ns
