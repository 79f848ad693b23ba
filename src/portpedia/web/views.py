"""One view per resource: what a page or its JSON twin shows, as typed data.

Each function takes what the URL says (a number, a name, a language-neutral query) and
returns the report objects for it; it needs no request. The HTML pages
(:mod:`portpedia.web.render`), the JSON API (:mod:`portpedia.web.as_json`) and the static
exporter are renderings of these same values, so the three cannot disagree.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from portpedia.explain import PortReport, ServiceReport
    from portpedia.explain._search import SearchHit
    from portpedia.explain.firewall import FirewallPlan
    from portpedia.explain.guide import EphemeralGuide
    from portpedia.explain.product import ProductEntry, ProductReport
    from portpedia.explain.service_index import ServiceIndex
    from portpedia.knowledge.ephemeral import OsEphemeralRange
    from portpedia.knowledge.ranges import PortRange

PAGE_SIZE = 256  # ports per index block
# Port numbers people look up most often; explain.friendly_name labels them.
COMMON_PORTS = (20, 21, 22, 23, 25, 53, 67, 80, 110, 123, 143, 161, 389, 443, 445, 465, 514,
                587, 993, 995, 1194, 1433, 1521, 3306, 3389, 5060, 5353, 5432, 5900, 6379,
                8080, 8443, 9200, 27017, 51820, 60463)  # fmt: skip
SEARCH_PAGE_HITS = 50
# 65,536 ports times every language is far more than the 50,000 URLs one sitemap may list,
# so port pages go into sitemaps of this many each.
PORTS_PER_SITEMAP = 16384


class HomeView(NamedTuple):
    ranges: tuple[PortRange, ...]
    # (port, the name people know it by, whether that name is curated prose)
    common: tuple[tuple[int, str | None, bool], ...]


class IndexRow(NamedTuple):
    port: int
    status: str
    name: str | None


class IndexView(NamedTuple):
    """One block of :data:`PAGE_SIZE` ports, ``start`` to ``end``."""

    start: int
    end: int
    rows: tuple[IndexRow, ...]
    previous: int | None
    next: int | None
    current: PortRange
    ranges: tuple[PortRange, ...]


class RangeView(NamedTuple):
    range: PortRange
    blocks: tuple[tuple[int, int], ...]  # (low, high) of each index block in the range
    ranges: tuple[PortRange, ...]


class ServiceView(NamedTuple):
    service: ServiceReport
    reports: tuple[PortReport, ...]  # explain's choice of its ports


class SearchView(NamedTuple):
    query: str
    port: int | None  # the port the query names, if it is a port query
    hits: tuple[SearchHit, ...]
    protocol: str | None = None
    suggestions: tuple[str, ...] = ()


class AnnotateView(NamedTuple):
    text: str
    notes: tuple[Any, ...]  # explain.annotate.Annotation, explanations in the page language


class RangesView(NamedTuple):
    ranges: tuple[PortRange, ...]
    ephemeral: tuple[OsEphemeralRange, ...]


class EphemeralView(NamedTuple):
    guide: EphemeralGuide
    live: bool  # under serve --local: this machine's pool is part of the view
    pool: dict[str, Any] | None  # None: live but unreadable


def home() -> HomeView:
    from portpedia.explain import friendly_name
    from portpedia.knowledge.ranges import RANGES

    common = []
    for p in COMMON_PORTS:
        name, curated = friendly_name(p) or (None, False)
        common.append((p, name, curated))
    return HomeView(RANGES, tuple(common))


def port(number: int, protocol: str | None = None) -> PortReport:
    from portpedia.explain import explain

    return explain(number, protocol)


class FirewallTool(NamedTuple):
    tool: str
    allow: str  # the tool's text that allows the port inbound
    deny: str  # and the text that blocks it


class FirewallView(NamedTuple):
    """A port page's "Open or close it": every tool's allow and deny rules, and warnings."""

    target: str  # "3389" or "53/udp", as the CLI takes it
    tools: tuple[FirewallTool, ...]
    warnings: tuple[Any, ...]  # Msgs: why opening the port is risky
    notes: tuple[Any, ...]  # Msgs: what the allow rules left out and why
    risky: bool  # opening it deserves a source restriction (--from)
    refused: Any = None  # a Msg: why no rule can be written for the port (port 0)


@lru_cache(maxsize=1024)
def firewall(number: int, protocol: str | None = None) -> FirewallView:
    """The rules of :func:`portpedia.explain.firewall.port_plan` for one port, both ways."""
    from portpedia.explain.firewall import port_plan
    from portpedia.firewall import FirewallInputError, render_all

    target = f"{number}/{protocol}" if protocol in ("tcp", "udp") else str(number)
    try:
        allow = port_plan(target, "allow")
        deny = port_plan(target, "deny")
    except FirewallInputError as exc:
        return FirewallView(target, (), (), (), False, exc.msg)
    allowed, denied = render_all(allow.rules), render_all(deny.rules)
    tools = tuple(FirewallTool(tool, allowed[tool], denied[tool]) for tool in allowed)
    return FirewallView(target, tools, allow.warnings, allow.skipped, bool(allow.warnings))


def block_start(start: int) -> int:
    """The first port of the index block holding ``start`` (clamped to 0-65535)."""
    return max(0, min(65535, start)) // PAGE_SIZE * PAGE_SIZE


def ports_index(start: int) -> IndexView:
    """The block holding ``start``."""
    from portpedia.knowledge.ranges import RANGES, range_of
    from portpedia.registry import load

    start = block_start(start)
    end = min(start + PAGE_SIZE - 1, 65535)
    registry = load()
    rows = tuple(IndexRow(p, *_label(registry, p)) for p in range(start, end + 1))
    return IndexView(
        start,
        end,
        rows,
        start - PAGE_SIZE if start > 0 else None,
        end + 1 if end < 65535 else None,
        range_of(start),
        RANGES,
    )


# A block's labels serve its page in every language and its JSON; keyed by the registry
# too, so a reloaded registry is never answered from the old one.
@lru_cache(maxsize=4096)
def _label(registry: Any, number: int) -> tuple[str, str | None]:
    from portpedia.explain import port_name, port_status

    return port_status(number, registry), port_name(number)


def range_view(key: str) -> RangeView:
    """Raises KeyError for a key that names no range."""
    from portpedia.knowledge.ranges import RANGES

    rng = {r.key: r for r in RANGES}[key]
    first = rng.low // PAGE_SIZE * PAGE_SIZE
    blocks = tuple(
        (max(b, rng.low), min(b + PAGE_SIZE - 1, rng.high))
        for b in range(first, rng.high + 1, PAGE_SIZE)
    )
    return RangeView(rng, blocks, RANGES)


def service(name: str) -> ServiceView:
    """Raises UnknownServiceError (with suggestions)."""
    from portpedia.explain import lookup_service, service_reports

    found = lookup_service(name)
    return ServiceView(found, tuple(service_reports(found)))


def services_index(letter: str = "") -> ServiceIndex:
    """The overview, or the names under one letter; raises UnknownIndexLetterError."""
    from portpedia.explain.service_index import service_index

    return service_index(letter)


def search(query: str, limit: int = SEARCH_PAGE_HITS) -> SearchView:
    """A port query names its port (InvalidPortError if it names none); other text is
    searched for."""
    from portpedia.explain import search as run_search

    if not query.strip():
        return SearchView(query, None, ())
    # "443", "port 443", ":443", "tcp 22": the search names the port (and its hits).
    result = run_search(query, limit)
    return SearchView(query, result.port, tuple(result.hits), result.protocol,
                      tuple(result.suggestions))  # fmt: skip


def annotate(text: str, lang: str) -> AnnotateView:
    """Every port found in pasted text, explained (nothing is stored or fetched)."""
    from portpedia.explain.annotate import annotate as find
    from portpedia.web.languages import gettext_for

    return AnnotateView(text, find(text, gettext_for(lang)) if text.strip() else ())


def ranges() -> RangesView:
    from portpedia.knowledge.ephemeral import OS_RANGES
    from portpedia.knowledge.ranges import RANGES

    return RangesView(RANGES, OS_RANGES)


def ephemeral(live: bool = False) -> EphemeralView:
    """The guide; ``live`` (``serve --local``) adds this machine's pool."""
    from portpedia.explain.guide import ephemeral_guide

    pool = None
    if live:
        from portpedia.web.machine import live_pool

        pool = live_pool()
    return EphemeralView(ephemeral_guide(), live, pool)


def local(number: int | None = None, *, listening_only: bool = False) -> list[Any] | None:
    """This machine's sockets on ``number`` (or every listener); None when unreadable."""
    from portpedia.web.machine import local_sockets

    return local_sockets(number, listening_only=listening_only)


class SitemapView(NamedTuple):
    """Site-relative paths (``/bn/ports/443``, ``/sitemaps/en-pages.xml``) and the date of
    the registry they were made from."""

    paths: tuple[str, ...]
    updated: str


class AppsView(NamedTuple):
    """Every product, grouped: (group key, its products) in explain's group order."""

    groups: tuple[tuple[str, tuple[ProductEntry, ...]], ...]


class AppPlan(NamedTuple):
    role: str | None  # None: one plan for every machine of the product
    plan: FirewallPlan
    tools: tuple[tuple[str, str], ...]  # (tool, what to give it), in firewall.TOOLS order


class AppView(NamedTuple):
    product: ProductReport
    plans: tuple[AppPlan, ...]  # the inbound "allow" rules, per role


def apps() -> AppsView:
    from portpedia.explain.product import product_index

    groups: dict[str, list[ProductEntry]] = {}
    for entry in product_index():
        groups.setdefault(entry.group, []).append(entry)
    return AppsView(tuple((g, tuple(entries)) for g, entries in groups.items()))


def app_names() -> tuple[str, ...]:
    """The id of every product, in index order."""
    from portpedia.explain.product import product_index

    return tuple(e.id for e in product_index())


def app(name: str) -> AppView:
    """Raises UnknownProductError (with close matches)."""
    from portpedia.explain.firewall import role_plans
    from portpedia.explain.product import lookup_product
    from portpedia.firewall import TOOLS, render

    product = lookup_product(name)
    plans = []
    for role, plan in role_plans(product.id):
        tools = tuple((tool, render(plan.rules, tool)) for tool in TOOLS) if plan.rules else ()
        plans.append(AppPlan(role, plan, tools))
    return AppView(product, tuple(plans))


class MapView(NamedTuple):
    ranges: tuple[PortRange, ...]
    ephemeral: tuple[OsEphemeralRange, ...]  # each OS's current default
    legend: tuple[Any, ...]  # portmap.LegendRow


def port_map() -> MapView:
    """What /map shows around the PNG (:func:`portpedia.web.portmap.map_png`)."""
    from portpedia.knowledge.ephemeral import OS_RANGES
    from portpedia.knowledge.ranges import RANGES
    from portpedia.web.portmap import legend

    return MapView(RANGES, tuple(o for o in OS_RANGES if o.current), legend())


def sitemap_names() -> list[str]:
    from portpedia.web.languages import languages

    parts = 65536 // PORTS_PER_SITEMAP
    return [
        name
        for lang in languages()
        for name in (f"{lang}-pages.xml", *(f"{lang}-ports-{i}.xml" for i in range(parts)))
    ]


def _updated() -> str:
    from portpedia.registry import load

    return (load().updated or "")[:10]


def sitemap_index_view() -> SitemapView:
    return SitemapView(tuple(f"/sitemaps/{name}" for name in sitemap_names()), _updated())


def page_paths(part: str) -> list[str]:
    """Language-neutral paths listed in one part (``pages`` or ``ports-N``)."""
    from portpedia.knowledge.ranges import RANGES
    from portpedia.web import urls

    if part == "pages":
        return [
            "/",
            "/ports",
            *(urls.range_path(r.key) for r in RANGES),
            urls.EPHEMERAL_PATH,
            *(urls.index_path(s) for s in range(PAGE_SIZE, 65536, PAGE_SIZE)),
            urls.APPS_PATH,
            *(urls.app_path(a) for a in app_names()),
            urls.MAP_PATH,
            urls.SERVICES_PATH,
            *(urls.services_letter_path(k) for k, _n in services_index().letters),
        ]
    n = int(part.removeprefix("ports-"))
    low = n * PORTS_PER_SITEMAP
    return [urls.port_path(p) for p in range(low, low + PORTS_PER_SITEMAP)]


def sitemap_view(name: str) -> SitemapView | None:
    """The pages one sitemap (``en-ports-0.xml``) lists; None for a name that is none."""
    import re

    from portpedia.web.urls import url_for_page

    if name not in sitemap_names():
        return None
    m = re.fullmatch(r"(?P<lang>[A-Za-z-]+)-(?P<part>pages|ports-\d+)\.xml", name)
    assert m is not None
    lang, part = m["lang"], m["part"]
    paths = tuple(url_for_page(path, lang) for path in page_paths(part))
    return SitemapView(paths, _updated())
