"""Firewall rules for a port or a product, written for each tool people use.

Pure functions: a :class:`Rule` (ports, transports, allow or deny, an optional source
network) becomes the exact text a tool accepts. What to warn about, and which ports a
product needs, is decided in :mod:`portpedia.explain.firewall`; this room only writes
syntax.
"""

from portpedia.firewall.rule import (
    ACTIONS,
    TOOLS,
    FirewallInputError,
    Rule,
    make_rule,
    parse_source,
)
from portpedia.firewall.tools import check_tool, render, render_all

__all__ = [
    "ACTIONS",
    "TOOLS",
    "FirewallInputError",
    "Rule",
    "check_tool",
    "make_rule",
    "parse_source",
    "render",
    "render_all",
]
