"""``portpedia PORT`` / ``portpedia SERVICE``: the explanation, in a terminal or as JSON."""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Any

from portpedia.cli._term import emit_json, style

if TYPE_CHECKING:
    import argparse

# A lookup only reads: the console script may end it without tearing the interpreter down.
FAST_EXIT = True

_SERVICE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9+._-]{0,62}$")


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("query", help="a port (443), port/protocol (53/udp) or service name (ssh)")
    parser.add_argument("-p", "--protocol", help="tcp, udp, sctp or dccp")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--short", action="store_true", help="print only the one-line summary")


_QUICK_FLAGS = {"--json", "--short"}


def quick_parse(argv: list[str], name: str) -> argparse.Namespace | None:
    """``portpedia QUERY [--json] [--short]`` without argparse, or None for anything else.

    argparse, with the locale and shutil modules it pulls in, is ~12 ms of a lookup that
    should cost little more than starting Python. Options with values, --help, several
    queries and anything starting with "-" (such as "-1") still go through argparse.
    """
    rest = [a for a in argv if a not in _QUICK_FLAGS]
    if len(rest) != 1 or rest[0].startswith("-"):
        return None
    from types import SimpleNamespace

    ns: Any = SimpleNamespace(
        query=rest[0], protocol=None, json="--json" in argv, short="--short" in argv
    )
    return ns


def run(args: argparse.Namespace) -> int:
    from portpedia.errors import InvalidPortError
    from portpedia.explain import is_port_query

    query: str = args.query
    if is_port_query(query):
        from portpedia.explain import explain

        report = explain(query, args.protocol)
        if args.json:
            emit_json(report.to_dict())
        elif args.short:
            print(report.summary)
        else:
            sys.stdout.write(render(report))
        return 0
    if not _SERVICE_NAME.match(query):
        from portpedia.explain import parse_query

        # ":443", "port 443", "tcp 22": the forms search accepts (InvalidPortError if bad).
        parsed = parse_query(query)
        if parsed.port is not None:
            args.query = str(parsed.port)
            if parsed.protocol and not args.protocol:
                args.protocol = parsed.protocol
            return run(args)
        shown = query if len(query) <= 40 else query[:37] + "..."
        raise InvalidPortError(
            f"{shown!r} is neither a port number (0-65535) nor a service name; "
            f"try: portpedia search {shown}"
        )
    from portpedia.errors import UnknownServiceError
    from portpedia.explain import explain, lookup_service, service_reports

    try:
        svc = lookup_service(query)
    except UnknownServiceError as exc:
        if args.json:
            raise
        # Not an IANA name, but maybe what people call it: "vnc", "postgres", "plex".
        from portpedia.explain._search import close_hits

        hits = close_hits(query, 3)
        if not hits:
            raise
        sys.stderr.write(f"portpedia: error: {exc}\n")
        sys.stderr.write(f"`portpedia search {query}` finds:\n")
        for h in hits:
            sys.stderr.write(f"  {h.ports + '/' + ','.join(h.transports):16} {h.name}\n")
        return exc.exit_code
    ports = svc.ports
    if args.json:
        data = svc.to_dict()
        data["reports"] = [r.to_dict() for r in service_reports(svc, args.protocol)]
        emit_json(data)
        return 0
    out = [style(svc.name, "bold")]
    for e in svc.entries:
        where = f"{e.port_text}/{e.transport}" if e.port_text else f"(no port)/{e.transport}"
        out.append(f"  {where:16} {e.description.splitlines()[0] if e.description else ''}")
    if svc.aliases:
        out.append(style(f"  also registered on the same port as: {', '.join(svc.aliases)}", "dim"))
    if svc.see_also:
        out.append("  registered without a port; these ports match the name:")
        for h in svc.see_also:
            out.append(f"  {h.ports + '/' + ','.join(h.transports):16} {h.name}")
    sys.stdout.write("\n".join(out) + "\n")
    if ports and not args.short:
        sys.stdout.write("\n" + render(explain(ports[0], args.protocol)))
    return 0


def _wrap(text: str, indent: str, width: int) -> str:
    """``textwrap.fill(text, width, indent, indent + "  ", break_on_hyphens=False)``, in
    linear time and without importing textwrap (see :func:`portpedia.cli._term.wrap`)."""
    from portpedia.cli._term import wrap

    return wrap(text, width, indent, indent + "  ")


def _refs(cites: tuple[int, ...]) -> str:
    return " " + "".join(f"[{n}]" for n in cites) if cites else ""


def render(report) -> str:
    """The human-readable report, wrapped to the terminal."""
    try:
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = int(os.environ.get("COLUMNS", "100") or 100)
    width = max(min(columns, 100) - 1, 40)
    out: list[str] = []
    status_colour = {"assigned": "green", "dynamic": "cyan"}.get(report.status, "yellow")
    out.append(style(str(report.title), "bold") + "  " + style(report.status, status_colour))
    out.append(_wrap(str(report.summary), "", width))
    out.append("")

    def heading(text: str) -> None:
        out.append(style(text, "bold"))

    a = report.article
    if a is not None:
        worry = {"low": "green", "exposure": "yellow", "high": "red"}.get(a.worry, "yellow")
        heading(a.name + "  " + style(f"{a.ports}/{'/'.join(a.transports)}", "dim") + "  "
                + style(f"worry: {a.worry}", worry))  # fmt: skip
        from portpedia.explain.report import ARTICLE_SECTIONS

        for field, label in ARTICLE_SECTIONS:
            text = getattr(a, field)
            if text:
                out.append(_wrap(f"{label}: {text}", "  ", width))
        if a.cves:
            out.append(_wrap(f"CVEs: {', '.join(a.cves)}", "  ", width))
        for rel in a.related:
            out.append(_wrap(f"see {rel.port}/{'/'.join(rel.transports)}: {rel.note}", "  ", width))
        out.append(_wrap(f"sources:{_refs(report.article_cites)}", "  ", width))
        out.append("")

    if report.products:
        heading("Products that use it")
        for p in report.products:
            out.append(_wrap(f"{p.name}: {p.summary}{_refs(p.cites)}", "  ", width))
            for e in p.ports:
                need = "required" if e.required else "optional"
                line = f"{e.ports}/{e.transport} {e.direction} to {e.role}: {e.purpose} ({need})"
                out.append(_wrap(line + _refs(e.cites), "    ", width))
        out.append("")

    r = report.range
    heading("Range")
    out.append(_wrap(f"{r.name} ({r.low}-{r.high}), {r.also_called}.{_refs(r.cites)}", "  ", width))
    out.append(_wrap(r.meaning, "  ", width))
    out.append("")

    heading("IANA registry" + style(f"  (updated {report.registry_updated})", "dim"))
    if not report.assignments:
        out.append("  no row covers this port (IANA never assigns the dynamic range)")
    for a in report.assignments:
        label = a.service or a.status
        where = f"{a.ports}/{a.transport or 'any'}"
        detail = [a.description.replace("\n", " ")]
        if a.assignee:
            detail.append(f"assignee {a.assignee}")
        if a.reference:
            detail.append(a.reference)
        if a.registered:
            detail.append(f"registered {a.registered}")
        if a.modified:
            detail.append(f"modified {a.modified}")
        out.append(
            _wrap(f"{label:16} {where:14} " + "; ".join(detail) + _refs(a.cites), "  ", width)
        )
        if a.unauthorized:
            out.append(_wrap(style(f"unauthorized use: {a.unauthorized}", "red"), "    ", width))
    out.append("")

    on = [e for e in report.ephemeral if e.contains]
    heading("Ephemeral (source port) on")
    if on:
        for e in on:
            when = "" if e.current else " (older default)"
            out.append(f"  {e.os}{when}: {e.low}-{e.high}{_refs(e.cites)}")
    else:
        out.append("  no major operating system hands this port out by default")
    out.append("")

    if report.known_uses:
        heading("Known uses")
        for k in report.known_uses:
            risk = style(f" [{k.risk}]", "red") if k.risk else ""
            if k.historic:
                risk += style(" [historic]", "dim")
            out.append(_wrap(f"{k.name} ({k.ports}/{'/'.join(k.transports)}){risk}: "
                             f"{k.summary}{_refs(k.cites)}", "  ", width))  # fmt: skip
        out.append("")

    heading("If you see it on your machine, it is probably")
    out.extend(_wrap(f"- {n.text}{_refs(n.cites)}", "  ", width) for n in report.likely)
    out.append("")

    heading("Security")
    marks = {"warning": style("!", "red"), "caution": style("!", "yellow"), "info": "-"}
    out.extend(
        _wrap(f"{marks[n.level]} {n.text}{_refs(n.cites)}", "  ", width) for n in report.security
    )
    out.append("")

    if report.about:
        heading("Background")
        out.extend(_wrap(f"- {n.text}{_refs(n.cites)}", "  ", width) for n in report.about)
        out.append("")

    heading("Check what is using it")
    for c in report.checks:
        out.append(f"  {c.os:8} {style(c.command, 'cyan')}")
    out.append("")

    heading("Sources")
    for f in report.footnotes:
        out.append(_wrap(f"[{f.number}] {f.source.title}. {f.source.url}", "  ", width))
    return "\n".join(out) + "\n"
