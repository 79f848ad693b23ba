"""The one entry point that looks at this machine's sockets: :func:`scan`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from portpedia.local._model import (
    OWNERS_FOUND,
    OWNERS_HIDDEN,
    OWNERS_NONE,
    OWNERS_PROTECTED,
    OWNERS_SKIPPED,
    Owner,
    RawSocket,
    Scan,
    Socket,
)

if TYPE_CHECKING:
    from portpedia.i18n import Gettext
    from portpedia.local import _procfd

METHODS = ("netlink", "procfs", "psutil")
_users: dict[int, str | None] = {}


def _user(uid: int | None) -> str | None:
    if uid is None:
        return None
    if uid not in _users:
        try:
            import pwd

            _users[uid] = pwd.getpwuid(uid).pw_name
        except (ImportError, KeyError):
            _users[uid] = str(uid)
    return _users[uid]


def _sort_key(s: Socket) -> tuple:
    return (
        s.netns or 0,
        not s.listening,
        s.transport,
        s.family,
        s.local_port,
        s.local_address,
        s.remote_address or "",
        s.remote_port or 0,
    )


class _Collected:
    """Sockets gathered per namespace before owners and readings are attached."""

    def __init__(self) -> None:
        self.entries: list[tuple[int | None, RawSocket]] = []
        self.listening: dict[int | None, set[tuple[str, int]]] = {}
        self.methods: set[str] = set()
        self.pids: dict[RawSocket, set[int]] | None = None  # psutil gives owners directly
        self.hidden = False


def _listening_of(rows: Iterable[RawSocket]) -> set[tuple[str, int]]:
    return {(s.transport, s.local_port) for s in rows if s.state == "LISTEN"}


def _needs_listeners(rows: list[RawSocket], port: int | None, listening_only: bool) -> bool:
    # A connection whose local port is not the one asked about may still be the server side
    # of a connection to another local server; only a listener list can tell.
    if listening_only or port is None:
        return False
    return any(s.transport == "tcp" and s.remote_port and s.local_port != port for s in rows)


def _collect_linux(
    port: int | None,
    listening_only: bool,
    all_namespaces: bool,
    prefer: str | None,
    notes: list[str],
) -> _Collected:
    from portpedia.local import _linux, _netns

    out = _Collected()
    own = _netns.inode("self")
    host = _netns.host()
    targets: list[tuple[int | None, str | None]] = [(own if own != host else None, None)]
    if all_namespaces:
        for ns, pid in sorted(_netns.all_namespaces().items()):
            if ns != own:
                targets.append((ns if ns != host else None, pid))
    for label, pid in targets:
        try:
            source = _linux.open_source(notes, ns_pid=pid, prefer=prefer)
        except OSError as exc:  # pragma: no cover - namespace vanished while opening
            notes.append(f"could not enter the namespace of pid {pid}: {exc.strerror or exc}")
            continue
        try:
            try:
                rows = source.read(port, listening_only)
            except OSError as exc:
                if pid is None:
                    raise
                notes.append(f"could not read namespace of pid {pid}: {exc.strerror or exc}")
                continue
            listening = _listening_of(rows)
            if _needs_listeners(rows, port, listening_only):
                listening |= _listening_of(source.read(None, True, tcp_only=True))
        finally:
            source.close()
        out.methods |= source.methods
        out.listening[label] = listening
        out.entries.extend((label, s) for s in rows)
    return out


def _collect_psutil(port: int | None, listening_only: bool, notes: list[str]) -> _Collected:
    from portpedia.local import _portable

    out = _Collected()
    found, out.hidden = _portable.read(port, listening_only, notes)
    out.pids = found
    out.entries = [(None, s) for s in found]
    out.listening[None] = _listening_of(found)
    if not listening_only and port is not None:
        more, _ = _portable.read(None, True, [])
        out.listening[None] |= _listening_of(more)
    out.methods.add(_portable.PSUTIL)
    return out


def _start_owners_linux(inodes: set[int], notes: list[str]) -> _procfd.Walk | None:
    from portpedia.local import _procfd

    try:
        return _procfd.start(inodes, parallel=os.environ.get("PORTPEDIA_SERIAL") is None)
    except OSError as exc:
        notes.append(f"cannot read /proc to find owners ({exc.strerror or exc})")
        return None


def _owners_linux(walk: _procfd.Walk, notes: list[str]) -> tuple[dict[int, list[Owner]], bool]:
    hits, denied = walk.result()
    by_inode: dict[int, list[Owner]] = {}
    for pid, links, name, uid, argv in hits:
        owner = Owner(pid, name, uid, _user(uid), tuple(argv))
        for link in links:
            by_inode.setdefault(int(link[8:-1]), []).append(owner)
    if denied:
        notes.append(
            f"the descriptors of {denied} processes are not readable"
            f"{' without root' if not _privileged() else ''}; sockets they hold show no owner"
        )
    return by_inode, denied > 0


def _owners_psutil(pids: dict[RawSocket, set[int]]) -> dict[int, Owner]:
    from portpedia.local._portable import describe

    owners: dict[int, Owner] = {}
    for pid in sorted(set().union(*pids.values()) if pids else ()):
        info = describe(pid)
        if info is not None:
            name, uid, user, argv = info
            owners[pid] = Owner(pid, name, uid, user if user else _user(uid), tuple(argv))
    return owners


def scan(
    port: int | None = None,
    *,
    listening_only: bool = False,
    owners: bool = True,
    all_namespaces: bool = False,
    readings: bool = True,
    method: str | None = None,
    gettext: Gettext | None = None,
) -> Scan:
    """Look at the sockets on this machine.

    ``port`` keeps sockets with that port on either side; ``listening_only`` keeps TCP
    listeners and bound, unconnected UDP sockets; ``owners=False`` skips the (slower)
    process lookup; ``all_namespaces`` (root) adds other network namespaces;
    ``readings=False`` skips the plain-language sentences. ``method`` forces a backend
    ("netlink", "procfs" or "psutil"); by default the fastest that works is used, and
    ``Scan.method`` says which. ``gettext`` writes the readings in a reader's language.
    """
    from portpedia.local._errors import LocalScanError
    from portpedia.local._netns import names as netns_names
    from portpedia.local._ports import ephemeral_range
    from portpedia.local._reading import Reader, service_name

    if method is not None and method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    notes: list[str] = []
    collected: _Collected | None = None
    if sys.platform.startswith("linux") and method != "psutil":
        try:
            collected = _collect_linux(port, listening_only, all_namespaces, method, notes)
        except OSError as exc:
            notes.append(f"/proc/net is not readable ({exc.strerror or exc}); using psutil")
    if collected is None:
        try:
            collected = _collect_psutil(port, listening_only, notes)
        except Exception as exc:
            raise LocalScanError(f"cannot list this machine's sockets: {exc}") from exc
        if all_namespaces:
            notes.append("other network namespaces can only be read on Linux")

    owner_method: str | None = None
    by_inode: dict[int, list[Owner]] = {}
    by_pid: dict[int, Owner] = {}
    hidden = collected.hidden
    walk: _procfd.Walk | None = None
    if owners and collected.pids is None:
        walk = _start_owners_linux({s.inode for _, s in collected.entries}, notes)
        hidden = hidden or walk is None
        if walk is not None and not walk.shared:
            # Walked at once, while the sockets just listed are most likely still held;
            # only a helper walking in the background is worth writing readings alongside.
            owner_method = "procfs"
            by_inode, denied = _owners_linux(walk, notes)
            hidden = hidden or denied
            walk = None

    texts: list[str] = [""] * len(collected.entries)
    try:
        if readings:
            # Service names come from the registry on first use; Reader turns any failure
            # there (a broken install) into "no name" rather than a failed scan.
            eph = ephemeral_range()
            reader_by_ns = {
                label: Reader(listening, eph, service_name, gettext)
                for label, listening in collected.listening.items()
            }
            texts = [reader_by_ns[label].read(raw) for label, raw in collected.entries]
        ns_names = netns_names() if any(label for label, _ in collected.entries) else {}
    except BaseException:
        if walk is not None:
            walk.close()
        raise

    if owners:
        if collected.pids is not None:
            owner_method = "psutil"
            by_pid = _owners_psutil(collected.pids)
        elif walk is not None:  # the helper's walk, begun before the readings
            owner_method = "procfs"
            by_inode, denied = _owners_linux(walk, notes)
            hidden = hidden or denied

    privileged = _privileged()
    hidden_status = OWNERS_PROTECTED if privileged else OWNERS_HIDDEN
    result_sockets: list[Socket] = []
    for (label, raw), text in zip(collected.entries, texts, strict=True):
        held: tuple[Owner, ...] = ()
        if not owners:
            status = OWNERS_SKIPPED
        else:
            if collected.pids is not None:
                held = tuple(by_pid[p] for p in sorted(collected.pids[raw]) if p in by_pid)
            elif raw.inode:
                held = tuple(sorted(by_inode.get(raw.inode, ()), key=lambda o: o.pid))
            if held:
                status = OWNERS_FOUND
            elif raw.state == "TIME_WAIT" or (collected.pids is None and raw.inode == 0):
                status = OWNERS_NONE
            else:
                status = hidden_status if hidden else OWNERS_NONE
        result_sockets.append(
            Socket(*raw, held, status, label, ns_names.get(label) if label else None, text)
        )
    result_sockets.sort(key=_sort_key)
    return Scan(
        sockets=tuple(result_sockets),
        method="+".join(m for m in METHODS if m in collected.methods) or "none",
        owner_method=owner_method,
        privileged=privileged,
        notes=tuple(notes),
    )


def _privileged() -> bool:
    geteuid = getattr(os, "geteuid", None)
    return geteuid is not None and geteuid() == 0


def sockets(
    port: int | None = None,
    listening_only: bool = False,
    owners: bool = True,
    all_namespaces: bool = False,
) -> list[Socket]:
    """The sockets of :func:`scan`, as a list."""
    return list(
        scan(
            port, listening_only=listening_only, owners=owners, all_namespaces=all_namespaces
        ).sockets
    )
