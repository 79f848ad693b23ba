"""JSON twins of the pages under ``/api/v1``: the same views (:mod:`.views`) as the pages,
rendered by :mod:`.as_json`.

Errors are ``{"error": {"code": ..., "message": ...}}`` with a fitting status code.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from portpedia.errors import (
    InvalidPortError,
    InvalidProtocolError,
    PortpediaError,
    UnknownServiceError,
)
from portpedia.web import as_json, feedback, views
from portpedia.web.errors import error_document
from portpedia.web.languages import DEFAULT, languages
from portpedia.web.request_state import store_call

log = logging.getLogger("portpedia.web")


class _Json(JSONResponse):
    def render(self, content: Any) -> bytes:
        return as_json.encode(content)


def ok(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return _Json(data, status_code=status, headers=headers)


def error(
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    return _Json(error_document(code, message, **extra), status, headers)


def _lang(request: Request) -> str | Response:
    lang = request.query_params.get("lang", DEFAULT)
    if lang not in languages():
        return error(
            400,
            "unknown_language",
            f"unknown language {lang[:20]!r}; use one of {', '.join(languages())}",
        )
    return lang


async def port(request: Request) -> Response:
    from portpedia.ports import parse_number, parse_protocol

    lang = _lang(request)
    if isinstance(lang, Response):
        return lang
    raw = request.path_params["n"]
    try:
        n = parse_number(raw)
        protocol = parse_protocol(request.query_params.get("protocol"))
    except InvalidProtocolError as exc:
        return error(400, "invalid_port", str(exc))  # a bad query parameter
    except InvalidPortError as exc:
        return error(404, "invalid_port", str(exc))  # no such resource
    if raw != str(n):
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/api/v1/ports/{n}{query}", 308)
    return ok(as_json.port(views.port(n, protocol), lang))


async def ports_index(request: Request) -> Response:
    from portpedia.ports import parse_number

    try:
        start = parse_number(request.query_params.get("from", "0"))
    except InvalidPortError as exc:
        return error(400, "invalid_port", str(exc))
    return ok(as_json.ports_index(views.ports_index(start)))


async def service(request: Request) -> Response:
    lang = _lang(request)
    if isinstance(lang, Response):
        return lang
    try:
        view = views.service(request.path_params["name"])
    except UnknownServiceError as exc:
        return error(404, "unknown_service", str(exc), suggestions=exc.suggestions)
    return ok(as_json.service(view, lang))


async def apps(request: Request) -> Response:
    lang = _lang(request)
    if isinstance(lang, Response):
        return lang
    return ok(as_json.apps(views.apps(), lang))


async def app(request: Request) -> Response:
    from portpedia.explain.product import UnknownProductError

    lang = _lang(request)
    if isinstance(lang, Response):
        return lang
    try:
        view = views.app(request.path_params["name"])
    except UnknownProductError as exc:
        return error(404, "unknown_product", str(exc), suggestions=exc.suggestions)
    return ok(as_json.app(view, lang))


async def search(request: Request) -> Response:
    lang = _lang(request)
    if isinstance(lang, Response):
        return lang
    q = request.query_params.get("q", "")[:200]
    if not q.strip():
        return error(400, "missing_query", "give a port number or words to search for in q")
    try:
        limit = max(1, min(100, int(request.query_params.get("limit", "20"))))
    except ValueError:
        return error(400, "invalid_limit", "limit must be a whole number from 1 to 100")
    try:
        view = views.search(q, limit)
    except InvalidPortError as exc:
        return error(400, "invalid_port", str(exc))
    return ok(as_json.search(view, lang))


async def ranges(request: Request) -> Response:
    lang = _lang(request)
    if isinstance(lang, Response):
        return lang
    return ok(as_json.ranges(views.ranges(), lang))


# ------------------------------------------------------------------------------ feedback


def _unavailable(exc: Exception) -> Response:
    from portpedia.store import StoreUnavailable

    log.warning("feedback store: %s", exc)
    retry = getattr(exc, "retry_after", StoreUnavailable.retry_after)
    reason = getattr(exc, "public", StoreUnavailable.public)
    return error(
        503,
        "store_unavailable",
        f"{reason}; your vote was not saved, try again later",
        headers={"Retry-After": str(retry)},
        retry_after=retry,
    )


async def feedback_totals(request: Request) -> Response:
    """Counts for a page, the visitor's own vote, and a CSRF token for voting."""
    from portpedia.web.pages import set_csrf_cookie

    page = request.query_params.get("page", "")
    if feedback.feedback_page(page) is None:
        return error(
            400,
            "invalid_page",
            f"page {page[:60]!r} takes no feedback; use a port page path such as /ports/443",
        )
    token = feedback.csrf_cookie(request)
    new_token = token is None
    token = token or feedback.new_csrf_token()
    try:
        totals = await store_call(request, "totals", page)
        visitor = feedback.visitor_id(request.app.state.secret, request)
        mine = None if visitor is None else await store_call(request, "visitor_vote", page, visitor)
    except PortpediaError as exc:
        response = _unavailable(exc)
    else:
        response = ok(
            {"page": page, "totals": totals.as_dict(), "your_vote": mine, "csrf_token": token}
        )
    response.headers["Cache-Control"] = "no-store"
    if new_token:
        set_csrf_cookie(request, response, token)
    return response


async def feedback_vote(request: Request) -> Response:
    from portpedia.store import InvalidFeedback, VoteLimitReached

    if not feedback.same_origin(request):
        return error(403, "cross_origin", "cross-site requests are not accepted")
    if not feedback.csrf_ok(request, request.headers.get(feedback.CSRF_HEADER)):
        return error(
            403,
            "csrf",
            "missing or wrong CSRF token: send the portpedia_csrf "
            "cookie's value in the X-CSRF-Token header",
        )
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return error(415, "unsupported_media_type", "send the vote as application/json")
    try:
        body = feedback.parse_json(await request.body())
    except ValueError:  # UnicodeDecodeError too
        return error(400, "invalid_json", "the request body is not valid JSON")
    if not isinstance(body, dict):
        return error(400, "invalid_json", "the request body must be a JSON object")
    page = body.get("page")
    if not isinstance(page, str) or feedback.feedback_page(page) is None:
        return error(400, "invalid_page", "page must be a port page path such as /ports/443")
    lang = body.get("language", DEFAULT)
    if lang not in languages():
        return error(400, "unknown_language", f"language must be one of {', '.join(languages())}")
    comment = body.get("comment")
    if comment is not None and not isinstance(comment, str):
        return error(400, "invalid_feedback", "comment must be a string")
    secret = request.app.state.secret
    visitor, new_cookie = feedback.voter(secret, request)
    network = feedback.network_key(secret, request)
    wait = request.app.state.limiter.hit(visitor)
    if wait:
        seconds = int(wait) + 1
        return error(
            429,
            "rate_limited",
            f"too many votes; try again in {seconds} s",
            headers={"Retry-After": str(seconds)},
            retry_after=seconds,
        )
    try:
        totals = await store_call(
            request, "vote", page, lang, visitor, body.get("reaction"), comment,
            network, feedback.votes_per_network(),
        )  # fmt: skip
    except InvalidFeedback as exc:
        return error(400, "invalid_feedback", str(exc))
    except VoteLimitReached:
        return error(
            429,
            "network_limit",
            "your network has added as many votes to this page today as it may; "
            "votes already cast can still be changed",
            headers={"Retry-After": str(feedback.seconds_to_midnight())},
            retry_after=feedback.seconds_to_midnight(),
        )
    except PortpediaError as exc:
        return _unavailable(exc)
    response = ok({"page": page, "totals": totals.as_dict(), "your_vote": body.get("reaction")})
    feedback.set_visitor_cookie(request, response, new_cookie)
    return response


async def health(request: Request) -> Response:
    try:
        await store_call(request, "ping")
        database = "ok"
    except PortpediaError:
        database = "unavailable"
    # A health answer is only true now: no cache may keep it.
    return ok({"status": "ok", "database": database}, headers={"Cache-Control": "no-store"})


async def openapi(request: Request) -> Response:
    from portpedia.web.openapi import document

    return ok(document())


async def local(request: Request) -> Response:
    """``GET /api/v1/local[?port=N]``: sockets on this machine (``serve --local`` only)."""
    if not request.app.state.local:
        return error(404, "local_disabled", "start the server with portpedia serve --local")
    from portpedia.ports import parse_number

    raw = request.query_params.get("port")
    port = None
    if raw is not None:
        try:
            port = parse_number(raw)
        except InvalidPortError as exc:
            return error(400, "invalid_port", str(exc))
    from starlette.concurrency import run_in_threadpool

    sockets = await run_in_threadpool(views.local, port, listening_only=port is None)
    if sockets is None:
        return error(503, "local_unavailable", "this machine's sockets could not be read")
    body = {"port": port, "sockets": [s.to_dict() for s in sockets]}
    return _Json(body, headers={"Cache-Control": "no-store"})


async def ephemeral(request: Request) -> Response:
    """``GET /api/v1/ephemeral``: the ephemeral-port guide (+ ``pool`` under ``--local``)."""
    from starlette.concurrency import run_in_threadpool

    lang = request.query_params.get("lang", DEFAULT)
    if lang not in languages():
        return error(400, "unknown_language", f"unknown language {lang[:20]!r}")
    live = bool(request.app.state.local)
    view = await run_in_threadpool(views.ephemeral, live)
    body = as_json.ephemeral(view, lang)
    # The live pool is this moment's: no cache may keep it.
    return _Json(body, headers={"Cache-Control": "no-store"} if live else None)
