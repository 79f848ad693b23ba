"""Small terminal helpers shared by the CLI commands: colour only on a TTY, JSON output."""

from __future__ import annotations

import os
import re
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


_CHUNKS = re.compile(r"([\t\n\x0b\x0c\r ]+)")
_SPACES = str.maketrans("\t\n\x0b\x0c\r", "     ")


def wrap(text: str, width: int, indent: str = "", subsequent_indent: str | None = None) -> str:
    """``textwrap.fill(text, width, indent, subsequent_indent, break_on_hyphens=False)``,
    in time linear in the text's length.

    Greedy lines; runs of spaces kept inside a line (aligned columns), white space at a
    line break dropped, a word longer than a line cut to fill it. textwrap (and a plain
    port of it) re-slices such a word once per line, so a registry field of a few
    megabytes took minutes to print; here a word is sliced once per line it fills.
    ``subsequent_indent`` defaults to ``indent`` plus two spaces.
    """
    rest = indent + "  " if subsequent_indent is None else subsequent_indent
    chunks = [c for c in _CHUNKS.split(text.translate(_SPACES)) if c]
    chunks.reverse()
    start = 0  # how much of chunks[-1] earlier lines already took
    lines: list[str] = []
    while chunks:
        prefix = rest if lines else indent
        room = width - len(prefix)
        if lines and chunks[-1].isspace():
            chunks.pop()
            start = 0
            continue
        line: list[str] = []
        size = 0
        while chunks and size + len(chunks[-1]) - start <= room:
            size += len(chunks[-1]) - start
            line.append(chunks.pop()[start:] if start else chunks.pop())
            start = 0
        if chunks and len(chunks[-1]) - start > room:
            cut = room - size if room > 0 else 1
            if cut > 0:
                line.append(chunks[-1][start : start + cut])
                start += cut
                if start >= len(chunks[-1]):  # a line narrower than one character
                    chunks.pop()
                    start = 0
        if line and line[-1].isspace():
            del line[-1]
        if line:
            lines.append(prefix + "".join(line))
    return "\n".join(lines)
