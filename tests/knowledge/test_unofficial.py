"""The curated catalogue of unofficial port uses: shape of the data and the lookup."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from portpedia.knowledge.model import UnofficialUse
from portpedia.knowledge.unofficial import RISKS, SOURCES, TRANSPORTS, UNOFFICIAL, uses_for

SOURCE_IDS = {source.id for source in SOURCES}


def _names(port: int) -> list[str]:
    return [use.name for use in uses_for(port)]


def test_catalogue_is_large_enough() -> None:
    assert len(UNOFFICIAL) >= 170
    assert all(isinstance(use, UnofficialUse) for use in UNOFFICIAL)


def test_sorted_by_port_then_name() -> None:
    keys = [(use.port, use.name.lower()) for use in UNOFFICIAL]
    assert keys == sorted(keys)


def test_no_duplicate_port_and_name() -> None:
    dupes = [key for key, n in Counter((u.port, u.name) for u in UNOFFICIAL).items() if n > 1]
    assert dupes == []


def test_ports_and_ranges_are_valid() -> None:
    for use in UNOFFICIAL:
        assert 0 <= use.port <= 65535, use
        if use.high is not None:
            assert use.port < use.high <= 65535, use


def test_transports_are_lowercase_known_and_unique() -> None:
    for use in UNOFFICIAL:
        assert use.transports, use
        assert set(use.transports) <= TRANSPORTS, use
        assert len(set(use.transports)) == len(use.transports), use


def test_risk_values() -> None:
    assert frozenset({"", "exposure", "malware"}) == RISKS
    for use in UNOFFICIAL:
        assert use.risk in {"", "exposure", "malware"}, use
    counts = Counter(use.risk for use in UNOFFICIAL)
    assert counts["exposure"] >= 30
    assert counts["malware"] >= 6


def test_names_and_summaries() -> None:
    for use in UNOFFICIAL:
        assert use.name.strip() == use.name and use.name, use
        assert use.summary.strip() == use.summary and use.summary, use
        assert use.summary.endswith("."), use.name
        assert len(use.summary) < 300, use.name
        assert "  " not in use.summary, use.name


def test_every_cited_source_exists_and_every_source_is_cited() -> None:
    cited = set()
    for use in UNOFFICIAL:
        assert use.sources, use.name
        assert len(set(use.sources)) == len(use.sources), use.name
        missing = set(use.sources) - SOURCE_IDS
        assert not missing, (use.name, missing)
        cited.update(use.sources)
    assert SOURCE_IDS - cited == set()


def test_sources_are_well_formed() -> None:
    ids = [source.id for source in SOURCES]
    assert len(ids) == len(set(ids))
    for source in SOURCES:
        assert source.id == source.id.lower() and " " not in source.id, source.id
        assert source.title and source.publisher, source.id
        assert source.url.startswith(("https://", "http://")), source.id
        assert " " not in source.url, source.id


def test_uses_for_range_entry_covers_its_bounds_only() -> None:
    for port in (6881, 6885, 6889):
        assert "BitTorrent" in _names(port)
    assert "BitTorrent" not in _names(6880)
    assert "BitTorrent" not in _names(6890)
    assert "Kubernetes NodePort services" in _names(31000)
    assert "Mosh (mobile shell)" in _names(60500)


def test_uses_for_mixes_single_ports_and_ranges_in_catalogue_order() -> None:
    found = uses_for(27015)
    names = [use.name for use in found]
    assert "Source engine dedicated server" in names
    assert "Steam client" in names
    assert [(u.port, u.name.lower()) for u in found] == sorted(
        (u.port, u.name.lower()) for u in found
    )


def test_uses_for_agrees_with_a_linear_scan() -> None:
    probes = set()
    for use in UNOFFICIAL:
        top = use.high if use.high is not None else use.port
        probes.update({use.port - 1, use.port, top, top + 1})
    for port in sorted(probes):
        expected = [use for use in UNOFFICIAL if use.covers(port)]
        assert list(uses_for(port)) == expected, port


@pytest.mark.parametrize("port", [-1, 65536, 70000])
def test_uses_for_out_of_range_is_empty(port: int) -> None:
    assert uses_for(port) == ()


def test_uses_for_unknown_port_is_empty() -> None:
    assert uses_for(1) == ()


def test_spot_checks() -> None:
    (minecraft,) = [u for u in uses_for(25565) if "Minecraft" in u.name]
    assert minecraft.transports == ("tcp",)

    assert any("Vite" in name for name in _names(5173))

    (redis,) = [u for u in uses_for(6379) if u.name == "Redis"]
    assert redis.risk == "exposure"

    (mongo,) = [u for u in uses_for(27017) if "MongoDB" in u.name]
    assert mongo.risk == "exposure"
    assert "mongodb-ports" in mongo.sources

    flask_and_airplay = _names(5000)
    assert "Flask dev server" in flask_and_airplay
    assert any("AirPlay" in name for name in flask_and_airplay)

    (back_orifice,) = [u for u in uses_for(31337) if "Back Orifice" in u.name]
    assert back_orifice.risk == "malware"
    assert uses_for(51820)[0].transports == ("udp",)


def test_import_is_cheap_and_index_is_lazy() -> None:
    code = (
        "import portpedia.knowledge.unofficial as u; "
        "assert u._index.cache_info().currsize == 0; "
        "u.uses_for(22); "
        "assert u._index.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=30)
