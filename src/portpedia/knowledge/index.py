"""The curated knowledge as typed records, read from a compact index built from the TOML.

Reading every TOML file with :mod:`tomllib` on each lookup would cost far more than the
whole CLI budget, so ``knowledge/data`` is compiled once (``make knowledge``, or
``python -m portpedia.knowledge.index``) into ``data/knowledge.index``, shipped in the
package like the IANA snapshot. A test checks that the shipped index is exactly what the
build makes from the shipped TOML.

The index file is a header line, a directory and blobs, each written with
:mod:`marshal` format 0 (deterministic, no interning or references, and built into the
interpreter, so reading costs no import). The directory maps every single port to the
blob of the records that name it, lists each range record's blob, and points at each
source and product; the shipped file is read with ``os.pread``, so a lookup reads and
unmarshals only the directory and what it needs.

Lookups (all return records from :mod:`.model`): :func:`uses_for`, :func:`article_for`,
:func:`articles_for`, :func:`products_for`, :func:`product`, :func:`products`,
:func:`source`, :func:`sources`, and :func:`uses` / :func:`articles` for everything.
"""

from __future__ import annotations

import marshal
import os
from typing import TYPE_CHECKING, Any

from portpedia.errors import KnowledgeError
from portpedia.knowledge.model import Source, UnofficialUse

if TYPE_CHECKING:
    from pathlib import Path

    from portpedia.knowledge.model import Article, Product

__all__ = [
    "INDEX",
    "MAGIC",
    "KnowledgeBase",
    "article_for",
    "articles",
    "articles_for",
    "build",
    "install",
    "load",
    "product",
    "products",
    "products_for",
    "source",
    "sources",
    "uses",
    "uses_for",
]

MAGIC = b"#portpedia-knowledge-index 1"
_HEADER = 64  # the magic line, padded: "<magic> <directory length>\n"
INDEX = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data",
                     "knowledge.index")  # fmt: skip
# marshal format 0 has no references and no interning, so the same data always makes the
# same bytes (the newer formats depend on reference counts); later Pythons still read it.
_FORMAT = 0


# --- building -----------------------------------------------------------------------------


def _t(value: Any) -> tuple[Any, ...]:
    return tuple(value) if value else ()


def _use(table: dict[str, Any]) -> tuple[Any, ...]:
    return (table["port"], _t(table["transports"]), table["name"], table["summary"],
            _t(table["sources"]), table.get("risk", ""), table.get("high"), table["id"],
            table["rank"], bool(table.get("historic", False)),
            _t(table.get("aliases")))  # fmt: skip


def _article(table: dict[str, Any]) -> tuple[Any, ...]:
    related = tuple(
        (r["port"], _t(r.get("transports", ["tcp"])), r["note"]) for r in table.get("related", [])
    )
    return (table["port"], table.get("high"), _t(table["transports"]), table["name"],
            table["summary"], table["worry"], table["what"], table["who"],
            table.get("transports_note", ""), table["listening"], table["outgoing"],
            table["security"], table.get("advice", ""), table.get("history", ""),
            _t(table.get("cves")), related, _t(table.get("aliases")),
            _t(table["sources"]))  # fmt: skip


def _product(table: dict[str, Any]) -> tuple[Any, ...]:
    ports = tuple(
        (p["port"], p.get("high"), p["transport"], p["direction"], p["role"], p["purpose"],
         bool(p["required"]), _t(p["sources"]))
        for p in table["ports"]
    )  # fmt: skip
    return (table["id"], table["name"], table["group"], table["summary"],
            _t(table.get("aliases")), _t(table["sources"]), ports)  # fmt: skip


def build(data: Path | None = None) -> bytes:
    """The index for the TOML under ``data`` (the shipped ``knowledge/data`` by default).

    Raises :class:`KnowledgeError` when the data breaks the schema (translations are
    not checked here: the test suite and ``python -m portpedia.knowledge.schema`` do that).
    """
    from pathlib import Path

    from portpedia.knowledge import schema

    data = data or schema.DATA
    problems = schema.validate(data, Path(os.devnull))
    if problems:
        raise KnowledgeError(
            f"{len(problems)} problem(s) in {data}, first: " + "; ".join(problems[:3])
        )
    tables = schema.load_tables(data)
    # Per single port / per range record: [uses (seq, record)], [articles], [product ids].
    singles: dict[int, tuple[list[Any], list[Any], list[str]]] = {}
    ranges: list[tuple[int, int, tuple[list[Any], list[Any], list[str]]]] = []

    def slot(port: int, high: int | None) -> tuple[list[Any], list[Any], list[str]]:
        if high is None:
            return singles.setdefault(port, ([], [], []))
        entry: tuple[list[Any], list[Any], list[str]] = ([], [], [])
        ranges.append((port, high, entry))
        return entry

    for seq, (_where, table) in enumerate(tables["use"]):
        slot(table["port"], table.get("high"))[0].append((seq, _use(table)))
    for seq, (_where, table) in enumerate(tables["article"]):
        slot(table["port"], table.get("high"))[1].append((seq, _article(table)))
    product_blobs: dict[str, tuple[Any, ...]] = {}
    for _where, table in tables["product"]:
        product_blobs[table["id"]] = _product(table)
        seen: set[tuple[int, int | None]] = set()
        for p in table["ports"]:
            key = (p["port"], p.get("high"))
            if key not in seen:
                seen.add(key)
                ids = slot(*key)[2]
                if table["id"] not in ids:
                    ids.append(table["id"])
    source_rows = [
        (t["id"], t["title"], t["url"], t.get("publisher", "")) for _w, t in tables["source"]
    ]
    body = bytearray()

    def put(value: Any) -> tuple[int, int]:
        blob = marshal.dumps(value, _FORMAT)
        at = len(body)
        body.extend(blob)
        return at, len(blob)

    def frozen(entry: tuple[list[Any], list[Any], list[str]]) -> tuple[Any, ...]:
        return tuple(tuple(part) for part in entry)

    directory = {
        "ports": {port: put(frozen(singles[port])) for port in sorted(singles)},
        "ranges": tuple((low, high, *put(frozen(entry))) for low, high, entry in ranges),
        # One blob per source: a report cites a dozen of the hundreds.
        "sources": {row[0]: put(row) for row in source_rows},
        "products": {pid: put(product_blobs[pid]) for pid in product_blobs},
        "counts": {"uses": len(tables["use"]), "articles": len(tables["article"]),
                   "products": len(tables["product"]),
                   "sources": len(tables["source"])},
    }  # fmt: skip
    head = marshal.dumps(directory, _FORMAT)
    line = MAGIC + b" " + str(len(head)).encode()
    return line.ljust(_HEADER - 1) + b"\n" + head + bytes(body)


def write(path: str = INDEX, data: Path | None = None) -> int:
    blob = build(data)
    with open(path, "wb") as fh:
        fh.write(blob)
    return len(blob)


# --- reading ------------------------------------------------------------------------------


def _use_record(t: tuple[Any, ...]) -> UnofficialUse:
    return UnofficialUse(*t)


def _article_record(t: tuple[Any, ...]) -> Article:
    from portpedia.knowledge._records import Article, Related

    values = list(t)
    values[15] = tuple(Related(*r) for r in values[15])
    return Article(*values)


def _product_record(t: tuple[Any, ...]) -> Product:
    from portpedia.knowledge._products import Product, ProductPort

    return Product(*t[:6], tuple(ProductPort(*p) for p in t[6]))


class KnowledgeBase:
    """One index file, read on demand. :func:`load` gives the shipped one."""

    def __init__(self, blob: bytes, origin: str = "index", *, fd: int | None = None) -> None:
        """``blob`` is the whole index; or its head (header and directory) with ``fd``, an
        open file the blobs are read from as needed."""
        if not blob.startswith(MAGIC) or len(blob) < _HEADER:
            raise KnowledgeError(f"{origin}: not a portpedia knowledge index")
        try:
            size = int(blob[len(MAGIC) : _HEADER].strip())
            if len(blob) < _HEADER + size:
                raise EOFError("the directory is cut short")
            self._dir: dict[str, Any] = marshal.loads(blob[_HEADER : _HEADER + size])
        except (ValueError, EOFError, TypeError) as exc:
            raise KnowledgeError(f"{origin}: damaged knowledge index ({exc})") from None
        self.origin = origin
        self._body = _HEADER + size
        self._fd = fd
        self._blob = memoryview(blob)[self._body :]
        self._sources: dict[str, Source] = {}
        self._products: dict[str, Product] = {}
        self._uses: dict[int, tuple[UnofficialUse, ...]] = {}  # the local room labels many
        self._all_uses: tuple[UnofficialUse, ...] | None = None  # search reads them all
        self._all_articles: tuple[Article, ...] | None = None

    @classmethod
    def open(cls, path: str) -> KnowledgeBase:
        """The index file at ``path``, of which a lookup reads only what it needs.

        The file stays open; blobs are read with ``os.pread``, which moves no shared file
        offset, so threads and forked workers may read at once. Where ``os.pread`` is
        missing (Windows) the whole file is read up front.
        """
        if not hasattr(os, "pread"):
            with open(path, "rb") as fh:
                return cls(fh.read(), path)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            head = os.pread(fd, _HEADER, 0)
            try:
                size = int(head[len(MAGIC) :].strip()) if head.startswith(MAGIC) else 0
            except ValueError:
                size = 0
            head += os.pread(fd, size, _HEADER)
            return cls(head, path, fd=fd)
        except BaseException:
            os.close(fd)
            raise

    @classmethod
    def from_data(cls, data: Path) -> KnowledgeBase:
        """A knowledge base built in memory from a folder of TOML (tests, previews)."""
        return cls(build(data), str(data))

    def _at(self, where: tuple[int, int]) -> Any:
        at, size = where
        if self._fd is not None:
            return marshal.loads(os.pread(self._fd, size, self._body + at))
        return marshal.loads(self._blob[at : at + size])

    def _slots(self, port: int) -> list[tuple[Any, ...]]:
        found = []
        where = self._dir["ports"].get(port)
        if where is not None:
            found.append(self._at(where))
        for low, high, at, size in self._dir["ranges"]:
            if low <= port <= high:
                found.append(self._at((at, size)))
        return found

    @property
    def counts(self) -> dict[str, int]:
        return dict(self._dir["counts"])

    def uses_for(self, port: int) -> tuple[UnofficialUse, ...]:
        """Every use whose port or range covers ``port``: by rank, then file order."""
        known = self._uses.get(port)
        if known is None:
            found = [u for slot in self._slots(port) for u in slot[0]]
            found.sort(key=lambda u: (u[1][8], u[0]))
            known = self._uses[port] = tuple(_use_record(u) for _seq, u in found)
        return known

    def articles_for(self, port: int) -> tuple[Article, ...]:
        """Articles covering ``port``: the port's own before ranges, then file order."""
        found = [(a[1][1] is not None, a[0], a[1]) for s in self._slots(port) for a in s[1]]
        found.sort(key=lambda a: (a[0], a[1]))
        return tuple(_article_record(a) for _r, _seq, a in found)

    def article_for(self, port: int, transport: str | None = None) -> Article | None:
        """The article for ``port`` (and ``transport``, when given), or None."""
        for article in self.articles_for(port):
            if transport is None or transport in article.transports:
                return article
        return None

    def products_for(self, port: int) -> tuple[Product, ...]:
        """Products with a port entry covering ``port``, in file order."""
        ids = dict.fromkeys(pid for slot in self._slots(port) for pid in slot[2])
        order = list(self._dir["products"])
        return tuple(self.product(pid) for pid in sorted(ids, key=order.index))

    def product(self, product_id: str) -> Product:
        """The product with that id; KeyError if there is none."""
        found = self._products.get(product_id)
        if found is None:
            found = _product_record(self._at(self._dir["products"][product_id]))
            self._products[product_id] = found
        return found

    def products(self) -> tuple[Product, ...]:
        return tuple(self.product(pid) for pid in self._dir["products"])

    def source(self, source_id: str) -> Source:
        """The source with that id; KeyError if there is none."""
        found = self._sources.get(source_id)
        if found is None:
            found = self._sources[source_id] = Source(*self._at(self._dir["sources"][source_id]))
        return found

    def sources(self) -> tuple[Source, ...]:
        """Every source, in file order."""
        return tuple(self.source(sid) for sid in self._dir["sources"])

    def _everything(self, part: int) -> list[tuple[int, Any]]:
        found = [r for where in self._dir["ports"].values() for r in self._at(where)[part]]
        found += [r for _l, _h, at, size in self._dir["ranges"] for r in self._at((at, size))[part]]
        found.sort(key=lambda r: r[0])
        return found

    def uses(self) -> tuple[UnofficialUse, ...]:
        """Every use, in file order."""
        if self._all_uses is None:
            self._all_uses = tuple(_use_record(u) for _seq, u in self._everything(0))
        return self._all_uses

    def articles(self) -> tuple[Article, ...]:
        """Every article, in file order."""
        if self._all_articles is None:
            self._all_articles = tuple(_article_record(a) for _seq, a in self._everything(1))
        return self._all_articles


_shipped: KnowledgeBase | None = None


def load(path: str | None = None) -> KnowledgeBase:
    """The shipped knowledge base (read once), or the index file at ``path``."""
    global _shipped
    if path is not None:
        with open(path, "rb") as fh:
            return KnowledgeBase(fh.read(), path)
    if _shipped is None:
        try:
            _shipped = KnowledgeBase.open(INDEX)
        except OSError as exc:
            raise KnowledgeError(
                f"cannot read the knowledge index {INDEX}: {exc.strerror} (run make knowledge)"
            ) from None
    return _shipped


def install(base: KnowledgeBase | None) -> KnowledgeBase | None:
    """Make ``base`` the knowledge every lookup reads (None: the shipped index again).

    For tests and previews of data that is not shipped; returns the one it replaces.
    """
    global _shipped
    previous, _shipped = _shipped, base
    return previous


def uses_for(port: int) -> tuple[UnofficialUse, ...]:
    """Every curated use whose port or range covers ``port``, by rank then file order."""
    return load().uses_for(port)


def article_for(port: int, transport: str | None = None) -> Article | None:
    """The article for ``port`` (preferring one that covers ``transport``), or None."""
    return load().article_for(port, transport)


def articles_for(port: int) -> tuple[Article, ...]:
    return load().articles_for(port)


def products_for(port: int) -> tuple[Product, ...]:
    """The products that need ``port``; ``Product.ports_at(port)`` gives their entries."""
    return load().products_for(port)


def product(product_id: str) -> Product:
    return load().product(product_id)


def products() -> tuple[Product, ...]:
    return load().products()


def source(source_id: str) -> Source:
    """The source with that id, from the one catalogue (``sources/*.toml``)."""
    return load().source(source_id)


def sources() -> tuple[Source, ...]:
    return load().sources()


def uses() -> tuple[UnofficialUse, ...]:
    return load().uses()


def articles() -> tuple[Article, ...]:
    return load().articles()


def main(argv: list[str] | None = None) -> int:
    """``python -m portpedia.knowledge.index [--check]``: rebuild (or verify) the index."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    try:
        made = build()
    except KnowledgeError as exc:
        print(f"knowledge index: {exc}", file=sys.stderr)
        return 1
    if "--check" in args:
        try:
            with open(INDEX, "rb") as fh:
                same = fh.read() == made
        except OSError:
            same = False
        print("knowledge index is up to date" if same else "knowledge index is stale")
        return 0 if same else 1
    with open(INDEX, "wb") as fh:
        fh.write(made)
    print(f"wrote {INDEX} ({len(made)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
