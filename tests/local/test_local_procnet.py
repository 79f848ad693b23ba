"""The /proc/net line parser: exact round trips and no crash on any input."""

from __future__ import annotations

import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from portpedia.local._model import RawSocket
from portpedia.local._procnet import encode_address, parse_line, parse_lines

ports = st.integers(0, 65535)
v4 = st.ip_addresses(v=4).map(str)
v6 = st.ip_addresses(v=6).map(lambda a: str(ipaddress.IPv6Address(a)))


def _line(slot, laddr, lport, raddr, rport, state, uid, inode) -> str:
    # The kernel's own layout (net/ipv4/tcp_ipv4.c get_tcp4_sock).
    return (
        f"{slot:4d}: {encode_address(laddr)}:{lport:04X} {encode_address(raddr)}:{rport:04X} "
        f"{state:02X} 00000000:00000000 00:00000000 00000000 {uid:5d}        0 {inode} 1 "
        "0000000000000000 100 0 0 10 0"
    )


@given(
    st.sampled_from(["tcp", "udp"]),
    st.one_of(st.tuples(st.just("ipv4"), v4, v4), st.tuples(st.just("ipv6"), v6, v6)),
    ports,
    ports,
    st.integers(1, 12),
    st.integers(0, 2**32 - 2),
    st.integers(0, 2**32 - 1),
    st.integers(0, 99999),
)
def test_round_trip(transport, addrs, lport, rport, state, uid, inode, slot):
    family, laddr, raddr = addrs
    parsed = parse_line(
        _line(slot, laddr, lport, raddr, rport, state, uid, inode), transport, family
    )
    assert parsed is not None
    assert (parsed.transport, parsed.family) == (transport, family)
    assert ipaddress.ip_address(parsed.local_address) == ipaddress.ip_address(laddr)
    assert parsed.local_port == lport
    assert (parsed.uid, parsed.inode) == (uid, inode)
    if rport == 0 and ipaddress.ip_address(raddr).is_unspecified:
        assert parsed.remote_address is None and parsed.remote_port is None
    else:
        assert ipaddress.ip_address(parsed.remote_address) == ipaddress.ip_address(raddr)
        assert parsed.remote_port == rport
    assert parsed.state


@given(st.text(max_size=300), st.sampled_from(["ipv4", "ipv6"]))
def test_any_text_parses_or_is_skipped(text, family):
    result = parse_line(text, "tcp", family)
    assert result is None or isinstance(result, RawSocket)


def test_known_lines_and_the_port_prefilter():
    header = (
        "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
        "   uid  timeout inode"
    )
    listen = _line(0, "127.0.0.1", 5432, "0.0.0.0", 0, 0x0A, 106, 31337)
    conn = _line(1, "10.0.0.2", 60463, "142.250.1.1", 443, 0x01, 1000, 42)
    assert parse_line(header, "tcp", "ipv4") is None
    assert parse_line(listen, "tcp", "ipv4") == RawSocket(
        "tcp", "ipv4", "LISTEN", "127.0.0.1", 5432, None, None, 31337, 106
    )
    assert list(parse_lines([header, listen, conn], "tcp", "ipv4", port=443)) == [
        RawSocket("tcp", "ipv4", "ESTABLISHED", "10.0.0.2", 60463, "142.250.1.1", 443, 42, 1000)
    ]
    assert [s.inode for s in parse_lines([listen, conn], "tcp", "ipv4", listening_only=True)] == [
        31337
    ]
    udp = _line(2, "::", 5353, "::", 0, 0x07, 0, 7)
    assert parse_line(udp, "udp", "ipv6").state == "UNCONNECTED"
    # An IPv6 line in the IPv4 table is not a socket of that table.
    assert parse_line(udp, "udp", "ipv4") is None


def test_ipv4_mapped_ipv6_address_stays_an_ipv6_socket():
    # A dual-stack socket talking to an IPv4 peer: dots in an IPv6 address.
    line = _line(3, "::ffff:127.0.0.1", 8080, "::ffff:10.1.2.3", 51000, 0x01, 0, 99)
    parsed = parse_line(line, "tcp", "ipv6")
    assert parsed is not None
    assert (parsed.local_address, parsed.remote_address) == ("::ffff:127.0.0.1", "::ffff:10.1.2.3")
    assert parse_line(line, "tcp", "ipv4") is None
