"""Replaying finished responses for repeated requests, before routing and middleware.

The page cache (:mod:`portpedia.web.cache`) saves rendering; this layer saves everything
after it. A GET whose response was public (``Cache-Control: public``), complete, free of
cookies and the same for every visitor is kept as its final status, headers and bytes,
per path, query and content coding. The next request for it is answered straight from
memory, with a 304 when its ``If-None-Match`` names the stored tag. That removes the
Python cost of routing and five middleware layers from the hot path of a read-mostly site.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from portpedia.web.cache import choose_coding

MAX_ENTRIES = 4096
MAX_BYTES = 128 * 1024 * 1024
# Headers a 304 repeats from the 200 (RFC 9110 15.4.5); the rest describe a body.
_NOT_MODIFIED_DROP = {b"content-length", b"content-type", b"content-encoding"}

Key = tuple[str, bytes, str, bytes]
Stored = tuple[int, list[tuple[bytes, bytes]], bytes, bytes]  # status, headers, body, etag


def _etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    # Weak comparison, as for If-None-Match: "W/" and encoding suffixes do not matter.
    if not etag:
        return False
    if if_none_match.strip() == b"*":
        return True
    opaque = etag.strip(b'"').split(b"-", 1)[0]
    for tag in if_none_match.split(b","):
        candidate = tag.strip().removeprefix(b"W/").strip(b'"').split(b"-", 1)[0]
        if candidate == opaque:
            return True
    return False


def _storable(headers: list[tuple[bytes, bytes]]) -> bool:
    cache_control = b""
    for name, value in headers:
        lname = name.lower()
        if lname == b"set-cookie":
            return False
        if lname == b"cache-control":
            cache_control = value.lower()
        elif lname == b"vary":
            # The key holds the coding and the Origin; any other Vary (Cookie,
            # Accept-Language, ...) means visitors may get different bytes.
            varies = {v.strip() for v in value.lower().split(b",")}
            if varies - {b"accept-encoding", b"origin"}:
                return False
    return b"public" in cache_control and b"no-store" not in cache_control


class ResponseReplay:
    """ASGI middleware: answer repeated public GETs from memory (bounded LRU)."""

    def __init__(
        self, app: ASGIApp, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES
    ) -> None:
        self.app = app
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Key, Stored] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        accept = inm = origin = b""
        for name, value in scope["headers"]:
            if name == b"accept-encoding":
                accept = value
            elif name == b"if-none-match":
                inm = value
            elif name == b"origin":
                origin = value
        coding = choose_coding(accept.decode("latin-1")) if accept else "identity"
        # The Origin is part of the key: CORS answers differ by it.
        key: Key = (scope["path"], scope.get("query_string", b""), coding, origin)
        with self._lock:
            stored = self._entries.get(key)
            if stored is not None:
                self._entries.move_to_end(key)
        if stored is not None:
            await self._replay(stored, scope["method"] == "HEAD", inm, send)
            return
        if scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        await self._record(key, scope, receive, send)

    async def _replay(self, stored: Stored, head: bool, inm: bytes, send: Send) -> None:
        status, headers, body, etag = stored
        if inm and _etag_matches(inm, etag):
            kept = [(k, v) for k, v in headers if k.lower() not in _NOT_MODIFIED_DROP]
            await send({"type": "http.response.start", "status": 304, "headers": kept})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if head else body})

    async def _record(self, key: Key, scope: Scope, receive: Receive, send: Send) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = message
                keep = message["status"] == 200 and _storable(message.get("headers", []))
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and start is not None:
                    self._store(key, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _store(self, key: Key, start: Message, body: bytes) -> None:
        headers = list(start.get("headers", []))
        etag = next((v for k, v in headers if k.lower() == b"etag"), b"")
        size = len(body) + sum(len(k) + len(v) for k, v in headers)
        if size > self.max_bytes // 16:
            return  # one huge response must not flush everything else
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old[2])
            self._entries[key] = (start["status"], headers, body, etag)
            self._bytes += len(body)
            while self._entries and (
                len(self._entries) > self.max_entries or self._bytes > self.max_bytes
            ):
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted[2])
