"""Fixtures for the local room: real sockets, real processes, a real second user."""

from __future__ import annotations

import os
import pwd
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import pytest

# Constants live in localkit.py: test modules import them from there, because a bare
# `from conftest import ...` picks whichever conftest.py pytest loaded first.
from localkit import HOLDER, LISTENER, SYSTEM_PYTHON, TEST_USER  # noqa: F401


def wait_until(check: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met before the deadline")
        time.sleep(0.01)


@pytest.fixture
def tcp_server() -> Iterator[Callable[..., socket.socket]]:
    """Factory for listening TCP sockets on loopback; all closed afterwards."""
    opened: list[socket.socket] = []

    def make(family: int = socket.AF_INET) -> socket.socket:
        s = socket.socket(family, socket.SOCK_STREAM)
        s.bind(("::1" if family == socket.AF_INET6 else "127.0.0.1", 0))
        s.listen(16)
        opened.append(s)
        return s

    yield make
    for s in opened:
        s.close()


@pytest.fixture
def connect() -> Iterator[Callable[[socket.socket], tuple[socket.socket, socket.socket]]]:
    """Connect to a listener; returns (client, accepted server side); closes both."""
    opened: list[socket.socket] = []

    def make(server: socket.socket) -> tuple[socket.socket, socket.socket]:
        client = socket.create_connection(server.getsockname()[:2])
        accepted, _ = server.accept()
        opened.extend((client, accepted))
        return client, accepted

    yield make
    for s in opened:
        s.close()


@pytest.fixture
def spawn() -> Iterator[Callable[..., subprocess.Popen]]:
    """Start helper processes that run until their stdin closes; reaped afterwards."""
    procs: list[subprocess.Popen] = []

    def start(code: str = HOLDER, **kwargs) -> subprocess.Popen:
        python = kwargs.pop("python", sys.executable)
        prefix = kwargs.pop("prefix", [])
        proc = subprocess.Popen(
            [*prefix, python, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            **kwargs,
        )
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.stdin.close()
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream and not stream.closed:
                stream.close()


@pytest.fixture(scope="session")
def test_user() -> pwd.struct_passwd:
    if os.geteuid() != 0:
        pytest.skip("needs root to create and switch to a test user")
    try:
        return pwd.getpwnam(TEST_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", TEST_USER],
            check=True,
        )
        return pwd.getpwnam(TEST_USER)


@pytest.fixture
def wait_for() -> Callable[..., None]:
    return wait_until
