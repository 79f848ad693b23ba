"""Run a real ``portpedia serve`` (uvicorn workers) on a free loopback port for a test.

Shared by tests/reliability and tests/security (the latter loads it by path), so that both
exercise exactly what users run, not an in-process app.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

import psutil

SECRET = "reliability-secret-0123456789abcdef0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _mac(purpose: str, value: str) -> str:
    return hmac.new(SECRET.encode(), f"{purpose}\n{value}".encode(), hashlib.sha256).hexdigest()


def visitor(name: str) -> tuple[str, str]:
    """(signed ``portpedia_visitor`` cookie, the visitor id the server stores for it) for a
    visitor called ``name``, computed independently of the app from the shared secret."""
    token = hashlib.sha256(name.encode()).hexdigest()[:40]
    return f"{token}.{_mac('visitor-cookie', token)[:32]}", _mac("visitor", token)


class Server:
    """``portpedia serve --workers N`` in its own process group, stopped by ``stop()``."""

    def __init__(
        self,
        database_url: str,
        data_dir: Path,
        workers: int = 2,
        args: Sequence[str] = (),
        env: dict[str, str | None] | None = None,
    ) -> None:
        """``args`` are more ``serve`` options; ``env`` overrides (None values unset)."""
        self.database_url = database_url
        self.args = list(args)
        self.env = env or {}
        self.data_dir = data_dir
        self.workers = workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = data_dir / f"serve-{self.port}.log"
        # Process objects, not bare PIDs: psutil refuses to signal a PID that was reused.
        self._seen: dict[int, psutil.Process] = {}

    def start(self, timeout: float = 30.0) -> Server:
        env = {**os.environ, "PORTPEDIA_DATA_DIR": str(self.data_dir), "PORTPEDIA_SECRET": SECRET}
        env.pop("PORTPEDIA_DATABASE_URL", None)
        for name, value in self.env.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "portpedia", "serve", "--host", "127.0.0.1",
                 "--port", str(self.port), "--workers", str(self.workers),
                 "--database", self.database_url, *self.args],
                env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            )  # fmt: skip
        wait_until(self._ready, timeout, f"portpedia serve on {self.base}")
        return self

    def _ready(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise AssertionError(f"portpedia serve exited: {self.log_text()}")
        if len(self.worker_pids()) < self.workers:
            return False
        try:
            with urllib.request.urlopen(self.base + "/api/v1/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def worker_pids(self) -> list[int]:
        """PIDs of the worker processes (children of uvicorn's supervisor that serve)."""
        assert self.proc is not None
        if self.workers == 1:
            return [self.proc.pid]  # uvicorn serves in its own process then
        try:
            children = psutil.Process(self.proc.pid).children()
        except psutil.NoSuchProcess:
            return []
        pids = []
        for child in children:
            try:
                # multiprocessing's resource tracker is a child too; workers run spawn_main.
                if "spawn_main" in " ".join(child.cmdline()):
                    pids.append(child.pid)
                    self._seen.setdefault(child.pid, child)
            except psutil.Error:
                continue
        return pids

    def log_text(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is None:
            return
        self.worker_pids()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        # Workers orphaned by a killed supervisor must not outlive the test.
        for process in self._seen.values():
            with contextlib.suppress(psutil.Error):
                process.kill()
        self.proc = None
