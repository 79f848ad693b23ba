"""``portpedia search TEXT``: find ports by name, product, protocol word or port number."""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "text", nargs="+", help="words or a port, e.g. remote desktop, postgres, 'tcp 22'"
    )
    parser.add_argument("-n", "--limit", type=int, default=20, help="at most this many (20)")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")


def run(args: argparse.Namespace) -> int:
    from portpedia.cli._term import emit_json, fail, style
    from portpedia.explain import search

    query = " ".join(args.text)
    if not query.strip():
        return fail("empty search: give a word such as 'ssh' or 'remote desktop'")
    if not 1 <= args.limit <= 1000:
        return fail("--limit must be between 1 and 1000")
    result = search(query, args.limit)  # InvalidPortError: a one-line error, exit 2
    if args.json:
        data = result.to_dict()
        data["hits"] = data.pop("results")
        emit_json(data)
        return 0 if result.hits else 1
    if result.port is not None:
        where = f"{result.port}/{result.protocol}" if result.protocol else str(result.port)
        print(style(f"port {where}: `portpedia {where}` explains it in full", "dim"))
    if not result.hits:
        hint = f"; did you mean {', '.join(result.suggestions)}?" if result.suggestions else ""
        print(f"nothing matches {query!r}{hint}", file=sys.stderr)
        return 1
    if result.suggestions:
        print(style(f"(did you mean {', '.join(result.suggestions)}?)", "dim"))
    for h in result.hits:
        where = f"{h.ports or '-'}/{','.join(h.transports) or 'any'}"
        tag = style(f" ({h.kind.replace('-', ' ')})", "dim") if h.curated else ""
        desc = h.description.splitlines()[0] if h.description else ""
        print(f"{where:22} {style(h.name, 'bold'):20} {desc}{tag}")
    return 0
