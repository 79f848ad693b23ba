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
