"""Really run a pool dry, in a network namespace of our own with a ten-port range."""

from __future__ import annotations

from typing import Any

import pytest
from prometheus_client.openmetrics.parser import text_string_to_metric_families

pytestmark = pytest.mark.root

POOL = 10  # 40000-40009


def _destination(report: dict[str, Any]) -> dict[str, Any] | None:
    for d in report["destinations"]:
        if d["remote"] == "127.0.0.1:5000":
            return d
    return None


def _metrics(text: str) -> dict[str, list[tuple[dict[str, str], float]]]:
    families = {}
    for family in text_string_to_metric_families(text):
        families[family.name] = [(s.labels, s.value) for s in family.samples]
    return families


def _check_metrics(ns, used: int) -> None:
    done = ns.portpedia("ephemeral", "--format", "openmetrics")
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("# EOF\n")
    m = _metrics(done.stdout)
    assert m["portpedia_ephemeral_range_low"][0][1] == 40000
    assert m["portpedia_ephemeral_range_high"][0][1] == 40009
    assert {v for _, v in m["portpedia_ephemeral_pool_size"]} == {POOL}
    ratios = [
        (labels, v)
        for labels, v in m["portpedia_ephemeral_destination_used_ratio"]
        if labels["remote_port"] == "5000"
    ]
    if used:
        assert ratios == [
            (
                {
                    "transport": "tcp",
                    "local": "127.0.0.1",
                    "remote": "127.0.0.1",
                    "remote_port": "5000",
                },
                used / POOL,
            )
        ]
    else:
        assert ratios == []
    assert m["portpedia_ephemeral_max_used_ratio"][0][1] == used / POOL


def test_pool_fills_up_and_drains_through_time_wait(namespace) -> None:
    ns = namespace("40000 40009")

    # Empty: the namespace's own range is reported, not the host's.
    report = ns.report()
    assert report["settings"]["ranges"][0] == {
        "transport": "tcp",
        "family": "ipv4",
        "low": 40000,
        "high": 40009,
    }
    pool = report["pools"][0]
    assert pool["size"] == POOL and pool["differs_from_default"] is True
    assert pool["default"] == {"low": 32768, "high": 60999}
    assert report["in_use"]["total"] == 0 and report["destinations"] == []
    assert [a for a in report["advice"] if a["level"] == "warning"] == []
    assert ns.portpedia("ephemeral", "--fail-above", "0").returncode == 0
    _check_metrics(ns, 0)

    # Half: five of ten ports toward one destination.
    opened = ns.ask("connect", n=5)
    assert opened["error"] is None
    assert all(40000 <= p <= 40009 for p in opened["opened"])
    report = ns.report()
    d = _destination(report)
    assert d["used"] == 5 and d["pool_size"] == POOL and d["percent"] == 50.0
    assert d["states"] == {"ESTABLISHED": 5}
    # The driver holds the client sockets, so it is named as their opener.
    assert d["openers"][0]["sockets"] == 5 and d["openers"][0]["name"].startswith("python")
    # The server side of those connections (port 5000) is not an ephemeral port.
    assert report["in_use"]["by_state"] == [
        {"transport": "tcp", "state": "ESTABLISHED", "count": 5}
    ]
    assert report["advice"][0]["code"] == "destination-busy"
    assert ns.portpedia("ephemeral", "--fail-above", "50").returncode == 0
    over = ns.portpedia("ephemeral", "--fail-above", "49.5")
    assert over.returncode == 1
    assert "127.0.0.1:5000 uses 50.00% of its 10 source ports" in over.stderr
    _check_metrics(ns, 5)

    # Full: the kernel refuses the next connection, and the report says so.
    filled = ns.ask("fill")
    assert filled["error"] == "EADDRNOTAVAIL"
    assert filled["clients"] == POOL
    report = ns.report()
    d = _destination(report)
    assert d["used"] == POOL and d["percent"] == 100.0
    warnings = [a for a in report["advice"] if a["level"] == "warning"]
    assert len(warnings) == 1
    assert "has used all 10 source ports" in warnings[0]["message"]
    assert "EADDRNOTAVAIL" in warnings[0]["message"]
    codes = [a["code"] for a in report["advice"]]
    assert {"widen-range", "reuse-connections", "more-addresses"} <= set(codes)
    widen = next(a for a in report["advice"] if a["code"] == "widen-range")
    assert 'sysctl -w net.ipv4.ip_local_port_range="10000 65535"' in widen["commands"]
    assert ns.portpedia("ephemeral", "--fail-above", "99").returncode == 1
    assert ns.portpedia("ephemeral", "--fail-above", "100").returncode == 0
    _check_metrics(ns, POOL)
    text = ns.portpedia("ephemeral")
    assert text.returncode == 0
    assert "40000-40009 (10 ports)" in text.stdout
    assert "changed: the default is 32768-60999" in text.stdout
    assert "tcp 127.0.0.1 -> 127.0.0.1:5000" in text.stdout and "100.00%" in text.stdout

    # Closed by the client: the ports stay taken in TIME_WAIT, with no process left.
    ns.ask("close")
    report = ns.wait_for(
        lambda r: _destination(r) is not None and _destination(r)["states"] == {"TIME_WAIT": POOL}
    )
    d = _destination(report)
    assert d["used"] == POOL and d["openers"] == [] and d["unowned"] == 0
    assert {"transport": "tcp", "state": "TIME_WAIT", "count": POOL} in report["in_use"]["by_state"]
    # tcp_tw_reuse is 2 in a fresh namespace: loopback connections may reuse TIME_WAIT.
    busy = next(a for a in report["advice"] if a["code"] == "destination-busy")
    assert "10 of them are in TIME_WAIT" in busy["message"]
    tw = next(a for a in report["advice"] if a["code"] == "time-wait")
    assert "tcp_tw_reuse=2 already lets" in tw["message"]
    m = _metrics(ns.portpedia("ephemeral", "--format", "openmetrics").stdout)
    in_use = {labels["state"]: v for labels, v in m["portpedia_ephemeral_in_use"]}
    assert in_use["TIME_WAIT"] == POOL and in_use["ESTABLISHED"] == 0


def test_listener_inside_the_range_is_flagged(namespace) -> None:
    ns = namespace("40000 40009")
    ns.ask("listen", port=40004)
    report = ns.report()
    assert report["listeners_in_range"][0]["port"] == 40004
    note = next(a for a in report["advice"] if a["code"] == "listener-in-range")
    assert "127.0.0.1:40004" in note["message"]
    assert note["commands"] == ['sysctl -w net.ipv4.ip_local_reserved_ports="40004"']
    # The listener's port is not counted as a connection's ephemeral port.
    assert report["in_use"]["total"] == 0
    # Connections take every port but the listener's.
    filled = ns.ask("fill")
    assert filled["error"] == "EADDRNOTAVAIL" and filled["clients"] == POOL - 1
    assert 40004 not in filled["opened"]
    # The listener's port is missing from every destination's budget, so that is full now.
    d = _destination(ns.report())
    assert (d["used"], d["pool_size"], d["percent"]) == (POOL - 1, POOL - 1, 100.0)
    assert ns.portpedia("ephemeral", "--fail-above", "99").returncode == 1


def test_reserved_ports_shrink_the_pool(namespace) -> None:
    ns = namespace("40000 40009")
    ns.ask("sysctl", name="ip_local_reserved_ports", value="40002,40005-40006")
    ns.ask("sysctl", name="tcp_tw_reuse", value="0")
    report = ns.report()
    assert report["pools"][0]["reserved"] == 3 and report["pools"][0]["size"] == 7
    assert report["settings"]["reserved"] == "40002,40005-40006"
    filled = ns.ask("fill")
    assert filled["error"] == "EADDRNOTAVAIL" and filled["clients"] == 7
    assert not {40002, 40005, 40006} & set(filled["opened"])
    d = _destination(ns.report())
    assert (d["used"], d["pool_size"], d["percent"]) == (7, 7, 100.0)
    ns.ask("close")
    report = ns.wait_for(lambda r: _destination(r)["states"] == {"TIME_WAIT": 7})
    # With reuse off, TIME_WAIT ports are simply gone for a minute: say how to change it.
    busy = next(a for a in report["advice"] if a["code"] == "destination-busy")
    assert "has used all 7 source ports" in busy["message"]
    tw = next(a for a in report["advice"] if a["code"] == "time-wait")
    assert tw["commands"] == ["sysctl -w net.ipv4.tcp_tw_reuse=1"]
    settings = {s["name"]: s for s in report["settings"]["settings"]}
    assert settings["net.ipv4.tcp_tw_reuse"]["value"] == "0"
    assert settings["net.ipv4.tcp_tw_reuse"]["differs_from_default"] is True
