"""The "on this machine now" views of ``portpedia serve --local``.

Sockets come from :mod:`portpedia.local`; a failure there (an unsupported platform, a
scan error) hides the panel rather than breaking the page. ``serve`` allows ``--local``
only on a loopback address, because these views show process names, users and command
lines.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("portpedia.web")


def local_sockets(port: int | None = None, *, listening_only: bool = False) -> list[Any] | None:
    """Sockets using ``port`` (or every listener), or None when that cannot be known here."""
    try:
        from portpedia import local

        return list(local.sockets(port=port, listening_only=listening_only, owners=True))
    except Exception as exc:  # a failing panel must not take the page down
        log.warning("local sockets unavailable: %s", exc)
        return None


def live_pool() -> dict[str, Any] | None:
    """This machine's ephemeral pool (``portpedia ephemeral --json``), or None if unreadable."""
    try:
        from portpedia.local import ephemeral

        return ephemeral.live(top=10).to_dict()
    except Exception as exc:  # the guide still renders without the live panel
        log.warning("ephemeral pool unavailable: %s", exc)
        return None
