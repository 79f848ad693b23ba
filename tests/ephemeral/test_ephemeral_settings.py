"""Reading ephemeral-port settings: recorded output of each OS, and garbage that must not crash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portpedia.local import _settings_bsd, _settings_linux, _settings_windows
from portpedia.local._settings_common import SettingsError, compress_ports
from portpedia.local.ephemeral import read_settings

DATA = Path(__file__).resolve().parent / "data"


def _text(name: str) -> str:
    return (DATA / name).read_bytes().decode()


def _ranges(s) -> set[tuple[int, int]]:
    return {(r.low, r.high) for r in s.ranges}


# --- Linux -------------------------------------------------------------------------------


def test_linux_recorded_proc_copy() -> None:
    s = _settings_linux.read(str(DATA / "linux-proc"))
    assert s.os == "linux" and s.netns is None
    assert _ranges(s) == {(40000, 40099)}
    assert {(r.transport, r.family) for r in s.ranges} == {
        ("tcp", "ipv4"),
        ("tcp", "ipv6"),
        ("udp", "ipv4"),
        ("udp", "ipv6"),
    }
    assert s.reserved == frozenset(range(40090, 40100))
    fin = s.setting("net.ipv4.tcp_fin_timeout")
    assert (fin.value, fin.default, fin.differs) == ("30", "60", True)
    tw = s.setting("net.ipv4.tcp_tw_reuse")
    assert (tw.value, tw.differs) == ("2", False)
    assert s.setting("net.ipv4.ip_local_port_range").differs


def test_linux_live_settings_match_proc() -> None:
    s = read_settings()
    with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
        low, high = map(int, f.read().split())
    assert _ranges(s) == {(low, high)}
    assert s.netns == os.stat("/proc/self/ns/net").st_ino
    assert str(s.netns) in s.source


def test_linux_missing_proc_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"cannot read .*ip_local_port_range"):
        _settings_linux.read(str(tmp_path))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("32768\t60999\n", (32768, 60999)),
        ("1024 65535", (1024, 65535)),
    ],
)
def test_linux_port_range(text: str, expected: tuple[int, int]) -> None:
    assert _settings_linux.parse_port_range(text) == expected


@pytest.mark.parametrize("text", ["", "1 2 3", "x 5", "60999 32768", "1024 70000", "-1 5"])
def test_linux_port_range_rejects(text: str) -> None:
    with pytest.raises(SettingsError, match="ip_local_port_range"):
        _settings_linux.parse_port_range(text)


def test_linux_reserved_ports() -> None:
    assert _settings_linux.parse_reserved("\n") == frozenset()
    assert _settings_linux.parse_reserved("8080,9000-9002\n") == {8080, 9000, 9001, 9002}
    with pytest.raises(SettingsError):
        _settings_linux.parse_reserved("9002-9000")
    assert compress_ports({8080, 9000, 9001, 9002, 9004}) == "8080,9000-9002,9004"


# --- macOS, FreeBSD, OpenBSD ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "os", "expected", "differs"),
    [
        ("macos-sysctl-portrange.txt", "macos", (49152, 65535), False),
        ("macos-tuned-sysctl-portrange.txt", "macos", (32768, 65535), True),
        ("freebsd-sysctl-portrange.txt", "freebsd", (10000, 65535), False),
        ("openbsd-sysctl-portrange.txt", "openbsd", (1024, 49151), False),
        # first above last is legal on the BSDs: the kernel walks the range downwards.
        ("freebsd-reversed-sysctl-portrange.txt", "freebsd", (20000, 60000), True),
    ],
)
def test_bsd_recordings(name: str, os: str, expected: tuple[int, int], differs: bool) -> None:
    s = _settings_bsd.parse(_text(name), os)
    assert s.os == os
    assert _ranges(s) == {expected}
    assert any(x.differs for x in s.settings) is differs


def test_macos_time_wait_from_msl() -> None:
    s = _settings_bsd.parse(_text("macos-tuned-sysctl-portrange.txt"), "macos")
    msl = s.setting("net.inet.tcp.msl")
    assert (msl.value, msl.default, msl.differs) == ("5000", "15000", True)
    assert "10 s" in msl.meaning
    hi = s.setting("net.inet.ip.portrange.hifirst")
    assert (hi.value, hi.differs) == ("49152", False)


def test_openbsd_names_differ_from_freebsd() -> None:
    # OpenBSD output read as FreeBSD's lacks the portrange names: a clear error, not a guess.
    with pytest.raises(SettingsError, match=r"lacks net\.inet\.ip\.portrange\.first"):
        _settings_bsd.parse(_text("openbsd-sysctl-portrange.txt"), "freebsd")


def test_sysctl_unknown_oid_output() -> None:
    with pytest.raises(SettingsError, match="lacks"):
        _settings_bsd.parse("sysctl: unknown oid 'net.inet.ip.portrange'\n", "macos")


def test_bsd_commands() -> None:
    assert _settings_bsd.command("macos") == ["sysctl", "net.inet.ip.portrange", "net.inet.tcp.msl"]
    assert _settings_bsd.command("openbsd")[1:] == list(_settings_bsd.KEYS["openbsd"])


# --- Windows -------------------------------------------------------------------------------


def test_windows_recordings() -> None:
    ranges = {
        (t, f): _text(f"windows-netsh-{f}-{t}.txt")
        for t in ("tcp", "udp")
        for f in ("ipv4", "ipv6")
    }
    s = _settings_windows.settings_from(
        ranges, _text("windows-netsh-excludedportrange-tcp.txt"), None
    )
    assert s.os == "windows"
    assert (s.range_for("tcp", "ipv4").low, s.range_for("tcp", "ipv4").high) == (49152, 65535)
    assert (s.range_for("tcp", "ipv6").low, s.range_for("tcp", "ipv6").high) == (10000, 65535)
    assert s.reserved == {1080, 5357, *range(50000, 50060), *range(54235, 54335)}
    changed = [x.name for x in s.settings if x.differs]
    assert changed == ["ipv6 dynamicport tcp"]
    delay = s.setting("TcpTimedWaitDelay")
    assert (delay.value, delay.differs) == ("120", False)


def test_windows_localized_output() -> None:
    assert _settings_windows.parse_dynamicport(_text("windows-netsh-de-ipv4-tcp.txt")) == (
        1025,
        5000,
    )


def test_windows_error_output() -> None:
    with pytest.raises(SettingsError, match="found 0 values"):
        _settings_windows.parse_dynamicport(_text("windows-netsh-error.txt"))


@pytest.mark.parametrize(
    "text",
    ["Start Port : 0\nNumber of Ports : 10\n", "Start Port : 65000\nNumber of Ports : 1000\n"],
)
def test_windows_impossible_ranges(text: str) -> None:
    with pytest.raises(SettingsError, match="not a valid range"):
        _settings_windows.parse_dynamicport(text)


# --- garbage in: a SettingsError or a result, never another exception ---------------------

_lines = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.builds(
            lambda k, v, sep: f"{k}{sep}{v}",
            st.sampled_from(
                [
                    "net.inet.ip.portrange.first",
                    "net.inet.ip.portrange.last",
                    "net.inet.ip.portfirst",
                    "net.inet.ip.portlast",
                    "net.inet.tcp.msl",
                    "net.in et.x",
                    "Start Port      ",
                    "Number of Ports ",
                ]
            ),
            st.one_of(st.integers(-5, 10**7).map(str), st.text(max_size=8)),
            st.sampled_from([": ", "=", " : ", ":"]),
        ),
        st.builds(lambda a, b: f"  {a}   {b}", st.integers(0, 99999), st.integers(0, 99999)),
    ),
    max_size=8,
).map("\n".join)


def _no_crash(parse, text: str):
    try:
        return parse(text)
    except SettingsError as exc:
        message = str(exc)
        assert message and "\n" not in message
        return None


@settings(max_examples=300, deadline=None)
@given(_lines, st.sampled_from(["macos", "freebsd", "openbsd"]))
def test_bsd_parser_never_crashes(text: str, os: str) -> None:
    s = _no_crash(lambda t: _settings_bsd.parse(t, os), text)
    if s is not None:
        for r in s.ranges:
            assert 0 <= r.low <= r.high <= 65535


@settings(max_examples=300, deadline=None)
@given(_lines)
def test_netsh_parsers_never_crash(text: str) -> None:
    found = _no_crash(_settings_windows.parse_dynamicport, text)
    if found is not None:
        assert 1 <= found[0] <= found[1] <= 65535
    excluded = _no_crash(_settings_windows.parse_excluded, text)
    if excluded is not None:
        assert all(0 <= p <= 65535 for p in excluded)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30), _lines))
def test_linux_parsers_never_crash(text: str) -> None:
    found = _no_crash(_settings_linux.parse_port_range, text)
    if found is not None:
        assert 0 <= found[0] <= found[1] <= 65535
    _no_crash(_settings_linux.parse_reserved, text)
    _no_crash(lambda t: _settings_linux.parse_integer(t, "tcp_tw_reuse"), text)
