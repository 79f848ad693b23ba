"""The whole port space at once: every port's IANA status, for the map of 65,536 ports.

One decision per port, the same as a port page's (:func:`decide_status`), made for all
ports in one pass over the registry instead of 65,536 lookups.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from portpedia.explain.status import STATUSES, decide_status

if TYPE_CHECKING:
    from portpedia.registry import Registry

PORTS = 65536


def port_statuses(registry: Registry | None = None) -> bytes:
    """65,536 bytes: byte ``n`` is the index in :data:`STATUSES` of port ``n``'s status."""
    if registry is None:
        from portpedia.registry import load

        registry = load()
    return _statuses(registry)


@lru_cache(maxsize=2)
def _statuses(registry: Registry) -> bytes:
    from portpedia.knowledge.ranges import range_of

    rows: dict[int, list[object]] = {}
    for e in registry.entries:
        if e.low is None or e.high is None:
            continue
        for p in range(e.low, min(e.high, PORTS - 1) + 1):
            rows.setdefault(p, []).append(e)
    index = {s: i for i, s in enumerate(STATUSES)}
    keys = [range_of(p).key for p in range(0, PORTS, 1024)]  # ranges start on 1024s
    return bytes(
        index[decide_status(rows.get(p, ()), keys[p // 1024])]  # type: ignore[arg-type]
        for p in range(PORTS)
    )
