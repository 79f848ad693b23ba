"""HTML pages: every route, its status code, and what a reader sees on it."""

from __future__ import annotations

import re

import html5lib
import pytest


def _valid_html(text: str) -> None:
    html5lib.HTMLParser(strict=True).parse(text)


def test_port_page_has_every_section(client) -> None:
    r = client.get("/ports/60463")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    _valid_html(html)
    assert '<html lang="en"' in html
    for section in ("iana", "range", "likely", "check", "security", "sources", "feedback"):
        assert f'id="{section}"' in html, section
    assert "Port 60463" in html
    assert 'aria-label="Breadcrumb"' in html and 'href="/ports"' in html
    # An unassigned dynamic port still gets the ephemeral table, checks and sources.
    assert "dynamic range" in html
    assert "Windows" in html and "49152" in html
    assert "ss -tuanp" in html and "netstat -ano" in html
    assert 'class="copy"' in html
    assert re.search(r'<li id="source-1" value="1"><a href="https://', html)
    assert 'href="#source-1"' in html
    assert 'rel="prev" href="/ports/60462"' in html and 'rel="next" href="/ports/60464"' in html
    assert html.count('name="reaction"') == 3


def test_port_range_row_shown_for_port_inside_it(client) -> None:
    html = client.get("/ports/6001").text
    assert "6000-6063" in html and "x11" in html


def test_assigned_port_shows_assignee_and_reference(client) -> None:
    html = client.get("/ports/443").text
    assert "https" in html and "RFC" in html


def test_edges_have_one_neighbour(client) -> None:
    first = client.get("/ports/0").text
    assert 'rel="prev"' not in first and 'rel="next" href="/ports/1"' in first
    last = client.get("/ports/65535").text
    assert 'rel="next"' not in last and 'rel="prev" href="/ports/65534"' in last


@pytest.mark.parametrize(
    ("raw", "quoted"),
    [
        ("65536", "out of range"),
        ("-1", "out of range"),
        ("abc", "not a port number"),
        ("٦٠٤٦٣", "non-ASCII digits"),
        ("1-2", "range"),
    ],
)
def test_bad_port_is_a_helpful_404(client, raw: str, quoted: str) -> None:
    r = client.get(f"/ports/{raw}")
    assert r.status_code == 404
    assert quoted in r.text
    assert "Traceback" not in r.text
    _valid_html(r.text)


def test_non_ascii_digits_suggest_the_ascii_port(client) -> None:
    assert 'href="/ports/60463"' in client.get("/ports/٦٠٤٦٣").text


@pytest.mark.parametrize(("raw", "target"), [("0443", "/ports/443"), ("+80", "/ports/80")])
def test_non_canonical_number_redirects(client, raw: str, target: str) -> None:
    r = client.get(f"/ports/{raw}", follow_redirects=False)
    assert r.status_code == 308
    assert r.headers["location"] == target


def test_home(client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    _valid_html(r.text)
    assert 'action="/search"' in r.text
    for name in ("System Ports", "User Ports", "Dynamic and/or Private Ports"):
        assert name in r.text
    assert 'href="/ports/443"' in r.text


def test_ports_index_pages(client) -> None:
    r = client.get("/ports?from=1024")
    assert r.status_code == 200
    _valid_html(r.text)
    assert 'href="/ports/1024"' in r.text and 'href="/ports/1279"' in r.text
    assert 'href="/ports?from=1280"' in r.text and 'href="/ports?from=768"' in r.text
    assert client.get("/ports").status_code == 200
    r = client.get("/ports?from=1030", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/ports?from=1024"
    assert client.get("/ports?from=70000").status_code == 404


@pytest.mark.parametrize("key", ["system", "user", "dynamic"])
def test_range_pages(client, key: str) -> None:
    r = client.get(f"/ranges/{key}")
    assert r.status_code == 200
    _valid_html(r.text)
    assert "/ports?from=" in r.text


def test_unknown_range_404(client) -> None:
    assert client.get("/ranges/huge").status_code == 404


def test_service_page_and_case_redirect(client) -> None:
    r = client.get("/services/ssh")
    assert r.status_code == 200
    assert 'href="/ports/22"' in r.text
    r = client.get("/services/SSH", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/services/ssh"


def test_unknown_service_404_with_suggestions(client) -> None:
    r = client.get("/services/nope")
    assert r.status_code == 404
    assert "no service named" in r.text
    r = client.get("/services/sshh")
    assert r.status_code == 404
    assert 'href="/services/ssh"' in r.text


def test_search(client) -> None:
    r = client.get("/search?q=")
    assert r.status_code == 200
    r = client.get("/search?q=postgres")
    assert r.status_code == 200 and "5432" in r.text
    r = client.get("/search?q=443", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ports/443"
    r = client.get("/search?q=99999")
    assert r.status_code == 400 and "out of range" in r.text


def test_unknown_path_is_404_page(client) -> None:
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "Page not found" in r.text


def test_security_headers_everywhere(client) -> None:
    for path in ("/", "/ports/443", "/api/v1/ports/443", "/static/style.css", "/nope"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "unsafe-inline" not in csp and "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "DENY"
        assert h["referrer-policy"]


def test_no_inline_scripts_or_styles_or_foreign_assets(client) -> None:
    html = client.get("/ports/443").text
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
    assert "<style" not in html and " style=" not in html
    assets = re.findall(r'<script[^>]+src="([^"]+)"', html)
    assets += re.findall(r'<link rel="(?:stylesheet|icon)"[^>]+href="([^"]+)"', html)
    assert len(assets) == 3
    for url in assets:
        assert url.startswith("/static/"), url


def test_static_assets(client) -> None:
    for name in ("style.css", "app.js", "favicon.svg"):
        assert client.get(f"/static/{name}").status_code == 200


def test_robots_and_sitemap_index(client) -> None:
    robots = client.get("/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and "<sitemapindex" in index.text
    subs = re.findall(r"<loc>http://testserver(/sitemaps/[^<]+)</loc>", index.text)
    total = 0
    for sub in subs:
        body = client.get(sub).text
        count = body.count("<url>")
        assert 0 < count <= 50_000
        total += count
    assert total > 65536  # every port, in every language, plus the other pages
    assert client.get("/sitemaps/xx-ports-9.xml").status_code == 404


def test_canonical_and_description(client) -> None:
    html = client.get("/ports/22").text
    assert '<link rel="canonical" href="http://testserver/ports/22">' in html
    assert '<meta name="description" content="Port 22' in html
    assert 'hreflang="x-default" href="http://testserver/ports/22"' in html


def test_pages_render_with_the_database_down(broken_client) -> None:
    assert broken_client.get("/ports/443").status_code == 200
    assert broken_client.get("/").status_code == 200
