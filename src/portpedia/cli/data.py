"""``portpedia data export DIR | stats | check``: the knowledge base as an open dataset."""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write the dataset (CSV, JSON and datapackage.json) into DIR",
        description="Write IANA's rows, every port, the curated uses, articles, products "
        "and sources as CSV and JSON, with a Frictionless datapackage.json.",
    )
    export.add_argument("directory", metavar="DIR")
    stats = actions.add_parser("stats", help="count uses, articles, sources and products")
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    actions.add_parser(
        "check",
        help="check the knowledge TOML and catalogs, and that the shipped index is current",
    )


def run(args: argparse.Namespace) -> int:
    if args.action == "export":
        return _export(args.directory)
    if args.action == "stats":
        from portpedia.knowledge.dataset import stats

        counts = stats()
        if args.json:
            from portpedia.cli._term import emit_json

            emit_json(counts)
        else:
            width = max(map(len, counts))
            for key, value in counts.items():
                print(f"{key.replace('_', ' '):{width}}  {value}")
        return 0
    from portpedia.knowledge import index, schema

    problems = schema.validate()
    for line in problems:
        print(line)
    current = index.main(["--check"]) == 0
    return 0 if current and not problems else 1


def _export(directory: str) -> int:
    import os

    from portpedia.cli._term import fail
    from portpedia.knowledge.dataset import export

    if os.path.exists(directory) and not os.path.isdir(directory):
        return fail(f"{directory!r} exists and is not a directory")
    try:
        written = export(directory)
    except OSError as exc:
        return fail(f"cannot write the dataset to {directory!r}: {exc.strerror}", 1)
    size = sum(os.path.getsize(p) for p in written)
    print(f"wrote {len(written)} files ({size / 1e6:.1f} MB) to {directory}", file=sys.stderr)
    return 0
