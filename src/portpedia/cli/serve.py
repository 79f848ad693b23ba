"""``portpedia serve``: run the website with uvicorn (uvloop + httptools)."""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="TCP port to listen on (8000)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes (1)")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="feedback database: sqlite:///PATH or postgresql://... "
        "(default: $PORTPEDIA_DATABASE_URL, else a SQLite file in the data directory)",
    )
    parser.add_argument(
        "--local",
        action="store_true",
        help="also show this machine's sockets on port pages (loopback --host only)",
    )
    parser.add_argument(
        "--allowed-hosts",
        metavar="HOSTS",
        help="comma-separated Host names the site answers for (.example.org: it and its "
        "subdomains; *: any); others get 400 (default: $PORTPEDIA_ALLOWED_HOSTS, else the "
        "--host address, localhost and the host of $PORTPEDIA_BASE_URL)",
    )
    parser.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        help="comma-separated proxy addresses or networks whose X-Forwarded-For/-Proto/-Host "
        "headers are believed (default: $PORTPEDIA_FORWARDED_ALLOW_IPS, else none)",
    )
    parser.add_argument(
        "--no-migrate",
        action="store_true",
        help="do not migrate the database first (run `portpedia feedback migrate` once "
        "per deploy when several machines share one database)",
    )
    parser.add_argument(
        "--server",
        choices=("uvicorn", "granian"),
        default="uvicorn",
        help="HTTP server: uvicorn (default; uvloop + httptools with deadlines for slow and "
        "idle clients) or granian (Rust HTTP stack, 2-3x the requests/s on cached pages, "
        "but it keeps connections that never send a byte open)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the address and settings as JSON on start"
    )


def run(args: argparse.Namespace) -> int:
    import os
    import sys

    from portpedia.cli._term import emit_json, fail

    if not 0 <= args.port <= 65535:
        return fail(f"--port {args.port} is out of range: ports run from 0 to 65535")
    if args.workers < 1:
        return fail("--workers must be at least 1")
    from portpedia.net import is_loopback
    from portpedia.web.app import BASE_URL_ENV, default_allowed_hosts
    from portpedia.web.hosts import (
        ALLOWED_HOSTS_ENV,
        FORWARDED_ALLOW_IPS_ENV,
        AllowedHosts,
        parse_networks,
        split_setting,
    )

    if args.local and not is_loopback(args.host):
        return fail(
            f"--local shows this machine's processes, so it is only allowed with a loopback "
            f"--host (127.0.0.1, ::1 or localhost), not {args.host!r}"
        )

    base_url = os.environ.get(BASE_URL_ENV, "").rstrip("/")
    raw_hosts = args.allowed_hosts
    if raw_hosts is None:
        raw_hosts = os.environ.get(ALLOWED_HOSTS_ENV)
    hosts = split_setting(raw_hosts) or default_allowed_hosts(base_url, bind=args.host)
    if args.local and not AllowedHosts(hosts).only_loopback():
        return fail(
            "--local shows this machine's processes, so --allowed-hosts may name only "
            f"loopback names (localhost, 127.0.0.1, ::1), not {', '.join(hosts)!r}"
        )
    raw_proxies = args.forwarded_allow_ips
    if raw_proxies is None:
        raw_proxies = os.environ.get(FORWARDED_ALLOW_IPS_ENV, "")
    proxies = split_setting(raw_proxies)
    try:
        parse_networks(proxies)
    except ValueError as exc:
        return fail(f"--forwarded-allow-ips: {exc}")

    from portpedia.store import StoreConfigError, StoreError, migrate, resolve_url
    from portpedia.web.secret import load_secret

    url = resolve_url(args.database)  # StoreConfigError -> exit 2 via the dispatcher
    try:
        # Once, here, rather than racing in every worker.
        if not args.no_migrate:
            migrate(url)
    except StoreConfigError:
        raise
    except StoreError as exc:
        sys.stderr.write(f"portpedia: warning: {exc}; pages work, feedback will answer 503\n")
    load_secret()  # create the secret file before workers race to

    # Workers are separate processes: they read their configuration from the environment.
    os.environ["PORTPEDIA_DATABASE_URL"] = url
    os.environ["PORTPEDIA_WEB_LOCAL"] = "1" if args.local else "0"
    os.environ[ALLOWED_HOSTS_ENV] = ",".join(hosts)
    os.environ[FORWARDED_ALLOW_IPS_ENV] = ",".join(proxies)
    # Port pages identical for every visitor, cached in memory and by any CDN in front.
    os.environ.setdefault("PORTPEDIA_SHARED_PAGES", "1")
    shown = f"[{args.host}]" if ":" in args.host else args.host
    address = f"http://{shown}:{args.port}/"
    if args.json:
        from portpedia.store.url import redact

        emit_json({"url": address, "workers": args.workers, "database": redact(url),
                   "local": args.local, "allowed_hosts": hosts,
                   "forwarded_allow_ips": proxies})  # fmt: skip
        sys.stdout.flush()
    else:
        sys.stderr.write(f"portpedia: serving on {address} (Ctrl+C to stop)\n")
    if args.host in ("0.0.0.0", "::") and raw_hosts is None:
        sys.stderr.write(
            "portpedia: note: only requests for localhost are answered until "
            "--allowed-hosts names the site (e.g. --allowed-hosts ports.example.org)\n"
        )

    if args.server == "granian":
        _run_granian(args)
    else:
        _run_uvicorn(args)
    return 0


def _run_uvicorn(args: argparse.Namespace) -> None:
    import uvicorn

    uvicorn.run(
        "portpedia.web.app:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        loop="uvloop",
        # httptools with deadlines for headers and body and a cap on header size.
        http="portpedia.web.protocol:GuardedHttpToolsProtocol",
        log_level="warning",
        server_header=False,
        # uvicorn believes X-Forwarded-For from 127.0.0.1 by default, which let one client
        # pose as many (and slip past the per-network vote bound). Forwarded headers are
        # for the trusted-proxy setting alone.
        proxy_headers=False,
    )


def _run_granian(args: argparse.Namespace) -> None:
    from granian import Granian
    from granian.constants import Interfaces
    from granian.http import HTTP1Settings
    from granian.log import LogLevels

    Granian(
        "portpedia.web.app:app_from_environment",
        factory=True,
        interface=Interfaces.ASGI,
        address=args.host,
        port=args.port,
        workers=args.workers,
        websockets=False,
        # The same limits as the uvicorn path: 10 s for the request head, 64 KiB of it;
        # a slow head is dropped (granian closes it rather than answering 408).
        http1_settings=HTTP1Settings(header_read_timeout=10_000, max_buffer_size=64 * 1024),
        log_level=LogLevels.warning,
        respawn_failed_workers=True,
    ).serve()
