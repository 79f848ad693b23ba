"""The Starlette application: HTML pages in every language, their JSON twins, feedback."""

from __future__ import annotations

import os
import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from portpedia.web import api, dataset, feedback, pages, probes, seo
from portpedia.web.cache import CacheHeaders, ResponseCache
from portpedia.web.cors import ApiCors
from portpedia.web.hosts import (
    ALLOWED_HOSTS_ENV,
    FORWARDED_ALLOW_IPS_ENV,
    LOOPBACK_NAMES,
    AllowedHosts,
    HostGuard,
    split_setting,
)
from portpedia.web.languages import DEFAULT, languages
from portpedia.web.middleware import BodyLimit, SecurityHeaders
from portpedia.web.render import render_error
from portpedia.web.urls import split_language

BASE_URL_ENV = "PORTPEDIA_BASE_URL"
# "1": port pages are the same for every visitor and kept by the response cache.
SHARED_PAGES_ENV = "PORTPEDIA_SHARED_PAGES"


class StoreHolder:
    """Opens the feedback store on first use, so a broken database never stops the pages."""

    def __init__(self, url: str | None) -> None:
        self.url = url
        self._store: Any = None
        self._lock = threading.Lock()

    def get(self) -> Any:
        """The FeedbackStore; raises a store error (e.g. bad URL) as StoreUnavailable would."""
        with self._lock:
            if self._store is None:
                from portpedia.store import FeedbackStore

                self._store = FeedbackStore(self.url)
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def _lang_routes(
    path: str,
    endpoint: Callable[[Request, str], Awaitable[Response]],
    methods: list[str] | None = None,
) -> list[BaseRoute]:
    """``path`` for English plus ``/<lang>path`` for every other language."""
    routes: list[BaseRoute] = []
    for lang in languages():

        async def handler(request: Request, _lang: str = lang) -> Response:
            return await endpoint(request, _lang)

        prefixed = path if lang == DEFAULT else f"/{lang}{path}"
        routes.append(Route(prefixed, handler, methods=methods or ["GET"]))
    return routes


def _routes() -> list[BaseRoute]:
    from importlib.resources import files

    routes: list[BaseRoute] = []
    for path, endpoint in (
        ("/", pages.home),
        ("/ports", pages.ports_index),
        ("/ports/{n}", pages.port),
        ("/ranges/{key}", pages.range_page),
        ("/services", pages.services_index),
        ("/services/{name}", pages.service),
        ("/apps", pages.apps),
        ("/map", pages.port_map),
        ("/apps/{name}", pages.app),
        ("/search", pages.search_page),
        ("/local", pages.local_page),
        ("/ephemeral", pages.ephemeral_page),
    ):
        routes += _lang_routes(path, endpoint)
    routes += _lang_routes("/annotate", pages.annotate_page, methods=["GET", "POST"])
    for lang in languages()[1:]:
        routes.append(Route(f"/{lang}", _slash_redirect(lang)))
    routes += [
        Route("/feedback", pages.feedback_form, methods=["POST"]),
        Route("/map.png", pages.map_png),
        Route("/api/v1/ports", api.ports_index),
        Route("/api/v1/ports/{n}", api.port),
        Route("/api/v1/services/{name}", api.service),
        Route("/api/v1/apps", api.apps),
        Route("/api/v1/apps/{name}", api.app),
        Route("/api/v1/search", api.search),
        Route("/api/v1/ranges", api.ranges),
        Route("/api/v1/feedback", api.feedback_totals, methods=["GET"]),
        Route("/api/v1/feedback", api.feedback_vote, methods=["POST"]),
        Route("/api/v1/health", api.health),
        Route("/healthz", probes.healthz),
        Route("/readyz", probes.readyz),
        Route("/api/v1/local", api.local),
        Route("/api/v1/ephemeral", api.ephemeral),
        Route("/openapi.json", api.openapi),
        Route("/robots.txt", seo.robots),
        Route("/sitemap.xml", seo.sitemap_index),
        Route("/sitemaps/{name}", seo.sitemap),
        Route("/data/{name:path}", dataset.data_file),
        Mount(
            "/static",
            app=StaticFiles(directory=str(files("portpedia.web").joinpath("static"))),
            name="static",
        ),
    ]
    return routes


def _slash_redirect(lang: str) -> Callable[[Request], Awaitable[Response]]:
    async def redirect(request: Request) -> Response:
        return RedirectResponse(f"/{lang}/", status_code=308)

    return redirect


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    headers = dict(exc.headers or {})
    if request.url.path.startswith("/api/"):
        codes = {404: "not_found", 405: "method_not_allowed", 408: "too_slow", 413: "too_large"}
        message = (
            exc.detail
            if status in (408, 413)
            else {
                404: "no such API endpoint; see /openapi.json",
                405: f"method {request.method} is not allowed here",
            }.get(status, str(exc.detail))
        )
        return api.error(status, codes.get(status, "http_error"), message, headers=headers)
    lang, path = split_language(request.url.path)
    message = exc.detail if status in (408, 413) else ""
    html = render_error(status, lang, message=message, path=path)
    return HTMLResponse(html, status_code=status, headers=headers)


async def _server_error(request: Request, exc: Exception) -> Response:
    if request.url.path.startswith("/api/"):
        return api.error(500, "internal_error", "internal server error")
    lang, path = split_language(request.url.path)
    return HTMLResponse(render_error(500, lang, path=path), status_code=500)


class Site(HostGuard):
    """The whole website as ``portpedia serve`` runs it: the one stack, outermost first.

    1. :class:`~portpedia.web.hosts.HostGuard` (this object): trusted forwarded headers,
       then the Host check (400 for a host the site does not answer for; loopback names
       only under ``--local``). Nothing, cached or not, is answered before it.
    2. :class:`~portpedia.web.cache.ResponseCache` (:attr:`cache`): the one cache, ETags
       and compression.
    3. The Starlette application (:attr:`starlette`): CORS, body limits, security headers,
       default Cache-Control, then the routes.
    """

    def __init__(
        self,
        starlette: Starlette,
        cache: ResponseCache,
        allowed_hosts: Sequence[str],
        forwarded_allow_ips: Sequence[str],
        loopback_only: bool,
    ) -> None:
        super().__init__(cache, allowed_hosts, forwarded_allow_ips, loopback_only)
        self.starlette = starlette
        self.cache = cache
        self.state = starlette.state


def _setting(value: Sequence[str] | str | None, env: str) -> list[str] | None:
    if value is None:
        value = os.environ.get(env)
    return None if value is None else split_setting(value)


def default_allowed_hosts(base_url: str = "", bind: str | None = None) -> list[str]:
    """Without ``--allowed-hosts``: the bind address, ``localhost`` and the base URL's host."""
    hosts = [bind] if bind else list(LOOPBACK_NAMES)
    hosts.append("localhost")
    if base_url:
        name = urlsplit(base_url).hostname
        if name:
            hosts.append(name)
    return list(dict.fromkeys(hosts))


def create_app(
    database_url: str | None = None,
    local: bool = False,
    *,
    secret: bytes | str | None = None,
    base_url: str | None = None,
    shared_pages: bool | None = None,
    allowed_hosts: Sequence[str] | str | None = None,
    forwarded_allow_ips: Sequence[str] | str | None = None,
) -> Site:
    """The website, exactly as ``portpedia serve`` runs it (see :class:`Site`).

    ``database_url`` as for the feedback store (default: its own default).
    ``secret`` keys visitor ids (default: ``$PORTPEDIA_SECRET`` or a file in the data dir).
    ``base_url`` (or ``$PORTPEDIA_BASE_URL``) makes canonical links and sitemaps absolute on
    that origin; otherwise the request's own origin is used.
    ``shared_pages`` (or ``$PORTPEDIA_SHARED_PAGES=1``) serves port pages without per-visitor
    parts, the same for everybody, from the response cache.
    ``allowed_hosts`` (or ``$PORTPEDIA_ALLOWED_HOSTS``, comma-separated): the Host names
    answered; default loopback names and the base URL's host.
    ``forwarded_allow_ips`` (or ``$PORTPEDIA_FORWARDED_ALLOW_IPS``): proxy addresses whose
    ``X-Forwarded-*`` headers are applied; default none.
    Raises ValueError for a proxy entry that is not an address, and under ``local`` for
    an allowed host that is not a loopback name.
    """
    from portpedia.web.secret import load_secret

    starlette = Starlette(
        routes=_routes(),
        middleware=[
            Middleware(ApiCors),
            Middleware(BodyLimit),
            Middleware(SecurityHeaders),
            Middleware(CacheHeaders),
        ],
        exception_handlers={HTTPException: _http_error, 500: _server_error},
    )
    origin = (base_url or os.environ.get(BASE_URL_ENV, "")).rstrip("/")
    hosts = _setting(allowed_hosts, ALLOWED_HOSTS_ENV) or default_allowed_hosts(origin)
    proxies = _setting(forwarded_allow_ips, FORWARDED_ALLOW_IPS_ENV) or []
    if local and not AllowedHosts(hosts).only_loopback():
        raise ValueError(
            "--local shows this machine's processes, so only loopback host names may be "
            f"allowed, not {', '.join(hosts)}"
        )
    key = secret if secret is not None else load_secret()
    state = starlette.state
    state.secret = key.encode() if isinstance(key, str) else key
    state.local = bool(local)
    state.store = StoreHolder(database_url)
    state.limiter = feedback.RateLimiter(limit=10, window=60.0)
    state.base_url = origin
    if shared_pages is None:
        shared_pages = os.environ.get(SHARED_PAGES_ENV) == "1"
    state.shared_pages = shared_pages
    cache = ResponseCache(starlette, fixed_origin=origin)
    return Site(starlette, cache, hosts, proxies, loopback_only=bool(local))


def app_from_environment() -> Site:
    """Factory for server workers: ``portpedia serve`` passes its settings in the environment."""
    return create_app(
        database_url=os.environ.get("PORTPEDIA_DATABASE_URL") or None,
        local=os.environ.get("PORTPEDIA_WEB_LOCAL") == "1",
    )
