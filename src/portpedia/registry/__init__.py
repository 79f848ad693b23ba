"""The IANA registry, loaded from the shipped snapshot (or a user's newer copy) and indexed.

Loading is lazy: a single-port lookup splits the snapshot into lines and reads only the
port column; full :class:`IanaEntry` objects are built for the rows a caller asks for.
"""

from __future__ import annotations

import os
import re
import sys
from functools import cached_property
from typing import TYPE_CHECKING

from portpedia.errors import RegistryFormatError

if TYPE_CHECKING:
    from pathlib import Path
from portpedia.registry.model import TRANSPORTS, IanaEntry, Snapshot
from portpedia.registry.snapshot import MAGIC, _esc, entry_from_line, unescape

__all__ = ["TRANSPORTS", "IanaEntry", "Registry", "Snapshot", "load", "shipped_path", "user_path"]

SNAPSHOT_NAME = "iana.snapshot"


# pathlib costs ~4 ms to import; the lookup path works with os.path strings instead.
def _shipped_file() -> str:
    return os.path.join(os.path.dirname(os.path.dirname(__file__)), "data", SNAPSHOT_NAME)


def _data_dir() -> str:
    env = os.environ.get("PORTPEDIA_DATA_DIR")
    if env:
        return env
    if sys.platform.startswith("linux"):
        # The XDG rule platformdirs applies on Linux, without its ~10 ms import on every lookup.
        base = os.environ.get("XDG_DATA_HOME", "").strip()
        if not base or not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".local", "share")
        return os.path.join(base, "portpedia")
    from platformdirs import user_data_dir

    return user_data_dir("portpedia", appauthor=False)


def shipped_path() -> Path:
    from pathlib import Path

    return Path(_shipped_file()).resolve()


def data_dir() -> Path:
    """Where user-level data lives: ``$PORTPEDIA_DATA_DIR`` or the platform's data dir."""
    from pathlib import Path

    return Path(_data_dir())


def user_path() -> Path:
    """The registry written by ``portpedia registry update/import``; preferred when present."""
    return data_dir() / SNAPSHOT_NAME


class Registry:
    """An indexed registry snapshot.

    The snapshot text is kept whole. A port lookup binary-searches the sorted entry lines
    in place and parses only the rows it returns, so a one-off lookup (the CLI's case)
    costs microseconds; the full entry list and the name index are built on first use.
    """

    def __init__(self, text: str, origin: str = "snapshot") -> None:
        if not text.startswith(MAGIC):
            raise RegistryFormatError(f"{origin}: not a portpedia registry snapshot")
        self.origin = origin
        self._text = text
        head = dict(ln.split("\t", 1) for ln in text[:2000].split("\n")[1:3] if "\t" in ln)
        self.updated: str = unescape(head.get("U", ""))
        self.source: str = unescape(head.get("S", ""))
        start = text.find("\nE\t")
        if start < 0:
            raise RegistryFormatError(f"{origin}: the snapshot holds no records")
        self._start = start + 1
        # Entries run to the end of the snapshot (a final newline included).
        self._end = len(text)
        self._cache: dict[int, IanaEntry] = {}
        self._scans = 0  # range lookups answered by a scan, before the buckets pay off

    @classmethod
    def from_snapshot(cls, snap: Snapshot) -> Registry:
        from portpedia.registry.snapshot import dumps

        return cls(dumps(snap), origin=snap.source or "snapshot")

    # -- reading lines in place ----------------------------------------------------------

    def _line_end(self, at: int) -> int:
        end = self._text.find("\n", at, self._end)
        return self._end - 1 if end < 0 else end

    def _low(self, at: int) -> int:
        """Low port of the entry line starting at ``at`` (65536 for name-only rows)."""
        text = self._text
        a = text.index("\t", at + 2) + 1
        b = text.index("\t", a)
        if a == b:
            return 65536
        dash = text.find("-", a, b)
        return int(text[a : dash if dash >= 0 else b])

    def _entry(self, at: int) -> IanaEntry:
        e = self._cache.get(at)
        if e is None:
            line = self._text[at : self._line_end(at)]
            e = self._cache[at] = entry_from_line(line, f"{self.origin} offset {at}")
        return e

    def _line_starts(self) -> list[int]:
        starts = [self._start]
        text, end = self._text, self._end
        i = text.find("\n", self._start, end)
        while 0 <= i < end - 1:
            starts.append(i + 1)
            i = text.find("\n", i + 1, end)
        return starts

    def __len__(self) -> int:
        return len(self._line_starts_cached)

    @cached_property
    def _line_starts_cached(self) -> list[int]:
        return self._line_starts()

    @cached_property
    def entries(self) -> tuple[IanaEntry, ...]:
        return tuple(self._entry(at) for at in self._line_starts_cached)

    @cached_property
    def _ranges(self) -> tuple[list[tuple[int, int, int]], int]:
        """(low, high, offset) of the range rows, which lead the entries; and where they end."""
        # One regex pass over the ~800 range lines: several times cheaper than splitting
        # each line in Python, which matters on every CLI lookup.
        rows = []
        end = self._start
        for m in _ROW_PORTS.finditer(self._text, self._start):
            if m.group(2) is None:
                end = m.start()
                break
            rows.append((int(m.group(1)), int(m.group(2)), m.start()))
        else:
            end = self._end - 1
        return rows, end

    @cached_property
    def _range_buckets(self) -> dict[int, list[tuple[int, int, int]]]:
        """Range rows by 64-port bucket, so a lookup checks a handful instead of ~800."""
        buckets: dict[int, list[tuple[int, int, int]]] = {}
        for row in self._ranges[0]:
            for b in range(row[0] >> 6, (row[1] >> 6) + 1):
                buckets.setdefault(b, []).append(row)
        return buckets

    def at(self, port: int) -> list[IanaEntry]:
        """Every row covering ``port``: its own rows and any range row around it."""
        text = self._text
        lo = self._ranges[1]
        hi = self._end
        # Bisect the single-port rows (sorted by port) for the first one >= ``port``.
        while lo < hi:
            mid = (lo + hi) // 2
            s = max(text.rfind("\n", lo, mid) + 1, lo)
            if self._low(s) >= port:
                hi = s
            else:
                lo = self._line_end(s) + 1
        if "_range_buckets" in self.__dict__ or self._scans >= 16:
            bucket = self._range_buckets.get(port >> 6, ())
        else:
            # A few lookups (a CLI run) scan the ~800 range rows, which is far cheaper
            # than building the buckets; many lookups (a server, an export) use them.
            self._scans += 1
            bucket = self._ranges[0]
        offsets = [at for low, high, at in bucket if low <= port <= high]
        while lo < self._end - 1 and self._low(lo) == port:
            offsets.append(lo)
            lo = self._line_end(lo) + 1
        return [self._entry(at) for at in offsets]

    @cached_property
    def _by_name(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        text = self._text
        for at in self._line_starts_cached:
            name = text[at + 2 : text.index("\t", at + 2)]
            if name:
                index.setdefault(name.lower(), []).append(at)
        return index

    def named(self, name: str) -> list[IanaEntry]:
        """Rows registered under ``name`` (case-insensitive), name-only rows included."""
        key = name.strip()
        if "_by_name" in self.__dict__ or not key or "\\" in key:
            return [self._entry(at) for at in self._by_name.get(key.lower(), [])]
        pattern = re.compile("\nE\t(?i:" + re.escape(key) + ")\t")
        return [self._entry(m.start() + 1) for m in pattern.finditer(self._text, self._start - 1)]

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
        for ln in self._text[: self._start].split("\n"):
            if ln.startswith(tag + "\t"):
                _, key, value = ln.split("\t", 2)
                out[unescape(key)] = unescape(value)
        return out

    def person(self, ref: str) -> str:
        """Display names for a bracketed id list such as ``[IESG][Jon_Postel]``."""
        ids = [p for p in ref.replace("]", "[").split("[") if p]
        return ", ".join(self._person_name(i) for i in ids)

    def _person_name(self, pid: str) -> str:
        if "people" in self.__dict__:
            return self.people.get(pid, pid.replace("_", " "))
        # A single lookup need not parse all ~5,600 people: find the one row directly. The
        # snapshot stores ids escaped (pure ASCII), so look the id up the same way.
        key = f"\nP\t{_esc(pid)}\t"
        at = self._text.find(key, 0, self._start)
        if at < 0:
            return pid.replace("_", " ")
        end = self._text.find("\n", at + len(key))
        return unescape(self._text[at + len(key) : end if end >= 0 else None])


# The port field of an entry line: "N-M" for a range row.
_ROW_PORTS = re.compile(r"^E\t[^\t\n]*\t(\d*)(?:-(\d+))?\t", re.M)


def _read(path: str) -> str:
    # Bytes then decode: text mode's newline translation doubles the cost of a 1.3 MB read.
    with open(path, "rb") as f:
        return f.read().decode("ascii")


_loaded: Registry | None = None


def load(path: str | Path | None = None) -> Registry:
    """The registry in use: ``path`` if given, else the user's copy, else the shipped one.

    A damaged user copy is ignored (the shipped snapshot is always good), so a bad
    download can never leave portpedia without data.
    """
    global _loaded
    if path is not None:
        return Registry(_read(os.fspath(path)), origin=os.fspath(path))
    if _loaded is None:
        user = os.path.join(_data_dir(), SNAPSHOT_NAME)
        if os.path.isfile(user):
            try:
                _loaded = Registry(_read(user), origin=user)
            except (OSError, ValueError, RegistryFormatError):
                _loaded = None
        if _loaded is None:
            _loaded = Registry(_read(_shipped_file()), origin="shipped snapshot")
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
