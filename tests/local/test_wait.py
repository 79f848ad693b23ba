"""``portpedia wait``: until a port listens, until it is free, timeouts and bad input."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

PORTPEDIA = [str(Path(sys.executable).with_name("portpedia"))]


def _free_port() -> int:
    from portpedia.local import free_port

    return free_port()


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*PORTPEDIA, "wait", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_waits_until_a_listener_appears():
    port = _free_port()
    waiter = _start(str(port), "--timeout", "20", "--json")
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))
            s.listen()
            out, err = waiter.communicate(timeout=30)
    finally:
        waiter.kill()
    assert waiter.returncode == 0, err
    result = json.loads(out)
    assert result["reached"] and result["wanted"] == "listening" and result["port"] == port


def test_waits_until_the_port_is_free():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    port = s.getsockname()[1]
    waiter = _start(str(port), "--free", "--timeout", "20")
    try:
        s.close()
        out, err = waiter.communicate(timeout=30)
    finally:
        waiter.kill()
    assert waiter.returncode == 0, err
    assert f"port {port}/tcp is free" in out


def test_udp_listener_is_seen():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        done = subprocess.run([*PORTPEDIA, "wait", str(port), "--udp", "--timeout", "5"],
                              capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_host_connects(tcp_server):
    server = tcp_server()
    port = server.getsockname()[1]
    done = subprocess.run([*PORTPEDIA, "wait", str(port), "--host", "127.0.0.1", "--timeout", "5"],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"127.0.0.1:{port} is listening" in done.stdout


def test_timeout_exits_1():
    port = _free_port()
    done = subprocess.run([*PORTPEDIA, "wait", str(port), "--timeout", "0.2"],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1
    assert "timed out after 0.2 s" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("80", "--timeout=inf"),
        ("80", "--timeout=nan"),
        ("80", "--timeout=-1"),
        ("80", "--timeout=1e9"),
        ("65536",),
        ("80/sctp",),
        ("80/tcp", "--udp"),
        ("80", "--udp", "--host", "127.0.0.1"),
        ("80", "--host", "a b"),
    ],
)
def test_bad_input_exits_2_with_one_line(args):
    done = subprocess.run([*PORTPEDIA, "wait", *args], capture_output=True, text=True)
    assert done.returncode == 2, done
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
