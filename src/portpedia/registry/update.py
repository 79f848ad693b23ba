"""Refreshing the registry: from IANA over HTTPS, or from a local XML/CSV file.

The new data is parsed and validated completely before it replaces anything, and the
replacement is an atomic rename, so a failed or truncated download leaves the previous
registry exactly as it was.
"""

from __future__ import annotations

import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from portpedia.errors import PortpediaError, RegistryFormatError
from portpedia.registry import reset, user_path, validate
from portpedia.registry.importer import MAX_BYTES, load_file, parse_bytes
from portpedia.registry.model import Snapshot
from portpedia.registry.snapshot import dumps

IANA_URL = (
    "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml"
)
MAX_DOWNLOAD = MAX_BYTES  # the XML is ~4 MB; anything far larger is not it


class RegistryWriteError(PortpediaError):
    """The new registry could not be written (disk full, no permission); the old one stays."""

    exit_code = 1


def install(snap: Snapshot, target: Path | None = None) -> Path:
    """Validate ``snap`` and make it the registry in use."""
    validate(snap)
    target = target or user_path()
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".iana-", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(dumps(snap))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise RegistryWriteError(
            f"cannot write the registry to {target}: {exc.strerror or exc}; "
            "the registry in use is unchanged"
        ) from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise
    reset()
    return target


def import_file(path: str | Path, target: Path | None = None) -> tuple[Snapshot, Path]:
    snap = load_file(path)
    return snap, install(snap, target)


def download(url: str = IANA_URL, timeout: float = 60.0) -> Snapshot:
    req = urllib.request.Request(url, headers={"User-Agent": "portpedia registry update"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = resp.read(MAX_DOWNLOAD + 1)
    except urllib.error.HTTPError as exc:
        raise RegistryFormatError(f"download failed: {url} answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RegistryFormatError(f"download failed: cannot reach {url} ({reason})") from exc
    if len(data) > MAX_DOWNLOAD:
        raise RegistryFormatError(
            f"download failed: {url} sent more than {MAX_DOWNLOAD // (1024 * 1024)} MB"
        )
    return parse_bytes(data, source=url.rsplit("/", 1)[-1] or url)


def update(url: str = IANA_URL, target: Path | None = None) -> tuple[Snapshot, Path]:
    snap = download(url)
    return snap, install(snap, target)
