"""Stopping what holds a port: one target list for a dry run and for a real kill.

:func:`kill_targets` finds the processes that listen on a port (with ``tree``, their
descendants too) and says which of them portpedia refuses to touch; :func:`kill` signals
exactly those targets, escalating from SIGTERM to SIGKILL after a timeout, and then looks
again at the port, so the caller can tell the user the truth: free, or still held by whom.
"""

from __future__ import annotations

import math
import os
import signal
from typing import Any, NamedTuple

from portpedia.local._errors import KillRefusedError
from portpedia.local._model import Owner

MAX_TIMEOUT = 3600.0


class KillTarget(NamedTuple):
    """A process a kill would signal, why, and (when set) why it will not be signalled."""

    owner: Owner
    inodes: frozenset[int]  # the port's sockets it holds (empty for a descendant)
    reason: str  # "listens on the port" | "child of pid N"
    refused: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"owner": self.owner.to_dict(), "reason": self.reason, "refused": self.refused}


class KillOutcome(NamedTuple):
    """What became of one target."""

    target: KillTarget
    signals: tuple[str, ...]  # the signals actually sent, in order
    exited: bool
    error: str | None = None

    @property
    def owner(self) -> Owner:
        return self.target.owner

    @property
    def sent(self) -> bool:
        return bool(self.signals)

    @property
    def signal(self) -> str | None:
        return self.signals[-1] if self.signals else None

    def to_dict(self) -> dict[str, Any]:
        return {**self.target.to_dict(), "signal": self.signal, "signals": list(self.signals),
                "sent": self.sent, "exited": self.exited, "error": self.error}  # fmt: skip


def parse_timeout(text: str | float) -> float:
    """Seconds to wait for an exit: a finite number from 0 to an hour."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise KillRefusedError(f"--timeout wants seconds, e.g. 3, not {str(text)[:20]!r}") from None
    if not math.isfinite(value) or not 0 <= value <= MAX_TIMEOUT:
        raise KillRefusedError(
            f"--timeout must be between 0 and {MAX_TIMEOUT:g} seconds, not {str(text)[:20]}"
        )
    return value


def refusal(pid: int, name: str) -> str | None:
    """Why portpedia will never signal ``pid``, or None."""
    if pid == 1:
        return f"pid 1 ({name}) is the init process of this system"
    if pid == os.getpid():
        return "it is portpedia itself"
    if pid == os.getppid():
        return "it is the shell or program that started portpedia"
    return None


def _descendants(pid: int) -> list[Owner]:
    import psutil

    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []
    found = []
    for child in children:
        try:
            with child.oneshot():
                found.append(
                    Owner(
                        child.pid,
                        child.name(),
                        child.uids().real,
                        child.username(),
                        tuple(child.cmdline()),
                    )
                )
        except psutil.Error:
            continue  # gone, or hidden from us: nothing to signal
    return found


def kill_targets(
    port: int, transport: str | None = None, tree: bool = False
) -> tuple[KillTarget, ...]:
    """The processes a kill of ``port`` would signal: its listeners, then (with ``tree``)
    each listener's descendants. The same list serves ``--dry-run`` and the real kill."""
    from portpedia.local._scan import scan

    listeners = [
        s
        for s in scan(port, listening_only=True, readings=False).sockets
        if s.local_port == port and (transport is None or s.transport == transport)
    ]
    owners: dict[int, Owner] = {}
    inodes: dict[int, set[int]] = {}
    for s in listeners:
        for o in s.owners:
            owners[o.pid] = o
            inodes.setdefault(o.pid, set()).add(s.inode)
    targets = [
        KillTarget(o, frozenset(inodes[o.pid]), "listens on the port", refusal(o.pid, o.name))
        for o in owners.values()
    ]
    if tree:
        seen = set(owners)
        for target in list(targets):
            for child in _descendants(target.owner.pid):
                if child.pid not in seen:
                    seen.add(child.pid)
                    why = f"descendant of pid {target.owner.pid}"
                    refused = refusal(child.pid, child.name)
                    targets.append(KillTarget(child, frozenset(), why, refused))
    return tuple(targets)


def kill(
    targets: tuple[KillTarget, ...],
    signum: int = signal.SIGTERM,
    timeout: float = 3.0,
    escalate: bool = True,
) -> tuple[KillOutcome, ...]:
    """Signal every target that is not refused; after ``timeout`` seconds, SIGKILL those
    still running (unless ``escalate`` is False or the signal already was SIGKILL)."""
    from portpedia.local._signal import send

    outcomes = []
    for target in targets:
        if target.refused:
            outcomes.append(KillOutcome(target, (), False, f"refused: {target.refused}"))
            continue
        first = send(target.owner, target.inodes, signum, timeout=timeout)
        signals = (first.signal,) if first.sent else ()
        result = first
        if first.sent and not first.exited and escalate and signum != signal.SIGKILL:
            # It no longer needs to hold the port: it was ours a moment ago, pinned by pidfd.
            result = send(target.owner, (), signal.SIGKILL, timeout=max(timeout, 1.0))
            if result.sent:
                signals += (result.signal,)
        outcomes.append(KillOutcome(target, signals, result.exited, result.error))
    return tuple(outcomes)
