"""Which container a process runs in, read from files only (never by calling a daemon).

The runtime and container id come from ``/proc/PID/cgroup``; names come from each
runtime's state on disk:

- Docker: ``/var/lib/docker/containers/<id>/config.v2.json`` (``Name``, image, addresses);
- Podman (and CRI-O's storage): containers/storage's ``overlay-containers/containers.json``
  (``names``), under /var/lib/containers/storage or a user's ~/.local/share/containers;
- containerd and Kubernetes: the OCI bundle's ``config.json`` under
  ``/run/containerd/io.containerd.runtime.v2.task/<namespace>/<id>/``, whose annotations
  carry the pod, its namespace and the container name (``io.kubernetes.cri.*``, or CRI-O's
  ``io.kubernetes.pod.*``).

A port published by Docker is often held by ``docker-proxy``; its command line names the
container address and port it forwards to (:func:`proxy_target`).
"""

from __future__ import annotations

import itertools
import json
import os
import re
from typing import Any, NamedTuple

_ID = r"([0-9a-f]{64})"
# (runtime, pattern) in the order tried; the first group is the container id.
_CGROUP_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("kubernetes", re.compile(rf"kubepods.*?(?:cri-containerd-|crio-|docker-)?{_ID}(?:\.scope)?$")),
    ("podman", re.compile(rf"libpod-(?:conmon-)?{_ID}(?:\.scope)?")),
    ("docker", re.compile(rf"(?:docker-{_ID}\.scope|/docker/{_ID})")),
    ("containerd", re.compile(rf"(?:nerdctl-|cri-containerd-){_ID}\.scope|^/[a-z0-9._-]+/{_ID}$")),
    ("cri-o", re.compile(rf"crio-(?:conmon-)?{_ID}(?:\.scope)?")),
)  # fmt: skip
MAX_STATE = 4 * 1024 * 1024  # a state file larger than this is not read


class Container(NamedTuple):
    runtime: str  # docker | podman | containerd | kubernetes | cri-o
    id: str
    name: str | None = None
    image: str | None = None
    pod: str | None = None
    namespace: str | None = None  # the Kubernetes namespace (or containerd's)
    addresses: tuple[str, ...] = ()

    @property
    def short_id(self) -> str:
        return self.id[:12]

    @property
    def label(self) -> str:
        """``docker container web (3f2a1b...)``, ``kubernetes pod default/web, container app``."""
        if self.runtime == "kubernetes" and self.pod:
            ns = f"{self.namespace}/" if self.namespace else ""
            part = f", container {self.name}" if self.name else ""
            return f"kubernetes pod {ns}{self.pod}{part}"
        name = self.name or self.short_id
        return f"{self.runtime} container {name}" + (f" ({self.short_id})" if self.name else "")

    @property
    def stop_command(self) -> str:
        """What to run instead of killing the container's process."""
        ref = self.name or self.short_id
        if self.runtime == "kubernetes":
            ns = f" -n {self.namespace}" if self.namespace else ""
            return f"kubectl delete pod {self.pod or ref}{ns}"
        if self.runtime == "containerd":
            ns = f" --namespace {self.namespace}" if self.namespace else ""
            return f"nerdctl{ns} stop {ref}"
        if self.runtime == "cri-o":
            return f"crictl stop {self.short_id}"
        return f"{self.runtime} stop {ref}"

    def to_dict(self) -> dict[str, Any]:
        return {"runtime": self.runtime, "id": self.id, "name": self.name, "image": self.image,
                "pod": self.pod, "namespace": self.namespace, "label": self.label,
                "stop_command": self.stop_command}  # fmt: skip


class ProxyTarget(NamedTuple):
    transport: str
    host_port: int
    address: str
    port: int


def parse_cgroup(text: str) -> tuple[str, str] | None:
    """``(runtime, id)`` from the text of /proc/PID/cgroup, or None for a host process."""
    for line in text.splitlines():
        path = line.split(":", 2)[-1].strip()
        if not path or path == "/":
            continue
        for runtime, pattern in _CGROUP_PATTERNS:
            found = pattern.search(path)
            if found:
                cid = next(g for g in found.groups() if g)
                return runtime, cid
    return None


def _load_json(path: str) -> Any:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_STATE + 1)
    except OSError:
        return None
    if len(data) > MAX_STATE:
        return None
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None


def _docker(root: str, cid: str) -> Container:
    state = _load_json(os.path.join(root, "var/lib/docker/containers", cid, "config.v2.json"))
    if not isinstance(state, dict):
        return Container("docker", cid)
    networks = (state.get("NetworkSettings") or {}).get("Networks") or {}
    addresses = tuple(
        n["IPAddress"] for n in networks.values() if isinstance(n, dict) and n.get("IPAddress")
    )
    name = str(state.get("Name") or "").lstrip("/") or None
    image = (state.get("Config") or {}).get("Image")
    return Container("docker", cid, name, image if isinstance(image, str) else None,
                     addresses=addresses)  # fmt: skip


def _storage_names(root: str, cid: str, uid: int | None) -> tuple[str | None, str | None]:
    places = [os.path.join(root, "var/lib/containers/storage")]
    if uid is not None:
        try:
            import pwd

            home = pwd.getpwuid(uid).pw_dir
            places.append(os.path.join(root, home.lstrip("/"), ".local/share/containers/storage"))
        except (KeyError, ImportError):
            pass
    for place in places:
        listing = _load_json(os.path.join(place, "overlay-containers", "containers.json"))
        if isinstance(listing, list):
            for entry in listing:
                if isinstance(entry, dict) and entry.get("id") == cid:
                    names = entry.get("names") or []
                    return (names[0] if names else None), None
    return None, None


def _annotations(spec: Any) -> dict[str, str]:
    notes = spec.get("annotations") if isinstance(spec, dict) else None
    return {k: v for k, v in (notes or {}).items() if isinstance(v, str)}


def _bundle(root: str, cid: str) -> tuple[str | None, dict[str, str]]:
    """The containerd namespace and the OCI annotations of a running container's bundle
    (containerd's task directory, else CRI-O's userdata)."""
    tasks = os.path.join(root, "run/containerd/io.containerd.runtime.v2.task")
    try:
        namespaces = sorted(os.listdir(tasks))
    except OSError:
        namespaces = []
    for ns in namespaces:
        spec = _load_json(os.path.join(tasks, ns, cid, "config.json"))
        if isinstance(spec, dict):
            return ns, _annotations(spec)
    crio = os.path.join(root, "run/containers/storage/overlay-containers", cid, "userdata")
    return None, _annotations(_load_json(os.path.join(crio, "config.json")))


def identify(runtime: str, cid: str, *, root: str = "/", uid: int | None = None) -> Container:
    """Everything the state files say about container ``cid`` of ``runtime``."""
    if runtime == "docker":
        return _docker(root, cid)
    if runtime == "podman":
        name, _ = _storage_names(root, cid, uid)
        return Container("podman", cid, name)
    ns, notes = _bundle(root, cid)
    pod = notes.get("io.kubernetes.cri.sandbox-name") or notes.get("io.kubernetes.pod.name")
    if runtime == "kubernetes" or pod:
        kube_ns = notes.get("io.kubernetes.cri.sandbox-namespace") or notes.get(
            "io.kubernetes.pod.namespace"
        )
        name = notes.get("io.kubernetes.cri.container-name") or notes.get(
            "io.kubernetes.container.name"
        )
        return Container("kubernetes", cid, name, notes.get("io.kubernetes.cri.image-name"),
                         pod, kube_ns)  # fmt: skip
    if runtime == "cri-o":
        return Container("cri-o", cid)
    return Container("containerd", cid, notes.get("nerdctl/name"), None, None, ns)


_cache: dict[int, Container | None] = {}


def container_of(pid: int, *, root: str = "/", uid: int | None = None) -> Container | None:
    """The container process ``pid`` runs in, or None (a host process, or unreadable)."""
    if root == "/" and pid in _cache:
        return _cache[pid]
    try:
        with open(os.path.join(root, f"proc/{pid}/cgroup")) as f:
            found = parse_cgroup(f.read(65536))
    except OSError:
        found = None
    result = identify(*found, root=root, uid=uid) if found else None
    if root == "/":
        _cache[pid] = result
    return result


def proxy_target(cmdline: tuple[str, ...]) -> ProxyTarget | None:
    """Where a ``docker-proxy`` process forwards: its -container-ip and -container-port."""
    if not cmdline or os.path.basename(cmdline[0]) != "docker-proxy":
        return None
    args: dict[str, str] = {}
    for flag, value in itertools.pairwise(cmdline[1:]):
        if flag.startswith("-"):
            args[flag.lstrip("-")] = value
    try:
        return ProxyTarget(args.get("proto", "tcp"), int(args["host-port"]),
                           args["container-ip"], int(args["container-port"]))  # fmt: skip
    except (KeyError, ValueError):
        return None


def docker_by_address(address: str, *, root: str = "/") -> Container | None:
    """The Docker container that has ``address`` (a docker-proxy's -container-ip)."""
    base = os.path.join(root, "var/lib/docker/containers")
    try:
        ids = os.listdir(base)
    except OSError:
        return None
    for cid in ids:
        if re.fullmatch(_ID, cid):
            found = _docker(root, cid)
            if address in found.addresses:
                return found
    return None
