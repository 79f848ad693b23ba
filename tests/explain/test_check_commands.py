"""The "how to check" commands match the exact port, not every port that contains it.

Windows is not available here, so the findstr patterns run through a translation of
findstr's documented regular-expression subset (``.``, ``*``, ``^``, ``$``, ``[class]``,
``[^class]``, ``\\x``, ``\\<``, ``\\>``) into Python's, over ``netstat -ano`` output in the
format Windows prints.
"""

from __future__ import annotations

import re
import shlex

import pytest

from portpedia.explain import explain

NETSTAT_ANO = """\

Active Connections

  Proto  Local Address          Foreign Address        State           PID
  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1012
  TCP    0.0.0.0:443            0.0.0.0:0              LISTENING       4
  TCP    0.0.0.0:1352           0.0.0.0:0              LISTENING       2199
  TCP    0.0.0.0:4430           0.0.0.0:0              LISTENING       2200
  TCP    0.0.0.0:44300          0.0.0.0:0              LISTENING       2201
  TCP    0.0.0.0:8443           0.0.0.0:0              LISTENING       2202
  TCP    192.168.1.20:50412     93.184.216.34:443      ESTABLISHED     5120
  TCP    192.168.1.20:50413     93.184.216.34:4430     ESTABLISHED     5121
  TCP    192.168.1.20:50414     10.0.0.7:135           TIME_WAIT       0
  TCP    [::]:443               [::]:0                 LISTENING       4
  TCP    [::]:44300             [::]:0                 LISTENING       2201
  UDP    0.0.0.0:443            *:*                                    4
  UDP    0.0.0.0:5353           *:*                                    3100
  UDP    [::]:4430              *:*                                    3101
"""


def _findstr_to_python(pattern: str) -> re.Pattern[str]:
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            out.append({"<": r"\b(?=\w)", ">": r"\b(?<=\w)"}.get(nxt, re.escape(nxt)))
            i += 2
            continue
        if c == "[":
            end = pattern.index("]", i + 1)
            out.append(pattern[i : end + 1])
            i = end + 1
            continue
        out.append(c if c in ".*^$" else re.escape(c))
        i += 1
    return re.compile("".join(out))


def _findstr(command: str, text: str) -> list[str]:
    """The lines ``findstr`` prints for ``command`` (``netstat -ano | findstr ...``)."""
    producer, _, filt = command.partition(" | ")
    assert producer == "netstat -ano"
    args = shlex.split(filt, posix=True)
    assert args[0] == "findstr"
    options = [a for a in args[1:] if a.upper() in ("/R", "/L")]
    strings = [a[3:] for a in args[1:] if a.upper().startswith("/C:")]
    assert len(strings) == 1, f"one /C: search string expected in {command!r}"
    needle = strings[0]
    if "/R" in (o.upper() for o in options):
        rx = _findstr_to_python(needle)
    else:
        # Without /R or /L, findstr's reading of a /C: string is ambiguous in practice;
        # the pattern must then hold no metacharacter, so both readings agree.
        assert not set(needle) & set(".*^$[]\\"), needle
        rx = re.compile(re.escape(needle))
    return [line for line in text.splitlines() if rx.search(line)]


def _windows_netstat(port: int) -> str:
    (cmd,) = [c.command for c in explain(port).checks if c.os == "windows" and "netstat" in c.tool]
    return cmd


def _port_columns(line: str) -> tuple[str, str]:
    cols = line.split()
    return cols[1].rsplit(":", 1)[1], cols[2].rsplit(":", 1)[1]


@pytest.mark.parametrize("port", [443, 135, 4430, 5353])
def test_findstr_matches_only_the_exact_port(port: int) -> None:
    lines = _findstr(_windows_netstat(port), NETSTAT_ANO)
    expected = [
        line
        for line in NETSTAT_ANO.splitlines()
        if line.strip().startswith(("TCP", "UDP")) and str(port) in _port_columns(line)
    ]
    assert lines == expected and lines


def test_the_old_pattern_was_wrong() -> None:
    # The command the pages used to show: 443 also found 4430 and 44300.
    old = _findstr_to_python(":443")
    assert sum(1 for line in NETSTAT_ANO.splitlines() if old.search(line)) > len(
        _findstr(_windows_netstat(443), NETSTAT_ANO)
    )


def test_port_zero_is_not_every_listener() -> None:
    cmd = _windows_netstat(0)
    assert _findstr(cmd, NETSTAT_ANO) == []
    # A socket that really had local port 0 would be found.
    line = "  UDP    0.0.0.0:0              *:*                                    77"
    assert _findstr(cmd, NETSTAT_ANO + line + "\n") == [line]
    # ... and the naive exact-port pattern would have matched every TCP listener.
    naive = re.compile(re.escape(":0 "))
    assert sum(1 for x in NETSTAT_ANO.splitlines() if naive.search(x)) >= 7


def test_powershell_filters_on_the_local_port() -> None:
    cmds = {c.command for c in explain(443).checks if c.tool == "PowerShell"}
    assert any(c.startswith("Get-NetTCPConnection -LocalPort 443 ") for c in cmds)
    cmds = {c.command for c in explain(53, "udp").checks if c.tool == "PowerShell"}
    assert any(c.startswith("Get-NetUDPEndpoint -LocalPort 53 ") for c in cmds)
