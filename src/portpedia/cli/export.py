"""``portpedia export DIR``: write the whole website as static files."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("directory", metavar="DIR", help="where to write the site")
    parser.add_argument(
        "--languages", metavar="LIST", help="comma-separated, such as en,bn (default: all)"
    )
    parser.add_argument(
        "--ports", metavar="LIST", help="only these ports, such as 0-99,443,60463 (default: all)"
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        help="where the export will be served, such as https://ports.example.org: canonical "
        "links and sitemaps use it (default: $PORTPEDIA_BASE_URL; without one, no sitemaps)",
    )
    parser.add_argument(
        "--api-origin",
        metavar="URL",
        help="a portpedia server that takes the feedback votes, such as "
        "https://api.example.org (its PORTPEDIA_CORS_ORIGINS must list the export's "
        "origin); without it the feedback widget is left out",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="worker processes (default: one more than the CPU count)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into DIR even though it is not empty and holds no earlier portpedia "
        "export (files of the same names are replaced)",
    )
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")


def _origin(value: str | None, option: str) -> str:
    from urllib.parse import urlsplit

    from portpedia.errors import PortpediaError

    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PortpediaError(f"{option} {value!r} is not an http(s) URL such as https://x.org")
    return value.rstrip("/")


def run(args: argparse.Namespace) -> int:
    import os
    import sys

    from portpedia.cli._term import emit_json, fail

    if args.jobs is not None and args.jobs < 1:
        return fail("--jobs must be at least 1")
    from portpedia.export import export_site, parse_ports
    from portpedia.export._progress import Progress

    ports = parse_ports(args.ports) if args.ports else None
    languages = (
        [x.strip() for x in args.languages.split(",") if x.strip()] if args.languages else None
    )
    base_url = _origin(args.base_url or os.environ.get("PORTPEDIA_BASE_URL"), "--base-url")
    api_origin = _origin(args.api_origin, "--api-origin")
    bar = Progress(0, stream=sys.stderr)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.advance(done - bar.done)

    try:
        result = export_site(
            args.directory,
            languages=languages,
            ports=ports,
            base_url=base_url,
            api_origin=api_origin,
            jobs=args.jobs,
            progress=progress,
            force=args.force,
        )
    except OSError as exc:
        bar.close()
        return fail(
            f"cannot write {args.directory}: {exc.strerror or exc}; "
            "the previous export (if any) is unchanged",
            1,
        )
    bar.close()
    if args.json:
        emit_json(result.as_dict(), sys.stdout)
    elif result.reused:
        sys.stdout.write(
            f"{result.directory}: unchanged, {result.files} files already up to date (same "
            f"inputs as the last export), checked in {result.seconds:.1f} s\n"
        )
    else:
        sys.stdout.write(
            f"{result.directory}: {result.files} files, {result.written} written, "
            f"{result.unchanged} unchanged, in {result.seconds:.1f} s with {result.jobs} jobs\n"
        )
    return 0
