"""The data the ``local`` room hands out: plain immutable records, easy to print or serialise.

They are typed NamedTuples, like the registry's records, rather than dataclasses: importing
``dataclasses`` (and the ``inspect`` it pulls in) plus generating the methods cost 15-25 ms
per run on a small VM, more than the whole port-filtered netlink query, and ``portpedia
who`` is meant to answer faster than ``ss``. For the same reason this module does without
``from __future__ import annotations``: NamedTuple compiles every string annotation into a
ForwardRef, which made these four classes take 60% longer to create.
"""

from typing import Any, NamedTuple

from portpedia.i18n import N_

# Why a socket has (or lacks) an owner list.
OWNERS_FOUND = "found"  # owners lists every process holding the socket
OWNERS_HIDDEN = "hidden"  # some process holds it, but we may not look (needs root)
OWNERS_PROTECTED = "protected"  # hidden even from root (no CAP_SYS_PTRACE, a sandbox)
OWNERS_NONE = "none"  # no process holds it: kernel-only (TIME_WAIT) or already closed
OWNERS_SKIPPED = "skipped"  # the caller asked not to look up owners

_OWNER_NOTES = {
    OWNERS_HIDDEN: N_("owner not visible without root"),
    OWNERS_PROTECTED: N_("owner not visible: its process cannot be inspected, even as root"),
    OWNERS_NONE: N_("no process holds it (kept by the kernel)"),
    OWNERS_SKIPPED: N_("owners not looked up"),
}


class Owner(NamedTuple):
    """A process holding a socket open."""

    pid: int
    name: str
    uid: int | None
    user: str | None
    cmdline: tuple[str, ...]

    @property
    def command(self) -> str:
        # Kernel threads and zombies have an empty command line; ps shows them as [name].
        return " ".join(self.cmdline) if self.cmdline else f"[{self.name}]"

    def to_dict(self) -> dict[str, Any]:
        return {
            "pid": self.pid,
            "name": self.name,
            "uid": self.uid,
            "user": self.user,
            "cmdline": list(self.cmdline),
        }


def endpoint(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


class Socket(NamedTuple):
    """One socket on this machine.

    ``state`` uses the kernel's TCP state names (``LISTEN``, ``ESTABLISHED``, ``TIME_WAIT``,
    ...); a UDP socket is ``UNCONNECTED`` (bound, receives from anyone) or ``CONNECTED``.
    ``remote_address``/``remote_port`` are None when there is no peer. ``netns`` is the
    network namespace's inode when the socket is not in the host's namespace.
    """

    transport: str
    family: str
    state: str
    local_address: str
    local_port: int
    remote_address: str | None
    remote_port: int | None
    inode: int
    uid: int | None
    owners: tuple[Owner, ...] = ()
    owner_status: str = OWNERS_SKIPPED
    netns: int | None = None
    netns_name: str | None = None
    reading: str = ""

    @property
    def listening(self) -> bool:
        return self.state in ("LISTEN", "UNCONNECTED")

    @property
    def local(self) -> str:
        return endpoint(self.local_address, self.local_port)

    @property
    def remote(self) -> str | None:
        if self.remote_address is None or self.remote_port is None:
            return None
        return endpoint(self.remote_address, self.remote_port)

    @property
    def owner_note(self) -> str | None:
        """A plain sentence when ``owners`` is empty, or None when owners are listed."""
        return None if self.owners else _OWNER_NOTES.get(self.owner_status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "transport": self.transport,
            "family": self.family,
            "state": self.state,
            "local_address": self.local_address,
            "local_port": self.local_port,
            "remote_address": self.remote_address,
            "remote_port": self.remote_port,
            "inode": self.inode,
            "uid": self.uid,
            "owners": [o.to_dict() for o in self.owners],
            "owner_status": self.owner_status,
            "owner_note": self.owner_note,
            "netns": self.netns,
            "netns_name": self.netns_name,
            "reading": self.reading,
        }


class Scan(NamedTuple):
    """The result of one look at this machine's sockets, with how it was obtained.

    ``method`` names the socket source (``netlink``, ``procfs`` or ``psutil``);
    ``owner_method`` the owner lookup (``procfs`` walk of /proc/*/fd, ``psutil``, or None
    when skipped). ``notes`` explain fallbacks and blind spots in plain words.
    """

    sockets: tuple[Socket, ...]
    method: str
    owner_method: str | None
    privileged: bool
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "owner_method": self.owner_method,
            "privileged": self.privileged,
            "notes": list(self.notes),
            "sockets": [s.to_dict() for s in self.sockets],
        }


class RawSocket(NamedTuple):
    """What a backend reports before owners and readings are attached."""

    transport: str
    family: str
    state: str
    local_address: str
    local_port: int
    remote_address: str | None
    remote_port: int | None
    inode: int
    uid: int | None
