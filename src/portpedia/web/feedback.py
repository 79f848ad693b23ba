"""The "Was this page helpful?" mechanics: visitor ids, CSRF, rate limits, the store.

A visitor is their own signed cookie (``portpedia_visitor``: a random token and its
HMAC-SHA256 under the server secret), made on their first vote. One cookie holds one vote
per page, which it may change; two browsers behind one address keep two votes. The stored
visitor id is a further HMAC of the token, so the database sees neither the cookie nor an
address.

Cookies cost nothing to mint, so a second, separate bound stops one machine from stuffing
a page: one network (an IPv4 address, or an IPv6 /64, which one machine usually has whole)
may add at most :data:`VOTES_PER_NETWORK` new votes to one page per UTC day
(``$PORTPEDIA_VOTES_PER_NETWORK``). Each vote carries HMAC(secret, day + network) for that
count: no address is stored, and keys of different days cannot be linked. The address is
the ASGI scope's ``client``, which only a configured trusted-proxy layer may rewrite from
``X-Forwarded-For``; this module never reads that header.

CSRF uses a double-submit token (cookie plus form field or header) together with an
Origin/Referer same-origin check.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import os
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

CSRF_COOKIE = "portpedia_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
VISITOR_COOKIE = "portpedia_visitor"
VOTES_PER_NETWORK = 20
VOTES_PER_NETWORK_ENV = "PORTPEDIA_VOTES_PER_NETWORK"
# Deeper JSON than this is no vote; Python's parser would raise RecursionError on it.
MAX_JSON_DEPTH = 20
_YEAR = 365 * 24 * 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32,64}")
_VISITOR_COOKIE = re.compile(r"([A-Za-z0-9_-]{32,64})\.([0-9a-f]{32})")
_PAGE = re.compile(r"/ports/(0|[1-9][0-9]{0,4})")


def feedback_page(page: str) -> int | None:
    """The port whose page ``page`` is (``/ports/443`` -> 443), or None if it has no widget."""
    m = _PAGE.fullmatch(page or "")
    if m and int(m.group(1)) <= 65535:
        return int(m.group(1))
    return None


def _mac(secret: bytes, purpose: str, value: str) -> str:
    return hmac.new(secret, f"{purpose}\n{value}".encode(), hashlib.sha256).hexdigest()


def _visitor_token(secret: bytes, request: Request) -> str | None:
    """The token in the request's visitor cookie if its signature is ours, else None."""
    m = _VISITOR_COOKIE.fullmatch(request.cookies.get(VISITOR_COOKIE, ""))
    if m is None:
        return None
    expected = _mac(secret, "visitor-cookie", m.group(1))[:32]
    return m.group(1) if hmac.compare_digest(expected, m.group(2)) else None


def visitor_id(secret: bytes, request: Request) -> str | None:
    """The stored id of the visitor whose signed cookie this request carries, or None."""
    token = _visitor_token(secret, request)
    return None if token is None else _mac(secret, "visitor", token)


def voter(secret: bytes, request: Request) -> tuple[str, str | None]:
    """(visitor id, cookie value to set or None): a visitor without a valid cookie gets one."""
    token = _visitor_token(secret, request)
    if token is not None:
        return _mac(secret, "visitor", token), None
    token = secrets.token_urlsafe(32)
    return _mac(secret, "visitor", token), f"{token}.{_mac(secret, 'visitor-cookie', token)[:32]}"


def set_visitor_cookie(request: Request, response: Response, value: str | None) -> None:
    """Give the visitor the cookie :func:`voter` made (no-op for ``None``)."""
    if value is not None:
        response.set_cookie(
            VISITOR_COOKIE,
            value,
            max_age=_YEAR,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )


def network_of(request: Request) -> str:
    """The voter's network: the IPv4 address, or the /64 holding an IPv6 one.

    Only the ASGI scope's ``client`` is used: the server (or a configured trusted proxy
    layer) sets it, a visitor's headers cannot.
    """
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return host  # a test client or a Unix socket: one "network" per name
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def network_key(secret: bytes, request: Request, day: str | None = None) -> str:
    """HMAC(secret, UTC day + network): today's opaque key for the voter's network."""
    day = day or datetime.now(UTC).strftime("%Y-%m-%d")
    return _mac(secret, "network", f"{day}\n{network_of(request)}")


def votes_per_network() -> int:
    """The bound on new votes one network may add to one page per day."""
    raw = os.environ.get(VOTES_PER_NETWORK_ENV, "").strip()
    try:
        value = int(raw) if raw else VOTES_PER_NETWORK
    except ValueError:
        return VOTES_PER_NETWORK
    return max(value, 1)


def seconds_to_midnight() -> int:
    """Seconds until the next UTC day, when the per-network bound starts again."""
    now = datetime.now(UTC)
    return max(86400 - (now.hour * 3600 + now.minute * 60 + now.second), 1)


def parse_json(body: bytes) -> Any:
    """The body as JSON; ValueError for anything that is not (nor is too deeply nested)."""
    depth = 0
    in_string = escaped = False
    # Brackets outside strings decide the nesting; one pass, before the parser recurses.
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
        elif byte in (0x5D, 0x7D):
            depth -= 1
    try:
        return json.loads(body)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


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
