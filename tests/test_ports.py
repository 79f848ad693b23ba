from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portpedia.errors import InvalidPortError
from portpedia.ports import parse_port


@pytest.mark.parametrize(
    "text, expected",
    [("443", (443, None)), ("80/tcp", (80, "tcp")), ("53/UDP", (53, "udp")),
     ("0443", (443, None)), (" 22 ", (22, None)), ("0", (0, None)), ("65535", (65535, None))],
)  # fmt: skip
def test_valid(text, expected):
    assert parse_port(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("65536", "port 65536 is out of range"),
        ("-1", "port -1 is out of range"),
        ("abc", "'abc' is not a port number"),
        ("٦٠٤٦٣", "non-ASCII digits; write the port with 0-9 (60463)"),
        ("80/xyz", "unknown protocol 'xyz'"),
        ("1-2-3", "'1-2-3' is not a port number"),
        ("6000-6063", "is a range, not a single port"),
        ("", "empty port"),
        ("80/", "ends with '/'"),
        ("9" * 1_000_000, "is not a port number"),
    ],
)
def test_invalid(text, message):
    with pytest.raises(InvalidPortError) as info:
        parse_port(text)
    assert message in str(info.value)
    assert len(str(info.value)) < 200


def test_protocol_conflict():
    with pytest.raises(InvalidPortError, match="says tcp but --protocol says udp"):
        parse_port("53/tcp", "udp")


@given(st.text(max_size=30))
def test_any_text_parses_or_fails_cleanly(text):
    try:
        port, proto = parse_port(text)
    except InvalidPortError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert 0 <= port <= 65535
        assert proto in (None, "tcp", "udp", "sctp", "dccp")


@given(st.integers(0, 65535), st.sampled_from(["", "/tcp", "/udp", "/sctp", "/dccp"]))
def test_every_port_round_trips(port, suffix):
    assert parse_port(f"{port}{suffix}") == (port, suffix[1:] or None)
