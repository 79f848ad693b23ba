"""Small terminal helpers shared by the CLI commands: colour only on a TTY, JSON output."""

from __future__ import annotations

import os
import sys
from typing import Any, TextIO

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def use_colour(stream: TextIO | None = None) -> bool:
    stream = stream or sys.stdout
    # NO_COLOR (https://no-color.org) wins; otherwise colour only when a person is looking.
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def style(text: str, *names: str, stream: TextIO | None = None) -> str:
    if not names or not use_colour(stream):
        return text
    codes = ";".join(_CODES[n] for n in names)
    return f"\033[{codes}m{text}\033[0m"


def emit_json(obj: Any, stream: TextIO | None = None) -> None:
    # Looked up per call: tests and pipes may swap sys.stdout after import.
    stream = stream or sys.stdout
    import json

    json.dump(obj, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def fail(message: str, code: int = 2) -> int:
    """Print a one-line error to stderr and return the exit code to use."""
    sys.stderr.write(f"portpedia: error: {message}\n")
    return code


def wrap(text: str, width: int, indent: str = "", subsequent_indent: str | None = None) -> str:
    """``text`` filled to ``width`` columns, in time linear in its length.

    Like ``textwrap.fill`` (whitespace runs become one space, words longer than a line are
    cut), but textwrap re-slices an over-long word once per line, so a registry field of
    a few megabytes took minutes to print.
    """
    rest = indent + "  " if subsequent_indent is None else subsequent_indent
    lines: list[str] = []
    current: list[str] = []
    prefix = indent
    used = len(prefix)

    def flush() -> None:
        nonlocal current, prefix, used
        lines.append(prefix + " ".join(current))
        current = []
        prefix = rest
        used = len(prefix)

    for word in text.split():
        start = 0  # the word's part still to place; sliced once per line, never re-copied
        while start < len(word):
            left = len(word) - start
            gap = 1 if current else 0
            if used + gap + left <= width:
                current.append(word[start:] if start else word)
                used += gap + left
                break
            if current and left <= width - len(prefix):
                flush()  # it fits on a line of its own: start one
                continue
            # Longer than a whole line: fill this line with a cut, as textwrap does.
            room = width - used - gap
            if room < 1:
                if current:
                    flush()
                    continue
                room = 1
            current.append(word[start : start + room])
            start += room
            flush()
    if current:
        flush()
    return "\n".join(lines)
