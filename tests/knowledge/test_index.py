"""The compiled knowledge index: it matches the TOML, and the lookups read it right."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from portpedia.errors import KnowledgeError
from portpedia.knowledge import index
from portpedia.knowledge.model import Article, Product, UnofficialUse

MINI = Path(__file__).parent / "data" / "mini"


def test_shipped_index_is_exactly_what_the_build_makes():
    with open(index.INDEX, "rb") as fh:
        shipped = fh.read()
    assert shipped == index.build(), "run `make knowledge` and commit data/knowledge.index"


def test_the_build_is_deterministic_across_processes():
    code = (
        "import sys; from portpedia.knowledge import index; sys.stdout.buffer.write(index.build())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert out == index.build()


def test_check_command_reports_a_stale_index(tmp_path, monkeypatch):
    stale = tmp_path / "knowledge.index"
    stale.write_bytes(index.build(MINI))
    monkeypatch.setattr(index, "INDEX", str(stale))
    assert index.main(["--check"]) == 1
    assert index.main([]) == 0
    assert index.main(["--check"]) == 0


def test_shipped_counts_match_the_toml():
    from portpedia.knowledge.schema import load_tables

    tables = load_tables()
    counts = index.load().counts
    assert counts == {
        "uses": len(tables["use"]),
        "articles": len(tables["article"]),
        "products": len(tables["product"]),
        "sources": len(tables["source"]),
    }
    assert len(index.uses()) == counts["uses"] and counts["uses"] >= 300


def test_uses_by_rank_then_file_order():
    base = index.KnowledgeBase.from_data(MINI)
    uses = base.uses_for(7000)
    assert all(isinstance(u, UnofficialUse) for u in uses)
    # alpha-main has rank 1; alpha-dev and alpha-udp rank 3 in file order; the range rank 4.
    assert [u.id for u in uses] == ["alpha-main", "alpha-dev", "alpha-udp", "old-worm"]
    assert uses[0].aliases == ("alphad",) and uses[0].sources == ("src-a", "src-b")
    worm = uses[-1]
    assert (worm.port, worm.high, worm.historic, worm.risk) == (6990, 7010, True, "malware")
    assert worm.ports == "6990-7010"
    assert [u.id for u in base.uses_for(6990)] == ["old-worm"]
    assert base.uses_for(7011) == () and base.uses_for(65535) == () and base.uses_for(-1) == ()
    assert [u.id for u in base.uses()] == ["alpha-dev", "alpha-main", "alpha-udp", "old-worm"]


def test_article_for_prefers_the_transport_asked_for():
    base = index.KnowledgeBase.from_data(MINI)
    tcp = base.article_for(7000, "tcp")
    udp = base.article_for(7000, "udp")
    assert isinstance(tcp, Article) and tcp.name == "Alpha service (TCP)"
    assert udp is not None and udp.name == "Alpha discovery (UDP)"
    assert base.article_for(7000) == tcp  # file order when no transport is given
    assert base.article_for(7000, "sctp") is None
    assert tcp.cves == ("CVE-2099-0001",) and tcp.related[0].port == 7443
    assert tcp.related[0].transports == ("tcp",)  # the default
    assert tcp.transports_note == "" and tcp.history == ""
    beta = base.article_for(7105)
    assert beta is not None and (beta.port, beta.high, beta.ports) == (7100, 7110, "7100-7110")
    assert base.article_for(7111) is None
    assert [a.name for a in base.articles()] == [
        "Alpha service (TCP)",
        "Alpha discovery (UDP)",
        "Beta media range",
    ]


def test_products_and_sources():
    base = index.KnowledgeBase.from_data(MINI)
    (widget,) = base.products_for(7000)
    assert isinstance(widget, Product) and widget.name == "Widget Suite"
    assert [p.port for p in widget.ports_at(7000)] == [7000]
    assert base.products_for(7103) == (widget,)
    assert widget.ports_at(7103)[0].required is False
    assert base.products_for(7106) == ()
    assert base.product("widget") == widget and base.products() == (widget,)
    with pytest.raises(KeyError):
        base.product("nothing")
    assert base.source("src-a").url == "https://example.org/a"
    assert base.source("src-b").publisher == ""
    assert [s.id for s in base.sources()] == ["src-a", "src-b"]


def test_every_cited_source_of_the_shipped_data_resolves():
    base = index.load()
    for use in base.uses():
        for sid in use.sources:
            assert base.source(sid).url.startswith("https://")


def test_damaged_or_foreign_files_are_refused(tmp_path):
    with pytest.raises(KnowledgeError, match="not a portpedia knowledge index"):
        index.KnowledgeBase(b"hello")
    good = index.build(MINI)
    with pytest.raises(KnowledgeError, match="damaged"):
        index.KnowledgeBase(good[:80])
    path = tmp_path / "k.index"
    path.write_bytes(good)
    assert index.load(str(path)).counts["articles"] == 3


def test_building_bad_data_names_the_problem(mini: Path):
    (mini / "uses" / "mini.toml").write_text(
        (mini / "uses" / "mini.toml").read_text().replace('"src-b"]', '"src-zzz"]')
    )
    with pytest.raises(KnowledgeError, match="src-zzz"):
        index.build(mini)


def test_lookup_reads_only_the_index_not_toml():
    code = (
        "import sys; from portpedia.knowledge import index; index.uses_for(8080); "
        "index.source('iana-registry'); print('tomllib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_package_api():
    import portpedia.knowledge as knowledge

    assert knowledge.uses_for is index.uses_for
    assert knowledge.Source.__name__ == "Source"
    with pytest.raises(AttributeError):
        _ = knowledge.nothing_here


def test_an_opened_file_reads_only_what_a_lookup_needs(tmp_path):
    import threading

    path = tmp_path / "k.index"
    path.write_bytes(index.build(MINI))
    whole = index.KnowledgeBase(path.read_bytes())
    opened = index.KnowledgeBase.open(str(path))
    assert opened._blob.nbytes == 0  # nothing but the head was read
    assert opened.uses_for(7000) == whole.uses_for(7000)
    assert opened.article_for(7105) == whole.article_for(7105)
    assert opened.products() == whole.products() and opened.sources() == whole.sources()
    # Many threads reading at once: pread moves no shared offset.
    results: list[tuple] = []

    def read() -> None:
        for _ in range(200):
            results.append((repr(opened._slots(7000)), repr(opened._slots(7105))))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1
    path.write_bytes(index.build(MINI)[:70])
    with pytest.raises(KnowledgeError, match="damaged"):
        index.KnowledgeBase.open(str(path))


def test_the_old_modules_still_answer():
    from portpedia.knowledge import sources, unofficial

    assert unofficial.uses_for(6379) == index.uses_for(6379)
    assert index.uses() == unofficial.UNOFFICIAL and index.sources() == unofficial.SOURCES
    assert sources.source("rfc6335").publisher == "IETF"
    assert index.sources() == sources.CORE_SOURCES
    with pytest.raises(AttributeError):
        _ = unofficial.NOTHING
