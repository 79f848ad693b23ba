"""``portpedia wait PORT``: wait until something listens on a port, or until it is free.

    portpedia wait 5432 --timeout 30 && ./run-tests
    portpedia wait 8080 --free
    portpedia wait 443 --host example.internal

Exit status: 0 when the port reached the state, 1 on timeout, 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.description = (
        "Wait until something listens on PORT (or, with --free, until nothing does). "
        "Exit 0 when it happens, 1 on timeout, 2 on bad input."
    )
    parser.add_argument("port", help="port number, optionally with /tcp or /udp")
    parser.add_argument("--free", action="store_true", help="wait until nothing listens on it")
    parser.add_argument("--timeout", default="30", metavar="S", help="give up after S seconds (30)")
    parser.add_argument(
        "--host", help="try to connect to this host instead of reading this machine's sockets"
    )
    parser.add_argument("--udp", action="store_true", help="a UDP port (same as PORT/udp)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args: argparse.Namespace) -> int:
    from portpedia.cli._term import emit_json, fail
    from portpedia.local._wait import parse_wait, wait_for
    from portpedia.ports import parse_port

    port, transport = parse_port(args.port)
    if args.udp and transport == "tcp":
        return fail(f"{args.port} says tcp but --udp says udp")
    transport = "udp" if args.udp else (transport or "tcp")
    if transport not in ("tcp", "udp"):
        return fail(f"portpedia wait sees TCP and UDP ports, not {transport}")
    timeout = parse_wait(args.timeout)
    host = args.host.strip() if args.host is not None else None
    if host is not None and (not host or len(host) > 253 or any(c.isspace() for c in host)):
        return fail(f"--host {args.host[:40]!r} is not a host name or address")
    result = wait_for(port, transport=transport, free=args.free, timeout=timeout, host=host)
    from portpedia.cli._lang import gettext

    _ = gettext()
    where = (
        f"{host}:{port}"
        if host
        else _("port {port}/{transport}").format(port=port, transport=transport)
    )
    if args.json:
        emit_json(result.to_dict())
    elif not args.quiet:
        if result.reached and args.free:
            print(
                _("{where} is free (after {seconds} s)").format(
                    where=where, seconds=f"{result.waited:.1f}"
                )
            )
        elif result.reached:
            print(
                _("{where} is listening (after {seconds} s)").format(
                    where=where, seconds=f"{result.waited:.1f}"
                )
            )
        else:
            text = (
                _("timed out after {seconds} s: {where} is not free")
                if args.free
                else _("timed out after {seconds} s: {where} is not listening")
            )
            sys.stderr.write(
                "portpedia: " + text.format(seconds=f"{timeout:g}", where=where) + "\n"
            )
    return 0 if result.reached else 1
