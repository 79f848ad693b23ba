"""Curated knowledge in the port report, and in every face that renders it.

The fixture knowledge base (tests/knowledge/data/mini) stands in for the shipped one, so
these tests hold for any set of data files in the documented format.
"""

from __future__ import annotations

from pathlib import Path

import html5lib
from babel.messages.pofile import read_po

from portpedia.cli.explain import render
from portpedia.explain import explain

MINI = Path(__file__).parent / "data" / "mini"


def _bn(msgid: str) -> str:
    with (MINI / "locale" / "bn" / "knowledge" / "mini.po").open("rb") as fh:
        catalog = {m.id: m.string for m in read_po(fh) if m.id}
    return catalog.get(msgid, msgid)


def test_report_carries_the_article_uses_and_products(mini_installed):
    r = explain(7000, "tcp")
    assert r.article is not None and r.article.name == "Alpha service (TCP)"
    assert r.friendly_name == "Alpha service (TCP)"
    assert r.article.cves == ("CVE-2099-0001",) and r.article.related[0].port == 7443
    # The summary leads with the article's sentence, then says what IANA registered.
    summary = str(r.summary)
    assert summary.startswith("Port 7000/tcp is where Alpha servers accept clients.")
    assert "IANA registers it as afs3-fileserver" in summary
    # Uses in rank order, the historic range included.
    assert [k.id for k in r.known_uses] == ["alpha-main", "alpha-dev", "old-worm"]
    assert r.known_uses[-1].historic and r.known_uses[0].rank == 1
    (widget,) = r.products
    assert widget.name == "Widget Suite" and [p.ports for p in widget.ports] == ["7000"]
    # listening / outgoing go to "probably", security and advice to the security notes.
    assert [str(n.text) for n in r.likely[:2]] == ["An Alpha server.", "An Alpha client."]
    assert str(r.security[0].text) == "Keep Alpha off the internet." and (
        r.security[0].level == "caution"
    )
    cited = {f.source.id for f in r.footnotes}
    assert {"src-a", "src-b", "iana-registry"} <= cited


def test_transport_picks_the_article_and_filters_products(mini_installed):
    udp = explain(7000, "udp")
    assert udp.article is not None and udp.article.name == "Alpha discovery (UDP)"
    assert [k.id for k in udp.known_uses] == ["alpha-udp"]
    assert udp.products == ()  # the widget needs 7000 over TCP only
    beta = explain(7103)
    assert beta.article is not None and beta.article.ports == "7100-7110"
    assert [p.ports[0].ports for p in beta.products] == ["7100-7105"]


def test_without_an_article_the_best_ranked_use_leads(mini_installed):
    r = explain(6995)
    assert r.article is None
    assert [k.id for k in r.known_uses] == ["old-worm"]
    assert "Old worm" not in str(r.summary)  # historic, rank 4: not a lead


def test_json_has_the_article_and_products_translated(mini_installed):
    data = explain(7000, "tcp").to_dict(_bn)
    article = data["article"]
    assert article["name"] == _bn("Alpha service (TCP)") != "Alpha service (TCP)"
    assert article["what"] == _bn("Alpha serves its clients.")
    assert article["transports_note"] is None and article["worry"] == "exposure"
    assert article["related"] == [{"port": 7443, "transports": ["tcp"],
                                   "note": _bn("Alpha over TLS.")}]  # fmt: skip
    assert data["friendly_name"] == _bn("Alpha service (TCP)")
    assert data["summary"].startswith(_bn("Port 7000/tcp is where Alpha servers accept clients."))
    assert data["known_uses"][0]["name"] == _bn("Alpha")
    assert data["known_uses"][0]["rank"] == 1
    (product,) = data["products"]
    assert product["name"] == _bn("Widget Suite")
    assert product["ports"][0]["role"] == _bn("Widget server")
    assert product["ports"][0]["direction"] == "inbound"


def test_cli_shows_the_article_and_products(mini_installed):
    text = render(explain(7000, "tcp"))
    assert "Alpha service (TCP)" in text and "worry: exposure" in text
    assert "What it is for: Alpha serves its clients." in text
    assert "CVEs: CVE-2099-0001" in text and "see 7443/tcp: Alpha over TLS." in text
    assert "Products that use it" in text and "Widget Suite" in text
    assert "[historic]" in text


def test_web_port_page_has_an_article_section(mini_installed):
    from portpedia.web.render import render_port_page

    page = render_port_page(7000)
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert 'id="article"' in page and "Alpha service (TCP)" in page
    assert "Alpha serves its clients." in page
    assert 'href="https://www.cve.org/CVERecord?id=CVE-2099-0001"' in page
    assert 'id="products"' in page and "Widget Suite" in page
    # A port with only a range article still gets its own page, not the shared one.
    assert "Beta media range" in render_port_page(7104)
    assert 'id="article"' not in render_port_page(7200)


def test_search_finds_articles_products_and_aliases(mini_installed):
    from portpedia.explain import search

    kinds = {(h.kind, h.name) for h in search("alpha protocol")}
    assert ("article", "Alpha service (TCP)") in kinds
    assert ("product", "Widget Suite") in {(h.kind, h.name) for h in search("widgets")}
    assert ("known-use", "Alpha") in {(h.kind, h.name) for h in search("alphad")}
    assert any(h.kind == "article" for h in search("CVE-2099-0001"))
