"""``portpedia who|ls|kill|free`` as a user runs them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from portpedia.cli import main

PORTPEDIA = [str(Path(sys.executable).with_name("portpedia"))]


def test_who_text_and_json(tcp_server, connect, capsys):
    server = tcp_server()
    port = server.getsockname()[1]
    client, _ = connect(server)
    assert main(["who", str(port)]) == 0
    out = capsys.readouterr().out
    assert f"port {port}:" in out
    assert f"LISTEN      127.0.0.1:{port}" in out
    assert "listening server" in out
    assert f"pid {os.getpid()}" in out

    assert main(["who", f"{port}/tcp", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["port"] == port and data["protocol"] == "tcp" and data["in_use"]
    assert data["method"] == "netlink" and data["owner_method"] == "procfs"
    states = {(s["state"], s["local_port"]) for s in data["sockets"]}
    assert ("LISTEN", port) in states
    assert ("ESTABLISHED", client.getsockname()[1]) in states


def test_who_udp_filter_and_verbose(tcp_server, capsys):
    server = tcp_server()
    port = server.getsockname()[1]
    assert main(["who", f"{port}/udp", "--json", "--verbose"]) in (0, 1)
    captured = capsys.readouterr()
    assert all(s["transport"] == "udp" for s in json.loads(captured.out)["sockets"])
    assert "method: sockets from netlink sock_diag" in captured.err


def test_who_unused_port_says_so(capsys):
    from portpedia.local import free_port

    port = free_port()
    assert main(["who", str(port)]) == 1
    out = capsys.readouterr().out
    assert f"Nothing on this machine uses port {port}" in out
    assert main(["who", str(port), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["in_use"] is False and data["sockets"] == []


@pytest.mark.parametrize("bad", ["65536", "-1", "abc", "٦٠٤٦٣", "80/xyz", ""])
def test_who_bad_input_exits_2(bad, capsys):
    assert main(["who", bad]) == 2
    err = capsys.readouterr().err
    assert err.startswith("portpedia: error: ") and "Traceback" not in err


def test_ls_lists_our_listener(tcp_server, capsys):
    server = tcp_server()
    port = server.getsockname()[1]
    assert main(["ls"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PROTO")
    assert any(
        f"127.0.0.1:{port}" in line and f"{os.getpid()}/" in line for line in out.splitlines()
    )

    assert main(["ls", "--all", "--json", "--no-owners"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["owner_method"] is None
    assert any(s["local_port"] == port and s["state"] == "LISTEN" for s in data["sockets"])


def test_kill_stops_a_server(spawn):
    from localkit import LISTENER

    proc = spawn(LISTENER)
    port = int(proc.stdout.readline())
    # Without a terminal and without --yes nothing is sent.
    refused = subprocess.run(
        [*PORTPEDIA, "kill", str(port)], stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    assert refused.returncode == 2
    assert "pass --yes" in refused.stderr
    assert proc.poll() is None

    done = subprocess.run(
        [*PORTPEDIA, "kill", str(port), "--yes", "--json"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(done.stdout)["results"]
    assert result["owner"]["pid"] == proc.pid
    assert result["signal"] == "SIGTERM" and result["sent"] and result["exited"]
    assert proc.wait(5) == -15


def test_kill_with_signal_kill_and_nothing_listening(spawn, capsys):
    from localkit import LISTENER

    proc = spawn(LISTENER)
    port = int(proc.stdout.readline())
    assert main(["kill", str(port), "--yes", "--signal", "KILL"]) == 0
    assert "sent SIGKILL, it exited" in capsys.readouterr().out
    assert proc.wait(5) == -9
    assert main(["kill", str(port), "--yes"]) == 1
    assert "nothing listens on port" in capsys.readouterr().err
    assert main(["kill", "80", "--yes", "--signal", "NOPE"]) == 2


def test_free_prints_a_bindable_port(capsys):
    from portpedia.local import ephemeral_range

    assert main(["free"]) == 0
    port = int(capsys.readouterr().out)
    low, high = ephemeral_range()
    assert not low <= port <= high and 1024 <= port <= 49151
    with socket.socket() as s:
        s.bind(("0.0.0.0", port))
    assert main(["free", "--json", "--range", "20000-20100"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert 20000 <= data["port"] <= 20100
    assert main(["free", "--range", "9-3"]) == 2


def test_ls_by_pid_process_and_user(spawn, capsys):
    import pwd

    from localkit import LISTENER

    proc = spawn(LISTENER)
    port = int(proc.stdout.readline())
    assert main(["ls", "--pid", str(proc.pid), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {s["local_port"] for s in data["sockets"]} == {port}
    assert all(o["pid"] == proc.pid for s in data["sockets"] for o in s["owners"])

    name = Path(sys.executable).name
    assert main(["ls", "--process", name]) == 0
    assert f"127.0.0.1:{port}" in capsys.readouterr().out

    me = pwd.getpwuid(os.getuid()).pw_name
    assert main(["ls", "--user", me, "--json"]) == 0
    ports = {s["local_port"] for s in json.loads(capsys.readouterr().out)["sockets"]}
    assert port in ports

    assert main(["ls", "--process", "no-such-program-here"]) == 1
    assert "no socket here is held by a process named" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [
        ["--pid", "abc"],
        ["--pid", "0"],
        ["--pid", "-5"],
        ["--user", "no-such-user-x"],
        ["--pid", "1", "--no-owners"],
    ],
)
def test_ls_selection_bad_input(args, capsys):
    assert main(["ls", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
