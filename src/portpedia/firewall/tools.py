"""Each tool's syntax for a :class:`~portpedia.firewall.rule.Rule`, in one table.

The forms follow each tool's own documentation (recorded in
tests/firewall/documented_forms.toml with the page each came from):
nft(8), iptables(8), ufw(8), firewalld.richlanguage(5), New-NetFirewallRule and
pf.conf(5). Allow rules are inserted before the rest (nft ``insert``, iptables ``-I``);
ufw and pf deny rules are put first (``prepend``, ``quick``) so that they win.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from portpedia.firewall.rule import TOOLS, FirewallInputError, Rule
from portpedia.i18n import Msg

_UNSAFE = re.compile(r"[^A-Za-z0-9 .,:;/()+_@-]")


def _comment(rule: Rule) -> str:
    # Comments come from curated data; keep them to characters every syntax takes as-is.
    return _UNSAFE.sub("", rule.comment)[:100].strip()


def _header(rules: Iterable[Rule]) -> list[str]:
    return [f"# {c}" for c in dict.fromkeys(_comment(r) for r in rules) if c]


def _nft(rules: list[Rule]) -> str:
    lines = [
        "#!/usr/sbin/nft -f",
        "# Load with: sudo nft -f FILE. Adds to the input chain of table inet filter",
        "# (the layout of Debian's /etc/nftables.conf), creating it if it is missing;",
        "# 'insert' puts each rule ahead of the chain's other rules.",
        "table inet filter {",
        "\tchain input {",
        "\t\ttype filter hook input priority filter;",
        "\t}",
        "}",
    ]
    for rule in rules:
        verdict = "accept" if rule.action == "allow" else "drop"
        ports = rule.ports
        match = ""
        if rule.source is not None:
            match = f"{'ip' if rule.family == 4 else 'ip6'} saddr {rule.source} "
        note = _comment(rule)
        tail = f' comment "{note}"' if note else ""
        for proto in rule.transports:
            lines.append(
                f"insert rule inet filter input {match}{proto} dport {ports} {verdict}{tail}"
            )
    return "\n".join(lines) + "\n"


def _iptables(rules: list[Rule]) -> str:
    lines = [*_header(rules)]
    for rule in rules:
        target = "ACCEPT" if rule.action == "allow" else "DROP"
        ports = rule.ports.replace("-", ":")
        binaries = {None: ("iptables", "ip6tables"), 4: ("iptables",), 6: ("ip6tables",)}
        source = f" -s {rule.source}" if rule.source is not None else ""
        for binary in binaries[rule.family]:
            for proto in rule.transports:
                lines.append(
                    f"sudo {binary} -I INPUT -p {proto}{source} --dport {ports} -j {target}"
                )
    return "\n".join(lines) + "\n"


def _ufw(rules: list[Rule]) -> str:
    lines = [*_header(rules)]
    for rule in rules:
        verb = "allow" if rule.action == "allow" else "prepend deny"
        ports = rule.ports.replace("-", ":")
        note = _comment(rule)
        tail = f" comment '{note}'" if note else ""
        # ufw takes "PORT" for tcp and udp together, but a range needs one protocol.
        both = set(rule.transports) == {"tcp", "udp"} and rule.low == rule.high
        protos: tuple[str | None, ...] = (None,) if both else rule.transports
        for proto in protos:
            if rule.source is None:
                spec = ports if proto is None else f"{ports}/{proto}"
                lines.append(f"sudo ufw {verb} {spec}{tail}")
            else:
                p = "" if proto is None else f"proto {proto} "
                lines.append(f"sudo ufw {verb} {p}from {rule.source} to any port {ports}{tail}")
    return "\n".join(lines) + "\n"


def _firewalld(rules: list[Rule]) -> str:
    lines = [*_header(rules)]
    for rule in rules:
        for proto in rule.transports:
            if rule.source is None and rule.action == "allow":
                lines.append(f"sudo firewall-cmd --permanent --add-port={rule.ports}/{proto}")
                continue
            parts = ["rule"]
            if rule.source is not None:
                parts += [f'family="ipv{rule.family}"', f'source address="{rule.source}"']
            parts += [f'port port="{rule.ports}" protocol="{proto}"']
            parts.append("accept" if rule.action == "allow" else "drop")
            lines.append(f"sudo firewall-cmd --permanent --add-rich-rule='{' '.join(parts)}'")
    lines.append("sudo firewall-cmd --reload")
    return "\n".join(lines) + "\n"


def _windows(rules: list[Rule]) -> str:
    lines = ["# Run in an elevated PowerShell (Run as administrator).", *_header(rules)]
    for rule in rules:
        action = "Allow" if rule.action == "allow" else "Block"
        for proto in rule.transports:
            name = f"portpedia: {rule.action} {proto.upper()} {rule.ports}"
            parts = [
                "New-NetFirewallRule",
                f'-DisplayName "{name}"',
                "-Direction Inbound",
                f"-Protocol {proto.upper()}",
                f"-LocalPort {rule.ports}",
                f"-Action {action}",
            ]
            if rule.source is not None:
                parts.append(f"-RemoteAddress {rule.source}")
            note = _comment(rule)
            if note:
                parts.append(f'-Description "{note}"')
            lines.append(" ".join(parts))
    return "\n".join(lines) + "\n"


def _pf(rules: list[Rule]) -> str:
    lines = ["# Add to /etc/pf.conf, then: sudo pfctl -f /etc/pf.conf", *_header(rules)]
    for rule in rules:
        action = "pass in quick" if rule.action == "allow" else "block in quick"
        protos = rule.transports[0] if len(rule.transports) == 1 else "{ tcp udp }"
        ports = rule.ports.replace("-", ":")
        source = "any" if rule.source is None else str(rule.source)
        family = "" if rule.family is None else (" inet" if rule.family == 4 else " inet6")
        lines.append(f"{action}{family} proto {protos} from {source} to any port {ports}")
    return "\n".join(lines) + "\n"


_WRITERS: dict[str, Callable[[list[Rule]], str]] = {
    "nftables": _nft,
    "iptables": _iptables,
    "ufw": _ufw,
    "firewalld": _firewalld,
    "windows": _windows,
    "pf": _pf,
}
assert tuple(_WRITERS) == TOOLS


def check_tool(name: str) -> str:
    tool = name.strip().lower()
    if tool not in _WRITERS:
        raise FirewallInputError(
            Msg(
                "unknown firewall tool {tool}: use one of {choices}",
                tool=repr(name[:40]),
                choices=", ".join(TOOLS),
            )
        )
    return tool


def render(rules: Iterable[Rule], tool: str) -> str:
    """The rules as ``tool`` accepts them: an ``nft -f`` file, shell or PowerShell lines."""
    return _WRITERS[check_tool(tool)](list(rules))


def render_all(rules: Iterable[Rule]) -> dict[str, str]:
    """Every tool's text for the same rules, in :data:`TOOLS` order."""
    listed = list(rules)
    return {tool: _WRITERS[tool](listed) for tool in TOOLS}
