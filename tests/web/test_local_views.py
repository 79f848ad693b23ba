"""`serve --local`: the "on this machine now" panel, /local and /api/v1/local, with real sockets."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from portpedia.web import create_app


@pytest.fixture
def listener() -> Iterator[int]:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    yield s.getsockname()[1]
    s.close()


def _client(tmp_path, local: bool) -> TestClient:
    # --local answers only loopback Host names (DNS rebinding); TestClient's is "testserver".
    app = create_app(
        database_url=f"sqlite:///{tmp_path / 'f.sqlite3'}",
        local=local,
        allowed_hosts="localhost,127.0.0.1,::1",
    )
    return TestClient(app, base_url="http://localhost")


def test_port_page_shows_this_process(tmp_path, listener):
    with _client(tmp_path, local=True) as c:
        r = c.get(f"/ports/{listener}")
    assert r.status_code == 200
    assert "On this machine now" in r.text
    assert f"<code>{os.getpid()}</code>" in r.text
    assert f"127.0.0.1:{listener}" in r.text
    assert r.headers["cache-control"] == "no-store"


def test_port_page_says_when_nothing_uses_it(tmp_path):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # bound then released: now unused
    with _client(tmp_path, local=True) as c:
        r = c.get(f"/bn/ports/{port}")
    assert r.status_code == 200
    assert "এই মেশিনে এখন" in r.text
    assert f"এই মুহূর্তে এই মেশিনে কিছুই পোর্ট {port} ব্যবহার করছে না" in r.text


def test_local_page_and_api(tmp_path, listener):
    with _client(tmp_path, local=True) as c:
        page = c.get("/local")
        api = c.get(f"/api/v1/local?port={listener}")
        everything = c.get("/api/v1/local")
        bad = c.get("/api/v1/local?port=70000")
    assert page.status_code == 200 and f'href="/ports/{listener}"' in page.text
    assert page.headers["cache-control"] == "no-store"
    data = api.json()
    assert data["port"] == listener
    assert [s["state"] for s in data["sockets"]] == ["LISTEN"]
    assert os.getpid() in [o["pid"] for s in data["sockets"] for o in s["owners"]]
    assert any(s["local_port"] == listener for s in everything.json()["sockets"])
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_port"


def test_without_local_nothing_is_revealed(tmp_path, listener):
    with _client(tmp_path, local=False) as c:
        page = c.get(f"/ports/{listener}")
        assert "On this machine now" not in page.text
        assert c.get("/local").status_code == 404
        r = c.get("/api/v1/local")
    assert r.status_code == 404 and r.json()["error"]["code"] == "local_disabled"


def test_serve_refuses_local_on_a_public_address():
    from portpedia.cli import main

    assert main(["serve", "--local", "--host", "0.0.0.0"]) == 2


@pytest.mark.parametrize(
    "host, ok",
    [("localhost:8000", True), ("127.0.0.1:8000", True), ("[::1]:8000", True),
     ("LocalHost", True), ("localhost.", True), ("127.1.2.3", False), ("evil.example:8000", False),
     ("192.168.1.5", False), ("localhost.evil.example", False), ("", False)],
)  # fmt: skip
def test_local_refuses_rebound_host_names(tmp_path, host, ok):
    with _client(tmp_path, local=True) as c:
        r = c.get("/api/v1/local", headers={"Host": host})
    assert (r.status_code != 400) == ok, (host, r.status_code)
    if not ok:
        assert r.json()["error"]["code"] == "bad_host"


def test_local_allows_only_loopback_names(tmp_path):
    with pytest.raises(ValueError, match="loopback"):
        create_app(f"sqlite:///{tmp_path / 'f.sqlite3'}", local=True, allowed_hosts="*")
    from portpedia.cli import main

    argv = ["serve", "--local", "--allowed-hosts", "localhost,ports.example.org"]
    assert main(argv) == 2


def test_without_local_only_allowed_hosts_are_served(tmp_path):
    app = create_app(f"sqlite:///{tmp_path / 'f.sqlite3'}", allowed_hosts=".example.org")
    with TestClient(app) as c:
        assert c.get("/ports/443", headers={"Host": "ports.example.org"}).status_code == 200
        assert c.get("/ports/443", headers={"Host": "example.org:8080"}).status_code == 200
        assert c.get("/ports/443", headers={"Host": "evil.example"}).status_code == 400
        assert c.get("/ports/443", headers={"Host": "example.org.evil"}).status_code == 400
        # One spelling per name: the links (and the cache key) use the lower-case form.
        page = c.get("/ports/443", headers={"Host": "Ports.Example.ORG"}).text
        assert '<link rel="canonical" href="http://ports.example.org/ports/443">' in page
