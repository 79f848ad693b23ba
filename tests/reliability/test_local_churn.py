"""The local room while the machine changes under it: sockets and processes that vanish
mid-scan, processes that are dead but not yet reaped, and /proc entries it may not read.

The claim checked each time: no exception, and an owner is never attributed wrongly. A
process is only ever named as the owner of a socket it really had open.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portpedia.local import OWNERS_FOUND, scan

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc")

SYSTEM_PYTHON = shutil.which("python3", path="/usr/bin:/bin") or sys.executable

# Opens and closes listeners as fast as it can, each in a short-lived child of its own too,
# and writes "pid port" to a file for every socket it ever held, until its stdin closes.
CHURN = """
import os, select, socket, sys
out = open(sys.argv[1], "w", buffering=1)
i = 0
while not select.select([sys.stdin], [], [], 0)[0]:  # until the test closes our stdin
    i += 1
    s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
    port = s.getsockname()[1]
    if i % 10 == 0:
        pid = os.fork()
        if pid == 0:
            out.write(f"{os.getpid()} {port}\\n"); out.flush()
            os._exit(0)
        os.waitpid(pid, 0)
    out.write(f"{os.getpid()} {port}\\n")
    # Hold the listener ~2 ms: still gone long before a scan ends, but alive long enough
    # for a scan on a loaded machine to meet one within the deadline.
    select.select([], [], [], 0.002)
    s.close()
out.close()
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


def test_sockets_and_processes_vanishing_mid_scan(spawned, tmp_path) -> None:
    mine = socket.socket()
    mine.bind(("127.0.0.1", 0))
    mine.listen()
    my_port = mine.getsockname()[1]
    record = tmp_path / "held.txt"
    churn = spawned([sys.executable, "-c", CHURN, str(record)], stdin=subprocess.PIPE)
    held: dict[int, set[int]] = {}  # pid -> ports it really held
    scans = []
    try:
        deadline = time.monotonic() + 20
        # Scan until some scan caught churn's sockets alive (and at least a few times).
        while len(scans) < 6 or not any(
            o.pid == churn.pid for result in scans for s in result.sockets for o in s.owners
        ):
            assert time.monotonic() < deadline, "no scan ever met the churn"
            scans.append(scan(listening_only=True))
            scans.append(scan(method="procfs", listening_only=True))
        churn.stdin.close()
        churn.wait(10)
        lines = record.read_text()
    finally:
        mine.close()
    for entry in lines.strip().splitlines():
        pid, port = map(int, entry.split())
        held.setdefault(pid, set()).add(port)
    assert len(scans) >= 2
    churn_pids = set(held)
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
def test_unprivileged_scan_during_churn_hides_rather_than_guesses(
    spawned, tmp_path, readable_src
) -> None:
    """As ``nobody``, other users' /proc/PID/fd cannot be read: those sockets get no owner."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    churn = spawned(
        [sys.executable, "-c", CHURN, str(tmp_path / "held.txt")], stdin=subprocess.PIPE
    )
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
            env={"PYTHONPATH": readable_src, "PATH": "/usr/bin:/bin"},
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        server.close()
        churn.stdin.close()
        churn.wait(10)
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
