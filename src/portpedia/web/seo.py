"""``/robots.txt`` and the sitemaps: an index pointing at per-language sub-sitemaps.

65,536 ports times every language is far more than the 50,000 URLs one sitemap may list,
so port pages go into files of :data:`PORTS_PER_SITEMAP` each.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from portpedia.web.request_state import base_url
from portpedia.web.views import PORTS_PER_SITEMAP, SitemapView, sitemap_index_view, sitemap_view

__all__ = ["PORTS_PER_SITEMAP", "robots", "sitemap", "sitemap_index"]
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _xml(body: str) -> Response:
    return Response(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + body,
        media_type="application/xml",
        headers={"Cache-Control": "public, max-age=3600"},
    )


def _lastmod(view: SitemapView) -> str:
    return f"<lastmod>{escape(view.updated)}</lastmod>" if view.updated else ""


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
    root = escape(base_url(request))
    view = sitemap_index_view()
    lastmod = _lastmod(view)
    items = "".join(
        f"<sitemap><loc>{root}{escape(path)}</loc>{lastmod}</sitemap>\n" for path in view.paths
    )
    return _xml(f"<sitemapindex {_NS}>\n{items}</sitemapindex>\n")


async def sitemap(request: Request) -> Response:
    from starlette.exceptions import HTTPException

    view = sitemap_view(request.path_params["name"])
    if view is None:
        raise HTTPException(404)
    root = escape(base_url(request))
    lastmod = _lastmod(view)
    body = "".join(f"<url><loc>{root}{escape(path)}</loc>{lastmod}</url>\n" for path in view.paths)
    return _xml(f"<urlset {_NS}>\n{body}</urlset>\n")
