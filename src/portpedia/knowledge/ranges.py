"""The three port ranges of RFC 6335 section 6, and what each means in practice."""

# No `from __future__ import annotations`: with it, typing compiles a ForwardRef for every
# NamedTuple field, which costs milliseconds on every CLI start.

from typing import NamedTuple

from portpedia.i18n import N_


class PortRange(NamedTuple):
    key: str
    low: int
    high: int
    name: str
    also_called: str
    meaning: str
    sources: tuple[str, ...] = ("rfc6335",)

    def contains(self, port: int) -> bool:
        return self.low <= port <= self.high


RANGES: tuple[PortRange, ...] = (
    PortRange(
        "system",
        0,
        1023,
        N_("System Ports"),
        N_("well-known ports"),
        N_(
            "IANA hands these out only through IETF Review or IESG Approval, so they belong "
            "to long-established Internet services. On Unix-like systems only privileged "
            "programs may listen on them."
        ),
        ("rfc6335", "man-ip7"),
    ),
    PortRange(
        "user",
        1024,
        49151,
        N_("User Ports"),
        N_("registered ports"),
        N_(
            "IANA assigns these to applications on request, after expert review. Any "
            "program may listen on them, and many programs use them without a registration."
        ),
    ),
    PortRange(
        "dynamic",
        49152,
        65535,
        N_("Dynamic and/or Private Ports"),
        N_("ephemeral ports"),
        N_(
            "IANA never assigns these. They are left free for operating systems to hand out "
            "as temporary source ports, and for private or short-lived services."
        ),
    ),
)


def range_of(port: int) -> PortRange:
    for r in RANGES:
        if r.contains(port):
            return r
    raise ValueError(f"port {port} is outside 0-65535")
