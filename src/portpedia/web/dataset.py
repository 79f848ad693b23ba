"""``/data/NAME``: the open dataset (:mod:`portpedia.knowledge.dataset`), as files.

``/data/`` redirects to the descriptor, ``/data/datapackage.json``; the static export
writes the same files under ``data/``.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json"}


async def data_file(request: Request) -> Response:
    from portpedia.knowledge.dataset import files

    name = request.path_params.get("name", "")
    if not name:
        return RedirectResponse("/data/datapackage.json", status_code=302)
    # Built once per process (a few seconds), then served from memory.
    found = (await run_in_threadpool(files)).get(name)
    if found is None:
        return PlainTextResponse("no such dataset file\n", status_code=404)
    media = _TYPES[name[name.rindex(".") :]]
    return Response(found, media_type=media, headers={"Cache-Control": "public, max-age=3600"})
