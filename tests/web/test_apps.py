"""Product pages: /apps, /apps/NAME, their JSON twins, both languages, 404s, the sitemap."""

from __future__ import annotations

import re

import html5lib

from portpedia.explain.product import product_index


def _valid_html(text: str) -> None:
    html5lib.HTMLParser(strict=True).parse(text)


def test_apps_index_lists_every_product_by_group(client) -> None:
    r = client.get("/apps")
    assert r.status_code == 200
    html = r.text
    _valid_html(html)
    entries = product_index()
    assert len(entries) >= 60
    for e in entries:
        assert f'href="/apps/{e.id}"' in html, e.id
    # Groups appear in explain's order, each once as a heading.
    heads = re.findall(r'<h2 id="group-([a-z-]+)"', html)
    assert heads == list(dict.fromkeys(e.group for e in entries))


def test_app_page_has_ports_rules_and_sources(client) -> None:
    r = client.get("/apps/kubernetes")
    assert r.status_code == 200
    html = r.text
    _valid_html(html)
    assert "<h1>Ports Kubernetes needs</h1>" in html
    assert 'href="/ports/6443"' in html and "30000-32767" in html
    assert "inbound" in html and "Control plane" in html and "required" in html
    # A rule block per role and tool, each what that tool accepts.
    assert "Role: Control plane" in html and "Role: Worker nodes" in html
    assert "tcp dport 6443 accept" in html
    assert "New-NetFirewallRule" in html and "ufw allow" in html
    assert re.search(r'<li id="source-1" value="1"><a href="https://', html)
    assert 'href="#source-1"' in html


def test_app_page_in_bengali(client) -> None:
    html = client.get("/bn/apps/kubernetes").text
    _valid_html(html)
    assert '<html lang="bn"' in html
    assert "আগত" in html  # inbound
    assert 'href="/bn/ports/6443"' in html
    index = client.get("/bn/apps").text
    assert 'href="/bn/apps/kubernetes"' in index


def test_app_alias_redirects_to_its_id(client) -> None:
    entry = next(e for e in product_index() if e.id == "kubernetes")
    r = client.get("/apps/Kubernetes", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == f"/apps/{entry.id}"


def test_unknown_app_is_404_with_close_matches(client) -> None:
    r = client.get("/apps/kubernetis")
    assert r.status_code == 404
    assert 'href="/apps/kubernetes"' in r.text and 'href="/apps"' in r.text
    _valid_html(r.text)
    bn = client.get("/bn/apps/kubernetis")
    assert bn.status_code == 404 and '<html lang="bn"' in bn.text
    api = client.get("/api/v1/apps/kubernetis")
    assert api.status_code == 404
    body = api.json()["error"]
    assert body["code"] == "unknown_product" and "kubernetes" in body["suggestions"]


def test_app_json_twins(client) -> None:
    data = client.get("/api/v1/apps").json()
    ids = [p["id"] for g in data["groups"] for p in g["products"]]
    assert ids == [e.id for e in product_index()]
    assert data["groups"][0]["products"][0]["url"].startswith("/apps/")
    one = client.get("/api/v1/apps/kubernetes").json()
    assert one["id"] == "kubernetes" and one["url"] == "/apps/kubernetes"
    assert {p["port"] for p in one["ports"]} >= {6443, 10250}
    assert [f["role"] for f in one["firewall"]][:1] == ["Control plane"]
    assert "tcp dport 6443 accept" in one["firewall"][0]["tools"]["nftables"]
    bn = client.get("/api/v1/apps/kubernetes?lang=bn").json()
    assert bn["language"] == "bn" and bn["url"] == "/bn/apps/kubernetes"
    assert bn["ports"][0]["direction_label"] == "আগত"
    assert client.get("/api/v1/apps?lang=xx").status_code == 400


def test_apps_are_in_the_sitemap(client) -> None:
    text = client.get("/sitemaps/en-pages.xml").text
    assert "/apps</loc>" in text and "/apps/kubernetes</loc>" in text
    assert "/bn/apps/kubernetes</loc>" in client.get("/sitemaps/bn-pages.xml").text
