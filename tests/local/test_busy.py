"""``who`` on a port nothing listens on: why a bind would still fail, if it would."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from portpedia.local._busy import check, privileged_reason, windows_reasons
from portpedia.local._settings_windows import parse_excluded

PORTPEDIA = [str(Path(sys.executable).with_name("portpedia"))]
DATA = Path(__file__).resolve().parents[1] / "ephemeral" / "data"


def _time_wait_port() -> int:
    """A port whose listener is gone but whose server side sits in TIME_WAIT."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    accepted, _ = server.accept()
    accepted.close()  # the server closes first: its side goes to TIME_WAIT
    client.recv(1)  # the FIN has arrived
    client.close()
    server.close()
    return port


def test_time_wait_blocks_a_plain_bind():
    port = _time_wait_port()
    result = check(port, "tcp")
    kinds = {r.kind: r for r in result.reasons}
    assert "time-wait" in kinds, result
    assert result.bindable is False and kinds["time-wait"].blocks
    done = subprocess.run(
        [*PORTPEDIA, "who", f"{port}/tcp", "--json"], capture_output=True, text=True
    )
    data = json.loads(done.stdout)
    assert any(s["state"] == "TIME_WAIT" for s in data["sockets"])
    (tcp,) = data["bind"]
    assert tcp["bindable"] is False and tcp["reasons"][0]["kind"] == "time-wait"
    text = subprocess.run([*PORTPEDIA, "who", f"{port}/tcp"], capture_output=True, text=True)
    assert "binding it fails now" in text.stdout and "TIME_WAIT" in text.stdout


def test_a_free_port_has_nothing_to_say():
    from portpedia.local import free_port

    port = free_port()
    result = check(port, "tcp")
    assert result.bindable is True and result.reasons == ()


def test_privileged_port_without_capability():
    reason = privileged_reason(80, 1024, capable=False)
    assert reason is not None and reason.blocks and "CAP_NET_BIND_SERVICE" in str(reason.text)
    assert privileged_reason(80, 1024, capable=True) is None
    assert privileged_reason(8080, 1024, capable=False) is None
    assert privileged_reason(80, 0, capable=False) is None  # ip_unprivileged_port_start=0


def test_windows_excluded_ranges_from_recorded_netsh():
    excluded = parse_excluded((DATA / "windows-netsh-excludedportrange-tcp.txt").read_text())
    (reason,) = windows_reasons(50010, excluded)
    assert reason.kind == "windows-excluded" and reason.blocks and "winnat" in str(reason.text)
    assert windows_reasons(50060, excluded) == ()


def _root_with_unshare() -> str:
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None:
        if os.environ.get("CI"):
            pytest.fail("needs root and unshare (util-linux)", pytrace=False)
        pytest.skip("needs root and unshare")
    return unshare


def test_reserved_port_in_a_fresh_namespace():
    unshare = _root_with_unshare()
    script = (
        "echo 45678 > /proc/sys/net/ipv4/ip_local_reserved_ports && "
        f"{PORTPEDIA[0]} who 45678/tcp --json"
    )
    done = subprocess.run([unshare, "--net", "sh", "-c", script], capture_output=True, text=True)
    (tcp,) = json.loads(done.stdout)["bind"]
    reasons = {r["kind"]: r for r in tcp["reasons"]}
    assert reasons["reserved"]["blocks"] is False and tcp["bindable"] is True


def test_socket_in_another_namespace_is_named():
    unshare = _root_with_unshare()
    holder = subprocess.Popen(
        [unshare, "--net", sys.executable, "-c",
         "import socket, sys; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen();"
         "print(s.getsockname()[1], flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        port = int(holder.stdout.readline())
        result = check(port, "tcp")
        kinds = {r.kind: r for r in result.reasons}
        assert "other-namespace" in kinds and not kinds["other-namespace"].blocks
        assert result.bindable is True
    finally:
        holder.stdin.close()
        holder.wait(5)
        holder.stdout.close()
