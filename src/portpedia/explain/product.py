"""Products and the ports they need: ``kubernetes`` -> 6443/tcp inbound to the control plane.

One place reads the curated products (:func:`_catalogue`); the product page, the CLI's
``app`` command, the firewall rules and the port pages all take them from here.
"""

# No `from __future__ import annotations`: NamedTuple fields stay cheap to build.

import re
from typing import Any, NamedTuple

from portpedia.errors import PortpediaError
from portpedia.explain.report import Footnote
from portpedia.i18n import N_, Gettext, Msg
from portpedia.knowledge.model import Source

# Product groups, in the order an index lists them.
GROUPS: dict[str, str] = {
    "containers": N_("Containers and orchestration"),
    "databases": N_("Databases and search engines"),
    "directory": N_("Directory and the Windows domain"),
    "communications": N_("Mail, VoIP and conferencing"),
    "games": N_("Game platforms and consoles"),
    "media": N_("Media servers and NAS"),
    "vpn": N_("VPNs and mesh networks"),
    "monitoring": N_("Monitoring and observability"),
    "home": N_("Home automation"),
    "remote-access": N_("Remote access"),
    "dev-tools": N_("CI and dev tools"),
}
DIRECTIONS: dict[str, str] = {
    "inbound": N_("inbound"),
    "outbound": N_("outbound"),
    "internode": N_("between nodes"),
}


class UnknownProductError(PortpediaError, LookupError):
    """No curated product has that name."""

    exit_code = 1

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        shown = repr(name[:40])
        if suggestions:
            msg = Msg("no product named {name}; did you mean {close}?", name=shown,
                      close=", ".join(suggestions))  # fmt: skip
        else:
            msg = Msg("no product named {name}: portpedia app --list shows them all", name=shown)
        super().__init__(msg)


class ProductPort(NamedTuple):
    """One port a product uses: which way the traffic goes, for which role, and why."""

    port: int
    high: int
    transport: str
    direction: str  # inbound | outbound | internode
    role: str
    purpose: str
    required: bool
    cites: tuple[int, ...]

    @property
    def ports(self) -> str:
        return str(self.port) if self.port == self.high else f"{self.port}-{self.high}"

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"port": self.port, "high": self.high, "ports": self.ports,
                "transport": self.transport, "direction": self.direction,
                "direction_label": gt(DIRECTIONS[self.direction]), "role": gt(self.role),
                "purpose": gt(self.purpose), "required": self.required,
                "cites": list(self.cites)}  # fmt: skip


class ProductReport(NamedTuple):
    id: str
    name: str
    group: str
    summary: str
    aliases: tuple[str, ...]
    ports: tuple[ProductPort, ...]
    footnotes: tuple[Footnote, ...]

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.role for p in self.ports))

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"id": self.id, "name": gt(self.name), "group": self.group,
                "group_label": gt(GROUPS[self.group]), "summary": gt(self.summary),
                "aliases": list(self.aliases), "roles": [gt(r) for r in self.roles],
                "ports": [p.to_dict(gettext) for p in self.ports],
                "footnotes": [f.to_dict() for f in self.footnotes]}  # fmt: skip


class ProductEntry(NamedTuple):
    """A product in an index or a port's list: enough to link to its page."""

    id: str
    name: str
    group: str
    summary: str
    ports: str  # "6443, 10250, 30000-32767"

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        gt = gettext or (lambda s: s)
        return {"id": self.id, "name": gt(self.name), "group": self.group,
                "group_label": gt(GROUPS[self.group]), "summary": gt(self.summary),
                "ports": self.ports}  # fmt: skip


def _catalogue() -> tuple[dict[str, dict[str, Any]], dict[str, Source]]:
    """Every curated product by id (as plain tables, ``high`` always set), and the sources:
    the one place products are read."""
    from portpedia.knowledge.index import products, sources

    def table(p: Any) -> dict[str, Any]:
        ports = [{**pp._asdict(), "high": pp.high if pp.high is not None else pp.port,
                  "sources": list(pp.sources)} for pp in p.ports]  # fmt: skip
        return {**p._asdict(), "aliases": list(p.aliases), "sources": list(p.sources),
                "ports": ports}  # fmt: skip

    return {p.id: table(p) for p in products()}, {s.id: s for s in sources()}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _port_list(table: dict[str, Any]) -> str:
    seen = dict.fromkeys(
        str(p["port"]) if p.get("high", p["port"]) == p["port"] else f"{p['port']}-{p['high']}"
        for p in table["ports"]
    )
    return ", ".join(seen)


def _entry(table: dict[str, Any]) -> ProductEntry:
    return ProductEntry(table["id"], table["name"], table["group"], table["summary"],
                        _port_list(table))  # fmt: skip


def product_index() -> tuple[ProductEntry, ...]:
    """Every product, grouped in :data:`GROUPS` order, by name within a group."""
    products, _sources = _catalogue()
    order = {g: i for i, g in enumerate(GROUPS)}
    return tuple(
        _entry(t)
        for t in sorted(products.values(), key=lambda t: (order[t["group"]], t["name"].lower()))
    )


def products_for(port: int) -> tuple[ProductEntry, ...]:
    """The products that use ``port`` (or a range covering it), by name."""
    products, _sources = _catalogue()
    found = [
        t
        for t in products.values()
        if any(p["port"] <= port <= p.get("high", p["port"]) for p in t["ports"])
    ]
    return tuple(_entry(t) for t in sorted(found, key=lambda t: t["name"].lower()))


def find_product(name: str) -> dict[str, Any]:
    """The curated product a user means by ``name`` (id, name or alias, any case)."""
    products, _sources = _catalogue()
    key = _slug(name[:100])
    for pid, table in products.items():
        names = {pid, _slug(table["name"]), *(_slug(a) for a in table.get("aliases", []))}
        if key in names:
            return table
    import difflib  # only on a miss

    names = {pid: pid for pid in products}
    names.update({_slug(t["name"]): pid for pid, t in products.items()})
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    raise UnknownProductError(name, list(dict.fromkeys(names[c] for c in close)))


def lookup_product(name: str) -> ProductReport:
    """The report for one product: every port, with its footnotes."""
    table = find_product(name)
    _products, sources = _catalogue()
    numbers: dict[str, int] = {}

    def cite(ids: list[str]) -> tuple[int, ...]:
        return tuple(numbers.setdefault(i, len(numbers) + 1) for i in ids if i in sources)

    cite(table["sources"])
    ports = tuple(
        ProductPort(p["port"], p.get("high", p["port"]), p["transport"], p["direction"],
                    p["role"], p["purpose"], p["required"], cite(p["sources"]))
        for p in table["ports"]
    )  # fmt: skip
    footnotes = tuple(Footnote(n, sources[i]) for i, n in numbers.items())
    return ProductReport(table["id"], table["name"], table["group"], table["summary"],
                         tuple(table.get("aliases", ())), ports, footnotes)  # fmt: skip
