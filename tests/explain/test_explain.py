from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portpedia.errors import InvalidPortError, UnknownServiceError
from portpedia.explain import explain, lookup_service, search, service_name
from portpedia.registry import load

TRANSPORTS = [None, "tcp", "udp", "sctp", "dccp"]


def test_assigned_port():
    r = explain(443)
    assert r.status == "assigned"
    assert r.names[0] == "https"
    assert {a.transport for a in r.assignments} == {"tcp", "udp", "sctp"}
    assert r.range.key == "system"
    assert "https" in str(r.summary).lower()
    tcp = next(a for a in r.assignments if a.transport == "tcp")
    assert tcp.assignee == "IESG" and tcp.reference == "[RFC9110]"


def test_port_inside_a_named_range_row():
    r = explain(6001, "tcp")
    assert r.status == "assigned"
    assert [(a.service, a.ports, a.transport) for a in r.assignments] == [
        ("x11", "6000-6063", "tcp")
    ]
    assert "6000-6063" in str(r.summary)
    assert any("6003" in a.unauthorized for a in r.assignments)


def test_dynamic_port_is_as_rich_as_an_assigned_one():
    r = explain(60463)
    assert r.status == "dynamic"
    assert r.assignments == ()
    assert r.range.key == "dynamic"
    on = {e.os_key for e in r.ephemeral_on}
    # Linux stops at 60999, so 60463 is inside every modern default here.
    assert {"linux", "windows", "macos", "freebsd", "solaris", "aix", "openbsd-high"} <= on
    assert "windows-xp" not in on and "openbsd" not in on
    assert len(r.likely) >= 3 and len(r.about) >= 2 and len(r.security) >= 2
    assert len(r.footnotes) >= 5
    assert any(c.command == 'netstat -ano | findstr /C:":60463 "' for c in r.checks)


def test_linux_upper_bound_changed_in_4_2():
    r = explain(61000)
    on = {e.os_key for e in r.ephemeral_on}
    assert "linux-old" in on and "linux" not in on


def test_reserved_and_unassigned_and_unauthorized():
    assert explain(0).status == "reserved"
    r = explain(100)
    assert r.status == "unassigned"
    assert any(n.level == "warning" and "100" in str(n.text) for n in r.security)
    assert explain(1024).status == "reserved"


def test_protocol_filter():
    r = explain("53/udp")
    assert r.protocol == "udp" and {a.transport for a in r.assignments} == {"udp"}
    assert str(r.title) == "Port 53/udp"


def test_footnotes_are_numbered_in_order_and_every_citation_resolves():
    r = explain(3389)
    numbers = [f.number for f in r.footnotes]
    assert numbers == list(range(1, len(numbers) + 1))
    cited = {n for part in _cited(r) for n in part}
    assert cited == set(numbers)


def _cited(r):
    yield r.range.cites
    yield r.article_cites
    for product in r.products:
        yield product.cites
    for group in (
        r.assignments,
        r.ephemeral,
        r.known_uses,
        r.likely,
        r.checks,
        r.security,
        r.about,
    ):
        for item in group:
            yield item.cites


def test_known_uses_and_risk():
    r = explain(6379)
    # The article speaks for Redis; the known uses keep only the others.
    assert r.friendly_name.lower().startswith("redis")
    assert not any(k.name == r.friendly_name for k in r.known_uses)
    assert any(n.level == "caution" for n in r.security)
    assert service_name(5432) == "postgresql"
    assert service_name(443) == "https"


def test_json_form_is_serialisable_and_complete():
    d = explain(60463).to_dict()
    json.dumps(d)
    assert d["port"] == 60463 and d["status"] == "dynamic"
    for key in ("range", "ephemeral", "likely", "checks", "security", "footnotes", "summary"):
        assert d[key]


@pytest.mark.parametrize("bad", [65536, -1, True, 3.0, "abc", "80/xyz"])
def test_bad_ports(bad):
    with pytest.raises(InvalidPortError):
        explain(bad)


def test_service_lookup_and_aliases():
    s = lookup_service("HTTP")
    assert 80 in s.ports and "www-http" in s.aliases
    with pytest.raises(UnknownServiceError) as info:
        lookup_service("sshh")
    assert "ssh" in info.value.suggestions


def test_search_ranks_names_first():
    hits = search("ssh").hits
    assert hits[0].port == 22 and "ssh" in hits[0].name.lower()
    hits = search("remote desktop").hits
    assert any(h.port == 3389 for h in hits[:5])
    assert search("   ").hits == ()


@settings(max_examples=400, deadline=None)
@given(st.integers(0, 65535), st.sampled_from(TRANSPORTS))
def test_every_port_and_transport_gives_a_consistent_report(port, proto):
    _check_consistent(port, proto)


def _check_consistent(port, proto):
    r = explain(port, proto)
    assert r.port == port and r.protocol == proto
    assert r.range.low <= port <= r.range.high
    assert r.status in {"assigned", "reserved", "unassigned", "dynamic"}
    rows = [e for e in load().at(port) if proto is None or e.transport in (proto, "")]
    assert len(r.assignments) == len(rows)
    if r.status == "dynamic":
        assert port >= 49152 and not any(a.status == "assigned" for a in r.assignments)
    if r.status == "assigned":
        assert r.names and any(a.service for a in r.assignments)
    for e in r.ephemeral:
        assert e.contains == (e.low <= port <= e.high)
    assert r.footnotes and str(r.summary)
    assert (r.previous is None) == (port == 0) and (r.next is None) == (port == 65535)


def test_every_port_has_a_report():
    # The exhaustive sweep of all 65,536 ports (one transport-agnostic report each).
    for port in range(0, 65536):
        r = explain(port)
        assert r.status != "dynamic" or port >= 49152


def test_ephemeral_guide():
    from portpedia.explain.guide import ephemeral_guide

    g = ephemeral_guide()
    assert {r.os_key for r in g.ranges} >= {"linux", "windows", "windows-xp", "macos", "aix"}
    cited = {n for r in g.ranges for n in r.cites} | {
        n for s in g.sections for note in s.notes for n in note.cites
    }
    assert cited == {f.number for f in g.footnotes}


@pytest.mark.parametrize(
    ("text", "port"),
    [("443", True), ("80/tcp", True), ("-1", True), ("", True), ("0443", True),
     ("ssh", False), ("remote desktop", False), ("</textarea>", False), ("tcp/udp", False)],
)  # fmt: skip
def test_one_answer_to_port_or_name(text: str, port: bool) -> None:
    from portpedia.explain import is_port_query

    assert is_port_query(text) is port


def test_decisions_the_faces_share() -> None:
    from portpedia.explain import (
        SERVICE_REPORTS,
        lookup_service,
        port_name,
        port_status,
        service_reports,
    )

    assert port_status(443) == explain(443).status == "assigned"
    assert port_status(60463) == explain(60463).status == "dynamic"
    assert port_name(443) == "https"
    ssh = lookup_service("ssh")
    reports = service_reports(ssh)
    assert [r.port for r in reports] == list(ssh.ports[:SERVICE_REPORTS]) == [22]
