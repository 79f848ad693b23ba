"""Other users' sockets, unprivileged queries, and other network namespaces (needs root)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from localkit import LISTENER, SYSTEM_PYTHON, TEST_USER

from portpedia.local import OWNERS_FOUND, OWNERS_HIDDEN, scan

pytestmark = [
    pytest.mark.root,
    pytest.mark.skipif(
        not sys.platform.startswith("linux") or os.geteuid() != 0, reason="needs root on Linux"
    ),
]

QUERY = (
    "import json, sys\n"
    "from portpedia.local import scan\n"
    "out = {p: scan(int(p), listening_only=True).to_dict() for p in sys.argv[1:]}\n"
    "print(json.dumps(out))\n"
)


def _as_test_user(args: list[str], src: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SYSTEM_PYTHON, *args],
        user=TEST_USER,
        env={"PYTHONPATH": src, "PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        cwd="/",
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_other_users_socket_as_root_and_roots_socket_as_that_user(
    test_user, tcp_server, spawn, readable_src
):
    theirs = spawn(LISTENER, python=SYSTEM_PYTHON, user=TEST_USER, cwd="/")
    their_port = int(theirs.stdout.readline())
    mine = tcp_server()
    my_port = mine.getsockname()[1]

    # As root: the other user's listener with its owner and user name.
    (s,) = [x for x in scan(their_port, listening_only=True).sockets if x.local_port == their_port]
    assert s.uid == test_user.pw_uid
    assert [(o.pid, o.user, o.uid) for o in s.owners] == [(theirs.pid, TEST_USER, test_user.pw_uid)]

    # As the test user: its own socket has an owner, root's shows why it has none.
    done = _as_test_user(["-c", QUERY, str(their_port), str(my_port)], readable_src)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    (own,) = [x for x in data[str(their_port)]["sockets"] if x["local_port"] == their_port]
    assert own["owner_status"] == OWNERS_FOUND
    assert [o["pid"] for o in own["owners"]] == [theirs.pid]
    (roots,) = [x for x in data[str(my_port)]["sockets"] if x["local_port"] == my_port]
    assert roots["owners"] == [] and roots["owner_status"] == OWNERS_HIDDEN
    assert roots["owner_note"] == "owner not visible without root"
    assert data[str(my_port)]["privileged"] is False

    # The CLI says the same in words, without a traceback.
    cli = _as_test_user(["-m", "portpedia", "who", str(my_port)], readable_src)
    assert cli.returncode == 0, cli.stderr
    assert "owner not visible without root" in cli.stdout


@pytest.fixture
def netns():
    if shutil.which("ip") is None:
        pytest.skip("needs iproute2")
    name = f"portpedia-test-{os.getpid()}"
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        subprocess.run(["ip", "-n", name, "link", "set", "lo", "up"], check=True)
        yield name
    finally:
        subprocess.run(["ip", "netns", "del", name], check=False)


@pytest.mark.parametrize("method", ["netlink", "procfs"])
def test_sockets_in_another_namespace(netns, spawn, method):
    proc = spawn(LISTENER, prefix=["ip", "netns", "exec", netns])
    port = int(proc.stdout.readline())
    inside = [
        s for s in scan(port, all_namespaces=True, method=method).sockets if s.netns_name == netns
    ]
    assert [(s.state, s.local) for s in inside] == [("LISTEN", f"127.0.0.1:{port}")]
    assert inside[0].netns == os.stat(f"/run/netns/{netns}").st_ino
    assert [o.pid for o in inside[0].owners] == [proc.pid]
    # Without --all-namespaces only our own namespace is shown.
    assert all(s.netns is None for s in scan(port, method=method).sockets)
