"""CORS for ``/api/`` so pages exported to another origin can read counts and vote.

Only origins listed in ``$PORTPEDIA_CORS_ORIGINS`` (comma-separated, such as
``https://ports.example.org``) are answered, with credentials allowed so the CSRF cookie
travels. Those origins are also accepted by the feedback endpoints' same-origin check.
"""

from __future__ import annotations

import os

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CORS_ENV = "PORTPEDIA_CORS_ORIGINS"
_METHODS = b"GET, POST"
_HEADERS = b"Content-Type, X-CSRF-Token"


def allowed_origins(value: str | None = None) -> frozenset[str]:
    """The configured origins, lower-cased and without a trailing slash."""
    raw = os.environ.get(CORS_ENV, "") if value is None else value
    return frozenset(
        o.strip().rstrip("/").lower() for o in raw.split(",") if o.strip() and o.strip() != "*"
    )


class ApiCors:
    def __init__(self, app: ASGIApp, origins: frozenset[str] | None = None) -> None:
        self.app = app
        self.origins = allowed_origins() if origins is None else origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.origins or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        origin = b""
        preflight = False
        for key, value in scope.get("headers", []):
            if key == b"origin":
                origin = value
            elif key == b"access-control-request-method":
                preflight = True
        allowed = origin.decode("latin-1").lower() in self.origins
        common = [(b"vary", b"Origin")]
        if allowed:
            common += [
                (b"access-control-allow-origin", origin),
                (b"access-control-allow-credentials", b"true"),
            ]
        if scope["method"] == "OPTIONS" and preflight:
            headers = [*common, (b"content-length", b"0")]
            if allowed:
                headers += [
                    (b"access-control-allow-methods", _METHODS),
                    (b"access-control-allow-headers", _HEADERS),
                    (b"access-control-max-age", b"600"),
                ]
            await send({"type": "http.response.start", "status": 204 if allowed else 403,
                        "headers": headers})  # fmt: skip
            await send({"type": "http.response.body", "body": b""})
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *common]
            await send(message)

        await self.app(scope, receive, send_with_cors)
