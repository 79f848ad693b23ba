"""The whole knowledge base as an open dataset: CSV and JSON with a Frictionless descriptor.

``portpedia data export DIR`` writes :func:`files`; the website serves the same bytes
under ``/data/`` and ``portpedia export`` copies them into the static site. Tables:

- ``iana``: every row of IANA's registry as portpedia ships it (CC0, like IANA's data);
- ``ports``: one row per port 0-65535: range, status, registered names, friendly name;
- ``uses``: the curated de-facto uses, ranked;
- ``articles``: the structured facts of each article (name, transports, worry, CVEs,
  related ports, sources) and its summary;
- ``products`` and ``product_ports``: products and every port they need;
- ``sources``: the one catalogue every curated fact cites.

Each table is ``NAME.csv`` (lists joined with spaces) and ``NAME.json`` (an array of
objects, lists as arrays); ``datapackage.json`` describes the CSV files with Table
Schemas and names the licence of each. portpedia's curated data is CC BY 4.0.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from functools import cache
from typing import Any

__all__ = ["LICENSES", "TABLES", "export", "files", "stats"]

CC0 = {
    "name": "CC0-1.0",
    "title": "CC0 1.0 Universal (public domain dedication)",
    "path": "https://creativecommons.org/publicdomain/zero/1.0/",
}
CC_BY = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
LICENSES = {"iana": CC0, "portpedia": CC_BY}

# name: (title, description, licence, primary key, [(field, type, description)])
TABLES: dict[str, tuple[str, str, dict[str, str], list[str], list[tuple[str, str, str]]]] = {
    "iana": ("IANA registry rows",
             "Every row of the IANA Service Name and Transport Protocol Port Number Registry.",
             CC0, [],
             [("service", "string", "service name; empty for reserved or unassigned rows"),
              ("low", "integer", "first port; empty for a name without a port"),
              ("high", "integer", "last port (equal to low for a single port)"),
              ("transport", "string", "tcp, udp, sctp or dccp; empty: every transport"),
              ("status", "string", "assigned, reserved or unassigned"),
              ("description", "string", ""), ("assignee", "string", "display names"),
              ("contact", "string", "display names"), ("registered", "string", ""),
              ("modified", "string", ""), ("reference", "string", ""),
              ("service_code", "string", ""), ("unauthorized", "string", ""),
              ("notes", "string", "")]),
    "ports": ("Ports", "One row per port number 0-65535.", CC_BY, ["port"],
              [("port", "integer", ""),
               ("range", "string", "system, user or dynamic"),
               ("status", "string", "assigned, reserved, unassigned or dynamic"),
               ("services", "string", "IANA service names covering the port, space-separated"),
               ("friendly_name", "string", "the article's name, else the top-ranked use's"),
               ("article", "boolean", "whether portpedia has an article for the port"),
               ("uses", "integer", "how many curated uses cover the port")]),
    "uses": ("Curated uses", "De-facto uses of ports by software, ranked by prominence.",
             CC_BY, ["id"],
             [("id", "string", ""), ("port", "integer", ""),
              ("high", "integer", "last port of a range; empty for one port"),
              ("transports", "string", "space-separated"), ("name", "string", ""),
              ("summary", "string", ""),
              ("rank", "integer", "1 = what the port is known for ... 5 = rare"),
              ("risk", "string", "exposure or malware; empty for ordinary software"),
              ("historic", "boolean", "no longer seen in the wild"),
              ("aliases", "string", "search words, separated by ' | '"),
              ("sources", "string", "source ids, space-separated")]),
    "articles": ("Articles", "The structured facts of portpedia's articles on well-known ports.",
                 CC_BY, [],
                 [("port", "integer", ""), ("high", "integer", "last port of a range"),
                  ("transports", "string", "space-separated"),
                  ("name", "string", "friendly name"), ("summary", "string", ""),
                  ("worry", "string", "low, exposure or high"),
                  ("cves", "string", "CVE ids, space-separated"),
                  ("related", "string", "related ports as PORT/TRANSPORTS, space-separated"),
                  ("aliases", "string", "search words, separated by ' | '"),
                  ("sources", "string", "source ids, space-separated")]),
    "products": ("Products", "Products and what their ports are for.", CC_BY, ["id"],
                 [("id", "string", ""), ("name", "string", ""), ("group", "string", ""),
                  ("summary", "string", ""),
                  ("aliases", "string", "search words, separated by ' | '"),
                  ("sources", "string", "source ids, space-separated")]),
    "product_ports": ("Product ports", "Every port each product needs.", CC_BY, [],
                      [("product", "string", "product id"), ("port", "integer", ""),
                       ("high", "integer", "last port of a range"),
                       ("transport", "string", ""),
                       ("direction", "string", "inbound, outbound or internode"),
                       ("role", "string", ""), ("purpose", "string", ""),
                       ("required", "boolean", ""),
                       ("sources", "string", "source ids, space-separated")]),
    "sources": ("Sources", "The catalogue of sources the curated facts cite.", CC_BY, ["id"],
                [("id", "string", ""), ("title", "string", ""), ("url", "string", ""),
                 ("publisher", "string", "")]),
}  # fmt: skip


def _rows() -> dict[str, list[dict[str, Any]]]:
    from portpedia.knowledge import index
    from portpedia.knowledge.ranges import range_of
    from portpedia.registry import load

    reg = load()
    base = index.load()
    iana = [
        {"service": e.service, "low": e.low, "high": e.high, "transport": e.transport,
         "status": e.status, "description": e.description, "assignee": reg.person(e.assignee),
         "contact": reg.person(e.contact), "registered": e.registered, "modified": e.modified,
         "reference": e.reference, "service_code": e.service_code,
         "unauthorized": e.unauthorized, "notes": e.notes}
        for e in reg.entries
    ]  # fmt: skip
    assigned = [False] * 65536
    reserved = [False] * 65536
    services: list[list[str]] = [[] for _ in range(65536)]
    for e in reg.entries:
        if e.low is None or e.high is None:
            continue
        for port in range(e.low, e.high + 1):
            if e.service:
                assigned[port] = True
                if e.service not in services[port]:
                    services[port].append(e.service)
            elif e.status == "reserved":
                reserved[port] = True
    uses = base.uses()
    articles = base.articles()
    counts = [0] * 65536
    for u in uses:
        for port in range(u.port, (u.high or u.port) + 1):
            counts[port] += 1
    with_article = [False] * 65536
    for a in articles:
        for port in range(a.port, (a.high or a.port) + 1):
            with_article[port] = True
    ports = []
    for port in range(65536):
        rng = range_of(port).key
        status = (
            "assigned" if assigned[port]
            else "dynamic" if rng == "dynamic"
            else "reserved" if reserved[port]
            else "unassigned"
        )  # fmt: skip
        friendly = ""
        if with_article[port] or counts[port]:
            article = base.article_for(port)
            if article is not None:
                friendly = article.name
            else:
                top = base.uses_for(port)
                friendly = top[0].name if top and top[0].rank == 1 else ""
        ports.append({"port": port, "range": rng, "status": status, "services": services[port],
                      "friendly_name": friendly, "article": with_article[port],
                      "uses": counts[port]})  # fmt: skip
    products = base.products()
    return {
        "iana": iana,
        "ports": ports,
        "uses": [
            {"id": u.id, "port": u.port, "high": u.high, "transports": list(u.transports),
             "name": u.name, "summary": u.summary, "rank": u.rank, "risk": u.risk,
             "historic": u.historic, "aliases": list(u.aliases), "sources": list(u.sources)}
            for u in uses
        ],
        "articles": [
            {"port": a.port, "high": a.high, "transports": list(a.transports), "name": a.name,
             "summary": a.summary, "worry": a.worry, "cves": list(a.cves),
             "related": [f"{r.port}/{'/'.join(r.transports)}" for r in a.related],
             "aliases": list(a.aliases), "sources": list(a.sources)}
            for a in articles
        ],
        "products": [
            {"id": p.id, "name": p.name, "group": p.group, "summary": p.summary,
             "aliases": list(p.aliases), "sources": list(p.sources)}
            for p in products
        ],
        "product_ports": [
            {"product": p.id, "port": e.port, "high": e.high, "transport": e.transport,
             "direction": e.direction, "role": e.role, "purpose": e.purpose,
             "required": e.required, "sources": list(e.sources)}
            for p in products for e in p.ports
        ],
        "sources": [
            {"id": s.id, "title": s.title, "url": s.url, "publisher": s.publisher}
            for s in base.sources()
        ],
    }  # fmt: skip


_ALIAS_SEPARATOR = " | "  # aliases may hold spaces ("terminal services")


def _cell(field: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return (_ALIAS_SEPARATOR if field == "aliases" else " ").join(value)
    return str(value)


def _csv(name: str, rows: Iterable[dict[str, Any]]) -> bytes:
    fields = [f for f, _t, _d in TABLES[name][4]]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(f, row[f]) for f in fields])
    return buf.getvalue().encode("utf-8")


def _json(rows: list[dict[str, Any]]) -> bytes:
    text = "[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n"
    return text.encode("utf-8")


def _descriptor(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    from portpedia import __version__
    from portpedia.registry import load

    resources = []
    for name, (title, description, licence, key, fields) in TABLES.items():
        schema: dict[str, Any] = {
            "fields": [
                {"name": f, "type": t, **({"description": d} if d else {})} for f, t, d in fields
            ],
            "missingValues": [""],
        }
        if key:
            schema["primaryKey"] = key
        resources.append({
            "name": name.replace("_", "-"), "path": f"{name}.csv", "title": title,
            "description": f"{description} The same rows as JSON: {name}.json.",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "profile": "tabular-data-resource", "licenses": [licence], "schema": schema,
        })  # fmt: skip
    return {
        "profile": "tabular-data-package",
        "name": "portpedia",
        "title": "portpedia: every network port, explained",
        "description": (
            "IANA's port registry with portpedia's curated knowledge: de-facto uses of "
            "ports, articles on well-known ports, the ports products need, and the sources "
            f"of every fact. Registry snapshot of {load().updated}; counts: "
            + ", ".join(f"{len(v)} {k.replace('_', ' ')}" for k, v in rows.items())
            + "."
        ),
        "version": __version__,
        "licenses": [CC_BY],
        "sources": [
            {
                "title": "IANA Service Name and Transport Protocol Port Number Registry",
                "path": "https://www.iana.org/assignments/service-names-port-numbers/",
            }
        ],
        "resources": resources,
    }


@cache
def files() -> dict[str, bytes]:
    """Every file of the dataset by name (``datapackage.json`` last), built once."""
    rows = _rows()
    out: dict[str, bytes] = {}
    for name, table in rows.items():
        out[f"{name}.csv"] = _csv(name, table)
        out[f"{name}.json"] = _json(table)
    descriptor = json.dumps(_descriptor(rows), ensure_ascii=False, indent=2) + "\n"
    out["datapackage.json"] = descriptor.encode("utf-8")
    return out


def export(directory: str) -> list[str]:
    """Write the dataset into ``directory`` (created if need be); the paths written."""
    os.makedirs(directory, exist_ok=True)
    written = []
    for name, data in files().items():
        path = os.path.join(directory, name)
        with open(path, "wb") as fh:
            fh.write(data)
        written.append(path)
    return written


def stats() -> dict[str, int]:
    """Counts: uses, articles, sources, products, product ports, ports with an article."""
    from portpedia.knowledge import index

    base = index.load()
    covered: set[int] = set()
    for a in base.articles():
        covered.update(range(a.port, (a.high or a.port) + 1))
    products = base.products()
    return {
        "uses": len(base.uses()),
        "articles": len(base.articles()),
        "sources": len(base.sources()),
        "products": len(products),
        "product_ports": sum(len(p.ports) for p in products),
        "ports_with_article": len(covered),
        "ports_with_use": len(
            {p for u in base.uses() for p in range(u.port, (u.high or u.port) + 1)}
        ),
    }
