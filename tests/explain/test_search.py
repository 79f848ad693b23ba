"""The one search: the forms people type, ranking, misspellings, "did you mean", cost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from portpedia.errors import InvalidPortError
from portpedia.explain import lookup_service, parse_query, search


@pytest.mark.parametrize(
    ("text", "port", "protocol"),
    [
        ("443", 443, None),
        ("port 443", 443, None),
        ("Port 443", 443, None),
        (":443", 443, None),
        ("tcp 22", 22, "tcp"),
        ("TCP port 22", 22, "tcp"),
        ("22/tcp", 22, "tcp"),
        ("443/udp", 443, "udp"),
        ("udp 53", 53, "udp"),
        ("53 udp", 53, "udp"),
        ("port 22/tcp", 22, "tcp"),
        ("  0  ", 0, None),
        ("port :8080", 8080, None),
        ("পোর্ট 443", 443, None),
    ],
)
def test_port_forms(text: str, port: int, protocol: str | None) -> None:
    parsed = parse_query(text)
    assert (parsed.port, parsed.protocol, parsed.words) == (port, protocol, ())
    result = search(text)
    assert (result.port, result.protocol) == (port, protocol)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("99999", "out of range"),
        ("port 70000", "out of range"),
        ("tcp 1-1024", "is a range"),
        ("udp 53/tcp", "says tcp"),
        ("port ٤٤٣", "non-ASCII digits"),
    ],
)
def test_port_forms_that_are_not_ports(text: str, message: str) -> None:
    with pytest.raises(InvalidPortError, match=message):
        search(text)


@pytest.mark.parametrize("text", ["3com-tsmux", "x11", "ssh 22", "tcp", "port", "http3"])
def test_words_that_are_not_port_forms(text: str) -> None:
    assert parse_query(text).port is None


def test_a_port_query_lists_what_is_known_on_it() -> None:
    hits = search("port 5432").hits
    assert {h.kind for h in hits} >= {"iana", "known-use"}
    assert all(h.port == 5432 for h in hits)
    udp = search("443/udp").hits
    assert udp and all("udp" in h.transports for h in udp)


def test_tcp_and_udp_rows_before_sctp() -> None:
    hits = search("ssh").hits
    assert hits[0].name == "ssh" and hits[0].transports == ("tcp", "udp")
    sctp = next(i for i, h in enumerate(hits) if h.transports == ("sctp",))
    assert sctp > 0


def test_protocol_words_find_the_famous_port() -> None:
    assert search("dns").hits[0].port == 53
    assert search("smb").hits[0].port == 445
    assert search("vnc").hits[0].port == 5900
    assert search("rdp").hits[0].port == 3389
    assert search("rdp port").hits[0].port == 3389
    assert search("remote desktop protocol").hits[0].port == 3389


def test_a_number_beside_words_favours_that_port() -> None:
    assert search("ssh 2222").hits[0].port == 2222
    assert search("minecraft 25575").hits[0].port == 25575
    assert search("ssh 22").hits[0].port == 22


def test_rows_without_a_port_come_last() -> None:
    hits = search("rdp", 50).hits
    with_port = [i for i, h in enumerate(hits) if h.port is not None]
    without = [i for i, h in enumerate(hits) if h.port is None]
    assert with_port and without and max(with_port) < min(without)


def test_misspellings_and_words_written_apart() -> None:
    result = search("postgress")
    assert result.hits[0].port == 5432
    assert result.suggestions == ("postgresql",)
    assert search("mongo db").hits[0].port == 27017
    assert search("rediss").hits[0].port == 6379
    assert 9200 in [h.port for h in search("elastic search").hits[:3]]
    # A correct word is not "corrected".
    assert search("postgres").suggestions == ()


def test_did_you_mean_when_nothing_matches() -> None:
    result = search("shh")  # too short to be corrected silently
    assert result.hits == () and result.suggestions[0] == "ssh"
    nothing = search("zzzzqqqq")
    assert nothing.hits == () and nothing.suggestions == () and not nothing


def test_a_result_is_the_sequence_of_its_hits() -> None:
    result = search("ssh", 5)
    assert len(result) == 5 and result[0] is result.hits[0] and list(result) == [*result.hits]
    assert result[:2] == result.hits[:2]
    assert result == search("ssh", 5) and result != search("ssh", 4)
    assert "hits=5" in repr(result)


def test_all_words_but_one_rather_than_nothing() -> None:
    result = search("wireguard vpn")  # WireGuard's own text never says "vpn"
    assert result.hits[0].port == 51820 and result.suggestions == ()
    assert search("kerberos qqqqqq").hits[0].port == 88
    assert search("tight vnc").hits[0].port == 5900


def test_fillers_around_a_port_keep_it_a_port() -> None:
    assert search("what is port 3389?").port == 3389
    assert search("which port is 443/udp").protocol == "udp"
    assert search("which port does rdp use?").hits[0].port == 3389


def test_curated_kinds_and_fields() -> None:
    hits = search("minecraft").hits
    assert hits and all(h.kind == "known-use" and h.curated for h in hits)
    d = search("ssh").to_dict()
    assert set(d) == {"query", "port", "protocol", "results", "suggestions"}
    assert d["results"][0]["kind"] == "iana"


def test_limit_and_empty() -> None:
    assert len(search("server", 7).hits) == 7
    assert search("").hits == () and search(" \t ").hits == ()
    assert search("!!! ???").hits == ()


def test_a_portless_service_points_to_ports() -> None:
    rdp = lookup_service("rdp")
    assert rdp.ports == ()
    assert rdp.see_also and rdp.see_also[0].port == 3389
    assert lookup_service("ssh").see_also == ()
    assert lookup_service("smb").to_dict()["see_also"][0]["ports"] == "445"


_PROBE = """
import json, sys
from portpedia.cli import main
{action}
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "rapidfuzz")[:1]))
"""


def _rapidfuzz_loaded(action: str) -> bool:
    code = _PROBE.format(action=action)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    return bool(json.loads(p.stdout.splitlines()[-1]))


def test_rapidfuzz_stays_off_the_common_paths() -> None:
    quiet = "import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()): "
    assert not _rapidfuzz_loaded(quiet + "main(['443', '--short'])")
    assert not _rapidfuzz_loaded(quiet + "main(['ssh'])")
    assert not _rapidfuzz_loaded(quiet + "main(['search', 'ssh'])")
    assert _rapidfuzz_loaded(quiet + "main(['search', 'postgress'])")


def test_the_cached_index_answers_like_a_fresh_one(tmp_path, monkeypatch) -> None:
    from portpedia.explain import _search
    from portpedia.registry import load

    monkeypatch.setenv("PORTPEDIA_DATA_DIR", str(tmp_path))
    queries = ["ssh", "postgress", "port 5432", "remote desktop protocol", "shh", "tight vnc"]
    monkeypatch.setattr(_search, "_loaded", None)
    fresh = [search(q) for q in queries]  # builds, and writes the cache
    cache = tmp_path / _search._CACHE_NAME
    assert cache.is_file()
    key = _search._inputs_key(load())
    cached = _search._read_cache(key)
    assert cached is not None and not isinstance(cached.docs[0], _search._Doc)
    monkeypatch.setattr(_search, "_loaded", None)
    assert [search(q) for q in queries] == fresh  # now read from the cache
    # Another key (a registry update, edited curated data) does not use it.
    assert _search._read_cache((*key[:-1], ())) is None
    # A damaged file is ignored and rebuilt.
    cache.write_bytes(b"\x00garbage")
    assert _search._read_cache(key) is None
    monkeypatch.setattr(_search, "_loaded", None)
    assert [search(q) for q in queries] == fresh
    assert _search._read_cache(key) is not None


MINI = Path(__file__).with_name("data") / "search_mini"


@pytest.fixture
def mini_knowledge(tmp_path, monkeypatch):
    """Search over a made-up knowledge base with an article, a product and uses."""
    from portpedia.explain import _search
    from portpedia.knowledge.schema import load_tables

    def entries():
        tables = load_tables(MINI)
        return {k: [t for _, t in tables[k]] for k in ("use", "article", "product")}

    monkeypatch.setenv("PORTPEDIA_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(_search, "_curated_entries", entries)
    monkeypatch.setattr(_search, "_curated_inputs", lambda: sorted(map(str, MINI.rglob("*.toml"))))
    monkeypatch.setattr(_search, "_loaded", None)


def test_articles_products_and_aliases(mini_knowledge) -> None:
    first = search("alphaproto")[0]
    assert (first.kind, first.name, first.port) == ("article", "Alpha service (TCP)", 7200)
    assert search("CVE-2099-0001")[0].kind == "article"
    assert search("the alpha thing")[0].kind == "article"
    assert search("alphad")[0].port == 7200
    widgets = [(h.kind, h.name, h.ports, h.transports) for h in search("widgets")]
    assert widgets[:2] == [
        ("product", "Widget Suite", "7201", ("tcp",)),
        ("product", "Widget Suite", "7202-7204", ("udp",)),
    ]
    assert search("widget suite")[0].description == "Widget API"
    assert {h.kind for h in search("port 7200")} >= {"article", "known-use"}


def test_curated_rank_orders_uses(mini_knowledge) -> None:
    hits = search("ssh", 50).hits
    lookalike = next(i for i, h in enumerate(hits) if h.name == "SSH lookalike")
    assert lookalike > 0 and hits[0].port == 22
