"""Home, the services index and the links between pages: no dead ends."""

from __future__ import annotations

import re

import html5lib


def _valid_html(text: str) -> None:
    html5lib.HTMLParser(strict=True).parse(text)


def test_home_shows_friendly_names_and_one_search_box(client) -> None:
    html = client.get("/").text
    _valid_html(html)
    assert html.count('role="search"') == 1
    names = dict(re.findall(r'class="num">(\d+)</span> <span class="name"[^>]*>([^<]+)<', html))
    assert "Remote Desktop" in names["3389"] and "RDP" in names["3389"]
    assert "SMB" in names["445"] and "PostgreSQL" in names["5432"]
    for codename in ("ms-wbt-server", "microsoft-ds", "rfb", "wap-wsp", "ncube-lm"):
        assert codename not in names.values(), codename


def test_home_names_are_translated(client) -> None:
    html = client.get("/bn/", headers={"Accept-Language": "bn"}).text
    # Curated names are prose: on the Bengali home they carry no lang="en".
    assert not re.search(r'class="name" lang="en">Mosh', html)


def test_services_index_and_breadcrumb(client) -> None:
    r = client.get("/services")
    assert r.status_code == 200
    html = r.text
    _valid_html(html)
    assert 'href="/services/ssh"' in html and 'href="/ports/22"' in html
    assert 'href="/services?letter=s"' in html
    letter = client.get("/services?letter=s").text
    assert 'href="/services/ssh"' in letter and 'href="/services/zz"' not in letter
    assert client.get("/bn/services?letter=0-9").status_code == 200
    bad = client.get("/services?letter=zz")
    assert bad.status_code == 404 and 'href="/services?letter=a"' in bad.text
    service = client.get("/services/ssh").text
    assert re.search(r'<a href="/services">Services</a>', service)
    assert 'href="/ports/22"' in service


def test_language_switch_keeps_the_query(client) -> None:
    html = client.get("/search?q=postgres sql").text
    assert 'href="http://testserver/bn/search?q=postgres+sql" hreflang="bn"' in html
    bn = client.get("/bn/search?q=redis").text
    assert 'href="http://testserver/search?q=redis" hreflang="en"' in bn


def test_services_and_apps_in_the_sitemap(client) -> None:
    text = client.get("/sitemaps/en-pages.xml").text
    assert "/services</loc>" in text and "/services?letter=s</loc>" in text


def test_every_service_page_links_to_its_ports(client) -> None:
    for name, port in (("rdp", 3389), ("ssh", 22), ("domain", 53)):
        assert f'href="/ports/{port}"' in client.get(f"/services/{name}").text, name


def test_home_links_products_services_and_map(client) -> None:
    html = client.get("/").text
    for path in ("/apps", "/services", "/map"):
        assert f'href="{path}"' in html, path
