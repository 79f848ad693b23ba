"""The one record every tool's writer takes, and the checks on what a user gives."""

# No `from __future__ import annotations`: NamedTuple fields stay cheap to build.

import ipaddress
from typing import NamedTuple

from portpedia.errors import PortpediaError
from portpedia.i18n import Msg

ACTIONS: tuple[str, ...] = ("allow", "deny")
# The order of the all-tools output: Linux first, then Windows and the BSDs/macOS.
TOOLS: tuple[str, ...] = ("nftables", "iptables", "ufw", "firewalld", "windows", "pf")
TRANSPORTS: tuple[str, ...] = ("tcp", "udp")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class FirewallInputError(PortpediaError, ValueError):
    """A firewall request that cannot become a rule (bad network, range, tool)."""


class Rule(NamedTuple):
    """Inbound traffic to ports ``low``-``high`` over ``transports``: allow or deny it."""

    low: int
    high: int
    transports: tuple[str, ...]
    action: str
    source: Network | None = None
    comment: str = ""

    @property
    def ports(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"

    @property
    def family(self) -> int | None:
        """4 or 6 when the source network fixes the IP version, else None (both)."""
        return None if self.source is None else self.source.version


def parse_source(text: str) -> Network:
    """``10.0.0.0/8``, ``192.0.2.7`` or ``2001:db8::/32``; host bits must be zero."""
    value = text.strip()
    if not value or len(value) > 64:
        raise FirewallInputError(Msg("--from needs an address or network such as 10.0.0.0/8"))
    try:
        return ipaddress.ip_network(value, strict=True)
    except ValueError:
        pass
    try:
        loose = ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise FirewallInputError(
            Msg("{text} is not an IP address or network (CIDR)", text=repr(value))
        ) from None
    raise FirewallInputError(
        Msg(
            "{text} has host bits set: did you mean {network}?",
            text=repr(value),
            network=str(loose),
        )
    )


def make_rule(
    low: int,
    high: int,
    transports: tuple[str, ...],
    action: str,
    source: Network | None = None,
    comment: str = "",
) -> Rule:
    """A checked :class:`Rule`: ports in order and in range, known transports and action."""
    if not (0 <= low <= 65535 and 0 <= high <= 65535):
        raise FirewallInputError(Msg("ports run from 0 to 65535"))
    if low > high:
        raise FirewallInputError(
            Msg(
                "the range {low}-{high} is out of order: write the lower port first",
                low=low,
                high=high,
            )
        )
    if low == 0:
        raise FirewallInputError(Msg("port 0 cannot be opened or closed: nothing listens on it"))
    if action not in ACTIONS:
        raise FirewallInputError(Msg("the action must be allow or deny"))
    bad = [t for t in transports if t not in TRANSPORTS]
    if bad or not transports:
        raise FirewallInputError(Msg("firewall rules are written for tcp and udp only"))
    return Rule(low, high, tuple(transports), action, source, comment)
