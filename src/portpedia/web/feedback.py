"""The "Was this page helpful?" mechanics: visitor ids, CSRF, rate limits, the store.

Visitor ids are HMAC-SHA256(secret, client address + user agent): the same visitor gets the
same id, yet the database never sees an address. CSRF uses a double-submit token (cookie
plus form field or header) together with an Origin/Referer same-origin check.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.requests import Request

CSRF_COOKIE = "portpedia_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")
_PAGE = re.compile(r"/ports/(0|[1-9][0-9]{0,4})")


def feedback_page(page: str) -> int | None:
    """The port whose page ``page`` is (``/ports/443`` -> 443), or None if it has no widget."""
    m = _PAGE.fullmatch(page or "")
    if m and int(m.group(1)) <= 65535:
        return int(m.group(1))
    return None


def visitor_id(secret: bytes, request: Request) -> str:
    address = request.client.host if request.client else ""
    agent = request.headers.get("user-agent", "")[:512]
    return hmac.new(secret, f"{address}\n{agent}".encode(), hashlib.sha256).hexdigest()


def csrf_cookie(request: Request) -> str | None:
    token = request.cookies.get(CSRF_COOKIE, "")
    return token if _TOKEN.fullmatch(token) else None


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_ok(request: Request, submitted: str | None) -> bool:
    cookie = csrf_cookie(request)
    # compare_digest raises TypeError on non-ASCII text, and real tokens are ASCII.
    if not (cookie and submitted and submitted.isascii()):
        return False
    return hmac.compare_digest(cookie, submitted)


def same_origin(request: Request) -> bool:
    """False when the browser says the request came from another site.

    Browsers send Origin on every POST; Referer is the fallback. Requests with neither come
    from non-browser clients, which cannot carry a victim's cookies, so the token decides.
    """
    own = f"{request.url.scheme}://{request.headers.get('host', '')}".lower()
    origin = request.headers.get("origin")
    if origin is not None:
        return origin.lower() == own or _cors_allowed(origin)
    referer = request.headers.get("referer")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}".lower() == own
    return True


def _cors_allowed(origin: str) -> bool:
    # Sites serving an export of these pages ($PORTPEDIA_CORS_ORIGINS) vote from there.
    from portpedia.web.cors import allowed_origins

    return origin.rstrip("/").lower() in allowed_origins()


def form_csrf_ok(request: Request, submitted: str | None) -> bool:
    """The no-JavaScript form's check: the double-submit token, or a shared page's placeholder.

    Pages served from the shared cache (and exported pages) carry a placeholder instead of a
    per-visitor token; their script swaps in a real one. Without a script the placeholder
    comes back, and then the browser's Origin header must be present and ours (or a
    configured CORS origin): browsers send Origin with every POST, and a forged cross-site
    form carries the forger's origin or ``null``.
    """
    from portpedia.web.labels import CSRF_PLACEHOLDER

    if submitted == CSRF_PLACEHOLDER:
        return request.headers.get("origin") is not None and same_origin(request)
    return csrf_ok(request, submitted)


class RateLimiter:
    """At most ``limit`` events per ``window`` seconds per key (a sliding window, per process)."""

    def __init__(
        self,
        limit: int = 10,
        window: float = 60.0,
        max_keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def __len__(self) -> int:
        return len(self._events)

    def hit(self, key: str) -> float:
        """Record an event; return 0 if allowed, else the seconds until one would be."""
        now = self._clock()
        with self._lock:
            if now - self._last_sweep >= self.window:
                # Once per window, forget visitors with nothing left in it: a 25-minute soak
                # of one-time voters grew each worker by ~100 MiB of empty deques without it.
                self._sweep(now)
            events = self._events.get(key)
            if events is None:
                if len(self._events) >= self.max_keys:
                    self._sweep(now)
                events = self._events[key] = deque()
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return max(events[0] + self.window - now, 0.001)
            events.append(now)
            return 0.0

    def _sweep(self, now: float) -> None:
        self._last_sweep = now
        stale = [k for k, ev in self._events.items() if not ev or ev[-1] <= now - self.window]
        for k in stale:
            del self._events[k]
        if len(self._events) >= self.max_keys:
            # Under a flood of distinct keys forget the oldest half rather than grow forever.
            for k in list(self._events)[: self.max_keys // 2]:
                del self._events[k]
