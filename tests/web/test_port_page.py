"""The answer-first port page (issue 13): order, titles and sharing, no repeated text,
the firewall rules, the compact ephemeral facts."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import html5lib
import pytest

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from page_sentences import sentences


def _positions(html: str, ids: list[str]) -> list[int]:
    found = []
    for i in ids:
        at = html.find(f'id="{i}"')
        assert at >= 0, i
        found.append(at)
    return found


def test_famous_port_answers_first(client) -> None:
    html = client.get("/ports/3389").text
    html5lib.HTMLParser(strict=True).parse(html)
    order = ["summary", "worry", "article", "machine", "likely", "check", "products",
             "firewall", "iana", "range", "security", "related", "sources", "feedback"]  # fmt: skip
    at = _positions(html, order)
    assert at == sorted(at), [i for _, i in sorted(zip(at, order, strict=True))]
    # The main warning is the article's advice, in the answer.
    worry = html[html.find('id="worry"') : html.find('id="article"')]
    assert "Never expose 3389 directly to the internet" in worry
    assert "Should I worry?" in worry
    assert re.search(
        r"<h1>Port 3389<span class=\"h1-context\"><span class=\"visually-hidden\">: </span>"
        r"Remote Desktop \(RDP\)</span></h1>",
        html,
    )


def test_ordinary_port_keeps_its_order(client) -> None:
    html = client.get("/ports/60463").text
    at = _positions(
        html, ["summary", "machine", "check", "firewall", "iana", "range", "security", "sources"]
    )
    assert at == sorted(at)
    assert 'id="worry"' not in html and 'id="article"' not in html


def test_titles_description_and_opengraph(client) -> None:
    html = client.get("/ports/3389").text
    title = "Port 3389 (RDP): Remote Desktop, what it is and whether it is safe"
    assert f"<title>{title} · portpedia</title>" in html
    summary = re.search(r'<p class="lead" id="summary">([^<]*)</p>', html)[1]
    assert f'<meta name="description" content="{summary}">' in html
    assert f'<meta property="og:title" content="{title}">' in html
    assert f'<meta property="og:description" content="{summary}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(r'<meta property="og:url" content="http[^"]*/ports/3389">', html)
    # Without an article, the best-known use names the page; without either, the number.
    plain = client.get("/ports/60463").text
    assert "<title>Port 60463 · portpedia</title>" in plain
    bn = client.get("/bn/ports/3389").text
    t = re.search(r"<title>([^<]*)</title>", bn)[1]
    assert t.startswith("পোর্ট 3389") and "what it is" not in t


def test_friendly_title_without_article(client) -> None:
    from portpedia import knowledge
    from portpedia.explain import explain

    base = knowledge.load()
    port = next(
        p for p in range(1024, 20000)
        if base.article_for(p, None) is None and explain(p).friendly_name
    )  # fmt: skip
    html = client.get(f"/ports/{port}").text
    assert re.search(
        rf"<title>Port {port}: [^<]+, what it is and what uses it · portpedia</title>", html
    )


@pytest.mark.parametrize("port", [3389, 6001, 22, 443, 5900])
def test_no_sentence_twice(client, port: int) -> None:
    for path in (f"/ports/{port}", f"/bn/ports/{port}"):
        html = client.get(path).text
        # IANA's rows repeat their description once per transport: reference data, as
        # published, not the page's prose.
        start = html.find('<section id="iana"')
        html = html[:start] + html[html.find("</section>", start) :]
        seen = sentences(html)
        repeated = {s for s in seen if seen.count(s) > 1}
        assert not repeated, (path, repeated)


def test_firewall_rules_both_ways(client) -> None:
    html = client.get("/ports/3389").text
    part = html[html.find('id="firewall"') : html.find('id="iana"')]
    for tool in ("nftables", "iptables", "ufw", "firewalld", "windows", "pf"):
        assert f'id="fw-{tool}-allow"' in part and f'id="fw-{tool}-deny"' in part, tool
        assert f'data-copy="fw-{tool}-allow"' in part
    assert "New-NetFirewallRule" in part and "ufw allow" in part and "ufw prepend deny" in part
    assert "dangerous to expose to the internet" in part  # the plan's warning
    assert "portpedia firewall 3389 --allow --from 192.168.1.0/24" in part
    # Every scrollable block is reachable by keyboard and named.
    for pre in re.findall(r"<pre[^>]*>", html):
        assert 'tabindex="0"' in pre and "aria-label=" in pre, pre
    quiet = client.get("/ports/443").text
    assert "dangerous to expose" not in quiet[quiet.find('id="firewall"') : quiet.find('id="iana"')]
    # Port 0 takes no rule: the section says why instead.
    zero = client.get("/ports/0").text
    assert "port 0 cannot be opened or closed" in zero and 'id="fw-ufw-allow"' not in zero


def test_products_after_this_machine(client) -> None:
    html = client.get("/ports/3389").text
    part = html[html.find('id="products"') : html.find('id="firewall"')]
    assert re.search(r'<li class="note" data-app="[a-z0-9-]+"><strong>', part)


def test_ephemeral_facts_compact(client) -> None:
    html = client.get("/ports/443").text
    part = html[html.find('id="range"') : html.find('id="security"')]
    assert "No common operating system picks port 443" in part
    assert "<table" not in part
    dyn = client.get("/ports/60463").text
    part = dyn[dyn.find('id="range"') : dyn.find('id="security"')]
    assert '<table class="ephemeral stack">' in part
    assert ">no<" not in part  # only the systems that hand it out
    assert 'data-label="Setting"' in part
