"""ASGI middleware: security headers on every response, and a cap on request bodies."""

from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portpedia.web.errors import error_body

MAX_BODY = 16 * 1024
BODY_TIMEOUT = 10.0  # seconds for a whole request body, from the app's first read

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TooSlow(HTTPException):
    """Raised from ``receive`` when the body does not arrive in time: answered with 408."""

    def __init__(self) -> None:
        super().__init__(408, "request body too slow: send the whole body within a few seconds")


class _TooLarge(HTTPException):
    """Raised from ``receive``, so the app's exception handlers answer with a 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large: at most {limit} bytes are accepted")


class BodyLimit:
    """Refuse bodies over ``limit`` bytes with 413, by Content-Length or while streaming."""

    def __init__(
        self, app: ASGIApp, limit: int = MAX_BODY, body_timeout: float = BODY_TIMEOUT
    ) -> None:
        self.app = app
        self.limit = limit
        self.body_timeout = body_timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    too_big = int(value) > self.limit
                except ValueError:
                    too_big = True
                if too_big:
                    await self._refuse(scope, send)
                    return
        received = 0
        started = False
        deadline: float | None = None

        async def counting_receive() -> Message:
            nonlocal received, deadline
            # The whole body must arrive within BODY_TIMEOUT of the first read, whatever
            # the HTTP server: a client trickling bytes cannot hold a request open.
            loop = asyncio.get_running_loop()
            if deadline is None:
                deadline = loop.time() + self.body_timeout
            try:
                message = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0))
            except TimeoutError:
                raise _TooSlow() from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge(self.limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(scope, send)
        except _TooSlow:
            if not started:
                await self._refuse(scope, send, status=408)
        except ClientDisconnect:
            # The client left (or the server cut off a slow one) mid-body: nobody to answer,
            # and no traceback to log for it.
            pass

    async def _refuse(self, scope: Scope, send: Send, status: int = 413) -> None:
        if status == 408:
            text = f"request body too slow: it must arrive within {self.body_timeout:g} seconds"
        else:
            text = f"request body too large: at most {self.limit} bytes are accepted"
        if scope["path"].startswith("/api/"):
            code = "too_slow" if status == 408 else "too_large"
            body = error_body(code, text)
            ctype = b"application/json"
        else:
            body = (text + "\n").encode()
            ctype = b"text/plain; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", ctype),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
