"""The local room against real sockets and processes on this machine."""

from __future__ import annotations

import os
import socket
import sys

import pytest

from portpedia.local import (
    OWNERS_FOUND,
    OWNERS_NONE,
    OWNERS_SKIPPED,
    scan,
    sockets,
)

ME = os.getpid()
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux backend")


def ours(found, *ports):
    """Sockets between our own ports: 10,000 unrelated connections may share a number."""
    return [
        s
        for s in found
        if s.local_port in ports and (s.remote_port is None or s.remote_port in ports)
    ]


def _key(s):
    return (s.transport, s.family, s.state, s.local, s.remote)


def test_listener_and_both_ends_of_a_connection(tcp_server, connect):
    server = tcp_server()
    port = server.getsockname()[1]
    client, accepted = connect(server)
    cport = client.getsockname()[1]

    found = {_key(s): s for s in ours(sockets(port), port, cport)}

    listen = found[("tcp", "ipv4", "LISTEN", f"127.0.0.1:{port}", None)]
    incoming = found[("tcp", "ipv4", "ESTABLISHED", f"127.0.0.1:{port}", f"127.0.0.1:{cport}")]
    outgoing = found[("tcp", "ipv4", "ESTABLISHED", f"127.0.0.1:{cport}", f"127.0.0.1:{port}")]
    assert len(found) == 3
    for s in (listen, incoming, outgoing):
        assert [o.pid for o in s.owners] == [ME]
        assert s.owner_status == OWNERS_FOUND
        assert s.owners[0].cmdline and s.owners[0].user
        assert s.netns is None
    assert listen.reading.startswith("listening server")
    assert "loopback" in listen.reading
    assert incoming.reading.startswith("a client (127.0.0.1:")
    assert f"on {port}" in incoming.reading
    assert outgoing.reading.startswith("outgoing connection from ")
    assert f"to 127.0.0.1:{port}" in outgoing.reading
    assert incoming.inode == accepted_inode(accepted)


def accepted_inode(sock: socket.socket) -> int:
    return os.fstat(sock.fileno()).st_ino


def test_querying_the_client_port_finds_both_ends(tcp_server, connect):
    server = tcp_server()
    client, _ = connect(server)
    cport = client.getsockname()[1]
    sport = server.getsockname()[1]
    # Another program's connection may use the same number on its own side; ignore it.
    found = [s for s in sockets(cport) if sport in (s.local_port, s.remote_port)]
    assert {(s.local_port, s.remote_port) for s in found} == {
        (cport, server.getsockname()[1]),
        (server.getsockname()[1], cport),
    }
    # The server side is recognised as such although its local port is not the one asked.
    server_side = next(s for s in found if s.remote_port == cport)
    assert server_side.reading.startswith("a client")


def test_ipv6_and_udp(tcp_server, connect):
    server6 = tcp_server(socket.AF_INET6)
    port6 = server6.getsockname()[1]
    client6, _ = connect(server6)
    found6 = ours(sockets(port6), port6, client6.getsockname()[1])
    assert {(s.family, s.state) for s in found6} == {
        ("ipv6", "LISTEN"),
        ("ipv6", "ESTABLISHED"),
    }
    assert any(s.local == f"[::1]:{port6}" for s in found6)

    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u4,
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as u6,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as talker,
    ):
        u4.bind(("127.0.0.1", 0))
        u6.bind(("::1", 0))
        talker.connect(u4.getsockname())
        uport = u4.getsockname()[1]
        found = ours(sockets(uport), uport, talker.getsockname()[1])
        by_state = {s.state: s for s in found}
        assert set(by_state) == {"UNCONNECTED", "CONNECTED"}
        assert by_state["UNCONNECTED"].transport == "udp"
        assert by_state["UNCONNECTED"].remote is None
        assert by_state["UNCONNECTED"].reading.startswith("UDP socket receiving on port")
        assert by_state["CONNECTED"].remote == f"127.0.0.1:{u4.getsockname()[1]}"
        assert [o.pid for o in by_state["CONNECTED"].owners] == [ME]
        (v6,) = ours(sockets(u6.getsockname()[1]), u6.getsockname()[1])
        assert (v6.transport, v6.family, v6.state) == ("udp", "ipv6", "UNCONNECTED")


def test_shared_listening_socket_lists_every_process(tcp_server, spawn):
    server = tcp_server()
    port = server.getsockname()[1]
    child = spawn(pass_fds=[server.fileno()])
    assert child.stdout.readline() == "ready\n"
    (listener,) = [s for s in sockets(port, listening_only=True) if s.local_port == port]
    assert sorted(o.pid for o in listener.owners) == sorted([ME, child.pid])


def test_unused_port_and_listening_only(tcp_server, connect):
    server = tcp_server()
    port = server.getsockname()[1]
    connect(server)
    assert [s.state for s in ours(scan(port, listening_only=True).sockets, port)] == ["LISTEN"]
    server.close()
    # With the listener closed, the accepted connection is still open: not unused yet.
    assert all(s.state != "LISTEN" for s in sockets(port) if s.local_port == port)


def test_port_nobody_uses():
    from portpedia.local import free_port

    port = free_port()
    assert sockets(port) == []


def test_no_owners_skips_the_process_walk(tcp_server):
    server = tcp_server()
    result = scan(server.getsockname()[1], owners=False)
    assert result.owner_method is None
    (s,) = ours(result.sockets, server.getsockname()[1])
    assert s.owners == () and s.owner_status == OWNERS_SKIPPED


def test_time_wait_has_no_owner(tcp_server, connect, wait_for):
    server = tcp_server()
    client, accepted = connect(server)
    cport = client.getsockname()[1]
    # The side that closes first keeps the TIME_WAIT.
    client.close()
    accepted.close()
    wait_for(lambda: any(s.state == "TIME_WAIT" and s.local_port == cport for s in sockets(cport)))
    tw = next(s for s in sockets(cport) if s.state == "TIME_WAIT" and s.local_port == cport)
    assert tw.owners == () and tw.owner_status == OWNERS_NONE
    assert tw.reading.startswith("TIME_WAIT left by a closed connection")


@linux
def test_procfs_fallback_matches_netlink(tcp_server, connect):
    server = tcp_server()
    server6 = tcp_server(socket.AF_INET6)
    clients = [connect(server)[0].getsockname()[1], connect(server6)[0].getsockname()[1]]
    for port in (server.getsockname()[1], server6.getsockname()[1]):
        fast = scan(port, method="netlink")
        slow = scan(port, method="procfs")
        assert fast.method == "netlink" and slow.method == "procfs"
        assert ours(fast.sockets, port, *clients) == ours(slow.sockets, port, *clients)
        assert len(ours(fast.sockets, port, *clients)) == 3
    everything_fast = {
        (s.inode, s.local, s.state) for s in scan(method="netlink", owners=False).sockets
    }
    everything_slow = {
        (s.inode, s.local, s.state) for s in scan(method="procfs", owners=False).sockets
    }
    # Other programs open and close sockets meanwhile; ours must be in both.
    mine = {(s.inode, s.local, s.state) for s in ours(fast.sockets, port, *clients)}
    assert mine <= everything_fast and mine <= everything_slow


def test_psutil_backend_agrees(tcp_server, connect, spawn):
    server = tcp_server()
    port = server.getsockname()[1]
    client, _ = connect(server)
    cport = client.getsockname()[1]
    child = spawn(pass_fds=[server.fileno()])
    assert child.stdout.readline() == "ready\n"
    fast = scan(port)
    portable = scan(port, method="psutil")
    assert portable.method == "psutil" and portable.owner_method == "psutil"

    def view(result):
        return {
            (s.transport, s.family, s.state, s.local, s.remote): {o.pid for o in s.owners}
            for s in ours(result.sockets, port, cport)
        }

    fast_view, portable_view = view(fast), view(portable)
    assert fast_view.keys() == portable_view.keys() and len(fast_view) == 3
    for key, pids in portable_view.items():
        # psutil on Linux keeps only the first holder of a shared socket; we keep all.
        assert pids and pids <= fast_view[key]
    listener = ("tcp", "ipv4", "LISTEN", f"127.0.0.1:{port}", None)
    assert fast_view[listener] == {ME, child.pid}


def test_processes_vanishing_mid_scan_never_break_a_scan(tcp_server, spawn):
    server = tcp_server()
    port = server.getsockname()[1]
    # Short-lived holders come and go while we scan.
    churn = spawn(
        "import os, subprocess, sys\n"
        f"fd = {server.fileno()}\n"
        "for _ in range(25):\n"
        "    p = subprocess.Popen([sys.executable, '-c', 'pass'], pass_fds=[fd]); p.wait()\n"
        "print('done', flush=True)\n"
        "sys.stdin.read()\n",
        pass_fds=[server.fileno()],
    )
    import select

    seen = 0
    while not select.select([churn.stdout], [], [], 0)[0]:
        for s in sockets(port, listening_only=True):
            if s.local_port != port:
                continue
            pids = {o.pid for o in s.owners}
            assert ME in pids and churn.pid in pids
            for o in s.owners:
                # Any other owner must be one of churn's children, alive when looked at.
                assert o.pid in (ME, churn.pid) or o.name.startswith("python")
        seen += 1
    assert seen >= 1


@linux
def test_ephemeral_range_and_free_port():
    from portpedia.local import ephemeral_range, free_port, is_free, reserved_ports

    with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
        low, high = map(int, f.read().split())
    assert ephemeral_range() == (low, high)
    for _ in range(5):
        port = free_port()
        assert 1024 <= port <= 49151
        assert not low <= port <= high
        assert port not in reserved_ports()
        assert is_free(port)
        with socket.socket() as s:
            s.bind(("0.0.0.0", port))
            s.listen()
            assert not is_free(port)


def test_scan_to_dict_is_json_ready(tcp_server):
    import json

    server = tcp_server()
    port = server.getsockname()[1]
    data = json.loads(json.dumps(scan(port, listening_only=True).to_dict()))
    (mine,) = [s for s in data["sockets"] if s["local_port"] == port]
    assert mine["owners"][0]["pid"] == ME and mine["state"] == "LISTEN"


def test_kill_refuses_init_and_itself():
    # check_allowed refuses init and ourselves without touching them.
    from portpedia.local import KillRefusedError, Owner
    from portpedia.local._signal import check_allowed

    with pytest.raises(KillRefusedError, match="pid 1"):
        check_allowed(Owner(1, "init", 0, "root", ("/sbin/init",)))
    with pytest.raises(KillRefusedError, match="itself"):
        check_allowed(Owner(ME, "pytest", 0, "root", ()))
