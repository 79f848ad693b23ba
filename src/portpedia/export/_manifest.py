"""The export's manifest: what a directory was built from, so an unchanged re-run is free.

``DIR/.portpedia-export.json`` holds a fingerprint of every input of the export (the
package's code, templates, static files and catalogs, the registry snapshots, the versions
of the libraries that shape the bytes, and the export's options) and the size and
modification time of every file written. When a new run has the same fingerprint and
every listed file is still there, untouched, nothing needs rendering.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

NAME = ".portpedia-export.json"
_FORMAT = 1
# Libraries whose version can change an exported byte (templates, escaping, JSON).
_LIBRARIES = ("jinja2", "markupsafe", "babel", "starlette")

FileStamp = tuple[int, int]  # (size, st_mtime_ns)


def fingerprint(options: Mapping[str, Any]) -> str:
    """A digest of everything the export's bytes depend on, ``options`` included."""
    from importlib.metadata import PackageNotFoundError, version

    import portpedia
    from portpedia.registry import shipped_path, user_path

    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("format", str(_FORMAT).encode())
    add("options", json.dumps(options, sort_keys=True).encode())
    for name in ("portpedia", *_LIBRARIES):
        try:
            add(f"version:{name}", version(name).encode())
        except PackageNotFoundError:
            add(f"version:{name}", b"")
    # Every file of the package: code, knowledge, templates, static assets, catalogs and
    # the shipped snapshot (a few MB; hashed in milliseconds).
    package = Path(portpedia.__file__).resolve().parent
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(folder, name)
            add(os.path.relpath(path, package), Path(path).read_bytes())
    # The registry in use may be the user's downloaded copy.
    for label, snapshot in (("registry:user", user_path()), ("registry:shipped", shipped_path())):
        try:
            add(label, Path(snapshot).read_bytes())
        except FileNotFoundError:
            add(label, b"")
    return digest.hexdigest()


def load(root: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((root / NAME).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return None
    return data


def matches(root: Path, manifest: Mapping[str, Any] | None, digest: str) -> int | None:
    """How many files the manifest lists, if it is for ``digest`` and they are untouched."""
    if manifest is None or manifest.get("fingerprint") != digest:
        return None
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return None
    base = str(root)
    for name, stamp in files.items():
        try:
            # lstat: a symlink planted where a listed file was is a change, not a match.
            st = os.lstat(os.path.join(base, name))
        except OSError:
            return None
        if [st.st_size, st.st_mtime_ns] != stamp:
            return None
    return len(files)


def forget(root: Path) -> None:
    """Before files change: a manifest that lists nothing, so an interrupted run is never
    trusted, yet the directory still shows it holds a portpedia export."""
    from portpedia.export._files import write_if_changed

    body = {"format": _FORMAT, "fingerprint": "", "incomplete": True, "files": {}}
    write_if_changed(root, NAME, json.dumps(body).encode(), staged=False)


def owned(root: Path) -> bool:
    """Whether ``root`` is empty or holds a portpedia export: its manifest, as a regular
    file (damaged or of another format is fine: it says what made the directory)."""
    try:
        with os.scandir(root) as entries:
            if next(entries, None) is None:
                return True
    except FileNotFoundError:
        return True
    try:
        return stat.S_ISREG(os.lstat(root / NAME).st_mode)
    except OSError:
        return False


def save(root: Path, digest: str, files: Iterable[tuple[str, FileStamp]], **extra: Any) -> None:
    from portpedia.export._files import write_if_changed

    body = {"format": _FORMAT, "fingerprint": digest, **extra, "files": dict(sorted(files))}
    data = json.dumps(body, separators=(",", ":")).encode()
    write_if_changed(root, NAME, data, staged=False)
