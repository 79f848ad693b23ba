"""A throwaway network namespace with a tiny ephemeral range, driven over a pipe."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
DRIVER = HERE / "nsdriver.py"


class Namespace:
    """The driver process (see nsdriver.py) living alone in its network namespace."""

    def __init__(self, port_range: str) -> None:
        self.proc = subprocess.Popen(
            ["unshare", "--net", "--", sys.executable, str(DRIVER), port_range],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready = self.proc.stdout.readline()
        if not ready:
            self.close()
            raise RuntimeError("the namespace driver did not start")

    def ask(self, op: str, **params: Any) -> dict[str, Any]:
        self.proc.stdin.write(json.dumps({"op": op, **params}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "the namespace driver died"
        return json.loads(line)

    def portpedia(self, *argv: str) -> subprocess.CompletedProcess[str]:
        answer = self.ask("run", argv=list(argv))
        return subprocess.CompletedProcess(argv, answer["rc"], answer["stdout"], answer["stderr"])

    def report(self, *argv: str) -> dict[str, Any]:
        done = self.portpedia("ephemeral", "--json", *argv)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def wait_for(
        self, check: Callable[[dict[str, Any]], bool], timeout: float = 10.0
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            report = self.report()
            if check(report):
                return report
            if time.monotonic() > deadline:
                raise AssertionError(f"report never matched: {json.dumps(report)[:2000]}")
            time.sleep(0.05)

    def close(self) -> None:
        # Closing stdin ends the driver; its namespace and sockets go with it.
        if self.proc.stdin and not self.proc.stdin.closed:
            self.proc.stdin.close()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()


@pytest.fixture
def namespace() -> Iterator[Callable[[str], Namespace]]:
    if os.geteuid() != 0 or shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("needs root, unshare and ip to create a network namespace")
    made: list[Namespace] = []

    def make(port_range: str = "40000 40009") -> Namespace:
        ns = Namespace(port_range)
        made.append(ns)
        return ns

    yield make
    for ns in made:
        ns.close()
