"""The one response cache: finished responses kept in memory, tagged and compressed once.

:class:`ResponseCache` sits right inside the host check (:mod:`portpedia.web.hosts`), so
only requests for an allowed host reach it. A GET whose answer is the same for every
visitor (status 200, ``Cache-Control: public`` with a ``max-age``, no cookie, no ``Vary``
beyond ``Accept-Encoding`` and ``Origin``) is kept, keyed by everything that changes its
bytes: the scheme and Host (unless ``PORTPEDIA_BASE_URL`` fixes the origin), the path,
which carries the language, the query and the Origin; its content codings are kept in the
entry. It expires when its ``max-age`` runs out, and the cache is bounded by entries and
bytes (least recently used goes first).

This is also the one place that makes ETags, answers ``If-None-Match`` and compresses
(brotli or gzip): a kept response once per coding, any other successful response of a
compressible type as it passes.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Shared caches may keep a page five minutes and serve a stale copy while refetching it;
# the registry changes a few times a year, so a page a few minutes old is never wrong.
PAGE_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600, stale-if-error=86400"
API_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600"
# Asset URLs carry a hash of the file (?v=...), so a changed file gets a new URL.
STATIC_CACHE_CONTROL = "public, max-age=31536000, immutable"

MAX_ENTRIES = 20_000
MAX_BYTES = 256 * 1024 * 1024
MIN_COMPRESS = 1024
# A response bigger than this is streamed through untouched: not kept, not compressed.
MAX_BUFFER = 4 * 1024 * 1024

_COMPRESSIBLE = (b"text/", b"application/json", b"application/xml", b"application/javascript",
                 b"image/svg+xml")  # fmt: skip
_MAX_AGE = re.compile(rb"(?:^|,)\s*max-age\s*=\s*\"?(\d+)")
# Described by the cache itself on every answer.
_OWN = {b"content-length", b"content-encoding", b"etag", b"vary", b"age"}
# Headers a 304 leaves out (RFC 9110 15.4.5): they describe a body.
_NOT_304 = {b"content-length", b"content-type", b"content-encoding"}
_VARIES_OK = {b"accept-encoding", b"origin"}

Key = tuple[str, str, str, bytes, bytes]
Headers = list[tuple[bytes, bytes]]


def compress(body: bytes, coding: str, *, level: str = "kept") -> bytes:
    """``body`` in ``coding``: the best ratio for kept responses, faster for passing ones."""
    if coding == "br":
        import brotli

        quality = 9 if level == "kept" else 4
        return bytes(brotli.compress(body, quality=quality, mode=brotli.MODE_TEXT))
    if coding == "gzip":
        return gzip.compress(body, compresslevel=9 if level == "kept" else 6, mtime=0)
    raise ValueError(f"unknown content coding {coding!r}")


def choose_coding(accept_encoding: str | None) -> str:
    """``br`` if acceptable, else ``gzip``, else ``identity`` (q=0 refuses a coding)."""
    if not accept_encoding:
        return "identity"
    accepted: dict[str, float] = {}
    for part in accept_encoding[:500].split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        key, _, value = params.strip().partition("=")
        if key.strip().lower() == "q":
            try:
                q = float(value)
            except ValueError:
                q = 0.0
        accepted[name.strip().lower()] = q
    for coding in ("br", "gzip"):
        if accepted.get(coding, accepted.get("*", 0.0)) > 0:
            return coding
    return "identity"


def etag_matches(if_none_match: str, digest: str) -> bool:
    """RFC 9110's weak comparison for If-None-Match: any coding's tag of the same bytes
    matches, and so does the W/ form an intermediary (nginx's gzip) may have made of it."""
    if if_none_match.strip() == "*":
        return True
    for tag in if_none_match.split(","):
        opaque = tag.strip().removeprefix("W/").strip('"')
        if opaque.split("-", 1)[0] == digest:
            return True
    return False


def _compressible(headers: Headers) -> bool:
    if any(name == b"content-encoding" for name, _ in headers):
        return False
    ctype = next((v for k, v in headers if k == b"content-type"), b"").lower()
    return ctype.startswith(_COMPRESSIBLE)


def max_age(headers: Headers) -> int | None:
    """How long a response may be kept for everybody, or None if it may not be kept."""
    cache_control = b""
    for name, value in headers:
        if name == b"set-cookie":
            return None
        if name == b"cache-control":
            cache_control = value.lower()
        elif name == b"vary" and {v.strip() for v in value.lower().split(b",")} - _VARIES_OK:
            return None  # Cookie, Accept-Language, ...: visitors get different bytes
    if b"public" not in cache_control or any(
        word in cache_control for word in (b"no-store", b"no-cache", b"private")
    ):
        return None
    m = _MAX_AGE.search(cache_control)
    return int(m.group(1)) if m and int(m.group(1)) > 0 else None


@dataclass(slots=True, eq=False)
class Entry:
    """One kept response: its headers, body and tag, compressed forms made on demand."""

    status: int
    headers: Headers
    body: bytes
    expires: float
    stored: float
    vary_origin: bool = False
    digest: str = ""
    encoded: dict[str, bytes] = field(default_factory=dict)
    # Per coding: the headers (all but Age) and body of the answer, made on first use.
    answers: dict[str, tuple[Headers, bytes]] = field(default_factory=dict)
    compressible: bool = False
    not_modified: Headers = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.digest:
            self.digest = hashlib.sha256(self.body).hexdigest()[:32]
        self.compressible = len(self.body) >= MIN_COMPRESS and _compressible(self.headers)
        vary = b"Accept-Encoding, Origin" if self.vary_origin else b"Accept-Encoding"
        self.not_modified = [(k, v) for k, v in self.headers if k not in _NOT_304]
        self.not_modified += [(b"etag", f'"{self.digest}"'.encode()), (b"vary", vary)]

    def answer(self, coding: str, body: bytes) -> tuple[Headers, bytes]:
        tag = f'"{self.digest}"' if coding == "identity" else f'"{self.digest}-{coding}"'
        vary = b"Accept-Encoding, Origin" if self.vary_origin else b"Accept-Encoding"
        own = [(b"etag", tag.encode()), (b"vary", vary),
               (b"content-length", str(len(body)).encode())]  # fmt: skip
        if coding != "identity":
            own.append((b"content-encoding", coding.encode()))
        return self.headers + own, body

    @property
    def size(self) -> int:
        head = sum(len(k) + len(v) for k, v in self.headers)
        return head + len(self.body) + sum(len(v) for v in self.encoded.values())


class ResponseCache:
    """ASGI middleware: keep, tag, compress and answer responses (see the module doc)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        fixed_origin: str = "",
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.fixed_origin = fixed_origin
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.clock = clock
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        return self._bytes

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _key(self, scope: Scope, host: bytes, origin: bytes) -> Key:
        if self.fixed_origin:
            scheme, authority = "", self.fixed_origin
        else:
            scheme, authority = scope["scheme"], host.decode("latin-1")
        return (scheme, authority, scope["path"], scope.get("query_string", b""), origin)

    def get(self, key: Key) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.expires <= self.clock():
                del self._entries[key]
                self._bytes -= entry.size
                entry = None
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def _put(self, key: Key, entry: Entry) -> None:
        if entry.size > self.max_bytes // 16:
            return  # one huge response must not flush everything else
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = entry
            self._bytes += entry.size
            self._evict()

    def _evict(self) -> None:
        while self._entries and (
            len(self._entries) > self.max_entries or self._bytes > self.max_bytes
        ):
            _, old = self._entries.popitem(last=False)
            self._bytes -= old.size

    def _body_for(self, key: Key, entry: Entry, coding: str) -> bytes:
        if coding == "identity":
            return entry.body
        data = entry.encoded.get(coding)
        if data is None:
            data = compress(entry.body, coding)
            with self._lock:
                if coding not in entry.encoded:
                    entry.encoded[coding] = data
                    if self._entries.get(key) is entry:  # counted only while kept
                        self._bytes += len(data)
                        self._evict()
        return data

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        host = accept = inm = origin = b""
        for name, value in scope["headers"]:
            if name == b"host":
                host = value
            elif name == b"accept-encoding":
                accept = value
            elif name == b"if-none-match":
                inm = value
            elif name == b"origin":
                origin = value
        coding = choose_coding(accept.decode("latin-1")) if accept else "identity"
        key = self._key(scope, host, origin)
        entry = self.get(key)
        head = scope["method"] == "HEAD"
        if entry is not None:
            await self._answer(key, entry, coding, inm.decode("latin-1"), head, send)
            return
        if head:
            await self.app(scope, receive, send)
            return
        # Below, the app always makes the whole identity body: tags, 304s and codings are ours.
        inner = dict(scope)
        inner["headers"] = [
            (k, v)
            for k, v in scope["headers"]
            if k not in (b"accept-encoding", b"if-none-match", b"if-modified-since")
        ]
        await self._fetch(key, inner, receive, send, coding, inm.decode("latin-1"))

    async def _fetch(
        self, key: Key, scope: Scope, receive: Receive, send: Send, coding: str, inm: str
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        streaming = False

        async def capture(message: Message) -> None:
            nonlocal start, size, streaming
            if streaming:
                await send(message)
            elif message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if message.get("more_body", False):
                    if size > MAX_BUFFER:
                        streaming = True  # too big to hold: pass it on as it comes
                        await send(start)
                        await send({**message, "body": b"".join(chunks)})
                    return
                await self._finish(key, start, b"".join(chunks), coding, inm, send)
            else:
                await send(message)

        await self.app(scope, receive, capture)

    async def _finish(
        self, key: Key, start: Message, body: bytes, coding: str, inm: str, send: Send
    ) -> None:
        headers: Headers = [(k.lower(), v) for k, v in start.get("headers", [])]
        seconds = max_age(headers) if start["status"] == 200 else None
        if seconds is not None:
            now = self.clock()
            vary = next((v for k, v in headers if k == b"vary"), b"").lower()
            entry = Entry(
                200,
                [(k, v) for k, v in headers if k not in _OWN],
                body,
                expires=now + seconds,
                stored=now,
                vary_origin=b"origin" in vary,
            )
            self._put(key, entry)
            await self._answer(key, entry, coding, inm, False, send)
            return
        # Not the same for everybody: tagged and compressed on the way, never kept.
        if start["status"] != 200 or not _compressible(headers):
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        digest = hashlib.sha256(body).hexdigest()[:32]
        vary = next((v for k, v in headers if k == b"vary"), b"")
        headers = [(k, v) for k, v in headers if k not in _OWN]
        vary = b"Accept-Encoding, " + vary if vary else b"Accept-Encoding"
        if inm and etag_matches(inm, digest):
            kept = [(k, v) for k, v in headers if k not in _NOT_304]
            own = [(b"etag", f'"{digest}"'.encode()), (b"vary", vary)]
            await send({"type": "http.response.start", "status": 304, "headers": kept + own})
            await send({"type": "http.response.body", "body": b""})
            return
        if coding == "identity" or len(body) < MIN_COMPRESS:
            tag = f'"{digest}"'
        else:
            body = compress(body, coding, level="passing")
            headers.append((b"content-encoding", coding.encode()))
            tag = f'"{digest}-{coding}"'
        headers += [(b"etag", tag.encode()), (b"vary", vary),
                    (b"content-length", str(len(body)).encode())]  # fmt: skip
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _answer(
        self, key: Key, entry: Entry, coding: str, inm: str, head: bool, send: Send
    ) -> None:
        age = (b"age", b"%d" % int(self.clock() - entry.stored))
        if inm and etag_matches(inm, entry.digest):
            headers = [*entry.not_modified, age]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        if not entry.compressible:
            coding = "identity"
        ready = entry.answers.get(coding)
        if ready is None:
            ready = entry.answers[coding] = entry.answer(coding, self._body_for(key, entry, coding))
        headers, body = ready
        await send({"type": "http.response.start", "status": 200, "headers": [*headers, age]})
        await send({"type": "http.response.body", "body": b"" if head else body})


class CacheHeaders:
    """Default Cache-Control for successful GETs that did not set one themselves.

    API reads are public for five minutes; hashed static assets are immutable. Responses
    that set a cookie are never marked public.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/static/"):
            policy = STATIC_CACHE_CONTROL if b"v=" in scope.get("query_string", b"") else None
        elif path.startswith("/api/"):
            policy = API_CACHE_CONTROL
        else:
            policy = None
        if policy is None:
            await self.app(scope, receive, send)
            return
        value = policy.encode()

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                names = {k.lower() for k, _ in message.get("headers", [])}
                if b"cache-control" not in names and b"set-cookie" not in names:
                    message["headers"] = [*message.get("headers", []), (b"cache-control", value)]
            await send(message)

        await self.app(scope, receive, send_with_policy)
