"""Bengali pages carry no English prose outside what may stay English: IANA's own
descriptions, source titles and product names (marked ``lang="en"``), and commands."""

from __future__ import annotations

import re

import html5lib
import pytest

# Words that only English prose has; a product or OS name hardly ever holds one.
STOPWORDS = frozenset("""
    the and of to is are for with this that your you it its on in be by or not from which
    what when where how can may will has have was were an as at if than then there these
    those into only also more most other some such use used uses using
""".split())  # fmt: skip  # noqa: SIM905
# Subtrees whose text is not the page's prose.
SKIP = {"script", "style", "pre", "code", "kbd", "samp", "title"}
WORD = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z'-]*(?![\w-])")


# Product names that the curated prose mentions without a record of their own.
PROSE_PRODUCT_NAMES = {"Outlook on the web"}


def _names() -> list[str]:
    """Product names, longest first: they may hold English words ("League of Legends")."""
    from portpedia.knowledge.index import products, uses

    names = {p.name for p in products()} | {u.name for u in uses()} | PROSE_PRODUCT_NAMES
    return sorted((n for n in names if WORD.search(n)), key=len, reverse=True)


NAMES = _names()

PAGES = [
    "/bn/",
    "/bn/ports/443",
    "/bn/ports/3389",
    "/bn/ports/60463",
    "/bn/ports?from=256",
    "/bn/ranges/system",
    "/bn/services",
    "/bn/services/ssh",
    "/bn/apps",
    "/bn/apps/kubernetes",
    "/bn/map",
    "/bn/ephemeral",
    "/bn/search?q=redis",
    "/bn/ports/70000",
]


def english_runs(html: str) -> list[str]:
    """Text runs of ``html`` that read as English prose, outside lang="en" and code."""
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    body = tree.find("body")
    found: list[str] = []

    def check(text: str | None) -> None:
        for name in NAMES:
            if name in (text or ""):
                text = (text or "").replace(name, " ")
        words = WORD.findall(text or "")
        # An acronym in capitals ("JBoss AS", "SAP NetWeaver AS ABAP") is a name, not prose.
        if len(words) >= 2 and any(w.lower() in STOPWORDS and not w.isupper() for w in words):
            found.append(" ".join((text or "").split())[:120])

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        lang = el.get("lang")
        shown = el.get("hidden") is None and el.get("id") != "sources"  # titles, publishers
        if tag not in SKIP and not (lang and lang != "bn") and shown:
            check(el.text)
            for child in el:
                walk(child)
        check(el.tail)

    for child in body:
        walk(child)
    return found


def test_the_check_finds_english() -> None:
    assert english_runs("<body><p>যা আছে Look up the port</p></body>")
    assert not english_runs('<body><p>পোর্ট <span lang="en">the web</span> Kubernetes</p></body>')
    assert not english_runs("<body><pre>sudo nft -f the file</pre></body>")


@pytest.mark.parametrize("path", PAGES)
def test_bengali_page_has_no_english_prose(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (200, 404), path
    assert english_runs(r.text) == [], path
