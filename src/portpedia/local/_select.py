"""Choosing sockets by who holds them: a process id, a program name, or a user."""

from __future__ import annotations

import os
from typing import NamedTuple

from portpedia.errors import PortpediaError
from portpedia.local._model import Owner, Socket


class SelectionError(PortpediaError):
    """A --pid, --process or --user that cannot name anything."""

    exit_code = 2


class Selection(NamedTuple):
    pid: int | None = None
    process: str | None = None
    uid: int | None = None
    user: str | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in self)

    def matches(self, owner: Owner) -> bool:
        if self.pid is not None and owner.pid != self.pid:
            return False
        if self.uid is not None and owner.uid != self.uid:
            return False
        if self.process is not None:
            wanted = self.process.lower()
            program = os.path.basename(owner.cmdline[0]).lower() if owner.cmdline else ""
            if wanted not in (owner.name.lower(), program):
                return False
        return True

    def pick(self, sockets: tuple[Socket, ...]) -> tuple[Socket, ...]:
        """The sockets at least one of whose owners matches, with only those owners."""
        picked = []
        for s in sockets:
            owners = tuple(o for o in s.owners if self.matches(o))
            if owners:
                picked.append(s._replace(owners=owners))
        return tuple(picked)

    def describe(self) -> str:
        parts = []
        if self.pid is not None:
            parts.append(f"pid {self.pid}")
        if self.process is not None:
            parts.append(f"a process named {self.process!r}")
        if self.user is not None:
            parts.append(f"user {self.user}")
        return " and ".join(parts)


def parse_selection(pid: str | None, process: str | None, user: str | None) -> Selection:
    """Check what the user typed; unknown users and malformed pids are errors."""
    pid_value = None
    if pid is not None:
        text = pid.strip()
        if not text.isascii() or not text.isdigit() or not 0 < int(text) < 2**31:
            raise SelectionError(f"--pid wants a process id such as 1234, not {pid[:20]!r}")
        pid_value = int(text)
    if process is not None and (not process.strip() or len(process) > 255):
        raise SelectionError("--process wants a program name such as nginx")
    uid = name = None
    if user is not None:
        import pwd

        text = user.strip()
        try:
            entry = pwd.getpwuid(int(text)) if text.isdigit() else pwd.getpwnam(text)
        except (KeyError, ValueError, OverflowError):
            raise SelectionError(f"no user named {user[:40]!r} on this machine") from None
        uid, name = entry.pw_uid, entry.pw_name
    return Selection(pid_value, process.strip() if process else None, uid, name)
