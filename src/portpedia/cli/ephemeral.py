"""``portpedia ephemeral``: this machine's source-port pool, how full it is, and what to do."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portpedia.local.ephemeral import Destination, EphemeralReport, Pool

FORMATS = ("text", "json", "openmetrics")
# Settings the range line already shows.
_IN_RANGE_LINE = (
    "ip_local_port_range",
    "portrange.first",
    "portrange.last",
    "portfirst",
    "portlast",
)
MAX_INTERVAL = 86400.0


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.description = (
        "Show the ephemeral (source) port range, how many of its ports are in use, the "
        "destinations closest to running out, and what to change when one is."
    )
    parser.add_argument("--json", action="store_true", help="print JSON (same as --format json)")
    parser.add_argument(
        "--format", choices=FORMATS, default=None, help="text (default), json or openmetrics"
    )
    parser.add_argument(
        "--fail-above",
        metavar="PERCENT",
        help="exit 1 when any destination uses more than PERCENT (0-100) of its pool",
    )
    parser.add_argument(
        "--warn-at",
        metavar="PERCENT",
        default="50",
        help="warn about destinations using at least PERCENT of their pool (default 50)",
    )
    parser.add_argument(
        "--top", metavar="N", default="10", help="how many destinations to show (default 10)"
    )
    parser.add_argument(
        "--no-owners", action="store_true", help="skip finding the processes (faster)"
    )
    parser.add_argument("--watch", action="store_true", help="refresh until Ctrl-C")
    parser.add_argument(
        "--interval",
        metavar="SECONDS",
        default="2",
        help="seconds between refreshes with --watch (default 2)",
    )


class _Bad(Exception):
    pass


def _percent(text: str, option: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise _Bad(f"{option} takes a percentage from 0 to 100, not {text!r}") from None
    if not 0 <= value <= 100:
        raise _Bad(f"{option} takes a percentage from 0 to 100, not {text}")
    return value


def _options(args: argparse.Namespace) -> tuple[str, float | None, float, int, float]:
    fmt = args.format or ("json" if args.json else "text")
    if args.json and args.format not in (None, "json"):
        raise _Bad(f"--json and --format {args.format} contradict each other")
    fail_above = None if args.fail_above is None else _percent(args.fail_above, "--fail-above")
    warn_at = _percent(args.warn_at, "--warn-at")
    if not args.top.isdigit() or int(args.top) < 1:
        raise _Bad(f"--top takes a whole number of at least 1, not {args.top!r}")
    try:
        interval = float(args.interval)
    except ValueError:
        raise _Bad(f"--interval takes a number of seconds, not {args.interval!r}") from None
    if not 0 < interval <= MAX_INTERVAL:
        raise _Bad(f"--interval must be above 0 and at most {MAX_INTERVAL:g} seconds")
    if args.watch and fail_above is not None:
        raise _Bad("--fail-above checks once; it cannot be combined with --watch")
    return fmt, fail_above, warn_at, int(args.top), interval


def run(args: argparse.Namespace) -> int:
    from portpedia.cli._term import fail

    try:
        fmt, fail_above, warn_at, top, interval = _options(args)
    except _Bad as exc:
        return fail(str(exc))
    if args.watch:
        return _watch(args, fmt, warn_at, top, interval)
    report = _gather(args, warn_at, top)
    _emit(report, fmt)
    if fail_above is not None:
        over = report.above(fail_above)
        if over:
            d = over[0]
            sys.stderr.write(
                f"portpedia: {d.transport} {d.local_address} -> {d.remote} uses "
                f"{d.percent:.2f}% of its {d.pool_size} source ports (above {fail_above:g}%)\n"
            )
            return 1
    return 0


def _gather(args: argparse.Namespace, warn_at: float, top: int) -> EphemeralReport:
    from portpedia.local.ephemeral import live

    return live(top=top, warn_percent=warn_at, owners=not args.no_owners)


def _emit(report: EphemeralReport, fmt: str, compact: bool = False) -> None:
    out = sys.stdout
    if fmt == "json":
        if compact:
            import json

            out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        else:
            from portpedia.cli._term import emit_json

            emit_json(report.to_dict())
    elif fmt == "openmetrics":
        from portpedia.local.ephemeral import to_openmetrics

        out.write(to_openmetrics(report))
    else:
        out.write(render_text(report))
    out.flush()


def _watch(args: argparse.Namespace, fmt: str, warn_at: float, top: int, interval: float) -> int:
    import time

    clear = fmt == "text" and sys.stdout.isatty()
    try:
        while True:
            report = _gather(args, warn_at, top)
            if clear:
                # Home and clear, so the screen updates in place instead of scrolling.
                sys.stdout.write("\033[H\033[2J")
                sys.stdout.write(
                    time.strftime("%H:%M:%S") + f"  every {interval:g}s, Ctrl-C stops\n"
                )
            # JSON becomes one object per line, so a reader can take it line by line.
            _emit(report, fmt, compact=True)
            time.sleep(interval)
    except KeyboardInterrupt:
        return 0


# --- text ----------------------------------------------------------------------------------


def _os_name(os: str) -> str:
    return {
        "linux": "Linux",
        "macos": "macOS",
        "freebsd": "FreeBSD",
        "openbsd": "OpenBSD",
        "windows": "Windows",
    }.get(os, os)


def _pool_line(p: Pool, label: str, os: str) -> str:
    from portpedia.cli._term import style

    size = f"{p.size} ports" + (f", {p.reserved} reserved" if p.reserved else "")
    if p.default_low is None:
        default = ""
    elif p.differs:
        default = style(f"  changed: the default is {p.default_low}-{p.default_high}", "yellow")
    else:
        default = style(f", the {_os_name(os)} default", "dim")
    return f"  {label:<12} {p.low}-{p.high} ({size}){default}\n"


def _pools_text(report: EphemeralReport) -> str:
    distinct: dict[tuple[int, int, int], list[Pool]] = {}
    for p in report.pools:
        distinct.setdefault((p.low, p.high, p.reserved), []).append(p)
    if len(distinct) == 1:
        return _pool_line(report.pools[0], "range", report.settings.os)
    return "".join(
        _pool_line(p, f"{p.transport}/{p.family}", report.settings.os) for p in report.pools
    )


def _destination_row(d: Destination, width: int) -> str:
    from portpedia.cli._term import style

    who = ", ".join(f"{o.pid}/{o.name}" for o in d.openers[:2])
    if len(d.openers) > 2:
        who += f" +{len(d.openers) - 2}"
    if d.unowned:
        who += (", " if who else "") + f"{d.unowned} owner not visible"
    states = " ".join(f"{s} {n}" for s, n in d.states)
    pct = f"{d.percent:6.2f}%"
    colour = "red" if d.percent >= 90 else "yellow" if d.percent >= 50 else None
    pct = style(pct, colour) if colour else pct
    left = f"{d.transport} {d.local_address} -> {d.remote}"
    return f"  {left:<{width}}  {d.used:>6}/{d.pool_size:<6} {pct}  {states}  {style(who, 'dim')}\n"


def render_text(report: EphemeralReport) -> str:
    """The report as the terminal shows it."""
    from portpedia.cli._term import style

    s = report.settings
    where = f"{_os_name(s.os)}" + (f", network namespace {s.netns}" if s.netns else "")
    out = [style(f"Ephemeral ports ({where})", "bold") + "\n"]
    out.append(_pools_text(report))
    for x in s.settings:
        if x.name.endswith(_IN_RANGE_LINE) or "dynamicport" in x.name:
            continue
        mark = style(f" (default {x.default})", "yellow") if x.differs else ""
        out.append(f"  {x.name} = {x.value}{mark}  {style(x.meaning, 'dim')}\n")
    out.append(f"  {style('read from ' + s.source, 'dim')}\n\n")

    total = report.total_in_use
    if total:
        parts = ", ".join(f"{u.transport} {u.state} {u.count}" for u in report.in_use)
        out.append(
            style(f"In use now: {total} sockets on ephemeral ports", "bold") + f"  ({parts})\n"
        )
    else:
        out.append(style("In use now: no sockets on ephemeral ports", "bold") + "\n")

    if report.destinations:
        shown_n = len(report.destinations)
        more = report.destination_count - shown_n
        title = f"Busiest destinations (each has its own budget of source ports; {shown_n} shown"
        title += f", {more} more)" if more > 0 else ")"
        out.append("\n" + style(title, "bold") + "\n")
        width = max(
            len(f"{d.transport} {d.local_address} -> {d.remote}") for d in report.destinations
        )
        for d in report.destinations:
            out.append(_destination_row(d, width))

    if report.advice:
        out.append("\n")
    for a in report.advice:
        warning = a.level == "warning"
        head = style("warning:", "red", "bold") if warning else style("note:", "cyan")
        out.append(f"{head} {a.message}\n")
        for c in a.commands:
            out.append(f"    {style(c, 'bold')}\n")
    if not report.warnings:
        busiest = f"{report.max_percent:.2f}%"
        out.append(
            "\n" + style("OK", "green") + f": the busiest destination uses {busiest} of its pool.\n"
        )
    for note in report.notes:
        out.append(style(f"note: {note}", "dim") + "\n")
    return "".join(out)
