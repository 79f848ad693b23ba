"""How much of a famous port's page is boilerplate: the share of its sentences that also
stand, word for word, on ordinary port pages (issue 13: goal at most half).

    .venv/bin/python benchmarks/page_sentences.py [--lang en] [--ordinary 30] [--json]

A page's sentences are the text of its <main>, without code blocks and navigation, split
at block elements and after ".", "!", "?" or "।"; fragments under four words (headings,
labels, table cells) are left out. The ordinary pages are a fixed sample of ports without
a curated article. Pages are rendered in-process with portpedia.web.render, exactly as the
server and the export render them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from html.parser import HTMLParser

FAMOUS = (22, 53, 80, 443, 445, 3306, 3389, 5432, 5900, 6001)
_BLOCKS = {"p", "li", "dt", "dd", "h1", "h2", "h3", "td", "th", "tr", "div", "section",
           "header", "footer", "ul", "ol", "dl", "table", "form", "label", "br"}  # fmt: skip
_SKIP = {"pre", "code", "nav", "script", "style", "sup", "h1", "h2", "h3"}
_SPLIT = re.compile(r"(?<=[.!?।])\s+")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0  # inside <main>
        self.skip = 0
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        if tag in _SKIP or (tag == "ol" and ("class", "sources") in attrs):
            self.skip += 1
            self.skipping.append(tag)
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        if self.skipping and tag == self.skipping[-1]:
            self.skip -= 1
            self.skipping.pop()
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.parts.append(data)


def sentences(html: str) -> list[str]:
    """The sentences a visitor reads in a page's <main>, in order."""
    parser = _Text()
    parser.feed(html)
    out = []
    for block in "".join(parser.parts).split("\n"):
        for s in _SPLIT.split(" ".join(block.split())):
            if len(s.split()) >= 4:
                out.append(s)
    return out


def ordinary_ports(count: int, seed: int = 13) -> list[int]:
    from portpedia import knowledge

    base = knowledge.load()
    rng = random.Random(seed)
    picked: list[int] = []
    while len(picked) < count:
        port = rng.randrange(0, 65536)
        if base.article_for(port, None) is None and port not in picked:
            picked.append(port)
    return picked


def shared_share(port: int, ordinary: dict[int, set[str]], lang: str) -> tuple[float, int, int]:
    """(share, shared sentences, all sentences) of ``port``'s page."""
    from portpedia.web.render import render_port_page

    own = sentences(render_port_page(port, lang))
    common = set().union(*ordinary.values())
    shared = [s for s in own if s in common]
    return (len(shared) / len(own) if own else 0.0), len(shared), len(own)


def main(argv: list[str] | None = None) -> int:
    from portpedia.web.render import render_port_page

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en")
    parser.add_argument("--ordinary", type=int, default=30, help="ordinary pages to compare")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, help="print the shared sentences of this port")
    args = parser.parse_args(argv)
    sample = ordinary_ports(args.ordinary)
    ordinary = {p: set(sentences(render_port_page(p, args.lang))) for p in sample}
    rows = {p: shared_share(p, ordinary, args.lang) for p in FAMOUS}
    if args.show is not None:
        common = set().union(*ordinary.values())
        for s in sentences(render_port_page(args.show, args.lang)):
            print(("SHARED " if s in common else "own    ") + s)
        return 0
    if args.json:
        print(json.dumps({"lang": args.lang, "ordinary": sample,
                          "ports": {p: {"share": round(r[0], 3), "shared": r[1], "sentences": r[2]}
                                    for p, r in rows.items()}}, indent=2))  # fmt: skip
        return 0
    print(f"ordinary sample ({len(sample)} ports without an article, seed 13)")
    print("| port | sentences | also on ordinary pages | share |")
    print("|---:|---:|---:|---:|")
    for p, (share, shared, total) in rows.items():
        print(f"| {p} | {total} | {shared} | {share:.0%} |")
    worst = max(r[0] for r in rows.values())
    print(f"\nhighest share: {worst:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
