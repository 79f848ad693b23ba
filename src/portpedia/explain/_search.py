"""Ranked text search over service names, IANA descriptions and curated uses."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from portpedia.registry import load

_WORD = re.compile(r"[\w+.-]+")


class SearchHit(NamedTuple):
    name: str
    ports: str
    transports: tuple[str, ...]
    description: str
    kind: str  # "iana", "known-use", "article" or "product"
    score: float

    @property
    def port(self) -> int | None:
        head = self.ports.split("-")[0]
        return int(head) if head else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ports": self.ports or None,
            "transports": list(self.transports),
            "description": self.description,
            "kind": self.kind,
            "score": round(self.score, 2),
        }


def _score(words: list[str], phrase: str, name: str, text: str) -> float:
    name_l = name.lower()
    text_l = text.lower()
    if not all(w in name_l or w in text_l for w in words):
        return 0.0
    score = 0.0
    if name_l == phrase:
        score += 100
    elif name_l.startswith(phrase):
        score += 60
    elif phrase in name_l:
        score += 40
    if phrase in text_l:
        score += 25
    # Whole-word matches beat substrings ("rdp" should not rank "wordpress" first).
    text_words = set(_WORD.findall(text_l)) | {name_l}
    score += sum(10 for w in words if w in text_words)
    return score


def search(query: str, limit: int = 20) -> list[SearchHit]:
    """Entries matching every word of ``query``, best first; grouped by name and port."""
    phrase = " ".join(query.lower().split())[:200]
    words = _WORD.findall(phrase)
    if not words:
        return []
    groups: dict[tuple[str, str, str], list[str]] = {}
    scores: dict[tuple[str, str, str], float] = {}
    for e in load().entries:
        if not e.service:
            continue
        s = _score(words, phrase, e.service, e.description)
        if s and e.low is None:
            s -= 20  # a name with no port rarely answers "which port is it?"
        if s > 0:
            key = (e.service, e.port_text, e.description)
            groups.setdefault(key, []).append(e.transport)
            scores[key] = s
    hits = [
        SearchHit(name, ports, tuple(t for t in ts if t), desc, "iana", scores[(name, ports, desc)])
        for (name, ports, desc), ts in groups.items()
    ]
    from portpedia.knowledge import index

    base = index.load()
    for u in base.uses():
        text = " ".join((u.summary, *u.aliases))
        s = _score(words, phrase, u.name, text)
        if s:
            hits.append(SearchHit(u.name, u.ports, u.transports, u.summary, "known-use",
                                  s + 6 - u.rank))  # fmt: skip
    for a in base.articles():
        text = " ".join((a.summary, a.what, *a.aliases, *a.cves))
        s = _score(words, phrase, a.name, text)
        if s:
            hits.append(SearchHit(a.name, a.ports, a.transports, a.summary, "article", s + 8))
    for p in base.products():
        text = " ".join((p.summary, *p.aliases))
        s = _score(words, phrase, p.name, text)
        if s:
            first = p.ports[0] if p.ports else None
            ports = first.ports if first else ""
            transports = tuple(dict.fromkeys(e.transport for e in p.ports))
            hits.append(SearchHit(p.name, ports, transports, p.summary, "product", s + 4))
    # Assigned ports beat name-only rows; low numbers win ties as the likelier answer.
    hits.sort(key=lambda h: (-h.score, h.port is None, h.port or 0, h.name))
    return hits[:limit]
