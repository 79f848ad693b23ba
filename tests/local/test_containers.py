"""Containers behind sockets: recorded cgroup paths and state files, and a real cgroup."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from portpedia.local._containers import container_of, docker_by_address, parse_cgroup, proxy_target

ROOT = str(Path(__file__).parent / "data" / "containers" / "root")
PORTPEDIA = [str(Path(sys.executable).with_name("portpedia"))]


@pytest.mark.parametrize(
    ("pid", "runtime", "label", "stop"),
    [
        (101, "docker", "docker container web (3f2a1bc9d8e7)", "docker stop web"),
        (102, "docker", "docker container web (3f2a1bc9d8e7)", "docker stop web"),
        (103, "podman", "podman container db (9a8b7c6d5e4f)", "podman stop db"),
        (104, "containerd", "containerd container cache (111122223333)",
         "nerdctl --namespace default stop cache"),
        (105, "kubernetes", "kubernetes pod shop/shop-web-7d9f8, container nginx",
         "kubectl delete pod shop-web-7d9f8 -n shop"),
        (106, "kubernetes", "kubernetes pod prod/api-5c6d, container api",
         "kubectl delete pod api-5c6d -n prod"),
    ],
)  # fmt: skip
def test_recorded_runtimes(pid: int, runtime: str, label: str, stop: str) -> None:
    found = container_of(pid, root=ROOT)
    assert found is not None
    assert (found.runtime, found.label, found.stop_command) == (runtime, label, stop)


def test_host_process_and_unreadable_pid() -> None:
    assert container_of(107, root=ROOT) is None
    assert container_of(999999, root=ROOT) is None
    assert parse_cgroup("0::/\n") is None


def test_docker_proxy_names_the_target() -> None:
    cmd = ("/usr/bin/docker-proxy", "-proto", "tcp", "-host-ip", "0.0.0.0", "-host-port",
           "8080", "-container-ip", "172.17.0.2", "-container-port", "80")  # fmt: skip
    target = proxy_target(cmd)
    assert target is not None and (target.address, target.port, target.host_port) == (
        "172.17.0.2", 80, 8080)  # fmt: skip
    inside = docker_by_address("172.17.0.2", root=ROOT)
    assert inside is not None and inside.name == "web"
    assert proxy_target(("/usr/bin/python3", "-m", "http.server")) is None
    assert proxy_target(("docker-proxy", "-proto", "tcp")) is None


def _cgroup_v1_pids() -> Path:
    base = Path("/sys/fs/cgroup/pids")
    if os.geteuid() != 0 or not (base / "cgroup.procs").exists():
        pytest.skip("needs root and a cgroup v1 pids hierarchy to make a container-like cgroup")
    return base


@pytest.fixture
def docker_cgroup():
    """A cgroup named as Docker names a container's: (id, its cgroup.procs); removed after,
    with anything still in it moved back to the root group."""
    base = _cgroup_v1_pids()
    cid = uuid.uuid4().hex + uuid.uuid4().hex
    group = base / "docker" / cid
    group.mkdir(parents=True)
    yield cid, group / "cgroup.procs"
    for pid in (group / "cgroup.procs").read_text().split():
        (base / "cgroup.procs").write_text(pid)
    group.rmdir()
    if not any(p.is_dir() for p in (base / "docker").iterdir()):  # only its control files
        (base / "docker").rmdir()


def test_a_real_cgroup_and_namespace(spawn, docker_cgroup) -> None:
    """A listener in its own network namespace, moved into a cgroup named as Docker names
    its containers: who names the container."""
    cid, procs = docker_cgroup
    code = (
        "import socket, sys\n"
        "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
        "print(s.getsockname()[1], flush=True); sys.stdin.read()\n"
    )
    proc = spawn(code, prefix=["unshare", "--net"])
    port = int(proc.stdout.readline())
    procs.write_text(str(proc.pid))
    done = subprocess.run([*PORTPEDIA, "who", str(port), "--all-namespaces", "--json"],
                          capture_output=True, text=True)  # fmt: skip
    data = json.loads(done.stdout)
    mine = [s for s in data["sockets"] if any(o["pid"] == proc.pid for o in s["owners"])]
    assert mine and mine[0]["netns"] is not None
    box = data["containers"][str(proc.pid)]["container"]
    assert box["runtime"] == "docker" and box["id"] == cid
    text = subprocess.run([*PORTPEDIA, "who", str(port), "--all-namespaces"],
                          capture_output=True, text=True).stdout  # fmt: skip
    assert f"in docker container {cid[:12]}" in text


def test_kill_offers_the_runtime_stop_command(spawn, docker_cgroup) -> None:
    from localkit import LISTENER

    cid, procs = docker_cgroup
    proc = spawn(LISTENER)
    port = proc.stdout.readline().strip()
    procs.write_text(str(proc.pid))
    done = subprocess.run([*PORTPEDIA, "kill", port, "--yes"], capture_output=True, text=True)
    assert done.returncode == 1
    assert f"docker container {cid[:12]}: docker stop {cid[:12]}" in done.stdout
    assert proc.poll() is None  # its process was not signalled
