"""``/data/NAME``: the open dataset (:mod:`portpedia.knowledge.dataset`), as files.

``/data/`` redirects to the descriptor, ``/data/datapackage.json``; the static export
writes the same files under ``data/``. Each file is built once per process, then served
from memory with an ETag and, on request, gzip or brotli (compressed once, off the event
loop: the largest table is several megabytes).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from portpedia.web.cache import API_CACHE_CONTROL, Entry, respond

_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json"}
_ENTRIES: dict[str, Entry] = {}


def _entry(name: str) -> Entry | None:
    found = _ENTRIES.get(name)
    if found is None:
        from portpedia.knowledge.dataset import files

        body = files().get(name)
        if body is None:
            return None
        found = _ENTRIES.setdefault(name, Entry(body, _TYPES[name[name.rindex(".") :]]))
    return found


async def data_file(request: Request) -> Response:
    name = request.path_params.get("name", "")
    if not name:
        return RedirectResponse("/data/datapackage.json", status_code=302)
    entry = await run_in_threadpool(_entry, name)
    if entry is None:
        return PlainTextResponse("no such dataset file\n", status_code=404)
    return await run_in_threadpool(respond, request, entry, cache_control=API_CACHE_CONTROL)
