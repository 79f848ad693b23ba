"""`portpedia search` and the port forms of `portpedia QUERY`, run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portpedia", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_search_ranks_and_corrects() -> None:
    p = run("search", "postgress")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0] == "(did you mean postgresql?)"
    assert lines[1].startswith("5432/tcp")
    p = run("search", "dns", "--json")
    data = json.loads(p.stdout)
    assert data["hits"][0]["ports"] == "53" and data["port"] is None


def test_search_did_you_mean_and_exit_status() -> None:
    p = run("search", "shh")
    assert p.returncode == 1 and p.stdout == ""
    assert "nothing matches 'shh'; did you mean ssh" in p.stderr
    p = run("search", "shh", "--json")
    assert p.returncode == 1 and json.loads(p.stdout)["suggestions"][0] == "ssh"


def test_search_port_forms() -> None:
    p = run("search", "tcp", "22")
    assert p.returncode == 0
    assert p.stdout.startswith("port 22/tcp: `portpedia 22/tcp` explains it in full")
    assert "22/tcp" in p.stdout and "ssh" in p.stdout
    p = run("search", "port", "70000")
    assert p.returncode == 2 and p.stderr.strip().endswith("ports run from 0 to 65535")
    assert "Traceback" not in p.stderr


def test_explain_accepts_the_port_forms() -> None:
    for query in (":443", "port 443", "tcp 443"):
        p = run(query, "--short")
        assert p.returncode == 0, (query, p.stderr)
        assert p.stdout.startswith("Port 443 is registered with IANA for https")
    p = run("remote desktop")
    assert p.returncode == 2 and "try: portpedia search remote desktop" in p.stderr


def test_a_portless_service_lists_matching_ports() -> None:
    p = run("rdp")
    assert p.returncode == 0
    assert "registered without a port" in p.stdout and "3389/tcp" in p.stdout
    assert json.loads(run("rdp", "--json").stdout)["see_also"][0]["ports"] == "3389"


def test_a_word_that_is_no_service_name_points_to_search_hits() -> None:
    p = run("vnc")
    assert p.returncode == 1 and "no service named 'vnc'" in p.stderr
    assert "`portpedia search vnc` finds:\n  5900/tcp" in p.stderr
    p = run("zzqqx")
    assert p.returncode == 1 and "finds" not in p.stderr
