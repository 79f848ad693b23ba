"""``/healthz`` and ``/readyz`` for load balancers and orchestrators.

``/healthz`` answers 200 while the process can answer at all (liveness: restart on failure).
``/readyz`` answers 200 only when the feedback database answers too, else 503 (readiness:
send no traffic here for now). Pages work without the database, so a proxy that must keep
serving pages during a database outage should probe ``/healthz``.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from portpedia.errors import PortpediaError
from portpedia.web.request_state import store_call

log = logging.getLogger("portpedia.web")
_HEADERS = {"Cache-Control": "no-store"}


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"}, headers=_HEADERS)


async def readyz(request: Request) -> Response:
    try:
        await store_call(request, "ping")
    except PortpediaError as exc:
        # The message names the database's host, user and name: the log gets it, the
        # (public) answer only names the problem (unreachable, damaged file, file deleted).
        log.warning("readyz: %s", exc)
        return JSONResponse(
            {
                "status": "unavailable",
                "database": "unavailable",
                "reason": getattr(exc, "public", "the feedback database is unavailable"),
            },
            status_code=503,
            headers={**_HEADERS, "Retry-After": "5"},
        )
    return JSONResponse({"status": "ok", "database": "ok"}, headers=_HEADERS)
