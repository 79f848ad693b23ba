"""``portpedia feedback stats|export|prune|migrate``: look after the "Was this helpful?" votes."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from portpedia.store import FeedbackStore

_DB_HELP = (
    "database URL (sqlite:///PATH or postgresql://USER@HOST/DB); default: "
    "$PORTPEDIA_DATABASE_URL, else portpedia.sqlite3 in the user data directory"
)


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", metavar="URL", help=_DB_HELP)
    common.add_argument("--json", action="store_true", help="machine-readable output")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser(
        "stats", parents=[common], help="votes per page", description="Votes per page."
    )
    export = actions.add_parser(
        "export",
        parents=[common],
        help="every vote as CSV (JSON with --json), without visitor ids",
        description="Write every vote as CSV (or a JSON array with --json). "
        "Visitor ids are never exported.",
    )
    export.add_argument(
        "--output", "-o", metavar="FILE", default="-", help="file to write, - for stdout"
    )
    prune = actions.add_parser(
        "prune",
        parents=[common],
        help="delete votes older than DAYS",
        description="Delete votes that were not cast or changed in the last DAYS days.",
    )
    prune.add_argument("--older-than", metavar="DAYS", type=_days, required=True)
    actions.add_parser(
        "migrate",
        parents=[common],
        help="create or upgrade the database schema",
        description="Create or upgrade the feedback database schema (idempotent).",
    )


def run(args: argparse.Namespace) -> int:
    from portpedia.store import FeedbackStore, migrate

    revision = migrate(args.database)
    if args.action == "migrate":
        return _migrated(args, revision)
    store = FeedbackStore(args.database)
    try:
        if args.action == "stats":
            return _stats(store, args)
        if args.action == "export":
            return _export(store, args)
        return _prune(store, args)
    finally:
        store.close()


def _days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if days < 1:
        raise argparse.ArgumentTypeError("DAYS must be at least 1")
    # Any age beyond the calendar's reach means "older than everything": none is.
    return min(days, _MAX_DAYS)


_MAX_DAYS = 999_999_999  # the most a timedelta holds


def _migrated(args: argparse.Namespace, revision: str) -> int:
    from portpedia.cli._term import emit_json
    from portpedia.store import resolve_url
    from portpedia.store.url import redact

    where = redact(resolve_url(args.database))
    if args.json:
        emit_json({"database": where, "revision": revision}, sys.stdout)
    else:
        sys.stdout.write(f"{where} is at schema revision {revision}\n")
    return 0


# Streams are passed explicitly: _term's defaults are bound to whatever sys.stdout was when
# it was first imported, which breaks once stdout is swapped (pytest capture, redirection).


def _stats(store: FeedbackStore, args: argparse.Namespace) -> int:
    from portpedia.cli._term import emit_json, style

    rows = store.stats()
    if args.json:
        emit_json([row.as_dict() for row in rows], sys.stdout)
        return 0
    if not rows:
        sys.stdout.write(f"no feedback yet in {store.url}\n")
        return 0
    header = ("PAGE", "DISAPPOINTED", "UNSURE", "HAPPY", "TOTAL", "LAST VOTE (UTC)")
    table = [
        (
            r.page,
            str(r.counts.disappointed),
            str(r.counts.unsure),
            str(r.counts.happy),
            str(r.total),
            r.last_vote.strftime("%Y-%m-%d %H:%M"),
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in (header, *table)) for i in range(len(header))]

    def fmt(line: tuple[str, ...]) -> str:
        # Page and date read left to right; counts line up on the right.
        cells = [
            cell.ljust(w) if i in (0, 5) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    sys.stdout.write(style(fmt(header), "bold", stream=sys.stdout) + "\n")
    for line in table:
        sys.stdout.write(fmt(line) + "\n")
    votes = sum(r.total for r in rows)
    summary = f"{_plural(votes, 'vote')} on {_plural(len(rows), 'page')}"
    sys.stdout.write(style(summary, "dim", stream=sys.stdout) + "\n")
    return 0


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _export(store: FeedbackStore, args: argparse.Namespace) -> int:
    from portpedia.cli._term import fail

    if args.output == "-":
        count = _write(store, sys.stdout, args.json)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as stream:
            count = _write(store, stream, args.json)
    except OSError as exc:
        return fail(f"cannot write {args.output}: {exc.strerror or exc}", 1)
    sys.stderr.write(f"wrote {count} votes to {args.output}\n")
    return 0


def _write(store: FeedbackStore, stream: TextIO, as_json: bool) -> int:
    if not as_json:
        return store.export_csv(stream)
    import json

    # Streamed element by element so a large export never sits in memory.
    count = 0
    stream.write("[")
    for vote in store.iter_votes():
        stream.write(",\n  " if count else "\n  ")
        stream.write(json.dumps(vote.as_dict(), ensure_ascii=False))
        count += 1
    stream.write("\n]\n" if count else "]\n")
    return count


def _prune(store: FeedbackStore, args: argparse.Namespace) -> int:
    from datetime import timedelta

    from portpedia.cli._term import emit_json

    deleted = store.prune(timedelta(days=args.older_than))
    if args.json:
        emit_json({"deleted": deleted, "older_than_days": args.older_than}, sys.stdout)
    else:
        sys.stdout.write(f"deleted {deleted} votes older than {args.older_than} days\n")
    return 0
