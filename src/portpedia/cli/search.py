"""``portpedia search TEXT``: find ports by service name or description."""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("text", nargs="+", help="words to look for, e.g. remote desktop")
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
    hits = search(query, args.limit)
    if args.json:
        emit_json({"query": query, "hits": [h.to_dict() for h in hits]})
        return 0 if hits else 1
    if not hits:
        print(f"nothing matches {query!r}", file=sys.stderr)
        return 1
    for h in hits:
        where = f"{h.ports or '-'}/{','.join(h.transports) or 'any'}"
        tag = style(f" ({h.kind.replace('-', ' ')})", "dim") if h.kind != "iana" else ""
        desc = h.description.splitlines()[0] if h.description else ""
        print(f"{where:22} {style(h.name, 'bold'):20} {desc}{tag}")
    return 0
