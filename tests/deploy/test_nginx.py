"""deploy/nginx.conf, run for real: nginx in front of two ``portpedia serve`` processes.

The config file is used as shipped, with its addresses and static directory swapped for
free loopback ports and the installed package's; the backends run with the options the
file's header gives (allowed hosts, nginx as the trusted proxy). Needs Debian's nginx
(nginx-light).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pytest

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf"
SITE = "ports.example.org"  # the server_name in the file

if not Path(NGINX).exists():
    if os.environ.get("CI"):
        raise RuntimeError("nginx is missing: .ci/run installs it (apt-get install nginx-light)")
    pytest.skip("nginx is not installed (apt-get install nginx-light)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET ``url`` as a visitor of the site: with its Host unless ``headers`` give one."""
    request = urllib.request.Request(url, headers={"Host": SITE, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=5) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def _wait(url: str, proc: subprocess.Popen[bytes], what: str, host: str = SITE) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            if _get(url, {"Host": host})[0] == 200:
                return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            err = proc.stderr.read() if proc.stderr and proc.poll() is not None else b""
            raise RuntimeError(f"{what} did not start: {err!r}")
        time.sleep(0.05)  # polling with a deadline, not synchronising on time


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stderr:
        proc.stderr.close()


@dataclass
class Stack:
    front: str
    backends: list[subprocess.Popen[bytes]]
    nginx: subprocess.Popen[bytes]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    tmp = tmp_path_factory.mktemp("nginx")
    env = {**os.environ, "PORTPEDIA_DATA_DIR": str(tmp / "data"), "PORTPEDIA_SECRET": "n" * 40}
    for name in ("PORTPEDIA_DATABASE_URL", "PORTPEDIA_ALLOWED_HOSTS", "PORTPEDIA_BASE_URL"):
        env.pop(name, None)
    database = f"sqlite:///{tmp / 'feedback.sqlite3'}"
    # Several machines: migrate once, then start every web process with --no-migrate.
    subprocess.run([sys.executable, "-m", "portpedia", "feedback", "migrate", "--database",
                    database], env=env, check=True, capture_output=True)  # fmt: skip
    ports = [_free_port(), _free_port()]
    backends: list[subprocess.Popen[bytes]] = []
    started: list[subprocess.Popen[bytes]] = []
    cleanup: list[Path] = []
    try:
        for port in ports:
            proc = subprocess.Popen(
                [sys.executable, "-m", "portpedia", "serve", "--host", "127.0.0.1", "--port",
                 str(port), "--database", database, "--no-migrate",
                 "--allowed-hosts", f"{SITE},127.0.0.1", "--forwarded-allow-ips", "127.0.0.1"],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            )  # fmt: skip
            backends.append(proc)
            started.append(proc)
        for port, proc in zip(ports, backends, strict=True):
            _wait(f"http://127.0.0.1:{port}/healthz", proc, "portpedia serve", "127.0.0.1")

        front = _free_port()
        # nginx's workers drop root for an unprivileged user, who must reach tmp/ and the
        # static files: neither pytest's temporary directories nor a checkout under a
        # private directory (such as /root) are readable to it, so both are staged here.
        prefix = Path(tempfile.mkdtemp(prefix="portpedia-nginx-"))
        cleanup.append(prefix)
        prefix.chmod(0o755)
        shutil.copytree(Path(str(files("portpedia.web").joinpath("static"))), prefix / "static")
        for folder, _, names in os.walk(prefix / "static"):
            os.chmod(folder, 0o755)
            for name in names:
                os.chmod(os.path.join(folder, name), 0o644)
        static = f"{prefix}/static/"
        text = CONFIG.read_text()
        for old, new in [
            ("127.0.0.1:8001", f"127.0.0.1:{ports[0]}"),
            ("127.0.0.1:8002", f"127.0.0.1:{ports[1]}"),
            ("listen 127.0.0.1:8080 default_server;", f"listen 127.0.0.1:{front} default_server;"),
            ("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{front};"),
            ("/usr/lib/python3/dist-packages/portpedia/web/static/", static),
        ]:
            assert old in text, old
            text = text.replace(old, new)
        (prefix / "logs").mkdir()
        (prefix / "tmp").mkdir(mode=0o777)
        (prefix / "tmp").chmod(0o777)
        conf = prefix / "nginx.conf"
        conf.write_text(text)
        nginx = subprocess.Popen(
            [NGINX, "-p", f"{prefix}/", "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        started.append(nginx)
        base = f"http://127.0.0.1:{front}"
        _wait(base + "/healthz", nginx, "nginx")
        yield Stack(base, backends, nginx)
    finally:
        for proc in reversed(started):
            if proc is started[-1] and proc.args[0] == NGINX and proc.poll() is None:
                proc.send_signal(signal.SIGQUIT)  # graceful: workers finish, then exit
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            _stop(proc)
        for path in cleanup:
            shutil.rmtree(path, ignore_errors=True)


def _raw(front: str, request: bytes) -> bytes:
    """What nginx answers to ``request`` as sent: b"" when it closes without a word."""
    host, port = front.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as s:
        s.sendall(request)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_foreign_host_cannot_poison_nginx_or_the_backends(stack: Stack) -> None:
    # Another name, no name, or another name in an absolute request line: no answer (444).
    for request in (
        b"GET /ports/22 HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
        b"GET /sitemap.xml HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
        b"GET /ports/22 HTTP/1.0\r\n\r\n",
        b"GET http://evil.example/ports/22 HTTP/1.1\r\nHost: "
        + SITE.encode()
        + b"\r\nConnection: close\r\n\r\n",
    ):
        for _ in range(4):
            assert _raw(stack.front, request) == b"", request
    # The site's name with forwarded headers of the client's own: nginx replaces them.
    forged = {
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "https",
        "Forwarded": "host=evil.example;proto=https",
        "X-Forwarded-For": "192.0.2.1",
    }
    for path in ("/ports/22", "/bn/ports/22", "/sitemap.xml", "/services/ssh"):
        for headers in (forged, {}, forged):
            status, _, body = _get(stack.front + path, {"Accept-Encoding": "identity", **headers})
            assert status == 200, (path, status)
            assert b"evil.example" not in body and b"https://" not in body.split(b"<main")[0]
    _, headers, page = _get(stack.front + "/ports/22", {"Accept-Encoding": "identity"})
    assert headers["x-cache"] == "HIT"
    assert f'<link rel="canonical" href="http://{SITE}/ports/22">'.encode() in page
    _, _, index = _get(stack.front + "/sitemap.xml")
    assert f"<loc>http://{SITE}/sitemaps/en-pages.xml</loc>".encode() in index


def test_pages_through_nginx_and_a_dead_backend(stack: Stack) -> None:
    status, headers, body = _get(stack.front + "/ports/443", {"Accept-Encoding": "identity"})
    assert status == 200 and b"<h1>" in body and "content-security-policy" in headers
    assert headers["x-cache"] == "MISS"
    status, headers, _ = _get(stack.front + "/ports/443", {"Accept-Encoding": "identity"})
    assert status == 200 and headers["x-cache"] == "HIT"
    status, headers, _ = _get(stack.front + "/bn/ports/60463", {"Accept-Encoding": "gzip, br"})
    assert status == 200 and headers["content-encoding"] == "br"
    assert _get(stack.front + "/readyz")[0] == 200

    # Static files come from disk: no application headers on them.
    status, headers, _ = _get(stack.front + "/static/style.css", {"Accept-Encoding": "gzip"})
    assert status == 200 and "content-security-policy" not in headers
    assert headers["content-encoding"] == "gzip" and "immutable" in headers["cache-control"]

    # One backend gone: every request still answered, by the other one.
    _stop(stack.backends[0])
    for port in (21, 25, 53, 80, 110, 123, 5432, 6379):  # not asked for before
        status, headers, body = _get(stack.front + f"/ports/{port}")
        assert status == 200, (port, status)
        assert headers["x-cache"] == "MISS"
    assert _get(stack.front + "/healthz")[0] == 200

    # Both gone: cached pages and static files still served, the rest is a 502.
    _stop(stack.backends[1])
    status, headers, _ = _get(stack.front + "/ports/443", {"Accept-Encoding": "identity"})
    assert status == 200
    assert _get(stack.front + "/static/app.js")[0] == 200
    assert _get(stack.front + "/ports/9999")[0] == 502
