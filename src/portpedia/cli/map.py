"""``portpedia map --output map.png``: every port as one 256 x 256 PNG (see /map)."""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument(
        "--output", "-o", required=True, metavar="FILE",
        help="where to write the PNG ('-' for standard output)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from portpedia.web.portmap import map_png

    data = map_png()
    if args.output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        with open(args.output, "wb") as f:
            f.write(data)
    except OSError as exc:
        print(f"portpedia map: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0
