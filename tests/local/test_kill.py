"""``portpedia kill``: look first, escalate, kill the tree, and tell the truth afterwards."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PORTPEDIA = [str(Path(sys.executable).with_name("portpedia"))]

# Ignores SIGTERM: only SIGKILL stops it.
STUBBORN = (
    "import signal, socket, sys\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
    "print(s.getsockname()[1], flush=True)\n"
    "sys.stdin.read()\n"
)
# A listener with a child (like a reloader's worker) that does not hold the socket.
PARENT_WITH_CHILD = (
    "import socket, subprocess, sys\n"
    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
    "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'],"
    " close_fds=True)\n"
    "print(s.getsockname()[1], child.pid, flush=True)\n"
    "sys.stdin.read()\n"
)


def _run(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PORTPEDIA, "kill", *args], capture_output=True, text=True, **kwargs)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.parametrize("bad", ["inf", "nan", "-1", "1e12", "soon", "-inf"])
def test_bad_timeout_is_refused_before_any_signal(spawn, bad):
    from localkit import LISTENER

    proc = spawn(LISTENER)
    port = proc.stdout.readline().strip()
    done = _run(port, "--yes", f"--timeout={bad}")
    assert done.returncode == 2, done
    assert "--timeout" in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
    assert proc.poll() is None  # nothing was signalled


def test_dry_run_lists_exactly_what_kill_signals(spawn):
    proc = spawn(PARENT_WITH_CHILD)
    port, child = proc.stdout.readline().split()
    dry = _run(port, "--tree", "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    planned = json.loads(dry.stdout)
    assert planned["dry_run"] is True
    pids = [t["owner"]["pid"] for t in planned["targets"]]
    assert pids == [proc.pid, int(child)]
    assert planned["targets"][1]["reason"] == f"descendant of pid {proc.pid}"
    assert proc.poll() is None and _alive(int(child))

    done = _run(port, "--tree", "--yes", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [r["owner"]["pid"] for r in result["results"]] == pids
    assert result["port_free"] is True and result["still_held_by"] == []
    assert proc.wait(5) == -signal.SIGTERM
    assert not _alive(int(child))


def test_without_tree_the_child_survives(spawn):
    proc = spawn(PARENT_WITH_CHILD)
    port, child = proc.stdout.readline().split()
    try:
        done = _run(port, "--yes")
        assert done.returncode == 0, done.stderr
        assert f"port {port} is free now" in done.stdout
        assert _alive(int(child))
    finally:
        os.kill(int(child), signal.SIGKILL)


def test_escalates_to_sigkill_after_the_timeout(spawn):
    proc = spawn(STUBBORN)
    port = proc.stdout.readline().strip()
    done = _run(port, "--yes", "--timeout", "0.3", "--json")
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(done.stdout)["results"]
    assert result["signals"] == ["SIGTERM", "SIGKILL"] and result["exited"]
    assert proc.wait(5) == -signal.SIGKILL


def test_no_escalate_exits_1_and_names_the_holder(spawn):
    proc = spawn(STUBBORN)
    port = proc.stdout.readline().strip()
    done = _run(port, "--yes", "--timeout", "0.2", "--no-escalate")
    assert done.returncode == 1
    assert "sent SIGTERM, still running" in done.stdout
    assert f"port {port} is still in use: held by pid {proc.pid}" in done.stdout
    assert proc.poll() is None


def test_refuses_its_own_parent(spawn, tmp_path):
    # A listener that runs `portpedia kill` on its own port: portpedia's parent.
    script = textwrap.dedent(
        f"""
        import socket, subprocess, sys
        s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()
        done = subprocess.run({PORTPEDIA!r} + ['kill', str(s.getsockname()[1]), '--yes'],
                              capture_output=True, text=True)
        print(done.returncode, done.stderr.strip(), flush=True)
        """
    )
    proc = spawn(script)
    code, _, message = proc.stdout.readline().partition(" ")
    assert code == "2"
    assert "refusing to signal" in message and "started portpedia" in message
    assert proc.wait(10) == 0


def test_dry_run_text(spawn):
    from localkit import LISTENER

    proc = spawn(LISTENER)
    port = proc.stdout.readline().strip()
    done = _run(port, "--dry-run")
    assert done.returncode == 0
    assert f"would send SIGTERM to:\n  pid {proc.pid} " in done.stdout
    assert "(listens on the port)" in done.stdout
    assert proc.poll() is None
