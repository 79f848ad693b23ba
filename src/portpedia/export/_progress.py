"""A one-line progress bar on stderr (``\\r``-redrawn), silent unless stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, label: str = "export", stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.total = total
        self.done = 0
        self.label = label
        self._start = time.monotonic()
        self._drawn = 0.0

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= 0.1 or self.done >= self.total):
            self._drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        total = max(self.total, self.done, 1)
        share = self.done / total
        width = 30
        bar = "#" * int(share * width)
        elapsed = now - self._start
        eta = elapsed / share - elapsed if share > 0 else 0.0
        self.stream.write(
            f"\r{self.label} [{bar:<{width}}] {self.done}/{total} files "
            f"{share:4.0%}  {elapsed:5.1f} s  eta {eta:5.1f} s"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
