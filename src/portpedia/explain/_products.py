"""The report's products that use a port (see :mod:`._knowledge` for the article).

Kept out of :mod:`.report` so that a lookup of a port without them does not pay for
creating their classes; :mod:`.report` re-exports them.
"""

# No `from __future__ import annotations`: with it, typing compiles a ForwardRef for every
# NamedTuple field, which costs milliseconds on every CLI start.

from typing import Any, NamedTuple

from portpedia.i18n import Gettext


class ProductPortInfo(NamedTuple):
    ports: str
    transport: str
    direction: str  # inbound | outbound | internode
    role: str
    purpose: str
    required: bool
    cites: tuple[int, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"ports": self.ports, "transport": self.transport, "direction": self.direction,
                "role": gt(self.role), "purpose": gt(self.purpose), "required": self.required,
                "cites": list(self.cites)}  # fmt: skip


class ProductInfo(NamedTuple):
    """A product that needs the port, with the entries of its port list that cover it."""

    id: str
    name: str
    group: str
    summary: str
    ports: tuple[ProductPortInfo, ...]
    cites: tuple[int, ...]

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"id": self.id, "name": gt(self.name), "group": self.group,
                "summary": gt(self.summary), "ports": [p.to_dict(gettext) for p in self.ports],
                "cites": list(self.cites)}  # fmt: skip
