"""The shortcuts `portpedia who` takes for speed give the answers of the general paths."""

from __future__ import annotations

import argparse
import os
import socket
import sys

import pytest

from portpedia.local import _linux, _netlink, _procfd, scan
from portpedia.local._reading import service_name

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux backend")


@pytest.mark.parametrize(
    "argv",
    [
        ["5432"],
        ["5432/udp", "--json"],
        ["--no-owners", "80"],
        ["443", "--json", "--no-owners", "--json"],
        [""],
        ["abc"],
    ],
)
def test_quick_parse_gives_the_argparse_namespace(argv):
    from portpedia.cli import who

    quick = who.quick_parse(argv, "who")
    parser = argparse.ArgumentParser()
    who.configure(parser, "who")
    assert quick is not None and vars(quick) == vars(parser.parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [[], ["-1"], ["80", "81"], ["80", "--verbose"], ["80", "--no"], ["--help"], ["80", "--"]],
)
def test_quick_parse_leaves_everything_else_to_argparse(argv):
    from portpedia.cli import who

    assert who.quick_parse(argv, "who") is None
    assert who.quick_parse(["80"], "ls") is None


def test_who_answers_the_same_with_and_without_the_quick_parse(tcp_server, capsys):
    import json

    from portpedia.cli import main

    server = tcp_server()
    port = str(server.getsockname()[1])
    assert main(["who", port, "--json"]) == 0  # quick
    quick = json.loads(capsys.readouterr().out)
    assert main(["who", port, "--json", "--method", "netlink"]) == 0  # argparse
    full = json.loads(capsys.readouterr().out)
    assert quick == full
    assert [o["pid"] for o in quick["sockets"][0]["owners"]] == [os.getpid()]


def test_service_names_match_explain():
    from portpedia.explain import service_name as explained
    from portpedia.knowledge import uses

    # Every well-known port, a spread over the rest, and every curated use.
    ports = set(range(1025)) | set(range(1025, 65536, 61)) | {u.port for u in uses()}
    for port in sorted(ports):
        for transport in ("tcp", "udp"):
            assert service_name(port, transport) == explained(port, transport), port


@linux
def test_one_tcp_dump_equals_one_per_family(tcp_server, connect):
    server4 = tcp_server()
    server6 = tcp_server(socket.AF_INET6)
    connect(server4)
    connect(server6)
    sock = _netlink.open_socket()
    try:
        for server in (server4, server6):
            port = server.getsockname()[1]
            both = _netlink.query_tcp(sock, port=port, seq=1)
            apart = _netlink.query(sock, "tcp", "ipv4", port=port, seq=2) + _netlink.query(
                sock, "tcp", "ipv6", port=port, seq=3
            )
            assert sorted(both) == sorted(apart)
            assert {s.state for s in both if s.local_port == port} == {"LISTEN", "ESTABLISHED"}
    finally:
        sock.close()


@linux
def test_per_family_requests_when_the_combined_one_is_refused(tcp_server, connect):
    server = tcp_server(socket.AF_INET6)
    port = server.getsockname()[1]
    connect(server)
    notes: list[str] = []
    combined = _linux.open_source(notes)
    apart = _linux.open_source(notes)
    apart._tcp_both = False  # what a kernel without TCPDIAG_GETSOCK leads to
    try:
        assert sorted(combined.read(port, False)) == sorted(apart.read(port, False))
        assert combined.methods == apart.methods == {"netlink"} and not notes
    finally:
        combined.close()
        apart.close()


@linux
def test_shared_walk_finds_what_a_serial_walk_finds(tcp_server, connect, spawn, monkeypatch):
    server = tcp_server()
    client, accepted = connect(server)
    child = spawn(pass_fds=[server.fileno(), accepted.fileno()])
    assert child.stdout.readline() == "ready\n"
    inodes = {os.fstat(s.fileno()).st_ino for s in (server, client, accepted)}

    serial = _procfd.start(inodes, parallel=False)
    assert serial._child is None
    monkeypatch.setattr(_procfd, "_PARALLEL_MIN_FDS", 0)
    shared = _procfd.start(inodes, parallel=True)
    assert shared._child is not None  # a helper took part

    def view(result):
        hits, denied = result
        return denied, {(pid, tuple(links)) for pid, links, *_ in hits}

    shared_view, serial_view = view(shared.result()), view(serial.result())
    assert shared_view == serial_view
    held = {pid: set(links) for pid, links in serial_view[1]}
    assert held[os.getpid()] == {_procfd.socket_link(i) for i in inodes}
    assert held[child.pid] == {
        _procfd.socket_link(os.fstat(s.fileno()).st_ino) for s in (server, accepted)
    }


@linux
def test_an_abandoned_walk_reaps_its_helper(tcp_server, monkeypatch):
    server = tcp_server()
    monkeypatch.setattr(_procfd, "_PARALLEL_MIN_FDS", 0)
    walk = _procfd.start({os.fstat(server.fileno()).st_ino})
    helper = walk._child
    assert helper is not None
    walk.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(helper, os.WNOHANG)


def test_scan_with_and_without_the_helper_agree(tcp_server, connect, monkeypatch):
    server = tcp_server()
    port = server.getsockname()[1]
    connect(server)
    monkeypatch.setattr(_procfd, "_PARALLEL_MIN_FDS", 0)
    shared = scan(port)
    monkeypatch.setenv("PORTPEDIA_SERIAL", "1")
    serial = scan(port)

    def ours(result):
        return [s for s in result.sockets if os.getpid() in {o.pid for o in s.owners}]

    assert ours(shared) == ours(serial) and len(ours(serial)) == 3


@linux
def test_no_helper_is_forked_while_other_threads_run(tcp_server, monkeypatch):
    import threading

    server = tcp_server()
    monkeypatch.setattr(_procfd, "_PARALLEL_MIN_FDS", 0)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        walk = _procfd.start({os.fstat(server.fileno()).st_ino})
        assert walk._child is None
        (hit,) = walk.result()[0]
        assert hit[0] == os.getpid()
    finally:
        release.set()
        other.join()


@pytest.mark.parametrize("method", ["netlink", "procfs", "psutil"])
def test_port_zero_is_used_by_no_listener(tcp_server, method, capsys):
    import json

    from portpedia.cli import main

    server = tcp_server()  # at least one listener (and UDP sockets may exist) meanwhile
    assert server.getsockname()[1] != 0
    code = main(["who", "0", "--json", "--method", method])
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["sockets"] == [] and not data["in_use"], data["sockets"][:3]
