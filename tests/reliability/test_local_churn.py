"""The local room while the machine changes under it: sockets and processes that vanish
mid-scan, processes that are dead but not yet reaped, and /proc entries it may not read.

The claim checked each time: no exception, and an owner is never attributed wrongly. A
process is only ever named as the owner of a socket it really had open.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portpedia.local import OWNERS_FOUND, scan

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")

SRC = str(Path(__file__).resolve().parents[2] / "src")
SYSTEM_PYTHON = shutil.which("python3", path="/usr/bin:/bin") or sys.executable

# Opens and closes listeners as fast as it can, each in a short-lived child of its own too,
# and reports "pid port" for every socket it ever held.
CHURN = """
import os, socket, sys
for i in range(3000):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
    port = s.getsockname()[1]
    if i % 10 == 0:
        pid = os.fork()
        if pid == 0:
            sys.stdout.write(f"{os.getpid()} {port}\\n"); sys.stdout.flush()
            os._exit(0)
        os.waitpid(pid, 0)
    sys.stdout.write(f"{os.getpid()} {port}\\n"); sys.stdout.flush()
    s.close()
sys.stdout.write("done\\n"); sys.stdout.flush()
"""

# Children that held a listener and exited but are never reaped: zombies while it waits.
ZOMBIES = """
import os, socket, sys
pids = []
for _ in range(5):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    s.close()
    pids.append(pid)
print(" ".join(map(str, pids)), flush=True)
sys.stdin.read()
"""


def _owned(result) -> list[tuple[int, int]]:
    return [(o.pid, s.local_port) for s in result.sockets for o in s.owners]


def test_sockets_and_processes_vanishing_mid_scan(spawned) -> None:
    mine = socket.socket()
    mine.bind(("127.0.0.1", 0))
    mine.listen()
    my_port = mine.getsockname()[1]
    churn = spawned([sys.executable, "-c", CHURN])
    held: dict[int, set[int]] = {}  # pid -> ports it really held
    scans = []
    try:
        lines = ""
        while True:
            scans.append(scan(listening_only=True))
            scans.append(scan(method="procfs", listening_only=True))
            while select.select([churn.stdout], [], [], 0)[0]:
                line = churn.stdout.readline()
                if not line or line == "done\n":
                    break
                lines += line
            else:
                continue
            break
        lines += churn.stdout.read()
    finally:
        mine.close()
    for entry in lines.strip().splitlines():
        if entry == "done":
            continue
        pid, port = map(int, entry.split())
        held.setdefault(pid, set()).add(port)
    assert len(scans) >= 2
    churn_pids = set(held)
    # The scans really did meet the churn: some saw its sockets while they existed.
    assert any(pid in churn_pids for result in scans for pid, _ in _owned(result))
    for result in scans:
        for pid, port in _owned(result):
            if pid in churn_pids:
                assert port in held[pid], f"pid {pid} named as owner of {port}"
        (ours,) = [s for s in result.sockets if s.local_port == my_port]
        assert ours.owner_status == OWNERS_FOUND
        assert os.getpid() in {o.pid for o in ours.owners}
        assert not {o.pid for o in ours.owners} & churn_pids


def test_unreaped_dead_processes_own_nothing(spawned) -> None:
    holder = spawned([sys.executable, "-c", ZOMBIES], stdin=subprocess.PIPE)
    zombies = {int(p) for p in holder.stdout.readline().split()}
    for pid in zombies:
        # They exist in /proc as zombies: dead, with no descriptors left to look at.
        deadline = time.monotonic() + 10
        while Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z":
            assert time.monotonic() < deadline, f"{pid} did not become a zombie"
            time.sleep(0.01)
    for method in ("netlink", "procfs"):
        owners = {pid for pid, _ in _owned(scan(method=method))}
        assert not owners & zombies


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run a scan as another user")
def test_unprivileged_scan_during_churn_hides_rather_than_guesses(spawned) -> None:
    """As ``nobody``, other users' /proc/PID/fd cannot be read: those sockets get no owner."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    churn = spawned([sys.executable, "-c", CHURN])
    query = (
        "import json, sys\n"
        "from portpedia.local import scan\n"
        "out = []\n"
        "for method in ('netlink', 'procfs') * 5:\n"
        "    r = scan(listening_only=True, method=method)\n"
        "    out.append([[s.local_port, s.owner_status, [o.pid for o in s.owners]]"
        " for s in r.sockets])\n"
        "print(json.dumps(out))\n"
    )
    try:
        done = subprocess.run(
            [SYSTEM_PYTHON, "-c", query], user="nobody", cwd="/",
            env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        server.close()
        churn.stdout.read()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for sockets in json.loads(done.stdout):
        for local_port, _status, pids in sockets:
            # nobody owns no process here, so nobody can be named as an owner at all.
            assert pids == [], (local_port, pids)
        assert port in {s[0] for s in sockets}


@pytest.fixture
def spawned():
    procs: list[subprocess.Popen] = []

    def start(argv: list[str], **kw) -> subprocess.Popen:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, **kw)
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        if proc.stdin:
            proc.stdin.close()
        if proc.poll() is None:
            proc.terminate()
        proc.wait(10)
        proc.stdout.close()
