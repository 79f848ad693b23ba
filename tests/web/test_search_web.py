"""The search page and /api/v1/search run the one search of the explain room."""

from __future__ import annotations

import html
import re

import pytest


@pytest.mark.parametrize(
    ("q", "where"),
    [("port 443", "/ports/443"), ("tcp 22", "/ports/22"), (":8080", "/ports/8080"),
     ("443/udp", "/ports/443"), ("udp 53", "/ports/53")],
)  # fmt: skip
def test_port_forms_go_to_the_port_page(client, q: str, where: str) -> None:
    r = client.get("/search", params={"q": q}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == where
    r = client.get("/bn/search", params={"q": q}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/bn" + where


def test_a_bad_port_form_is_a_400_page(client) -> None:
    r = client.get("/search", params={"q": "port 70000"})
    assert r.status_code == 400 and "out of range" in r.text


def test_words_rank_the_famous_port_first(client) -> None:
    r = client.get("/search", params={"q": "dns"})
    assert r.status_code == 200
    first = re.search(r'<ul class="hits">.*?href="(/ports/\d+)"', r.text, re.S)
    assert first and first.group(1) == "/ports/53"


def test_did_you_mean_is_rendered(client) -> None:
    r = client.get("/search", params={"q": "postgress"})
    assert r.status_code == 200 and "/ports/5432" in r.text
    assert 'class="did-you-mean"' in r.text and 'href="/search?q=postgres' in r.text
    r = client.get("/search", params={"q": "shh"})
    assert "Nothing matched" in html.unescape(r.text)
    assert 'href="/search?q=ssh"' in r.text
    r = client.get("/bn/search", params={"q": "shh"})
    assert "আপনি কি এটি খুঁজছিলেন" in r.text and 'href="/bn/search?q=ssh"' in r.text


def test_api_search(client) -> None:
    data = client.get("/api/v1/search", params={"q": "tcp 22"}).json()
    assert data["port"] == 22 and data["protocol"] == "tcp"
    assert data["results"] and all(h["ports"] == "22" for h in data["results"])
    data = client.get("/api/v1/search", params={"q": "rediss"}).json()
    assert data["port"] is None and data["results"][0]["ports"] == "6379"
    assert data["suggestions"] == ["redis"]
    data = client.get("/api/v1/search", params={"q": "shh"}).json()
    assert data["results"] == [] and data["suggestions"][0] == "ssh"
    r = client.get("/api/v1/search", params={"q": "udp 99999"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_port"


def test_api_search_translates_curated_text(client) -> None:
    en = client.get("/api/v1/search", params={"q": "mosh"}).json()["results"][0]
    bn = client.get("/api/v1/search", params={"q": "mosh", "lang": "bn"}).json()["results"][0]
    assert en["ports"] == bn["ports"] == "60000-61000"
    assert en["description"] != bn["description"]


def test_a_portless_service_links_to_its_ports(client) -> None:
    r = client.get("/services/rdp")
    assert r.status_code == 200 and 'href="/ports/3389"' in r.text
    data = client.get("/api/v1/services/rdp").json()
    assert data["see_also"][0]["ports"] == "3389"
