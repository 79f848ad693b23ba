"""The registry's record type: one row of IANA's Service Name and Port Number registry."""

# No `from __future__ import annotations`: with it, typing compiles a ForwardRef for every
# NamedTuple field, which costs milliseconds on every CLI start.

from typing import NamedTuple

from portpedia.ports import TRANSPORTS

__all__ = ["TRANSPORTS", "IanaEntry", "Snapshot"]


class IanaEntry(NamedTuple):
    """One IANA row, all twelve published fields kept.

    ``low``/``high`` are ``None`` for name-only rows (service names registered for
    DNS-SD/SRV use without a port). ``transport`` is ``""`` when the row holds for every
    transport (most Reserved/Unassigned rows). Person fields keep IANA's bracketed ids
    (``[Jon_Postel]``); :attr:`Snapshot.people` maps ids to display names.
    """

    service: str
    low: int | None
    high: int | None
    transport: str
    description: str
    assignee: str
    contact: str
    registered: str
    modified: str
    reference: str
    service_code: str
    unauthorized: str
    notes: str

    @property
    def port_text(self) -> str:
        if self.low is None:
            return ""
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.low != self.high

    @property
    def status(self) -> str:
        """``assigned``, ``reserved`` or ``unassigned``.

        Only a named row is an assignment. Nameless rows say "Reserved", "any private ..."
        (kept for private use, so reserved too), or "Unassigned", "De-registered",
        "Removed", "Deprecated" (all free for a new assignment: unassigned).
        """
        if self.service:
            return "assigned"
        desc = self.description.strip().lower()
        if desc.startswith(("reserved", "any private")):
            return "reserved"
        return "unassigned"

    def covers(self, port: int) -> bool:
        return self.low is not None and self.low <= port <= self.high  # type: ignore[operator]


class Snapshot(NamedTuple):
    """Everything the importer extracts from one registry file."""

    updated: str
    entries: tuple[IanaEntry, ...]
    people: dict[str, str]
    footnotes: dict[str, str]
    source: str = ""
