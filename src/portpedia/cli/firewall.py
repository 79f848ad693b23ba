"""``portpedia firewall``: rules that open or close a port, or a product's ports.

    portpedia firewall 3389/tcp --allow --from 10.0.0.0/8 --tool nftables
    portpedia firewall 445 --deny
    portpedia firewall --app kubernetes --allow --role "control plane" --tool ufw

Standard output is exactly what the tool takes (an ``nft -f`` file, shell commands, a
PowerShell block); with no --tool, every tool's form under a comment heading. Warnings
go to standard error, so the output can be piped straight into the tool.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from portpedia.firewall import TOOLS

_LOAD = {
    "nftables": "save it as a file and run: sudo nft -f FILE",
    "iptables": "run as root; save with iptables-save to keep after a reboot",
    "ufw": "run as root",
    "firewalld": "run as root",
    "windows": "run in an elevated PowerShell",
    "pf": "add to /etc/pf.conf and run: sudo pfctl -f /etc/pf.conf",
}


def _one_line_error(message: str) -> NoReturn:
    # argparse would print its usage too; bad input gets exactly one line.
    sys.stderr.write(f"portpedia firewall: error: {message}\n")
    raise SystemExit(2)


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.error = _one_line_error  # type: ignore[method-assign]
    parser.description = (
        "Print firewall rules that allow or deny inbound traffic to a port (PORT, PORT/tcp, "
        "LOW-HIGH/udp), or to the ports a product needs (--app). Output is exactly what the "
        "tool takes; warnings go to stderr."
    )
    parser.add_argument("target", nargs="?", help="port, port/protocol or range, e.g. 3389/tcp")
    parser.add_argument("--app", metavar="NAME", help="a product's ports (portpedia app --list)")
    parser.add_argument("--allow", action="store_true", help="open the port(s)")
    parser.add_argument("--deny", action="store_true", help="close the port(s)")
    parser.add_argument(
        "--from",
        dest="source",
        metavar="CIDR",
        help="only traffic from this address or network, e.g. 10.0.0.0/8",
    )
    parser.add_argument("--role", help="with --app: only this role's ports, e.g. worker")
    parser.add_argument(
        "--tool", metavar="T", help=f"one of {', '.join(TOOLS)} (default: every tool)"
    )
    parser.add_argument("--json", action="store_true", help="the rules and every tool's text")


def run(args: argparse.Namespace) -> int:
    from portpedia.cli._lang import gettext
    from portpedia.cli._term import emit_json, fail
    from portpedia.errors import PortpediaError
    from portpedia.explain.firewall import port_plan, product_plan
    from portpedia.firewall import check_tool, render

    _ = gettext()
    if args.allow == args.deny:
        return fail(_("give exactly one of --allow or --deny"))
    if (args.target is None) == (args.app is None):
        both = args.app is not None
        return fail(
            _("give a PORT or --app NAME, not both") if both else _("give a PORT or --app NAME")
        )
    if args.role is not None and args.app is None:
        return fail(_("--role goes with --app"))
    action = "allow" if args.allow else "deny"
    try:
        tool = check_tool(args.tool) if args.tool is not None else None
        if args.app is not None:
            plan = product_plan(args.app, action, args.role, args.source)
        else:
            plan = port_plan(args.target, action, args.source)
    except PortpediaError as exc:
        return fail(exc.msg.render(_), exc.exit_code)
    if args.json:
        emit_json(plan.to_dict(_))
        return 0
    for message in plan.warnings:
        sys.stderr.write(f"portpedia: {_('warning')}: {message.render(_)}\n")
    for message in plan.skipped:
        sys.stderr.write(f"portpedia: {_('note')}: {message.render(_)}\n")
    if not plan.rules:
        sys.stderr.write(f"portpedia: {_('note')}: {_('no inbound rule is needed')}\n")
        return 0
    if tool is not None:
        sys.stdout.write(render(plan.rules, tool))
        return 0
    for i, name in enumerate(TOOLS):
        if i:
            sys.stdout.write("\n")
        sys.stdout.write(f"# ===== {name}: {_LOAD[name]} =====\n")
        sys.stdout.write(render(plan.rules, name))
    return 0
