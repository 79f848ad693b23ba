"""HTML routes. Each one parses the URL, then calls a pure renderer from :mod:`.render`."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from portpedia.errors import InvalidPortError, PortpediaError, UnknownServiceError
from portpedia.web import feedback, render, urls, views
from portpedia.web.cache import PAGE_CACHE_CONTROL
from portpedia.web.languages import DEFAULT, gettext_for, languages, negotiate
from portpedia.web.request_state import base_url, store_call

log = logging.getLogger("portpedia.web")
LANG_COOKIE = "portpedia_lang"
_YEAR = 365 * 24 * 3600


def _html(html: str, status: int = 200, **kw: object) -> HTMLResponse:
    return HTMLResponse(html, status_code=status, **kw)  # type: ignore[arg-type]


def _public(html: str) -> HTMLResponse:
    """A page the same for every visitor: the response cache and any CDN may keep it."""
    return HTMLResponse(html, headers={"Cache-Control": PAGE_CACHE_CONTROL})


def _error(
    request: Request,
    lang: str,
    status: int,
    message: str | PortpediaError,
    path: str,
    suggestions: list[tuple[str, str]] | None = None,
    **kw: object,
) -> HTMLResponse:
    if isinstance(message, PortpediaError):
        # The error's own message, in the page's language.
        message = message.msg.render(gettext_for(lang))
        kw.setdefault("message_lang", lang)
    html = render.render_error(
        status,
        lang,
        message=message,
        suggestions=suggestions or [],
        path=path,
        base_url=base_url(request),
        **kw,  # type: ignore[arg-type]
    )
    return _html(html, status)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


async def ephemeral_page(request: Request, lang: str) -> Response:
    """The ephemeral-port guide; under ``serve --local`` also this machine's live pool."""
    from starlette.concurrency import run_in_threadpool

    live = bool(request.app.state.local)
    view = await run_in_threadpool(views.ephemeral, live)
    html = render.render_ephemeral(view, lang, base_url=base_url(request))
    return _html(html, headers={"Cache-Control": "no-store" if live else "no-cache"})


async def local_page(request: Request, lang: str) -> Response:
    """Listeners on this machine; exists only under ``portpedia serve --local``."""
    if not request.app.state.local:
        _ = gettext_for(lang)
        message = _("This page exists only under portpedia serve --local.")
        return _error(request, lang, 404, message, "/local", message_lang=lang)
    from starlette.concurrency import run_in_threadpool

    sockets = await run_in_threadpool(views.local, None, listening_only=True)
    html = render.render_local(sockets, lang, base_url=base_url(request))
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


async def home(request: Request, lang: str) -> Response:
    chosen = request.query_params.get("lang")
    if chosen in languages():
        # An explicit choice from the language switcher outranks Accept-Language from now on.
        if chosen != lang:
            response: Response = RedirectResponse(urls.url_for_page("/", chosen), 303)
        else:
            response = _html(render.render_home(views.home(), lang, base_url=base_url(request)))
        response.set_cookie(
            LANG_COOKIE, chosen, max_age=_YEAR, samesite="lax", secure=_secure(request)
        )
        return response
    if lang == DEFAULT:
        remembered = request.cookies.get(LANG_COOKIE)
        wanted = (
            remembered
            if remembered in languages()
            else negotiate(request.headers.get("accept-language"))
        )
        if wanted != DEFAULT:
            return RedirectResponse(
                urls.url_for_page("/", wanted), 302, headers={"Vary": "Accept-Language, Cookie"}
            )
    response = _public(render.render_home(views.home(), lang, base_url=base_url(request)))
    # Who gets a redirect depends on these, so no cache may keep "/" for everybody.
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response


def _port_suggestions(raw: str) -> list[tuple[str, str]]:
    text = raw.strip()
    out: list[tuple[str, str]] = []
    if text.isdecimal():
        n = int(text)  # int() reads any script's digits
        if n <= 65535:
            out.append((str(n), urls.port_path(n)))
        else:
            out.append(("65535", urls.port_path(65535)))
    elif text.startswith("-"):
        out.append(("0", urls.port_path(0)))
    out.append(("/ports", "/ports"))
    return out


async def port(request: Request, lang: str) -> Response:
    from portpedia.ports import parse_number

    raw = request.path_params["n"]
    try:
        n = parse_number(raw)
    except InvalidPortError as exc:
        return _error(request, lang, 404, exc, f"/ports/{raw}", _port_suggestions(raw))
    if raw != str(n):
        target = urls.url_for_page(urls.port_path(n), lang)
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(target, 308)
    path = urls.port_path(n)
    state = request.app.state
    if state.shared_pages and not state.local and "feedback" not in request.query_params:
        # One copy for everybody; the page's script fetches counts and a CSRF token.
        return _public(render.render_port_page(n, lang, base_url=base_url(request)))
    totals = your_vote = None
    try:
        totals = await store_call(request, "totals", path)
        visitor = feedback.visitor_id(request.app.state.secret, request)
        if visitor is not None:
            your_vote = await store_call(request, "visitor_vote", path, visitor)
    except PortpediaError:
        pass  # the page renders without counts; the widget says why when used
    token = feedback.csrf_cookie(request)
    new_token = token is None
    if token is None:
        token = feedback.new_csrf_token()
    local = None
    if request.app.state.local:
        from starlette.concurrency import run_in_threadpool

        # A scan walks /proc; keep it off the event loop.
        local = await run_in_threadpool(views.local, n)
    html = render.render_port_page(
        n,
        lang,
        totals=totals,
        csrf_token=token,
        your_vote=your_vote,
        notice=request.query_params.get("feedback"),
        local=local,
        base_url=base_url(request),
    )
    # The local panel is this moment's process list: never stored by any cache.
    cache = "no-store" if local is not None else "no-cache"
    response = _html(html, headers={"Cache-Control": cache})
    if new_token:
        set_csrf_cookie(request, response, token)
    return response


def set_csrf_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        feedback.CSRF_COOKIE,
        token,
        max_age=_YEAR,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/",
    )


async def ports_index(request: Request, lang: str) -> Response:
    raw = request.query_params.get("from", "0")
    from portpedia.ports import parse_number

    try:
        start = parse_number(raw)
    except InvalidPortError as exc:
        return _error(request, lang, 404, exc, "/ports", [("/ports", "/ports")])
    block = views.block_start(start)
    if raw != str(block) and "from" in request.query_params:
        target = urls.url_for_page("/ports" if block == 0 else urls.index_path(block), lang)
        return RedirectResponse(target, 308)
    html = render.render_ports_index(views.ports_index(block), lang, base_url=base_url(request))
    return _public(html)


async def range_page(request: Request, lang: str) -> Response:
    key = request.path_params["key"]
    try:
        view = views.range_view(key)
    except KeyError:
        from portpedia.knowledge.ranges import RANGES

        return _error(
            request,
            lang,
            404,
            f"no port range named {key[:40]!r}",
            urls.range_path(key),
            [(r.key, urls.range_path(r.key)) for r in RANGES],
        )
    return _public(render.render_range(view, lang, base_url=base_url(request)))


async def service(request: Request, lang: str) -> Response:
    name = request.path_params["name"]
    try:
        view = views.service(name)
    except UnknownServiceError as exc:
        suggestions = [(s, urls.service_path(s)) for s in exc.suggestions]
        return _error(request, lang, 404, str(exc), urls.service_path(name[:60]), suggestions)
    if view.service.name != name:
        target = urls.url_for_page(urls.service_path(view.service.name), lang)
        return RedirectResponse(target, 308)
    return _public(render.render_service(view, lang, base_url=base_url(request)))


async def services_index(request: Request, lang: str) -> Response:
    from portpedia.explain.service_index import UnknownIndexLetterError

    letter = request.query_params.get("letter", "")
    try:
        view = views.services_index(letter)
    except UnknownIndexLetterError as exc:
        overview = views.services_index()
        suggestions = [(k, urls.services_letter_path(k)) for k, _n in overview.letters]
        return _error(request, lang, 404, exc, urls.SERVICES_PATH, suggestions)
    return _public(render.render_services_index(view, lang, base_url=base_url(request)))


async def port_map(request: Request, lang: str) -> Response:
    from starlette.concurrency import run_in_threadpool

    from portpedia.web.portmap import map_png

    await run_in_threadpool(map_png)  # made once per registry, off the event loop
    return _public(render.render_map(views.port_map(), lang, base_url=base_url(request)))


async def map_png(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    from portpedia.web.portmap import map_png as make

    data = await run_in_threadpool(make)
    return Response(data, media_type="image/png", headers={"Cache-Control": PAGE_CACHE_CONTROL})


async def apps(request: Request, lang: str) -> Response:
    return _public(render.render_apps(views.apps(), lang, base_url=base_url(request)))


async def app(request: Request, lang: str) -> Response:
    from portpedia.explain.product import UnknownProductError

    name = request.path_params["name"]
    try:
        view = views.app(name)
    except UnknownProductError as exc:
        _ = gettext_for(lang)
        suggestions = [(s, urls.app_path(s)) for s in exc.suggestions]
        suggestions.append((_("All products"), urls.APPS_PATH))
        return _error(request, lang, 404, exc, urls.app_path(name[:60]), suggestions)
    if view.product.id != name:
        # An alias or another spelling: one URL per product.
        return RedirectResponse(urls.url_for_page(urls.app_path(view.product.id), lang), 308)
    return _public(render.render_app(view, lang, base_url=base_url(request)))


async def annotate_page(request: Request, lang: str) -> Response:
    """GET: the form; POST: the ports of the pasted text. Text only, at most the body limit
    (16 KB), nothing stored, nothing fetched; never cached."""
    from starlette.concurrency import run_in_threadpool

    text = ""
    if request.method == "POST":
        form = await request.form(max_files=0, max_fields=2, max_part_size=16 * 1024)
        value = form.get("text", "")
        if not isinstance(value, str):
            _ = gettext_for(lang)
            return _error(request, lang, 400, _("Paste text, not a file."), "/annotate")
        text = value
    view = await run_in_threadpool(views.annotate, text, lang)
    html = render.render_annotate(view, lang, base_url=base_url(request))
    return _html(html, headers={"Cache-Control": "no-store"})


async def search_page(request: Request, lang: str) -> Response:
    q = request.query_params.get("q", "")[:200]
    try:
        view = views.search(q)
    except InvalidPortError as exc:
        error = exc.msg.render(gettext_for(lang))
        empty = views.SearchView(q, None, ())
        html = render.render_search(empty, lang, error=error, base_url=base_url(request))
        return _html(html, 400)
    if view.port is not None:
        return RedirectResponse(urls.url_for_page(urls.port_path(view.port), lang), 303)
    return _html(render.render_search(view, lang, base_url=base_url(request)))


async def feedback_form(request: Request) -> Response:
    """The no-JavaScript path: a plain form POST, answered with 303 back to the page."""
    from portpedia.store import InvalidFeedback, StoreError, StoreUnavailable, VoteLimitReached

    form = await request.form(max_files=0, max_fields=10, max_part_size=4096)
    lang = str(form.get("language") or DEFAULT)
    if lang not in languages():
        lang = DEFAULT
    page = str(form.get("page") or "")
    back = None
    if feedback.feedback_page(page) is not None:
        back = urls.url_for_page(page, lang) + "#feedback"
    if not feedback.same_origin(request):
        return _error(
            request, lang, 403, "cross-site form posts are not accepted", "/feedback", back=back
        )
    if not feedback.form_csrf_ok(request, str(form.get(feedback.CSRF_FIELD) or "")):
        return _error(
            request,
            lang,
            403,
            "the form's security token is missing or expired; reload the page and try again",
            "/feedback",
            back=back,
        )
    port = feedback.feedback_page(page)
    if port is None:
        return _error(request, lang, 400, f"page {page[:60]!r} takes no feedback", "/feedback")
    secret = request.app.state.secret
    visitor, new_cookie = feedback.voter(secret, request)
    network = feedback.network_key(secret, request)
    wait = request.app.state.limiter.hit(visitor)
    if wait:
        response = _error(
            request,
            lang,
            429,
            "too many votes in a short time; wait a minute",
            "/feedback",
            back=back,
        )
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    comment = str(form.get("comment") or "") or None
    try:
        await store_call(
            request, "vote", page, lang, visitor, str(form.get("reaction") or ""), comment,
            network, feedback.votes_per_network(),
        )  # fmt: skip
    except InvalidFeedback as exc:
        return _error(request, lang, 400, str(exc), "/feedback", back=back)
    except VoteLimitReached:
        response = _error(
            request,
            lang,
            429,
            "your network has added as many votes to this page today as it may",
            "/feedback",
            back=back,
        )
        response.headers["Retry-After"] = str(feedback.seconds_to_midnight())
        return response
    except (StoreUnavailable, StoreError) as exc:
        retry = getattr(exc, "retry_after", StoreUnavailable.retry_after)
        reason = getattr(exc, "public", StoreUnavailable.public)
        log.warning("feedback store: %s", exc)
        response = _error(
            request,
            lang,
            503,
            f"{reason}, so your vote was not saved; please try again later",
            "/feedback",
            back=back,
        )
        response.headers["Retry-After"] = str(retry)
        return response
    target = urls.url_for_page(page, lang) + "?" + urlencode({"feedback": "thanks"}) + "#feedback"
    response = RedirectResponse(target, 303)
    feedback.set_visitor_cookie(request, response, new_cookie)
    return response
