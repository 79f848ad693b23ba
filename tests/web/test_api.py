"""The JSON API: twins of the pages, JSON errors, and an accurate OpenAPI document."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from portpedia.explain import explain


def test_port_json_is_the_report(client) -> None:
    r = client.get("/api/v1/ports/60463")
    assert r.status_code == 200
    data = r.json()
    expected = explain(60463).to_dict()
    for key in ("port", "status", "summary", "assignments", "ephemeral", "footnotes"):
        assert data[key] == expected[key]
    assert data["url"] == "/ports/60463"


def test_port_json_in_bengali(client) -> None:
    data = client.get("/api/v1/ports/60463?lang=bn").json()
    assert data["language"] == "bn"
    assert data["url"] == "/bn/ports/60463"


@pytest.mark.parametrize("raw", ["65536", "-1", "abc", "٦٠٤٦٣"])
def test_bad_port_json_error(client, raw: str) -> None:
    r = client.get(f"/api/v1/ports/{raw}")
    assert r.status_code == 404
    err = r.json()["error"]
    assert err["code"] == "invalid_port" and err["message"]


def test_port_json_redirect_and_bad_options(client) -> None:
    r = client.get("/api/v1/ports/0443", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/api/v1/ports/443"
    assert client.get("/api/v1/ports/53?protocol=udp").json()["protocol"] == "udp"
    assert client.get("/api/v1/ports/53?protocol=icmp").status_code == 400
    assert client.get("/api/v1/ports/53?lang=xx").json()["error"]["code"] == "unknown_language"


def test_service_json(client) -> None:
    data = client.get("/api/v1/services/ssh").json()
    assert data["name"] == "ssh" and 22 in data["ports"]
    r = client.get("/api/v1/services/nope")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "unknown_service"


def test_search_json(client) -> None:
    data = client.get("/api/v1/search?q=ssh").json()
    assert any(hit["name"] == "ssh" for hit in data["results"])
    assert client.get("/api/v1/search?q=443").json()["port"] == 443
    assert client.get("/api/v1/search?q=").status_code == 400
    assert client.get("/api/v1/search?q=70000").json()["error"]["code"] == "invalid_port"


def test_ranges_and_index_json(client) -> None:
    data = client.get("/api/v1/ranges").json()
    assert [r["key"] for r in data["ranges"]] == ["system", "user", "dynamic"]
    index = client.get("/api/v1/ports?from=256").json()
    assert index["from"] == 256 and len(index["ports"]) == 256


def test_unknown_api_path_is_json(client) -> None:
    r = client.get("/api/v1/nothing")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_openapi_document_is_valid_and_complete(client) -> None:
    doc = client.get("/openapi.json").json()
    validate(doc)
    samples = {"{port}": "443", "{name}": "ssh"}
    queries = {"/api/v1/search": "?q=ssh", "/api/v1/feedback": "?page=/ports/443"}
    for path, ops in doc["paths"].items():
        url = path.replace("/apps/{name}", "/apps/kubernetes")
        for placeholder, value in samples.items():
            url = url.replace(placeholder, value)
        if "get" in ops:
            r = client.get(url + queries.get(path, ""))
            assert str(r.status_code) in ops["get"]["responses"], (path, r.status_code)
            # /api/v1/local exists only under `serve --local`; this app is not.
            expected = 404 if path == "/api/v1/local" else 200
            assert r.status_code == expected, (path, r.text)
