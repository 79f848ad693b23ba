"""``/data/NAME``: the open dataset (:mod:`portpedia.knowledge.dataset`), as files.

``/data/`` redirects to the descriptor, ``/data/datapackage.json``; the static export
writes the same files under ``data/``. The files are built once per process by the
knowledge room; ETags, compression and caching of the responses are the one response
cache's job (:mod:`portpedia.web.cache`), as for every other public response.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from portpedia.web.cache import API_CACHE_CONTROL

_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json"}


def _body(name: str) -> bytes | None:
    from portpedia.knowledge.dataset import files

    return files().get(name)


async def data_file(request: Request) -> Response:
    name = request.path_params.get("name", "")
    if not name:
        return RedirectResponse("/data/datapackage.json", status_code=302)
    body = await run_in_threadpool(_body, name)
    if body is None:
        return PlainTextResponse("no such dataset file\n", status_code=404)
    media = _TYPES[name[name.rindex(".") :]]
    return Response(body, media_type=media, headers={"Cache-Control": API_CACHE_CONTROL})
