"""``portpedia annotate``: ports found in recorded samples of every format, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from portpedia.explain.annotate import annotate, find_ports, render_text

SAMPLES = Path(__file__).parent / "annotate"
PORTPEDIA = [str(Path(sys.executable).with_name("portpedia"))]

EXPECTED = {
    "ss.txt": {(5432, "tcp", "local"), (80, "tcp", "local"), (52814, "tcp", "local"),
               (443, "tcp", "remote"), (53, "udp", "local"), (22, "tcp", "local")},
    "netstat-linux.txt": {(3306, "tcp", "local"), (22, "tcp", "local"),
                          (60512, "tcp", "remote"), (6379, "tcp", "local"), (68, "udp", "local")},
    "netstat-windows.txt": {(135, "tcp", "local"), (445, "tcp", "local"),
                            (3389, "tcp", "local"), (49821, "tcp", "local"),
                            (443, "tcp", "remote"), (5353, "udp", "local")},
    "netstat-macos.txt": {(5432, "tcp", "local"), (5000, "tcp", "local"),
                          (60231, "tcp", "local"), (5223, "tcp", "remote"), (5353, "udp", "local")},
    "lsof.txt": {(3000, "tcp", "local"), (5432, "tcp", "local"), (51822, "tcp", "local"),
                 (9229, "tcp", "remote"), (5353, "udp", "local")},
    "docker-ps.txt": {(8080, "tcp", "published"), (80, "tcp", "container"),
                      (5432, "tcp", "published"), (5432, "tcp", "container"),
                      (6379, "tcp", "container")},
    "nmap.txt": {(22, "tcp", "scanned"), (80, "tcp", "scanned"), (443, "tcp", "scanned"),
                 (3389, "tcp", "scanned"), (161, "udp", "scanned")},
    "ufw.log": {(44321, "tcp", "source"), (23, "tcp", "destination"),
                (50112, "tcp", "source"), (3389, "tcp", "destination")},
    "iptables.log": {(137, "udp", "source"), (137, "udp", "destination"),
                     (61000, "tcp", "source"), (6379, "tcp", "destination")},
    "pf.log": {(51515, "tcp", "source"), (445, "tcp", "destination"),
               (40000, "tcp", "source"), (443, "tcp", "destination")},
    "pfirewall.log": {(55012, "tcp", "source"), (3389, "tcp", "destination"),
                      (51515, "udp", "source"), (53, "udp", "destination")},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_format(name: str) -> None:
    found = {(f.port, f.transport, s.role)
             for f in find_ports((SAMPLES / name).read_text()) for s in f.sightings}  # fmt: skip
    assert found == EXPECTED[name]


def test_ephemeral_source_ports_are_said_to_be_so() -> None:
    text = (SAMPLES / "ss.txt").read_text()
    notes = {n.port: n for n in annotate(text)}
    assert notes[52814].ephemeral and not notes[443].ephemeral
    rendered = render_text(text, notes.values())
    assert "  ^ 52814/tcp: a temporary (ephemeral) source port" in rendered
    assert "  ^ 5432/tcp: " in rendered and "PostgreSQL" in rendered


def test_cli_stdin_and_json() -> None:
    text = (SAMPLES / "ufw.log").read_text()
    done = subprocess.run([*PORTPEDIA, "annotate", "--json"], input=text,
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    ports = {p["port"]: p for p in json.loads(done.stdout)["ports"]}
    assert ports[23]["found"] == [{"line": 1, "role": "destination"}]
    assert "Telnet" in ports[23]["explanation"]


def test_cli_text_without_ports_exits_1() -> None:
    done = subprocess.run([*PORTPEDIA, "annotate"], input="hello world\n",
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 1 and "no port found" in done.stderr


def test_cli_bad_files(tmp_path: Path) -> None:
    big = tmp_path / "big.log"
    with big.open("wb") as f:
        f.truncate(8 * 1024 * 1024 + 10)
    binary = tmp_path / "bin"
    binary.write_bytes(b"\0\1\2 tcp 127.0.0.1:80")
    for path, needle in (
        (big, "larger than"),
        (binary, "binary"),
        (tmp_path / "nope", "cannot read"),
    ):
        done = subprocess.run([*PORTPEDIA, "annotate", str(path)], capture_output=True, text=True)
        assert done.returncode == 2, (path, done)
        assert needle in done.stderr and done.stderr.count("\n") == 1
