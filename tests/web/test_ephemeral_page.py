"""The ephemeral-ports guide page, its JSON twin, and the live pool under --local."""

from __future__ import annotations

import socket

from starlette.testclient import TestClient

from portpedia.web import create_app


def _client(tmp_path, local: bool = False) -> TestClient:
    # --local answers only loopback Host names (DNS rebinding); TestClient's is "testserver".
    app = create_app(
        database_url=f"sqlite:///{tmp_path / 'f.sqlite3'}",
        local=local,
        allowed_hosts="localhost,127.0.0.1,::1",
    )
    return TestClient(app, base_url="http://localhost")


def test_guide_page_in_both_languages(tmp_path):
    with _client(tmp_path) as c:
        en = c.get("/ephemeral")
        bn = c.get("/bn/ephemeral")
        port = c.get("/ports/60463")
    assert en.status_code == 200 and bn.status_code == 200
    for text in ("Default ranges by operating system", "32768", "60999", "49152", "1025",
                 "Algorithm 4", "EADDRNOTAVAIL", "RFC 6056"):  # fmt: skip
        assert text in en.text, text
    assert "ক্ষণস্থায়ী পোর্ট" in bn.text and "অ্যালগরিদম 4" in bn.text
    assert 'id="local"' not in en.text
    assert 'href="/ephemeral"' in port.text


def test_json_twin(tmp_path):
    with _client(tmp_path) as c:
        data = c.get("/api/v1/ephemeral").json()
        bn = c.get("/api/v1/ephemeral?lang=bn").json()
        bad = c.get("/api/v1/ephemeral?lang=xx")
    assert {r["os"] for r in data["ranges"]} >= {"linux", "windows", "macos", "freebsd"}
    assert [s["key"] for s in data["sections"]] == ["lifecycle", "selection", "listeners"]
    numbers = [f["number"] for f in data["footnotes"]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert "pool" not in data
    assert bn["title"] == "ক্ষণস্থায়ী পোর্ট"
    assert bad.status_code == 400


def test_live_pool_under_local(tmp_path):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    try:
        with _client(tmp_path, local=True) as c:
            page = c.get("/ephemeral")
            data = c.get("/api/v1/ephemeral").json()
    finally:
        client.close()
        server.close()
    assert page.headers["cache-control"] == "no-store"
    assert 'id="local"' in page.text
    pool = data["pool"]
    assert pool["in_use"]["total"] >= 1
    states = {s["state"]: s["count"] for s in pool["in_use"]["by_state"]}
    assert states.get("ESTABLISHED", 0) >= 1
    # Only the busiest ten destinations are listed; on a quiet machine ours is among them.
    assert pool["destination_count"] >= 1 and pool["destinations"]
