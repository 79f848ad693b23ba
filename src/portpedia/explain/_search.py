"""The one search behind the CLI, the website and the API.

A query is either a port in one of the forms people type (``443``, ``port 443``,
``:443``, ``tcp 22``, ``443/udp``) or words. Words are matched against an index built
once per process from IANA's service names and descriptions and the curated knowledge
(use names and aliases, article names and aliases, product names and aliases): exactly,
as a prefix, as a phrase written together ("mongo db"), as an acronym ("remote desktop
protocol" -> rdp), and, only when a word is nowhere in the index, as a misspelling
(rapidfuzz, imported on that path alone). Hits are ranked by how well they match and then
by prominence: an article, a curated rank, a well-known port, TCP/UDP before SCTP/DCCP
rows, rows without a port last. When nothing matches, :attr:`SearchResult.suggestions`
holds "did you mean" queries.
"""

from __future__ import annotations

import math
import os
import re
import sys
from array import array
from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from typing import Any, NamedTuple, overload

from portpedia.errors import InvalidPortError

__all__ = ["SearchHit", "SearchResult", "parse_query", "search"]

MAX_QUERY = 200
_TOKEN = re.compile(r"[^\W_]+")
_CVE = re.compile(r"cve-\d{4}-\d{4,}")
_PORT_FORM = re.compile(r"^:?([+-]?\w+(?:-\w+)?)(?:/(\w*))?$")
_TRANSPORTS = ("tcp", "udp", "sctp", "dccp")
# "পোর্ট" is the Bengali pages' word for port (locale/bn/glossary.toml).
_PORT_WORDS = frozenset({"port", "ports", "portnumber", "no", "number", "#", "পোর্ট"})
# Words that say little about which port is meant: they count when they match, but a hit
# need not contain them ("rdp port", "what port does ssh use").
_OPTIONAL = frozenset(
    {
        "a", "an", "and", "by", "default", "does", "do", "for", "in", "is", "my", "number",
        "numbers", "of", "on", "or", "port", "ports", "protocol", "service", "the", "to",
        "use", "used", "uses", "what", "whats", "which", "server", "listening", "open",
    }
)  # fmt: skip
_MAX_WORDS = 10  # distinct words of a query that are looked up
_MAX_FUZZY = 3  # of which at most this many as possible typos
_KIND_BONUS = {"iana": 0.0, "known-use": 0.5, "article": 2.0, "product": 0.5}


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

    @property
    def curated(self) -> bool:
        """Curated prose (translated by the faces); IANA's own text is not translated."""
        return self.kind != "iana"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "ports": self.ports or None,
            "transports": list(self.transports),
            "description": self.description,
            "kind": self.kind,
            "score": round(self.score, 2),
        }


class SearchResult(Sequence[SearchHit]):
    """The hits of a query, best first, and what the query meant.

    It is the sequence of its hits (``search("ssh")[0]``, ``for hit in search(q)``, as the
    list search used to return), with ``port`` and ``protocol`` set when the query names
    a port, and ``suggestions``: queries to offer when nothing matched, or the corrected
    query when the hits came through a correction ("did you mean").
    """

    __slots__ = ("hits", "port", "protocol", "query", "suggestions")

    def __init__(
        self,
        query: str,
        port: int | None,
        protocol: str | None,
        hits: tuple[SearchHit, ...],
        suggestions: tuple[str, ...] = (),
    ) -> None:
        self.query = query
        self.port = port
        self.protocol = protocol
        self.hits = hits
        self.suggestions = suggestions

    @overload
    def __getitem__(self, i: int) -> SearchHit: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[SearchHit, ...]: ...
    def __getitem__(self, i: int | slice) -> SearchHit | tuple[SearchHit, ...]:
        return self.hits[i]

    def __len__(self) -> int:
        return len(self.hits)

    def _key(self) -> tuple[Any, ...]:
        return (self.query, self.port, self.protocol, self.hits, self.suggestions)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SearchResult):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"SearchResult(query={self.query!r}, port={self.port!r}, "
            f"protocol={self.protocol!r}, hits={len(self.hits)}, "
            f"suggestions={self.suggestions!r})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "port": self.port,
            "protocol": self.protocol,
            "results": [h.to_dict() for h in self.hits],
            "suggestions": list(self.suggestions),
        }


class ParsedQuery(NamedTuple):
    port: int | None
    protocol: str | None
    words: tuple[str, ...]  # lower-case tokens, in order, port words and transports removed


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def parse_query(text: str) -> ParsedQuery:
    """Split ``text`` into a port (with its protocol) or words.

    Raises :class:`InvalidPortError` when the query is written as a port but is not one
    (``99999``, ``port 70000``, ``1-1024``), with the same message as everywhere else.
    """
    from portpedia.ports import parse_port

    raw = text.strip().casefold().split()[:40]
    protocol: str | None = None
    rest: list[str] = []
    for word in raw:
        word = word.strip("?!.,;\"'") or word
        if word in _TRANSPORTS and protocol is None:
            protocol = word
        elif word not in _PORT_WORDS:
            rest.append(word)
    # "what is port 3389": the filler around a port does not make it words.
    core = [w for w in rest if w not in _OPTIONAL] if len(rest) > 1 else rest
    if len(core) == 1:
        m = _PORT_FORM.match(core[0])
        if m and m.group(1).lstrip("+-")[:1].isdecimal():
            body, proto = m.group(1), m.group(2)
            if body.lstrip("+-").isdecimal() or re.fullmatch(r"\d+-\d+", body):
                spec = body if proto is None else f"{body}/{proto}"
                number, written = parse_port(spec, protocol)
                return ParsedQuery(number, written, ())
    if not rest and protocol:
        rest = [protocol]  # "tcp" alone is a word to look for
        protocol = None
    words = tuple(t for w in rest for t in ((w,) if _CVE.fullmatch(w) else _tokens(w)))
    return ParsedQuery(None, protocol, words)


# --- the index -------------------------------------------------------------------------


class _Doc(NamedTuple):
    kind: str
    name: str
    ports: str
    low: int | None
    transports: tuple[str, ...]
    description: str
    prominence: float
    names: tuple[str, ...]  # whole names and aliases, normalized ("remote desktop rdp")
    size: int  # how many tokens the shown name has (a hit covering all of it wins)


def _pairs(tokens: list[str]) -> list[str]:
    return [a + b for a, b in pairwise(tokens)]


def _acronym(tokens: list[str]) -> str:
    if not 3 <= len(tokens) <= 5 or not all(t[0].isalpha() for t in tokens):
        return ""
    return "".join(t[0] for t in tokens)


class _Builder:
    """Collects documents and their terms into postings: term -> ids of the documents."""

    def __init__(self) -> None:
        self.docs: list[_Doc] = []
        self.strong: dict[str, list[int]] = {}
        self.weak: dict[str, list[int]] = {}

    def add(
        self,
        kind: str,
        names: list[str],
        ports: str,
        low: int | None,
        transports: tuple[str, ...],
        description: str,
        prominence: float,
        weak_text: str,
        extra: tuple[str, ...] = (),
    ) -> None:
        i = len(self.docs)
        strong: set[str] = set(extra)
        normalized: list[str] = list(extra)
        size = 1
        for n, text in enumerate(names):
            toks = _tokens(text)
            if not toks:
                continue
            if n == 0:
                size = len(toks)
            normalized.append(" ".join(toks))
            strong.update(toks)
            if len(toks) > 1:
                strong.update(_pairs(toks))
                strong.add("".join(toks))
        weak = set(_tokens(weak_text))
        weak -= strong
        for t in strong:
            self.strong.setdefault(t, []).append(i)
        for t in weak:
            self.weak.setdefault(t, []).append(i)
        self.docs.append(
            _Doc(kind, names[0], ports, low, transports, description, prominence,
                 tuple(normalized), size)
        )  # fmt: skip


def _curated_entries() -> dict[str, list[dict[str, Any]]]:
    """The curated uses, articles and products: the one place search reads curated data.

    Each kind maps to plain dicts of its records (ids, ports, names, aliases, ranks), read
    from the knowledge index.
    """
    from portpedia import knowledge

    return {
        "use": [u._asdict() for u in knowledge.uses()],
        "article": [a._asdict() for a in knowledge.articles()],
        "product": [
            {**p._asdict(), "ports": [pp._asdict() for pp in p.ports]} for p in knowledge.products()
        ],
    }


def _range_weight(low: int | None) -> float:
    if low is None:
        return -12.0
    if low < 1024:
        return 4.0
    return 1.5 if low < 49152 else 0.0


def _port_text(low: int, high: int | None) -> str:
    return f"{low}-{high}" if high and high != low else str(low)


def _add_iana(b: _Builder, fame: dict[int, float]) -> None:
    from portpedia.explain.naming import is_alias
    from portpedia.registry import load

    groups: dict[tuple[str, str, str], list[Any]] = {}
    for e in load().entries:
        if e.service:
            groups.setdefault((e.service, e.port_text, e.description), []).append(e)
    for (service, ports, desc), rows in groups.items():
        first = rows[0]
        transports = tuple(sorted({e.transport for e in rows if e.transport}))
        # "domain", "Domain Name Server": the description spells the name out, so its
        # initials (dns) name the service too. Other descriptions' initials are noise.
        acronym = ""
        head = service.partition("-")[0].casefold()
        if desc[: len(head)].casefold() == head:
            acronym = _acronym(_tokens(desc))
        prominence = _range_weight(first.low) + fame.get(first.low or -1, 0.0)
        if transports and "tcp" not in transports and "udp" not in transports:
            prominence -= 6.0
        if first.is_range:
            prominence -= 2.0
        if any(e.notes and is_alias(e) for e in rows):
            prominence -= 3.0
        extra = (service.casefold(), acronym) if acronym else (service.casefold(),)
        b.add("iana", [service], ports, first.low, transports, desc, prominence, desc, extra)


def _registered_as(port: int, name: str) -> bool:
    """True when IANA registered ``port`` under a word of ``name`` (PostgreSQL on 5432)."""
    from portpedia.registry import load

    words = set(_tokens(name))
    return any(e.service and e.service.casefold() in words for e in load().at(port))


def _add_curated(
    b: _Builder, curated: dict[str, list[dict[str, Any]]], fame: dict[int, float]
) -> None:
    for u in curated["use"]:
        rank = int(u.get("rank", 3))
        prominence = (6 - rank) * 1.5 + _range_weight(u["port"]) + fame.get(u["port"], 0.0)
        if u.get("historic"):
            prominence -= 2.0
        # The registry and the curated data agree: the thing's own port, not a side one.
        if _registered_as(u["port"], u["name"]):
            prominence += 3.0
        b.add(
            "known-use", [u["name"], *u.get("aliases", ())], _port_text(u["port"], u.get("high")),
            u["port"], tuple(u["transports"]), u["summary"], prominence, u["summary"],
        )  # fmt: skip
    for a in curated["article"]:
        b.add(
            "article", [a["name"], *a.get("aliases", ())], _port_text(a["port"], a.get("high")),
            a["port"], tuple(a["transports"]), a["summary"], 8.0 + _range_weight(a["port"]),
            a["summary"] + " " + a.get("what", ""),
            tuple(c.casefold() for c in a.get("cves", ())),  # CVE-2019-0708, whole
        )  # fmt: skip
    for p in curated["product"]:
        by_port: dict[str, list[dict[str, Any]]] = {}
        for pp in p.get("ports", ()):
            by_port.setdefault(_port_text(pp["port"], pp.get("high")), []).append(pp)
        for i, (ports, rows) in enumerate(list(by_port.items())[:6]):
            low = rows[0]["port"]
            required = any(r.get("required") for r in rows)
            prominence = 3.0 - i * 0.5 + (0.5 if required else 0.0) + _range_weight(low)
            b.add(
                "product", [p["name"], *p.get("aliases", ())], ports, low,
                tuple(sorted({r["transport"] for r in rows})), rows[0]["purpose"], prominence,
                p["summary"] + " " + rows[0]["purpose"],
            )  # fmt: skip


def _packed(postings: dict[str, list[int]]) -> dict[str, bytes]:
    # Document ids as packed 32-bit integers: one bytes object per term, not one int
    # object per posting, which makes the cached index ~3x faster to load.
    return {t: array("I", ids).tobytes() for t, ids in postings.items()}


def _ids(postings: dict[str, bytes], term: str) -> Sequence[int]:
    packed = postings.get(term)
    return memoryview(packed).cast("I") if packed else ()


def _doc(index: _Index, i: int) -> _Doc:
    # A cached index keeps its documents as plain tuples (making 7,700 named tuples would
    # double its load time); the few a query touches become _Doc here.
    raw = index.docs[i]
    return raw if isinstance(raw, _Doc) else _Doc._make(raw)


class _Index(NamedTuple):
    docs: Sequence[tuple[Any, ...]]  # _Doc fields
    strong: dict[str, bytes]  # term -> ids of the documents whose names hold it (packed)
    weak: dict[str, bytes]  # term -> ids of the documents whose descriptions hold it
    vocab: list[str]  # every term, sorted (prefix look-ups)
    words: list[str]  # the alphabetic name terms (what a misspelling is corrected to)
    names: dict[str, str]  # normalized name -> how to show it ("did you mean")


def _build() -> _Index:
    curated = _curated_entries()
    # A port with an article, or a top-ranked curated use, is a port people look up.
    fame: dict[int, float] = {}
    for a in curated["article"]:
        fame[a["port"]] = fame.get(a["port"], 0.0) + 4.0
    for u in curated["use"]:
        if int(u.get("rank", 3)) <= 2:
            fame[u["port"]] = max(fame.get(u["port"], 0.0), 2.0)
    b = _Builder()
    _add_curated(b, curated, fame)
    _add_iana(b, fame)
    names: dict[str, str] = {}
    for d in b.docs:
        key = d.name.casefold()
        if key not in names or d.kind != "iana":
            names[key] = d.name
    vocab = sorted(b.strong.keys() | b.weak.keys())
    words = [t for t in b.strong if len(t) >= 3 and t.isalpha()]
    return _Index(b.docs, _packed(b.strong), _packed(b.weak), vocab, words, names)


# The index is built once per process and kept on disk beside the user's registry copy,
# keyed by everything it is built from, so that a CLI search does not rebuild it (parsing
# every IANA row and the curated TOML costs ~10x what reading the cached index does).
_FORMAT = 1
_CURATED_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "knowledge", "data")
_CACHE_NAME = "search-index.marshal"
_loaded: tuple[tuple[Any, Any], tuple[Any, ...], _Index] | None = None


def _curated_inputs() -> list[str]:
    """The files ``_curated_entries`` reads: a change to any of them rebuilds the index.

    The TOML, and the knowledge loader's compiled index when there is one.
    """
    compiled = os.path.join(os.path.dirname(_CURATED_DIR), "..", "data", "knowledge.index")
    out = [compiled] if os.path.isfile(compiled) else []
    for folder in ("uses", "articles", "products"):
        path = os.path.join(_CURATED_DIR, folder)
        if os.path.isdir(path):
            out += sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith(".toml"))
    return out


def _inputs_key(registry: Any) -> tuple[Any, ...]:
    from portpedia.registry import _shipped_file

    # This module too: a change to how the index is built must not meet an old cache.
    files = [__file__, registry.origin if os.path.isfile(registry.origin) else _shipped_file()]
    stats = []
    for f in files + _curated_inputs():
        st = os.stat(f)
        stats.append((f, st.st_size, st.st_mtime_ns))
    return (_FORMAT, sys.version_info[:2], registry.origin, registry.updated, tuple(stats))


def _cache_path() -> str:
    # The registry's os.path form of data_dir(): pathlib is ~7 ms a CLI search need not pay.
    from portpedia.registry import _data_dir

    return os.path.join(_data_dir(), _CACHE_NAME)


def _read_cache(key: tuple[Any, ...]) -> _Index | None:
    import gc
    import marshal

    try:
        with open(_cache_path(), "rb") as fh:
            raw = fh.read()  # marshal.load(fh) reads in tiny pieces: 15x slower
        collecting = gc.isenabled()
        gc.disable()  # tens of thousands of new objects, none of them garbage
        try:
            data = marshal.loads(raw)
        finally:
            if collecting:
                gc.enable()
        if data[0] != key:
            return None
        return _Index(*data[1:])  # documents stay plain tuples: see _doc()
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        return None


def _write_cache(key: tuple[Any, ...], index: _Index) -> None:
    import marshal
    import tempfile

    path = _cache_path()
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".search-index-", dir=os.path.dirname(path))
        with os.fdopen(fd, "wb") as fh:
            docs = [tuple(d) for d in index.docs]
            fh.write(marshal.dumps((key, docs, *index[1:])))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a read-only data directory: the next process builds the index again


def _index() -> _Index:
    """The index for the registry in use (rebuilt when it or the curated data change)."""
    global _loaded
    from portpedia import knowledge
    from portpedia.knowledge.index import INDEX
    from portpedia.registry import load

    sources = (load(), knowledge.load())
    if _loaded is not None and all(a is b for a, b in zip(_loaded[0], sources, strict=True)):
        return _loaded[2]
    key = (*_inputs_key(sources[0]), sources[1].origin)
    shipped = os.path.abspath(sources[1].origin) == os.path.abspath(INDEX)
    if _loaded is not None and _loaded[1] == key:
        index = _loaded[2]
    else:
        # Only the shipped knowledge base is worth a cache on disk; a test's is built anew.
        index = _read_cache(key) if shipped else None
        if index is None:
            index = _build()
            if shipped:
                _write_cache(key, index)
    _loaded = (sources, key, index)
    return index


# --- matching --------------------------------------------------------------------------


def _prefixed(vocab: list[str], word: str, limit: int = 60) -> list[str]:
    i = bisect_left(vocab, word)
    out = []
    while i < len(vocab) and vocab[i].startswith(word) and len(out) < limit:
        if vocab[i] != word:
            out.append(vocab[i])
        i += 1
    return out


def _fuzzy(word: str, index: _Index) -> list[tuple[str, float]]:
    """Name terms within a typo or two of ``word`` (rapidfuzz is imported only here)."""
    if sum(c.isalpha() for c in word) < 4:
        return []  # "ssh", "x11": too short to tell a typo from another name
    from rapidfuzz import fuzz, process

    cutoff = 82.0 if len(word) >= 6 else 75.0
    found = process.extract(word, index.words, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
    return [(term, 0.9 * score / 100) for term, score, _ in found]


def _expand(word: str, index: _Index, fuzzy: bool = True) -> tuple[list[tuple[str, float]], str]:
    """The terms ``word`` stands for, each with a quality 0-1, and its correction if any.

    A word the index holds stands for itself and the longer terms it begins; any other
    word also for the name terms it is a typo of ("postgress", "rediss").
    """
    if word in index.strong or word in index.weak:
        terms = [(word, 1.0)]
        if len(word) >= 3:
            terms.extend((t, 0.8) for t in _prefixed(index.vocab, word))
        return terms, ""
    terms = [(t, 0.8) for t in _prefixed(index.vocab, word)] if len(word) >= 3 else []
    close = _fuzzy(word, index) if fuzzy else []
    best = max(close, key=lambda tq: tq[1], default=("", 0.0))
    return terms + close, best[0] if best[1] > 0.8 or not terms else ""


def _join_pairs(words: list[str], index: _Index) -> list[str]:
    """Words written apart that the index knows written together: "mongo db" -> mongodb."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and (words[i] + words[i + 1]) in index.strong:
            out.append(words[i] + words[i + 1])
            i += 2
        else:
            out.append(words[i])
            i += 1
    return out


def _matches(index: _Index, terms: list[tuple[str, float]]) -> dict[int, tuple[float, float]]:
    """doc -> (points, strong quality) for the best of ``terms`` in each document."""
    found: dict[int, tuple[float, float]] = {}
    for term, q in terms:
        for i in _ids(index.weak, term):
            if found.get(i, (0.0, 0.0))[0] < 3 * q:
                found[i] = (3 * q, 0.0)
        for i in _ids(index.strong, term):
            if found.get(i, (0.0, 0.0))[0] < 10 * q:
                found[i] = (10 * q, q)
    return found


def _suggest(phrase: str, index: _Index, limit: int = 5) -> tuple[str, ...]:
    """Names close to ``phrase``, for "did you mean" when nothing matched."""
    if len(phrase) < 3:
        return ()
    from rapidfuzz import fuzz, process

    keys = [k for k in index.names if len(k) >= 3]
    found = process.extract(phrase, keys, scorer=fuzz.ratio, score_cutoff=60, limit=limit * 3)
    out: dict[str, None] = {}
    for key, _, _ in found:
        out.setdefault(index.names[key], None)
    return tuple(list(out)[:limit])


def _text_search(parsed: ParsedQuery, limit: int) -> tuple[tuple[SearchHit, ...], tuple[str, ...]]:
    index = _index()
    # Each distinct word costs look-ups (a typo a rapidfuzz pass): a 200-character query
    # of 40 nonsense words must not cost more than a page.
    words = list(dict.fromkeys(parsed.words))[:_MAX_WORDS]
    if not words:
        return (), ()
    # A number beside words ("ssh 22", "minecraft 25565") favours hits on that port.
    numbers = {int(w) for w in words if w.isdecimal() and len(w) <= 5 and int(w) <= 65535}
    if numbers and len(numbers) < len(set(words)):
        words = [w for w in words if not (w.isdecimal() and int(w) in numbers)]
    else:
        numbers = set()
    optional = [w for w in words if w in _OPTIONAL]
    required = [w for w in words if w not in _OPTIONAL]
    if not required:
        required, optional = words, []
    acronym = _acronym(words)
    acronym_docs = set(_ids(index.strong, acronym)) if acronym else set()
    spaced = " ".join(required)  # before "mongo db" becomes mongodb
    required = _join_pairs(required, index)
    matched: list[dict[int, tuple[float, float]]] = []
    candidates: set[int] | None = None
    corrected: list[str] = []
    fuzzy_left = _MAX_FUZZY
    for word in required:
        terms, correction = _expand(word, index, fuzzy_left > 0)
        if word not in index.strong and word not in index.weak:
            fuzzy_left -= 1
        corrected.append(correction or word)
        found = _matches(index, terms)
        matched.append(found)
        ids = found.keys() | acronym_docs
        candidates = set(ids) if candidates is None else candidates & ids
    if not candidates and len(required) >= 2:
        # "wireguard vpn", "tight vnc": rather than nothing, what matches all words but one.
        counts: dict[int, int] = {}
        for found in matched:
            for i in found:
                counts[i] = counts.get(i, 0) + 1
        candidates = {i for i, c in counts.items() if c >= len(required) - 1}
        # The rarer word is the likelier subject ("wireguard" over "vpn"), and a word
        # found only as a typo of something else counts for less.
        rarest = min(len(f) for f in matched if f) if any(matched) else 1
        weights = [
            (0.0 if not f else (1 + math.log(rarest + 1)) / (1 + math.log(len(f) + 1)))
            * (0.5 if fixed != word else 1.0)
            for f, fixed, word in zip(matched, corrected, required, strict=True)
        ]
        corrected = list(required)  # no "did you mean" built on a word that was dropped
    else:
        weights = [1.0] * len(matched)
    optional_found = [_matches(index, [(w, 1.0)]) for w in optional]
    phrase = " ".join(required)
    hits: list[SearchHit] = []
    for i in candidates or ():
        d = _doc(index, i)
        score = covered = 0.0
        for found, weight in zip(matched, weights, strict=True):
            points, strong_q = found.get(i, (0.0, 0.0))
            score += points * weight
            covered += strong_q
        for found in optional_found:
            score += found.get(i, (0.0, 0.0))[0] / 2
        if phrase in d.names or spaced in d.names:
            score += 15
        elif any(f" {spaced} " in f" {n} " or n.startswith(phrase) for n in d.names):
            score += 3  # the words as a run in a name: "Microsoft SQL Server"
        if i in acronym_docs:
            score += 12
            covered = d.size
        score += 4 * min(1.0, covered / d.size)
        if parsed.protocol and d.transports:
            score += 3 if parsed.protocol in d.transports else -5
        if numbers and d.low is not None:
            high = int(d.ports.rsplit("-", 1)[-1])
            score += 20 if any(d.low <= n <= high for n in numbers) else 0
        score = max(0.1, score + d.prominence + _KIND_BONUS[d.kind])
        hits.append(SearchHit(d.name, d.ports, d.transports, d.description, d.kind, score))
    # Rows without a port answer no "which port?": they come last, whatever their score.
    hits.sort(key=lambda h: (h.port is None, -h.score, h.port or 0, h.kind, h.name))
    if not hits:
        return (), _suggest(" ".join(words), index)
    fixed = " ".join(corrected)
    suggestions = (fixed,) if fixed != phrase else ()
    return tuple(hits[:limit]), suggestions


def _port_hits(port: int, protocol: str | None, limit: int) -> tuple[SearchHit, ...]:
    index = _index()
    hits = []
    for i, raw in enumerate(index.docs):
        low = raw[3]  # _Doc.low
        if low is None or low > port:
            continue
        d = _doc(index, i)
        high = int(d.ports.split("-")[-1])
        if port <= high and (not protocol or not d.transports or protocol in d.transports):
            exact = 10.0 if low == high else 0.0
            hits.append(
                SearchHit(
                    d.name, d.ports, d.transports, d.description, d.kind,
                    max(0.1, exact + d.prominence + _KIND_BONUS[d.kind]),
                )
            )  # fmt: skip
    hits.sort(key=lambda h: (-h.score, h.kind, h.name))
    return tuple(hits[:limit])


def search(query: str, limit: int = 20) -> SearchResult:
    """Search for ``query``: a port in any usual form, or words (see the module doc).

    Raises :class:`InvalidPortError` for a query written as a port that is not one.
    """
    text = query[:MAX_QUERY]
    parsed = parse_query(text)
    if parsed.port is not None:
        hits = _port_hits(parsed.port, parsed.protocol, limit)
        return SearchResult(text, parsed.port, parsed.protocol, hits)
    hits, suggestions = _text_search(parsed, limit)
    return SearchResult(text, None, parsed.protocol, hits, suggestions)


def close_hits(query: str, limit: int = 5) -> tuple[SearchHit, ...]:
    """The hits with a port that score near the best one: answers, not mere mentions.

    For a name that leads nowhere by itself (a service registered without a port, a
    word that is no IANA name): ``rdp`` -> 3389, ``vnc`` -> 5900.
    """
    try:
        hits = [h for h in search(query, 20).hits if h.port is not None]
    except InvalidPortError:
        return ()
    return tuple(h for h in hits if h.score >= 0.6 * hits[0].score)[:limit] if hits else ()
