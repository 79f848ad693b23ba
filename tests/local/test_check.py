"""``portpedia check PORT`` and ``portpedia free --near N``."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from portpedia.explain.choice import judge, near
from portpedia.local._settings_windows import parse_excluded

PORTPEDIA = [str(Path(sys.executable).with_name("portpedia"))]
DATA = Path(__file__).resolve().parents[1] / "ephemeral" / "data"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PORTPEDIA, *args], capture_output=True, text=True)


def _criteria(done: subprocess.CompletedProcess[str]) -> dict[str, bool | None]:
    return {c["key"]: c["ok"] for c in json.loads(done.stdout)["criteria"]}


def test_a_registered_popular_port_is_refused():
    done = _cli("check", "8080", "--json")
    assert done.returncode == 1
    crit = _criteria(done)
    assert crit["registered"] is False and crit["popular"] is False


def test_an_ephemeral_port_is_refused():
    crit = _criteria(_cli("check", "50123", "--json"))
    assert crit["ephemeral"] is False


def test_a_port_in_use_here_is_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        done = _cli("check", str(port), "--json")
    assert done.returncode == 1 and _criteria(done)["free"] is False


def test_free_near_gives_a_port_check_calls_good():
    done = _cli("free", "--near", "3000")
    assert done.returncode == 0, done.stderr
    port = int(done.stdout)
    assert abs(port - 3000) <= 2000
    verdict = _cli("check", str(port))
    assert verdict.returncode == 0, verdict.stdout
    assert "is a good choice" in verdict.stdout


def test_windows_excluded_ranges_count_when_known():
    excluded = parse_excluded((DATA / "windows-netsh-excludedportrange-tcp.txt").read_text())
    choice = judge(
        1080, free=True, excluded=excluded, registered=lambda p: (), popular=lambda p: ()
    )
    assert not choice.good
    assert {c.key: c.ok for c in choice.criteria}["windows-excluded"] is False
    chosen = near(5357, lambda p: True, excluded=excluded)
    assert chosen is not None and chosen.port != 5357 and chosen.good


@pytest.mark.parametrize(
    "args", [("check", "65536"), ("check", "abc"), ("free", "--near", "x"), ("check",)]
)
def test_bad_input(args):
    done = _cli(*args)
    assert done.returncode == 2 and done.stderr.count("\n") == 1
