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
    from portpedia.cli._lang import gettext
    from portpedia.cli._term import style
    from portpedia.explain.product import GROUPS, product_index

    _ = gettext()
    group = None
    for entry in product_index():
        if entry.group != group:
            group = entry.group
            print(
                ("\n" if group != product_index()[0].group else "")
                + style(_(GROUPS[group]), "bold")
            )
        print(f"  {entry.id:22} {_(entry.name):28} {entry.ports}")
    return 0


def run(args: argparse.Namespace) -> int:
    from portpedia.cli._lang import gettext
    from portpedia.cli._term import emit_json, fail, style
    from portpedia.errors import PortpediaError
    from portpedia.explain.product import DIRECTIONS, GROUPS, lookup_product, product_index

    _ = gettext()
    if args.list == (args.name is not None):
        return fail(_("give a product NAME or --list"))
    if args.list:
        if args.json:
            emit_json({"products": [e.to_dict(_) for e in product_index()]})
            return 0
        return _print_list()
    try:
        report = lookup_product(args.name)
    except PortpediaError as exc:
        return fail(exc.msg.render(_), exc.exit_code)
    if args.json:
        emit_json(report.to_dict(_))
        return 0
    out = sys.stdout
    head = f"{style(_(report.name), 'bold')}  ({_(GROUPS[report.group])})"
    out.write(f"{head}\n{_(report.summary)}\n\n")
    out.write(style(_("Ports"), "bold") + "\n")
    width = max(len(f"{p.ports}/{p.transport}") for p in report.ports)
    for p in report.ports:
        where = f"{p.ports}/{p.transport}".ljust(width)
        need = _("required") if p.required else _("optional")
        marks = "".join(f"[{n}]" for n in p.cites)
        direction = _(DIRECTIONS[p.direction])
        out.write(f"  {where}  {direction:13} {_(p.role)}: {_(p.purpose)} ({need}) {marks}\n")
    roles = " | ".join(report.roles)
    out.write(
        f"\n{style(_('Firewall rules'), 'bold')}\n  portpedia firewall --app {report.id} --allow"
    )
    out.write(f" [--role {roles}]\n" if len(report.roles) > 1 else "\n")
    out.write(f"\n{style(_('Sources'), 'bold')}\n")
    for f in report.footnotes:
        out.write(f"  [{f.number}] {f.source.title}. {f.source.url}\n")
    return 0
