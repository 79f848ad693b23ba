"""``portpedia app NAME``: the ports a product needs; ``portpedia app --list``: every product."""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.description = (
        "Which ports a product needs, in which direction and for which role, with sources."
    )
    parser.add_argument("name", nargs="?", help="a product, e.g. kubernetes, plex, steam")
    parser.add_argument("--list", action="store_true", help="list every product, by group")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def _print_list() -> int:
    from portpedia.cli._term import style
    from portpedia.explain.product import GROUPS, product_index

    group = None
    for entry in product_index():
        if entry.group != group:
            group = entry.group
            print(
                ("\n" if group != product_index()[0].group else "") + style(GROUPS[group], "bold")
            )
        print(f"  {entry.id:22} {entry.name:28} {entry.ports}")
    return 0


def run(args: argparse.Namespace) -> int:
    from portpedia.cli._term import emit_json, fail, style
    from portpedia.errors import PortpediaError
    from portpedia.explain.product import DIRECTIONS, GROUPS, lookup_product, product_index

    if args.list == (args.name is not None):
        return fail("give a product NAME or --list")
    if args.list:
        if args.json:
            emit_json({"products": [e.to_dict() for e in product_index()]})
            return 0
        return _print_list()
    try:
        report = lookup_product(args.name)
    except PortpediaError as exc:
        return fail(str(exc), exc.exit_code)
    if args.json:
        emit_json(report.to_dict())
        return 0
    out = sys.stdout
    out.write(f"{style(report.name, 'bold')}  ({GROUPS[report.group]})\n{report.summary}\n\n")
    out.write(style("Ports", "bold") + "\n")
    width = max(len(f"{p.ports}/{p.transport}") for p in report.ports)
    for p in report.ports:
        where = f"{p.ports}/{p.transport}".ljust(width)
        need = "required" if p.required else "optional"
        marks = "".join(f"[{n}]" for n in p.cites)
        out.write(
            f"  {where}  {DIRECTIONS[p.direction]:13} {p.role}: {p.purpose} ({need}) {marks}\n"
        )
    roles = " | ".join(report.roles)
    out.write(
        f"\n{style('Firewall rules', 'bold')}\n  portpedia firewall --app {report.id} --allow"
    )
    out.write(f" [--role {roles}]\n" if len(report.roles) > 1 else "\n")
    out.write(f"\n{style('Sources', 'bold')}\n")
    for f in report.footnotes:
        out.write(f"  [{f.number}] {f.source.title}. {f.source.url}\n")
    return 0
