"""Slow and oversized clients are cut off in bounded time while others keep being served.

All against a real one-worker ``portpedia serve`` over raw sockets, so nothing in a client
library smooths the hostile bytes over. The slow clients run side by side, so the whole
module costs one header deadline (10 s), not one per case.
"""

from __future__ import annotations

import select
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx

from portpedia.web.protocol import BODY_TIMEOUT, HEADER_TIMEOUT

# Deadline plus slack for a loaded CI machine.
BOUND = max(HEADER_TIMEOUT, BODY_TIMEOUT) + 5


class Outcome:
    def __init__(self, seconds: float, reply: bytes) -> None:
        self.seconds = seconds
        self.reply = reply

    def status(self) -> int | None:
        parts = self.reply.split(b" ", 2)
        return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


def _connect(port: int) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", port), timeout=BOUND + 5)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def _until_cut(s: socket.socket, started: float, drip: Callable[[int], bytes | None]) -> Outcome:
    """Send ``drip(i)`` every 0.25 s until the server answers or closes; give up at BOUND."""
    reply = b""
    i = 0
    try:
        while time.monotonic() - started < BOUND + 5:
            readable, _, _ = select.select([s], [], [], 0.25)
            if readable:
                chunk = s.recv(65536)
                reply += chunk
                if not chunk or b"\r\n\r\n" in reply:
                    break
                continue
            piece = drip(i)
            i += 1
            if piece:
                s.sendall(piece)
    except OSError:
        pass  # reset by the server: cut off, which is the point
    finally:
        s.close()
    return Outcome(time.monotonic() - started, reply)


def idle(port: int) -> Outcome:
    s = _connect(port)
    return _until_cut(s, time.monotonic(), lambda i: None)


def trickled_headers(port: int) -> Outcome:
    s = _connect(port)
    started = time.monotonic()
    s.sendall(b"GET /ports/443 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    return _until_cut(s, started, lambda i: f"X-Slow-{i}: {i}\r\n".encode())


def trickled_after_keepalive(port: int) -> Outcome:
    """One proper request, then the next one's headers a byte at a time."""
    s = _connect(port)
    s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    first = b""
    while not first.endswith(b"}"):  # the health JSON, after its headers
        first += s.recv(65536)
    assert first.startswith(b"HTTP/1.1 200")
    started = time.monotonic()
    request = b"GET /ports/80 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: " + b"a" * 400
    return _until_cut(s, started, lambda i: request[i : i + 1])


def trickled_body(port: int) -> Outcome:
    s = _connect(port)
    started = time.monotonic()
    s.sendall(
        # The no-JavaScript form reads its body before any check, so it waits for every byte.
        b"POST /feedback HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\n"
    )
    return _until_cut(s, started, lambda i: b"a")


FORM = b"Content-Type: application/x-www-form-urlencoded\r\n"


def huge_body(port: int, path: str, chunked: bool) -> Outcome:
    """10 MB, declared up front or streamed in chunks: refused long before it is all sent."""
    s = _connect(port)
    started = time.monotonic()
    size = 10 * 1024 * 1024
    framing = b"Transfer-Encoding: chunked" if chunked else f"Content-Length: {size}".encode()
    s.sendall(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode()
        + (b"Content-Type: application/json\r\n" if "api" in path else FORM)
        + framing
        + b"\r\n\r\n"
    )
    block = b"x" * 65536
    chunk = b"%x\r\n" % len(block) + block + b"\r\n" if chunked else block
    return _until_cut(s, started, lambda i: chunk if i < size // len(block) else None)


def huge_headers(port: int) -> Outcome:
    s = _connect(port)
    started = time.monotonic()
    s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    line = b"X-Big: " + b"b" * 8000 + b"\r\n"
    return _until_cut(s, started, lambda i: line * 16 if i < 80 else b"\r\n")


def test_slow_and_oversized_clients_are_cut_off_while_others_are_served(live_server) -> None:
    port = live_server.port
    stop = threading.Event()
    served: list[float] = []
    failures: list[str] = []

    def legitimate_visitor() -> None:
        with httpx.Client(base_url=live_server.base, timeout=5) as http:
            while not stop.is_set():
                started = time.monotonic()
                try:
                    r = http.get("/ports/443")
                    if r.status_code != 200:
                        failures.append(f"status {r.status_code}")
                except httpx.HTTPError as exc:
                    failures.append(repr(exc))
                served.append(time.monotonic() - started)

    visitor = threading.Thread(target=legitimate_visitor)
    visitor.start()
    try:
        with ThreadPoolExecutor(64) as pool:
            slowloris = [pool.submit(trickled_headers, port) for _ in range(40)]
            cases = {
                "idle": pool.submit(idle, port),
                "keepalive": pool.submit(trickled_after_keepalive, port),
                "body": pool.submit(trickled_body, port),
                "cl-api": pool.submit(huge_body, port, "/api/v1/feedback", False),
                "cl-form": pool.submit(huge_body, port, "/feedback", False),
                "chunked": pool.submit(huge_body, port, "/feedback", True),
                "headers": pool.submit(huge_headers, port),
            }
            outcomes = {name: f.result() for name, f in cases.items()}
            trickles = [f.result() for f in slowloris]
    finally:
        stop.set()
        visitor.join()

    for name, outcome in [*outcomes.items(), *(("slowloris", t) for t in trickles)]:
        assert outcome.seconds < BOUND, (name, outcome.seconds, outcome.reply[:80])
    # Slow clients hear why, when the server can still tell them.
    for name in ("idle", "keepalive", "body"):
        assert outcomes[name].status() == 408, (name, outcomes[name].reply[:80])
        assert outcomes[name].seconds >= min(HEADER_TIMEOUT, BODY_TIMEOUT) - 1
    assert {t.status() for t in trickles} <= {408, None}
    # Oversized requests are refused at once, not after 10 MB went over the wire.
    for name in ("cl-api", "cl-form", "chunked"):
        assert outcomes[name].status() in (413, None), (name, outcomes[name].reply[:80])
        assert outcomes[name].seconds < 3, name
    assert outcomes["cl-api"].status() == 413
    assert outcomes["headers"].status() in (431, None) and outcomes["headers"].seconds < 3

    # Meanwhile the ordinary visitor never failed and never waited long.
    assert failures == []
    assert len(served) > 20
    assert max(served) < 2.0, max(served)
    # And the server is still fine afterwards, having logged no traceback for any of it.
    assert httpx.get(live_server.base + "/api/v1/health").json()["status"] == "ok"
    assert "Traceback" not in live_server.log.read_text(errors="replace")
