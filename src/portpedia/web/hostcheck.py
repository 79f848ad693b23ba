"""Under ``serve --local``, answer only requests addressed to a loopback name.

``--local`` binds to loopback, but a web page elsewhere could still reach it through DNS
rebinding: its own host name, re-pointed at 127.0.0.1, makes the browser send requests
with a foreign ``Host``. Refusing every Host that is not a loopback name closes that door
to the process list.
"""

from __future__ import annotations

import ipaddress

from starlette.types import ASGIApp, Receive, Scope, Send

_NAMES = {"localhost", "localhost."}


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``, ``127.x.y.z`` and ``[::1]``, with or without a port."""
    host = host.strip().lower()
    if host.startswith("["):
        name = host[1 : host.find("]")] if "]" in host else host[1:]
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    if name in _NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class LoopbackHostOnly:
    """Refuse (421) any HTTP request whose Host header is not a loopback name."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = next((v for k, v in scope["headers"] if k == b"host"), b"")
            if not is_loopback_host(host.decode("latin-1")):
                body = (
                    b"portpedia serve --local answers only requests for localhost, "
                    b"127.0.0.1 or [::1].\n"
                )
                headers = [(b"content-type", b"text/plain; charset=utf-8"),
                           (b"content-length", str(len(body)).encode())]  # fmt: skip
                await send({"type": "http.response.start", "status": 421, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
