"""``portpedia registry``: refresh the IANA data, or rebuild the shipped snapshot."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_SOURCE = Path("../shared/data/iana/service-names-port-numbers.xml")


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    up = sub.add_parser("update", help="download the current registry from IANA")
    up.add_argument("--url", help="download from this URL instead of IANA's")
    imp = sub.add_parser("import", help="use a local copy of IANA's XML or CSV file")
    imp.add_argument("file", help="service-names-port-numbers.xml or .csv")
    build = sub.add_parser(
        "build", help="regenerate the snapshot shipped in the package (for maintainers)"
    )
    build.add_argument("file", nargs="?", default=str(DEFAULT_SOURCE), help="IANA XML file")
    build.add_argument("--output", help="where to write (default: the package's data file)")
    info = sub.add_parser("info", help="which registry is in use and how old it is")
    for p in (up, imp, build, info):
        p.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    from portpedia import registry
    from portpedia.cli._term import emit_json

    if args.action == "info":
        reg = registry.load()
        info = {
            "origin": reg.origin,
            "source": reg.source,
            "updated": reg.updated,
            "records": len(reg),
            "user_copy": str(registry.user_path()),
        }
        if args.json:
            emit_json(info)
        else:
            for k, v in info.items():
                print(f"{k:10} {v}")
        return 0

    from portpedia.registry import update

    if args.action == "build":
        from portpedia.registry.importer import load_file

        snap = load_file(args.file)
        registry.validate(snap)
        out = Path(args.output) if args.output else registry.shipped_path()
        from portpedia.registry.snapshot import dumps

        out.write_text(dumps(snap), encoding="utf-8", newline="\n")
        target = out
    elif args.action == "import":
        snap, target = update.import_file(args.file)
    else:
        print("downloading the IANA registry...", file=sys.stderr)
        snap, target = update.update(args.url or update.IANA_URL)
    result = {"records": len(snap.entries), "updated": snap.updated, "written": str(target)}
    if args.json:
        emit_json(result)
    else:
        print(f"{len(snap.entries)} records, registry updated {snap.updated}; wrote {target}")
    return 0
