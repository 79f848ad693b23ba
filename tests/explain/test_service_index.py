"""The service index: "Services" leads to every IANA name, by first letter."""

from __future__ import annotations

import pytest

from portpedia.explain import lookup_service, service_index
from portpedia.explain.service_index import UnknownIndexLetterError
from portpedia.registry import load


def test_overview_counts_every_name() -> None:
    overview = service_index()
    assert overview.letter == ""
    letters = dict(overview.letters)
    assert set(letters) <= {*"abcdefghijklmnopqrstuvwxyz", "0-9"}
    assert sum(letters.values()) == len({e.service.lower() for e in load().entries if e.service})
    assert [k for k, _ in overview.letters][-1] == "0-9"
    # The overview lists the well-known ports' names, by port.
    names = [e.name for e in overview.entries]
    assert {"ssh", "domain", "http", "https"} <= set(names)
    ports = [e.ports[0] for e in overview.entries]
    assert ports == sorted(ports) and max(ports) < 1024


def test_a_letter_lists_its_names_with_ports() -> None:
    s = service_index("S")
    assert s.letter == "s" and len(s.entries) == dict(service_index().letters)["s"]
    names = [e.name.lower() for e in s.entries]
    assert names == sorted(names) and all(n.startswith("s") for n in names)
    ssh = next(e for e in s.entries if e.name == "ssh")
    assert ssh.ports == (22,) and ssh.transports == ("sctp", "tcp", "udp")
    # Every listed name opens its service page.
    assert lookup_service(s.entries[0].name).name == s.entries[0].name
    digits = service_index("0-9")
    assert digits.entries and all(e.name[0].isdigit() for e in digits.entries)
    # A name registered without a port is listed too.
    r = service_index("r")
    assert next(e for e in r.entries if e.name == "rdp").ports == ()


@pytest.mark.parametrize("bad", ["ab", "é", "9", "*", "0-8"])
def test_bad_letters(bad: str) -> None:
    with pytest.raises(UnknownIndexLetterError, match="use a letter a-z or 0-9"):
        service_index(bad)


def test_to_dict() -> None:
    d = service_index("z").to_dict()
    assert d["letter"] == "z" and d["entries"][0]["name"].lower().startswith("z")
    assert {"letter", "count"} == set(d["letters"][0])
