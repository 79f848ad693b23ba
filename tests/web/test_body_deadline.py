"""Request bodies must arrive in time whatever the HTTP server (uvicorn or granian)."""

from __future__ import annotations

import asyncio

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from portpedia.web.middleware import BodyLimit


async def _echo(request: Request) -> JSONResponse:
    return JSONResponse({"size": len(await request.body())})


def _call(app, chunks_then_stall: list[bytes]) -> tuple[int, bytes, float]:
    sent: list[dict] = []
    queue = list(chunks_then_stall)

    async def receive():
        if queue:
            return {"type": "http.request", "body": queue.pop(0), "more_body": True}
        await asyncio.Event().wait()  # the client stops sending and never hangs up

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/echo", "headers": [],
             "query_string": b"", "http_version": "1.1", "scheme": "http",
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "root_path": ""}  # fmt: skip

    async def run() -> float:
        loop = asyncio.get_running_loop()
        start = loop.time()
        await asyncio.wait_for(app(scope, receive, send), timeout=5)
        return loop.time() - start

    elapsed = asyncio.run(run())
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body, elapsed


def test_trickled_body_is_cut_off_with_408():
    app = BodyLimit(Starlette(routes=[Route("/api/echo", _echo, methods=["POST"])]),
                    body_timeout=0.3)  # fmt: skip
    status, body, elapsed = _call(app, [b"{", b'"a"'])
    assert status == 408 and 0.3 <= elapsed < 2
    assert b"too slow" in body
