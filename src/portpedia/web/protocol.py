"""uvicorn's httptools protocol with the limits it lacks: slow and oversized requests.

Stock uvicorn waits forever for a request's headers (a client trickling one header line a
second holds its connection indefinitely: slowloris) and accepts headers of any size. Each
connection here gets a deadline for its headers and another for its body, and the request
line plus headers are capped in size. ``portpedia serve`` passes this class to uvicorn.
"""

from __future__ import annotations

import asyncio
from asyncio import TimerHandle

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

HEADER_TIMEOUT = 10.0  # seconds from connection (or from the next request's first byte)
BODY_TIMEOUT = 10.0  # seconds from the end of the headers to the end of the body
MAX_HEADER_BYTES = 64 * 1024  # request line plus all header lines


class _HeadersTooLarge(Exception):
    pass


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """HttpToolsProtocol that answers 408 to slow requests and 431 to huge headers."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._deadline: TimerHandle | None = None
        self._header_bytes = 0
        super().connection_made(transport)
        self._arm(HEADER_TIMEOUT)

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        try:
            super().data_received(data)
        except _HeadersTooLarge:  # pragma: no cover - httptools wraps callback errors
            self._refuse(431, "request headers too large")

    def send_400_response(self, msg: str) -> None:
        # httptools reports an exception raised in a callback as a parser error.
        if self._header_bytes > MAX_HEADER_BYTES:
            self._refuse(431, "request headers too large")
        else:
            super().send_400_response(msg)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_bytes = 0
        self._arm(HEADER_TIMEOUT)

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._arm(BODY_TIMEOUT, reading_body=True)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()

    def _count(self, n: int) -> None:
        self._header_bytes += n
        if self._header_bytes > MAX_HEADER_BYTES:
            raise _HeadersTooLarge

    def _arm(self, seconds: float, reading_body: bool = False) -> None:
        self._disarm()
        self._reading_body = reading_body
        self._deadline = self.loop.call_later(seconds, self._timed_out)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _timed_out(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        # While headers arrive, self.cycle is still the previous request on this connection.
        if self._reading_body and self.cycle is not None and self.cycle.response_started:
            # Too late for a status code (the app answered without reading the whole body,
            # or is still answering): cutting the connection ends the request.
            self.transport.close()
            return
        self._refuse(408, "request not received in time")

    def _refuse(self, status: int, message: str) -> None:
        if self.cycle is not None and not self.cycle.response_complete:
            # The app, if it already runs, must not answer on top of us.
            self.cycle.response_complete = True
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        body = (message + "\n").encode()
        head = [STATUS_LINE[status]]
        for name, value in self.server_state.default_headers:
            head += [name, b": ", value, b"\r\n"]
        head += [
            b"content-type: text/plain; charset=utf-8\r\n",
            b"content-length: " + str(len(body)).encode() + b"\r\n",
            b"connection: close\r\n\r\n",
            body,
        ]
        self.transport.write(b"".join(head))
        self.transport.close()
