"""Writing an export's files so that a second run touches only what changed."""

from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(root: Path, name: str, data: bytes) -> bool:
    """Write ``data`` to ``root/name`` unless it already holds exactly those bytes.

    Returns True when the file was (re)written. The new file appears atomically, so a
    server reading the directory meanwhile sees the old page or the new one, never half.
    """
    path = root / name
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True
