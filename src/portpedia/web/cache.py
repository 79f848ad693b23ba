"""Rendered pages kept in memory, answered with strong ETags and precompressed bodies.

A page is rendered once per (page, language, origin) and then served from here: the body,
its ETag, and its gzip and brotli forms (compressed on first demand, then kept). Nothing
per-visitor may enter the cache: feedback counts and the CSRF token reach the page through
``/api/v1/feedback``, so one copy serves everybody and a CDN may keep it too.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Shared caches may keep a page five minutes and serve a stale copy while refetching it;
# the registry changes a few times a year, so a page a few minutes old is never wrong.
PAGE_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600, stale-if-error=86400"
API_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600"
# Asset URLs carry a hash of the file (?v=...), so a changed file gets a new URL.
STATIC_CACHE_CONTROL = "public, max-age=31536000, immutable"
NO_STORE = "no-store"

MAX_ENTRIES = 20_000
MAX_BYTES = 256 * 1024 * 1024
_MIN_COMPRESS = 1024


@dataclass(slots=True, eq=False)
class Entry:
    """One rendered page: its bytes, their tag, and compressed forms made on demand."""

    body: bytes
    media_type: str
    digest: str = ""
    encoded: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.digest:
            self.digest = hashlib.sha256(self.body).hexdigest()[:32]

    def etag(self, coding: str = "identity") -> str:
        # Each encoding is its own representation, so each gets its own strong tag.
        return f'"{self.digest}"' if coding == "identity" else f'"{self.digest}-{coding}"'

    def body_for(self, coding: str) -> bytes:
        if coding == "identity":
            return self.body
        data = self.encoded.get(coding)
        if data is None:
            data = self.encoded[coding] = compress(self.body, coding)
        return data

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(v) for v in self.encoded.values())


def compress(body: bytes, coding: str) -> bytes:
    if coding == "br":
        import brotli

        # Quality 9 is within a few percent of 11 at a tenth of the time; done once per page.
        return bytes(brotli.compress(body, quality=9, mode=brotli.MODE_TEXT))
    if coding == "gzip":
        return gzip.compress(body, compresslevel=9, mtime=0)
    raise ValueError(f"unknown content coding {coding!r}")


class PageCache:
    """A thread-safe LRU of :class:`Entry`, bounded by entry count and by total bytes."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        return self._bytes

    def get(self, key: Hashable) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: Hashable, entry: Entry) -> Entry:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._entries[key] = entry
            self._bytes += entry.size
            self._evict()
        return entry

    def get_or_render(
        self, key: Hashable, render: Callable[[], str | bytes], media_type: str
    ) -> Entry:
        entry = self.get(key)
        if entry is None:
            body = render()
            entry = self.put(
                key, Entry(body.encode() if isinstance(body, str) else body, media_type)
            )
        return entry

    def grew(self, entry: Entry, added: int) -> None:
        """Account for a compressed form added to ``entry`` after it was stored."""
        with self._lock:
            self._bytes += added
            self._evict()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _evict(self) -> None:
        while self._entries and (
            len(self._entries) > self.max_entries or self._bytes > self.max_bytes
        ):
            _, old = self._entries.popitem(last=False)
            self._bytes -= old.size


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


def _matches(if_none_match: str, entry: Entry) -> bool:
    # RFC 9110 compares If-None-Match weakly: any encoding of the same bytes matches, and
    # so does the W/ form an intermediary (nginx's gzip) may have turned our tag into.
    if if_none_match.strip() == "*":
        return True
    for tag in if_none_match.split(","):
        opaque = tag.strip().removeprefix("W/").strip('"')
        if opaque.split("-", 1)[0] == entry.digest:
            return True
    return False


def respond(
    request: Request,
    entry: Entry,
    *,
    cache_control: str = PAGE_CACHE_CONTROL,
    cache: PageCache | None = None,
) -> Response:
    """The response for ``entry``: 304 on a matching If-None-Match, else the best encoding."""
    coding = choose_coding(request.headers.get("accept-encoding"))
    if len(entry.body) < _MIN_COMPRESS:
        coding = "identity"
    headers = {
        "ETag": entry.etag(coding),
        "Cache-Control": cache_control,
        "Vary": "Accept-Encoding",
    }
    inm = request.headers.get("if-none-match")
    if inm and _matches(inm, entry):
        return Response(status_code=304, headers=headers)
    before = len(entry.encoded)
    body = entry.body_for(coding)
    if cache is not None and len(entry.encoded) > before:
        cache.grew(entry, len(body))
    if coding != "identity":
        headers["Content-Encoding"] = coding
    return Response(body, media_type=entry.media_type, headers=headers)


def cached_page(
    request: Request,
    key: Hashable,
    render: Callable[[], str | bytes],
    *,
    media_type: str = "text/html",
    cache_control: str = PAGE_CACHE_CONTROL,
) -> Response:
    """Serve ``key`` from the app's page cache, rendering it with ``render`` on a miss."""
    cache: PageCache = request.app.state.page_cache
    entry = cache.get_or_render(key, render, media_type)
    return respond(request, entry, cache_control=cache_control, cache=cache)


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
