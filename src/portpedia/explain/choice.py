"""Is this a good port to give your own service? The verdict, from facts the caller gathers.

A good choice is free now, not registered with IANA to something else, not the default of
a well-known tool, outside every major OS's ephemeral range (where a client's source port
could take it first: several projects have been bitten), and not in a Windows excluded
range. This module only judges; the CLI reads this machine and passes what it found.
"""

# No `from __future__ import annotations`: NamedTuple fields stay cheap to build.

from collections.abc import Callable
from typing import Any, NamedTuple

from portpedia.i18n import Gettext, Msg

# The systems whose default ephemeral ranges a service port should avoid. OpenBSD is left
# out on purpose: it hands out source ports from 1024-49151, so no user port avoids it.
MAJOR_SYSTEMS = ("linux", "windows", "macos", "freebsd")


class Criterion(NamedTuple):
    key: str  # free | registered | popular | ephemeral | windows-excluded
    ok: bool | None  # None: not checked here
    text: Msg

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        return {"key": self.key, "ok": self.ok, "text": self.text.render(gettext)}


class PortChoice(NamedTuple):
    port: int
    criteria: tuple[Criterion, ...]

    @property
    def good(self) -> bool:
        return all(c.ok is not False for c in self.criteria)

    def to_dict(self, gettext: Gettext | None = None) -> dict[str, Any]:
        return {"port": self.port, "good": self.good,
                "criteria": [c.to_dict(gettext) for c in self.criteria]}  # fmt: skip


def _registered(port: int) -> tuple[str, ...]:
    from portpedia.registry import load

    return tuple(
        dict.fromkeys(e.service for e in load().at(port) if e.service and e.status == "assigned")
    )


def _popular(port: int) -> tuple[str, ...]:
    from portpedia.knowledge import uses_for

    return tuple(dict.fromkeys(u.name for u in uses_for(port) if u.high is None))


def judge(
    port: int,
    *,
    free: bool | None,
    excluded: frozenset[int] | None = None,
    registered: Callable[[int], tuple[str, ...]] = _registered,
    popular: Callable[[int], tuple[str, ...]] = _popular,
) -> PortChoice:
    """The verdict on ``port``. ``free`` is whether it can be bound now (None: unknown);
    ``excluded`` the Windows excluded ports when known."""
    from portpedia.knowledge.ephemeral import OS_RANGES

    criteria: list[Criterion] = []
    if port < 1024:
        criteria.append(Criterion("privileged", False, Msg(
            "{port} is a system port (below 1024): it needs privileges and belongs to "
            "well-known services", port=port)))  # fmt: skip
    if free is None:
        criteria.append(Criterion("free", None, Msg("not checked whether it is free now")))
    else:
        criteria.append(Criterion("free", free, Msg("free on this machine now") if free else
                                  Msg("in use on this machine now (portpedia who {port})",
                                      port=port)))  # fmt: skip
    names = registered(port)
    criteria.append(Criterion("registered", not names, Msg(
        "registered with IANA to {names}", names=", ".join(names)) if names else
        Msg("not registered with IANA")))  # fmt: skip
    uses = popular(port)
    criteria.append(Criterion("popular", not uses, Msg(
        "the default of {names}", names=", ".join(uses[:3])) if uses else
        Msg("not the default of a tool portpedia knows")))  # fmt: skip
    hits = [r for r in OS_RANGES if r.key in MAJOR_SYSTEMS and r.contains(port)]
    criteria.append(Criterion("ephemeral", not hits, Msg(
        "inside the ephemeral range of {systems}: an outgoing connection may take it first",
        systems=tuple(r.os for r in hits)) if hits else
        Msg("outside the ephemeral ranges of Linux, Windows, macOS and FreeBSD")))  # fmt: skip
    if excluded is None:
        criteria.append(Criterion("windows-excluded", None, Msg(
            "Windows excluded ranges not checked (run on Windows: "
            "netsh int ipv4 show excludedportrange protocol=tcp)")))  # fmt: skip
    else:
        inside = port in excluded
        criteria.append(Criterion("windows-excluded", not inside, Msg(
            "in a Windows excluded port range") if inside else
            Msg("not in a Windows excluded port range")))  # fmt: skip
    return PortChoice(port, tuple(criteria))


def near(
    start: int,
    is_free: Callable[[int], bool],
    *,
    excluded: frozenset[int] | None = None,
    limit: int = 2000,
) -> PortChoice | None:
    """The closest good port to ``start`` (start, start+1, start-1, ...), within ``limit``."""
    for distance in range(limit + 1):
        for port in dict.fromkeys((start + distance, start - distance)):
            if not 1024 <= port <= 65535:
                continue
            # The cheap facts first: a machine probe only for ports that pass the rest.
            choice = judge(port, free=None, excluded=excluded)
            if not choice.good:
                continue
            choice = judge(port, free=is_free(port), excluded=excluded)
            if choice.good:
                return choice
    return None
