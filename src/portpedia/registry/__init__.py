"""The IANA registry, loaded from the shipped snapshot (or a user's newer copy) and indexed.

Loading is lazy: a single-port lookup splits the snapshot into lines and reads only the
port column; full :class:`IanaEntry` objects are built for the rows a caller asks for.
"""

from __future__ import annotations

import bisect
import os
from functools import cached_property
from pathlib import Path

from portpedia.errors import RegistryFormatError
from portpedia.registry.model import TRANSPORTS, IanaEntry, Snapshot
from portpedia.registry.snapshot import MAGIC, entry_from_line, unescape

__all__ = ["TRANSPORTS", "IanaEntry", "Registry", "Snapshot", "load", "shipped_path", "user_path"]

SNAPSHOT_NAME = "iana.snapshot"


def shipped_path() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / SNAPSHOT_NAME


def data_dir() -> Path:
    """Where user-level data lives: ``$PORTPEDIA_DATA_DIR`` or the platform's data dir."""
    env = os.environ.get("PORTPEDIA_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("portpedia", appauthor=False))


def user_path() -> Path:
    """The registry written by ``portpedia registry update/import``; preferred when present."""
    return data_dir() / SNAPSHOT_NAME


class Registry:
    """An indexed registry snapshot."""

    def __init__(self, text: str, origin: str = "snapshot") -> None:
        if not text.startswith(MAGIC):
            raise RegistryFormatError(f"{origin}: not a portpedia registry snapshot")
        self.origin = origin
        self._text = text
        lines = text.split("\n")
        self._lines = [ln for ln in lines if ln.startswith("E\t")]
        head = {ln[0]: ln[2:] for ln in lines[1:3]}
        self.updated: str = head.get("U", "")
        self.source: str = head.get("S", "")
        # The snapshot is sorted by low port; name-only rows sort last.
        lows: list[int] = []
        highs: list[int] = []
        for ln in self._lines:
            port = ln.split("\t", 3)[2]
            if not port:
                break
            lo, _, hi = port.partition("-")
            lows.append(int(lo))
            highs.append(int(hi) if hi else lows[-1])
        self._lows = lows
        self._highs = highs
        self._max_span = max((h - lo for lo, h in zip(lows, highs, strict=True)), default=0)
        self._cache: dict[int, IanaEntry] = {}

    @classmethod
    def from_snapshot(cls, snap: Snapshot) -> Registry:
        from portpedia.registry.snapshot import dumps

        return cls(dumps(snap), origin=snap.source or "snapshot")

    def _entry(self, i: int) -> IanaEntry:
        e = self._cache.get(i)
        if e is None:
            e = self._cache[i] = entry_from_line(self._lines[i], f"{self.origin} record {i}")
        return e

    def __len__(self) -> int:
        return len(self._lines)

    @cached_property
    def entries(self) -> tuple[IanaEntry, ...]:
        return tuple(self._entry(i) for i in range(len(self._lines)))

    def at(self, port: int) -> list[IanaEntry]:
        """Every row covering ``port``: its own rows and any range row around it."""
        lows, highs = self._lows, self._highs
        start = bisect.bisect_left(lows, port - self._max_span)
        stop = bisect.bisect_right(lows, port)
        return [self._entry(i) for i in range(start, stop) if highs[i] >= port]

    @cached_property
    def _by_name(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, ln in enumerate(self._lines):
            name = ln.split("\t", 2)[1]
            if name:
                index.setdefault(name.lower(), []).append(i)
        return index

    def named(self, name: str) -> list[IanaEntry]:
        """Rows registered under ``name`` (case-insensitive), name-only rows included."""
        return [self._entry(i) for i in self._by_name.get(name.strip().lower(), [])]

    def names(self) -> list[str]:
        return list(self._by_name)

    @cached_property
    def people(self) -> dict[str, str]:
        return self._table("P")

    @cached_property
    def footnotes(self) -> dict[str, str]:
        return self._table("F")

    def _table(self, tag: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for ln in self._text.split("\n"):
            if ln.startswith(tag + "\t"):
                _, key, value = ln.split("\t", 2)
                out[unescape(key)] = unescape(value)
        return out

    def person(self, ref: str) -> str:
        """Display names for a bracketed id list such as ``[IESG][Jon_Postel]``."""
        ids = [p for p in ref.replace("]", "[").split("[") if p]
        return ", ".join(self.people.get(i, i.replace("_", " ")) for i in ids)


_loaded: Registry | None = None


def load(path: str | Path | None = None) -> Registry:
    """The registry in use: ``path`` if given, else the user's copy, else the shipped one.

    A damaged user copy is ignored (the shipped snapshot is always good), so a bad
    download can never leave portpedia without data.
    """
    global _loaded
    if path is not None:
        p = Path(path)
        return Registry(p.read_text(encoding="utf-8"), origin=str(p))
    if _loaded is None:
        user = user_path()
        if user.is_file():
            try:
                _loaded = Registry(user.read_text(encoding="utf-8"), origin=str(user))
            except (OSError, UnicodeDecodeError, RegistryFormatError):
                _loaded = None
        if _loaded is None:
            p = shipped_path()
            _loaded = Registry(p.read_text(encoding="utf-8"), origin="shipped snapshot")
    return _loaded


def reset() -> None:
    """Forget the cached registry (after an update, or between tests)."""
    global _loaded
    _loaded = None


def validate(snap: Snapshot) -> None:
    """Refuse data that cannot be a whole IANA registry (a truncated or wrong download)."""
    if len(snap.entries) < 1000:
        raise RegistryFormatError(
            f"only {len(snap.entries)} records: this does not look like the full IANA registry"
        )
    named = {e.service.lower() for e in snap.entries if e.service}
    missing = {"http", "https", "ssh", "domain"} - named
    if missing:
        raise RegistryFormatError(
            f"the registry lacks core services ({', '.join(sorted(missing))}): refusing it"
        )
