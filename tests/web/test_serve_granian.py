"""``portpedia serve --server granian``: the same site over granian's HTTP stack."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def granian_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("granian")
    port = _free_port()
    env = {**os.environ, "PORTPEDIA_DATA_DIR": str(tmp)}
    argv = [sys.executable, "-m", "portpedia", "serve", "--server", "granian", "--workers", "2",
            "--port", str(port), "--database", f"sqlite:///{tmp / 'f.sqlite3'}"]  # fmt: skip
    log = (tmp / "serve.log").open("wb")
    proc = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:  # poll readiness with a deadline
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise AssertionError((tmp / "serve.log").read_text(errors="replace"))
        time.sleep(0.05)
    yield base
    os.killpg(proc.pid, signal.SIGTERM)
    assert proc.wait(timeout=20) is not None
    log.close()


def test_pages_cache_and_compression(granian_server: str) -> None:
    with httpx.Client(base_url=granian_server) as c:
        first = c.get("/ports/60463", headers={"Accept-Encoding": "br"})
        again = c.get("/ports/60463", headers={"Accept-Encoding": "br"})
        cond = c.get("/bn/ports/60463", headers={"If-None-Match": first.headers["etag"]})
        same = c.get("/ports/60463", headers={"If-None-Match": first.headers["etag"]})
        bad = c.get("/ports/65536")
    assert first.status_code == 200 and first.headers["content-encoding"] == "br"
    assert first.content == again.content and "Port 60463" in first.text
    assert first.headers["content-security-policy"]
    assert cond.status_code == 200  # another page, another tag
    assert same.status_code == 304
    assert bad.status_code == 404 and "out of range" in bad.text


def test_feedback_vote_round_trip(granian_server: str) -> None:
    with httpx.Client(base_url=granian_server) as c:
        state = c.get("/api/v1/feedback?page=/ports/443").json()
        token = c.cookies.get("portpedia_csrf") or state.get("csrf_token")
        vote = c.post(
            "/api/v1/feedback",
            json={"page": "/ports/443", "reaction": "happy", "language": "en"},
            headers={"X-CSRF-Token": token, "Origin": granian_server},
        )
        after = c.get("/api/v1/feedback?page=/ports/443").json()
    assert vote.status_code == 200, vote.text
    assert after["totals"]["happy"] == state["totals"]["happy"] + 1


def test_oversized_request_head_is_refused(granian_server: str) -> None:
    host, port = granian_server.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n")
        reply = b""
        with contextlib.suppress(OSError):  # a reset connection is a refusal too
            reply = s.recv(100)
    assert not reply.startswith(b"HTTP/1.1 200")
