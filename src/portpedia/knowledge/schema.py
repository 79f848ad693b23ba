"""The schema of the curated knowledge files, and the check that every file obeys it.

The curated knowledge lives in TOML under ``knowledge/data/``:

- ``sources/*.toml``: ``[[source]]`` tables, one catalogue for the whole project;
- ``uses/*.toml``: ``[[use]]`` tables, de-facto uses of ports;
- ``articles/*.toml``: ``[[article]]`` tables, the long answer for a well-known port;
- ``products/*.toml``: ``[[product]]`` tables, the ports a product needs.

Every prose string (see :data:`PROSE`) is English; its translation for each language lives
in ``locale/<lang>/knowledge/*.po`` with the English text as msgid.

``python -m portpedia.knowledge.schema`` checks the data and the catalogs and prints one
line per problem (exit 1 when there is any). docs/knowledge.md is the contributor's guide.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

__all__ = [
    "DATA",
    "DIRECTIONS",
    "GROUPS",
    "PROSE",
    "RISKS",
    "TRANSPORTS",
    "WORRY",
    "load_tables",
    "prose_strings",
    "validate",
]

PACKAGE = Path(__file__).resolve().parent.parent
DATA = PACKAGE / "knowledge" / "data"
LOCALE = PACKAGE / "locale"

TRANSPORTS = frozenset({"tcp", "udp", "sctp", "dccp"})
RISKS = frozenset({"exposure", "malware"})
# "Should I worry?" for an article: low = ordinary traffic; exposure = normal inside a
# network, dangerous when reachable from the internet; high = usually malware, abuse or a
# badly exposed service: investigate.
WORRY = frozenset({"low", "exposure", "high"})
DIRECTIONS = frozenset({"inbound", "outbound", "internode"})
GROUPS = frozenset(
    {
        "containers",  # containers and orchestration
        "databases",  # databases and search engines
        "directory",  # directory and the Windows domain
        "communications",  # mail, VoIP and conferencing
        "games",  # game platforms and consoles
        "media",  # media servers and NAS
        "vpn",  # VPNs and mesh networks
        "monitoring",  # monitoring and observability
        "home",  # home automation
        "remote-access",
        "dev-tools",  # CI and dev tools
    }
)
ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
CVE = re.compile(r"^CVE-\d{4}-\d{4,}$")

# Which fields of each kind are prose a visitor reads (translated through the catalogs).
PROSE: dict[str, tuple[str, ...]] = {
    "use": ("name", "summary"),
    "article": (
        "name",
        "summary",
        "what",
        "who",
        "transports_note",
        "listening",
        "outgoing",
        "security",
        "advice",
        "history",
    ),
    "related": ("note",),
    "product": ("name", "summary"),
    "product_port": ("role", "purpose"),
}

_FIELDS: dict[str, dict[str, tuple[type, bool]]] = {
    # field: (type, required)
    "source": {"id": (str, True), "title": (str, True), "url": (str, True),
               "publisher": (str, False)},
    "use": {"id": (str, True), "port": (int, True), "high": (int, False),
            "transports": (list, True), "name": (str, True), "summary": (str, True),
            "rank": (int, True), "risk": (str, False), "historic": (bool, False),
            "aliases": (list, False), "sources": (list, True)},
    "article": {"port": (int, True), "high": (int, False), "transports": (list, True),
                "name": (str, True), "summary": (str, True), "worry": (str, True),
                "what": (str, True), "who": (str, True), "transports_note": (str, False),
                "listening": (str, True), "outgoing": (str, True), "security": (str, True),
                "advice": (str, False), "history": (str, False), "cves": (list, False),
                "related": (list, False), "aliases": (list, False), "sources": (list, True)},
    "related": {"port": (int, True), "transports": (list, False), "note": (str, True)},
    "product": {"id": (str, True), "name": (str, True), "group": (str, True),
                "summary": (str, True), "aliases": (list, False), "sources": (list, True),
                "ports": (list, True)},
    "product_port": {"port": (int, True), "high": (int, False), "transport": (str, True),
                     "direction": (str, True), "role": (str, True), "purpose": (str, True),
                     "required": (bool, True), "sources": (list, True)},
}  # fmt: skip

_KINDS = {"sources": "source", "uses": "use", "articles": "article", "products": "product"}


def load_tables(data: Path = DATA) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Every table of every data file, by kind, each with the file it came from."""
    tables: dict[str, list[tuple[str, dict[str, Any]]]] = {k: [] for k in _KINDS.values()}
    for folder, kind in _KINDS.items():
        for path in sorted((data / folder).glob("*.toml")):
            with path.open("rb") as fh:
                doc = tomllib.load(fh)
            where = f"{folder}/{path.name}"
            unknown = set(doc) - {kind}
            if unknown:
                tables[kind].append((where, {"__error__": f"unknown top-level keys {unknown}"}))
            for table in doc.get(kind, []):
                tables[kind].append((where, table))
    return tables


def _check_fields(kind: str, table: dict[str, Any], where: str) -> Iterator[str]:
    spec = _FIELDS[kind]
    for name in table.keys() - spec.keys():
        yield f"{where}: unknown field {name!r}"
    for name, (typ, required) in spec.items():
        if name not in table:
            if required:
                yield f"{where}: missing field {name!r}"
            continue
        value = table[name]
        if (typ is int and isinstance(value, bool)) or not isinstance(value, typ):
            yield f"{where}: {name!r} must be {typ.__name__}"
        elif typ is str and (not value.strip() or value != value.strip()):
            yield f"{where}: {name!r} is empty or has surrounding white space"
        elif typ is list and not all(isinstance(v, str | dict) for v in value):
            yield f"{where}: {name!r} holds a value of the wrong type"


def _check_ports(table: dict[str, Any], where: str) -> Iterator[str]:
    port, high = table.get("port"), table.get("high")
    if isinstance(port, int) and not 0 <= port <= 65535:
        yield f"{where}: port {port} is outside 0-65535"
    if isinstance(high, int) and isinstance(port, int) and not port < high <= 65535:
        yield f"{where}: high {high} must be above port {port} and at most 65535"


def _check_transports(values: Iterable[Any], where: str) -> Iterator[str]:
    values = list(values)
    if not values:
        yield f"{where}: no transports"
    for value in values:
        if value not in TRANSPORTS:
            yield f"{where}: transport {value!r} is not one of {sorted(TRANSPORTS)}"
    if len(set(values)) != len(values):
        yield f"{where}: a transport is listed twice"


def prose_strings(tables: dict[str, list[tuple[str, dict[str, Any]]]]) -> Iterator[str]:
    """Every prose string a visitor reads, in file order (the msgids of the catalogs)."""
    for kind in ("use", "article", "product"):
        for _where, table in tables[kind]:
            for field in PROSE[kind]:
                if isinstance(table.get(field), str):
                    yield table[field]
            if kind == "article":
                for rel in table.get("related", []):
                    if isinstance(rel, dict) and isinstance(rel.get("note"), str):
                        yield rel["note"]
            if kind == "product":
                for entry in table.get("ports", []):
                    for field in PROSE["product_port"]:
                        if isinstance(entry, dict) and isinstance(entry.get(field), str):
                            yield entry[field]


def _catalogs(locale: Path) -> dict[str, dict[str, str]]:
    from babel.messages.pofile import read_po

    found: dict[str, dict[str, str]] = {}
    for folder in sorted(p for p in locale.iterdir() if (p / "knowledge").is_dir()):
        merged: dict[str, str] = {}
        for po in sorted((folder / "knowledge").glob("*.po")):
            with po.open("rb") as fh:
                catalog = read_po(fh)
            for message in catalog:
                if message.id and isinstance(message.id, str) and message.string:
                    merged[message.id] = str(message.string)
        found[folder.name] = merged
    return found


def validate(data: Path = DATA, locale: Path = LOCALE) -> list[str]:
    """Every problem in the data and its catalogs; an empty list means all is well."""
    problems: list[str] = []
    try:
        tables = load_tables(data)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        return [f"cannot read the knowledge data: {exc}"]
    sources: dict[str, str] = {}
    urls: dict[str, str] = {}
    for where, table in tables["source"]:
        problems += _check_fields("source", table, where)
        sid, url = table.get("id"), table.get("url")
        if isinstance(sid, str):
            if not ID.match(sid):
                problems.append(f"{where}: source id {sid!r} is not lower-case kebab")
            if sid in sources:
                problems.append(f"{where}: source id {sid!r} is also in {sources[sid]}")
            sources[sid] = where
        if isinstance(url, str):
            if not url.startswith("https://"):
                problems.append(f"{where}: source {sid!r} url is not https")
            if url in urls:
                problems.append(f"{where}: source {sid!r} has the same url as {urls[url]!r}")
            urls[url] = str(sid)

    def cites(table: dict[str, Any], where: str) -> Iterator[str]:
        listed = table.get("sources", [])
        if isinstance(listed, list):
            if not listed:
                yield f"{where}: cites no source"
            for sid in listed:
                if sid not in sources:
                    yield f"{where}: source {sid!r} is not in the catalogue"

    ids: dict[str, str] = {}
    for kind in ("use", "product"):
        for where, table in tables[kind]:
            tid = table.get("id")
            if isinstance(tid, str):
                if not ID.match(tid):
                    problems.append(f"{where}: {kind} id {tid!r} is not lower-case kebab")
                key = f"{kind}:{tid}"
                if key in ids:
                    problems.append(f"{where}: {kind} id {tid!r} is also in {ids[key]}")
                ids[key] = where
    for where, table in tables["use"]:
        here = f"{where} [use {table.get('id', table.get('port'))}]"
        problems += _check_fields("use", table, here)
        problems += _check_ports(table, here)
        problems += _check_transports(table.get("transports", []), here)
        problems += cites(table, here)
        if table.get("risk") is not None and table["risk"] not in RISKS:
            problems.append(f"{here}: risk must be one of {sorted(RISKS)}")
        if isinstance(table.get("rank"), int) and not 1 <= table["rank"] <= 5:
            problems.append(f"{here}: rank must be 1-5")
    articles: dict[tuple[int, tuple[str, ...]], str] = {}
    for where, table in tables["article"]:
        here = f"{where} [article {table.get('port')}]"
        problems += _check_fields("article", table, here)
        problems += _check_ports(table, here)
        problems += _check_transports(table.get("transports", []), here)
        problems += cites(table, here)
        if table.get("worry") not in WORRY:
            problems.append(f"{here}: worry must be one of {sorted(WORRY)}")
        key = (table.get("port"), tuple(sorted(table.get("transports", []))))
        if key in articles:
            problems.append(f"{here}: a second article for the same port and transports")
        articles[key] = where  # type: ignore[index]
        for cve in table.get("cves", []):
            if not isinstance(cve, str) or not CVE.match(cve):
                problems.append(f"{here}: {cve!r} is not a CVE id")
        for rel in table.get("related", []):
            if not isinstance(rel, dict):
                problems.append(f"{here}: related entries are tables")
                continue
            problems += _check_fields("related", rel, f"{here} related")
            problems += _check_ports(rel, f"{here} related")
            problems += _check_transports(rel.get("transports", ["tcp"]), f"{here} related")
    for where, table in tables["product"]:
        here = f"{where} [product {table.get('id')}]"
        problems += _check_fields("product", table, here)
        problems += cites(table, here)
        if table.get("group") not in GROUPS:
            problems.append(f"{here}: group must be one of {sorted(GROUPS)}")
        for entry in table.get("ports", []):
            if not isinstance(entry, dict):
                problems.append(f"{here}: ports entries are tables")
                continue
            sub = f"{here} port {entry.get('port')}"
            problems += _check_fields("product_port", entry, sub)
            problems += _check_ports(entry, sub)
            problems += _check_transports([entry.get("transport")], sub)
            problems += cites(entry, sub)
            if entry.get("direction") not in DIRECTIONS:
                problems.append(f"{sub}: direction must be one of {sorted(DIRECTIONS)}")
    for where, table in [w for kind in tables.values() for w in kind]:
        if "__error__" in table:
            problems.append(f"{where}: {table['__error__']}")
    # Every prose string translated in every language that has knowledge catalogs.
    if locale.is_dir():
        wanted = list(dict.fromkeys(prose_strings(tables)))
        for lang, catalog in _catalogs(locale).items():
            for text in wanted:
                if text not in catalog:
                    problems.append(f"locale/{lang}: no translation for {text[:70]!r}")
            problems += _check_glossary(lang, catalog, locale)
    return problems


def _check_glossary(lang: str, catalog: dict[str, str], locale: Path = LOCALE) -> Iterator[str]:
    """The glossary's forbidden words, and ASCII digits in technical text."""
    path = locale / lang / "glossary.toml"
    if not path.is_file():
        return
    with path.open("rb") as fh:
        glossary = tomllib.load(fh)
    forbidden = [w for term in glossary.get("term", []) for w in term.get("never", [])]
    native_digits = glossary.get("native_digits", "")
    for source, text in catalog.items():
        for word in forbidden:
            if word in text:
                yield (
                    f"locale/{lang}: {word!r} (see glossary) in the translation of {source[:50]!r}"
                )
        if native_digits and any(d in text for d in native_digits):
            yield f"locale/{lang}: native digits in the translation of {source[:50]!r}"


def main() -> int:
    problems = validate()
    for line in problems:
        print(line)
    tables = load_tables()
    counts = ", ".join(f"{len(v)} {k}s" for k, v in tables.items())
    print(f"{len(problems)} problems; {counts}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
