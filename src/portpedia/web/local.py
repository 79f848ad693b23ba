"""Hook for the "on this machine now" panel (``portpedia serve --local``).

The sockets come from :mod:`portpedia.local`; until its public API is in place, or when it
is missing on a platform, :func:`local_sockets` returns None and the panel stays hidden.
"""

from __future__ import annotations

from typing import Any


def local_sockets(port: int) -> list[Any] | None:
    """What holds ``port`` on this machine, or None when that cannot be known here."""
    try:
        import portpedia.local as local
    except ImportError:
        return None
    finder = getattr(local, "sockets_on", None) or getattr(local, "who", None)
    if finder is None:
        return None
    try:
        return list(finder(port))
    except Exception:  # a failing panel must not take the page down
        return None
