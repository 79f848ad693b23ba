"""Which Host a request may name, and whose forwarded headers count: the outermost layer.

Every absolute link on a page (canonical, hreflang, sitemaps) is built from the request's
scheme and Host unless ``PORTPEDIA_BASE_URL`` fixes the origin, so a Host the site does not
answer for must never reach a page, nor a cache. :class:`HostGuard` wraps everything else:

- forwarded headers (``X-Forwarded-For``, ``-Proto``, ``-Host`` and ``Forwarded``) are taken
  off every request; only when the connection comes from a trusted proxy
  (``--forwarded-allow-ips``) are ``X-Forwarded-For``, ``-Proto`` and ``-Host`` applied
  first, as uvicorn's proxy-headers middleware does: the client address goes into the
  ASGI scope's ``client``, the scheme into ``scheme``, the host into the ``host`` header;
- then the Host must be one of the allowed hosts (``--allowed-hosts``), else 400;
- under ``serve --local`` it must also be a loopback name (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

from starlette.types import ASGIApp, Receive, Scope, Send

from portpedia.net import host_name, is_loopback
from portpedia.web.errors import error_body

ALLOWED_HOSTS_ENV = "PORTPEDIA_ALLOWED_HOSTS"
FORWARDED_ALLOW_IPS_ENV = "PORTPEDIA_FORWARDED_ALLOW_IPS"
# Answered when nothing is configured: only this machine's own names.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")

_FORWARDED = frozenset(
    {b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host", b"forwarded"}
)

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def split_setting(value: str | Iterable[str] | None) -> list[str]:
    """``"a.example, b.example"`` (or a list) as its non-empty items."""
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else value
    return [item.strip() for item in items if item.strip()]


class AllowedHosts:
    """Host patterns as Django's ALLOWED_HOSTS: ``name``, ``.name`` (it and its
    subdomains) or ``*`` (any)."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(dict.fromkeys(p.strip().lower() for p in patterns if p.strip()))
        self.any = "*" in self.patterns
        self._exact = {host_name(p) for p in self.patterns if not p.startswith(".")}
        self._suffixes = tuple(p for p in self.patterns if p.startswith("."))

    def allows(self, host: str) -> bool:
        name = host_name(host)
        if not name:
            return False
        if self.any or name in self._exact:
            return True
        return any(name == s[1:] or name.endswith(s) for s in self._suffixes)

    def only_loopback(self) -> bool:
        return not self.any and not self._suffixes and all(map(is_loopback, self._exact))


def parse_networks(items: Iterable[str]) -> tuple[IPNetwork, ...] | None:
    """Proxy addresses and networks (``127.0.0.1``, ``10.0.0.0/8``); None for ``*``.

    Raises ValueError naming the first item that is neither.
    """
    networks: list[IPNetwork] = []
    for item in items:
        if item == "*":
            return None
        try:
            networks.append(ipaddress.ip_network(item.strip("[]"), strict=False))
        except ValueError:
            raise ValueError(
                f"{item!r} is not an IP address or network (such as 127.0.0.1 or 10.0.0.0/8)"
            ) from None
    return tuple(networks)


class HostGuard:
    """ASGI middleware: apply trusted forwarded headers, then refuse unknown hosts (400)."""

    def __init__(
        self,
        app: ASGIApp,
        allowed_hosts: Sequence[str] = LOOPBACK_NAMES,
        forwarded_allow_ips: Sequence[str] = (),
        loopback_only: bool = False,
    ) -> None:
        self.app = app
        self.hosts = AllowedHosts(allowed_hosts)
        self.proxies = parse_networks(forwarded_allow_ips)
        self.any_proxy = self.proxies is None
        self.loopback_only = loopback_only
        self._seen: set[bytes] = set()

    def _trusted(self, address: str | None) -> bool:
        if self.any_proxy:
            return True
        if not address or not self.proxies:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = b""
        forwarded = False
        for name, value in scope["headers"]:
            if name == b"host":
                host = value
            elif name in _FORWARDED:
                forwarded = True
        if forwarded:
            scope = self._forwarded(scope)
            host = next((v for k, v in scope["headers"] if k == b"host"), b"")
        if host not in self._seen and not self._allows(host):
            await _bad_host(scope, send)
            return
        if not host.islower() and host.lower() != host:
            # One spelling per name below here: links and cache keys are built from it.
            scope = dict(scope)
            scope["headers"] = [(k, v.lower() if k == b"host" else v) for k, v in scope["headers"]]
        await self.app(scope, receive, send)

    def _allows(self, raw: bytes) -> bool:
        host = raw.decode("latin-1")
        if not self.hosts.allows(host) or (self.loopback_only and not is_loopback(host)):
            return False
        if len(self._seen) < 256:  # allowed Host values, remembered: only they can be added
            self._seen.add(raw)
        return True

    def _forwarded(self, scope: Scope) -> Scope:
        kept: list[tuple[bytes, bytes]] = []
        chain: list[str] = []
        proto = forwarded_host = None
        for name, value in scope["headers"]:
            if name not in _FORWARDED:
                kept.append((name, value))
            elif name == b"x-forwarded-for":
                chain += [a.strip() for a in value.decode("latin-1").split(",")]
            elif name == b"x-forwarded-proto":
                proto = value.decode("latin-1").strip().lower()
            elif name == b"x-forwarded-host":
                forwarded_host = value.decode("latin-1").split(",")[-1].strip()
        scope = dict(scope)
        client = scope.get("client")
        if self._trusted(client[0] if client else None):
            if proto in ("http", "https"):
                scope["scheme"] = proto if scope["type"] == "http" else proto.replace("http", "ws")
            if forwarded_host:
                kept = [(k, v) for k, v in kept if k != b"host"]
                kept.append((b"host", forwarded_host.encode("latin-1")))
            # The nearest address that is not one of our proxies is the client.
            for address in reversed([a for a in chain if a]):
                if not self._trusted(address) or address == chain[0]:
                    scope["client"] = (address, 0)
                    break
        scope["headers"] = kept
        return scope


async def _bad_host(scope: Scope, send: Send) -> None:
    text = "this server does not answer for that host name (see portpedia serve --allowed-hosts)"
    if scope["type"] != "http":
        await send({"type": "websocket.close", "code": 1008})
        return
    if scope["path"].startswith("/api/"):
        body = error_body("bad_host", text)
        ctype = b"application/json"
    else:
        body = (text + "\n").encode()
        ctype = b"text/plain; charset=utf-8"
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
               (b"cache-control", b"no-store")]  # fmt: skip
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": body})
