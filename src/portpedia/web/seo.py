"""``/robots.txt`` and the sitemaps: an index pointing at per-language sub-sitemaps.

65,536 ports times every language is far more than the 50,000 URLs one sitemap may list,
so port pages go into files of :data:`PORTS_PER_SITEMAP` each.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from portpedia.web import urls
from portpedia.web.languages import languages
from portpedia.web.request_state import base_url

PORTS_PER_SITEMAP = 16384
_SITEMAP_NAME = re.compile(r"(?P<lang>[A-Za-z-]+)-(?P<part>pages|ports-(?P<n>\d+))\.xml")
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def sitemap_names() -> list[str]:
    parts = 65536 // PORTS_PER_SITEMAP
    return [
        name
        for lang in languages()
        for name in (f"{lang}-pages.xml", *(f"{lang}-ports-{i}.xml" for i in range(parts)))
    ]


def _lastmod() -> str:
    from portpedia.registry import load

    updated = load().updated
    return f"<lastmod>{escape(updated[:10])}</lastmod>" if updated else ""


def _xml(body: str) -> Response:
    return Response(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + body,
        media_type="application/xml",
        headers={"Cache-Control": "public, max-age=3600"},
    )


async def robots(request: Request) -> Response:
    text = (
        "User-agent: *\n"
        "Disallow: /api/\n"
        "Disallow: /feedback\n"
        "Disallow: /search\n"
        f"Sitemap: {base_url(request)}/sitemap.xml\n"
    )
    return PlainTextResponse(text)


async def sitemap_index(request: Request) -> Response:
    root = base_url(request)
    lastmod = _lastmod()
    items = "".join(
        f"<sitemap><loc>{escape(root)}/sitemaps/{name}</loc>{lastmod}</sitemap>\n"
        for name in sitemap_names()
    )
    return _xml(f"<sitemapindex {_NS}>\n{items}</sitemapindex>\n")


def page_paths(part: str) -> list[str]:
    """Language-neutral paths listed in one part (``pages`` or ``ports-N``)."""
    from portpedia.knowledge.ranges import RANGES
    from portpedia.web.views import PAGE_SIZE

    if part == "pages":
        return [
            "/",
            "/ports",
            *(urls.range_path(r.key) for r in RANGES),
            urls.EPHEMERAL_PATH,
            *(urls.index_path(s) for s in range(PAGE_SIZE, 65536, PAGE_SIZE)),
        ]
    n = int(part.removeprefix("ports-"))
    low = n * PORTS_PER_SITEMAP
    return [urls.port_path(p) for p in range(low, low + PORTS_PER_SITEMAP)]


async def sitemap(request: Request) -> Response:
    from starlette.exceptions import HTTPException

    name = request.path_params["name"]
    if name not in sitemap_names():
        raise HTTPException(404)
    m = _SITEMAP_NAME.fullmatch(name)
    assert m is not None
    lang = m["lang"]
    root = escape(base_url(request))
    lastmod = _lastmod()
    body = "".join(
        f"<url><loc>{root}{escape(urls.url_for_page(path, lang))}</loc>{lastmod}</url>\n"
        for path in page_paths(m["part"])
    )
    return _xml(f"<urlset {_NS}>\n{body}</urlset>\n")
