"""The report computed from recorded settings and sockets (a namespace with a 100-port range)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from prometheus_client.openmetrics.parser import text_string_to_metric_families

from portpedia.local import Owner, Socket, _settings_bsd, _settings_linux, _settings_windows
from portpedia.local.ephemeral import compute, to_openmetrics

DATA = Path(__file__).resolve().parent / "data"


def _socket(d: dict) -> Socket:
    owners = tuple(
        Owner(o["pid"], o["name"], o["uid"], o["user"], tuple(o["cmdline"])) for o in d["owners"]
    )
    fields = {k: v for k, v in d.items() if k in Socket._fields and k != "owners"}
    return Socket(**fields, owners=owners)


@pytest.fixture(scope="module")
def recorded() -> list[Socket]:
    return [_socket(d) for d in json.loads((DATA / "linux-sockets.json").read_text())]


@pytest.fixture(scope="module")
def linux():
    return _settings_linux.read(str(DATA / "linux-proc"))


def _advice(report, code: str):
    return [a for a in report.advice if a.code == code]


def test_counts_by_state_leave_out_listeners_and_server_sides(linux, recorded) -> None:
    report = compute(linux, recorded)
    assert {(u.transport, u.state): u.count for u in report.in_use} == {
        ("tcp", "ESTABLISHED"): 43,  # 40 to 127.0.0.1:5432 and 3 to [::1]:8080
        ("tcp", "TIME_WAIT"): 20,
        ("udp", "CONNECTED"): 5,
    }
    assert report.total_in_use == 68
    pool = report.pools[0]
    assert (pool.low, pool.high, pool.reserved, pool.size) == (40000, 40099, 10, 90)
    assert pool.differs and (pool.default_low, pool.default_high) == (32768, 60999)


def test_destinations_are_separate_budgets(linux, recorded) -> None:
    report = compute(linux, recorded)
    assert report.destination_count == 3
    top, udp, six = report.destinations
    assert (top.transport, top.local_address, top.remote) == ("tcp", "127.0.0.1", "127.0.0.1:5432")
    # 100 ports, 10 reserved, and one taken by the listener on 40050.
    assert (top.used, top.pool_size) == (60, 89)
    assert top.percent == pytest.approx(100 * 60 / 89)
    assert dict(top.states) == {"ESTABLISHED": 40, "TIME_WAIT": 20}
    assert top.openers and top.openers[0].sockets == 40 and top.unowned == 0
    # UDP does not share source ports between destinations: one budget per local address.
    assert (udp.transport, udp.remote_address, udp.remote, udp.used) == (
        "udp",
        None,
        "any destination",
        5,
    )
    assert (six.family, six.remote, six.used) == ("ipv6", "[::1]:8080", 3)
    assert report.above(67) == (top,) and report.above(68) == ()
    assert len(compute(linux, recorded, top=1).destinations) == 1


def test_advice_for_a_busy_linux_destination(linux, recorded) -> None:
    report = compute(linux, recorded)
    (busy,) = report.warnings
    assert busy.code == "destination-busy"
    assert "uses 60 of 89 source ports (67%" in busy.message
    assert "20 of them are in TIME_WAIT" in busy.message
    (widen,) = _advice(report, "widen-range")
    assert widen.commands[0] == 'sysctl -w net.ipv4.ip_local_port_range="10000 65535"'
    assert "/etc/sysctl.d/" in widen.commands[1]
    assert "tcp_tw_reuse=2 already lets" in _advice(report, "time-wait")[0].message
    assert "IP_BIND_ADDRESS_NO_PORT" in _advice(report, "more-addresses")[0].message
    (listener,) = _advice(report, "listener-in-range")
    assert "0.0.0.0:40050" in listener.message
    # The reserved list keeps what is there and adds the listener's port.
    assert listener.commands == ('sysctl -w net.ipv4.ip_local_reserved_ports="40050,40090-40099"',)
    # A higher warning threshold quiets the warning and its remedies, not the listener note.
    calm = compute(linux, recorded, warn_percent=70)
    assert calm.warnings == ()
    assert [a.code for a in calm.advice] == ["listener-in-range"]


def test_advice_speaks_the_os(recorded) -> None:
    windows = _settings_windows.settings_from(
        {("tcp", "ipv4"): "Start Port : 40000\nNumber of Ports : 100\n"}, None, 240
    )
    report = compute(windows, recorded)
    assert report.busiest.pool_size == 99  # no exclusions recorded; the listener's port
    widen = _advice(report, "widen-range")[0]
    assert "netsh int ipv4 set dynamicport tcp start=10000 num=55536" in widen.commands
    assert "TcpTimedWaitDelay" in _advice(report, "time-wait")[0].commands[0]
    assert windows.setting("TcpTimedWaitDelay").differs
    # UDP and IPv6 have no range on this recording, so those sockets are not counted.
    assert {d.transport for d in report.destinations} == {"tcp"}

    macos = _settings_bsd.parse(
        "net.inet.ip.portrange.first: 40000\nnet.inet.ip.portrange.last: 40099\n", "macos"
    )
    report = compute(macos, recorded)
    assert _advice(report, "widen-range")[0].commands == (
        "sysctl -w net.inet.ip.portrange.first=10000",
        "sysctl -w net.inet.ip.portrange.last=65535",
    )
    assert _advice(report, "listener-in-range")[0].commands == ()


def test_quiet_machine(linux) -> None:
    report = compute(linux, [])
    assert report.destinations == () and report.advice == () and report.max_percent == 0.0
    data = report.to_dict()
    assert data["in_use"] == {"total": 0, "by_state": []}
    assert json.loads(json.dumps(data)) == data


def _families(text: str) -> dict:
    return {f.name: f for f in text_string_to_metric_families(text)}


def test_openmetrics_parses(linux, recorded) -> None:
    text = to_openmetrics(compute(linux, recorded))
    assert text.endswith("# EOF\n")
    families = _families(text)
    for name, family in families.items():
        assert name.startswith("portpedia_ephemeral_") and family.type == "gauge"
        assert family.documentation
    ratios = {
        (s.labels["transport"], s.labels["remote"], s.labels["remote_port"]): s.value
        for s in families["portpedia_ephemeral_destination_used_ratio"].samples
    }
    assert ratios[("tcp", "127.0.0.1", "5432")] == pytest.approx(60 / 89, abs=1e-6)
    assert ratios[("udp", "*", "*")] == pytest.approx(5 / 90, abs=1e-6)
    assert ratios[("tcp", "::1", "8080")] == pytest.approx(3 / 89, abs=1e-6)
    in_use = {
        (s.labels["transport"], s.labels["state"]): s.value
        for s in families["portpedia_ephemeral_in_use"].samples
    }
    assert in_use == {("tcp", "ESTABLISHED"): 43, ("tcp", "TIME_WAIT"): 20, ("udp", "CONNECTED"): 5}
    assert families["portpedia_ephemeral_listeners_in_range"].samples[0].value == 1
    assert families["portpedia_ephemeral_pool_size"].samples[0].value == 90


def test_openmetrics_escapes_labels(linux) -> None:
    odd = Socket("tcp", "ipv4", "ESTABLISHED", 'a"b\\c\nd', 40001, "10.0.0.1", 443, 1, 0)
    text = to_openmetrics(compute(linux, [odd]))
    (sample,) = _families(text)["portpedia_ephemeral_destination_used"].samples
    assert sample.labels["local"] == 'a"b\\c\nd'
    assert sample.value == 1


def test_openmetrics_of_an_empty_report(linux) -> None:
    families = _families(to_openmetrics(compute(linux, [])))
    assert families["portpedia_ephemeral_destination_used_ratio"].samples == []
    assert families["portpedia_ephemeral_max_used_ratio"].samples[0].value == 0
