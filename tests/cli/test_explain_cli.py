"""The `portpedia PORT` face, run as a real process the way a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "portpedia", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


def test_explain_dynamic_port():
    p = run("60463")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert out.startswith("Port 60463  dynamic")
    for heading in ("Range", "IANA registry", "Ephemeral (source port) on", "Security",
                    "Check what is using it", "Sources"):  # fmt: skip
        assert f"\n{heading}" in out
    assert 'netstat -ano | findstr /C:":60463 "' in out
    assert "Windows Vista / Server 2008 and later: 49152-65535" in out


def test_explain_with_protocol_and_range_row():
    p = run("6001", "--protocol", "tcp")
    assert p.returncode == 0
    assert "x11" in p.stdout and "6000-6063/tcp" in p.stdout


def test_service_name():
    p = run("ssh")
    assert p.returncode == 0
    assert p.stdout.splitlines()[0] == "ssh"
    assert "22/tcp" in p.stdout and "Port 22  assigned" in p.stdout


def test_search():
    p = run("search", "remote", "desktop")
    assert p.returncode == 0
    assert "3389" in p.stdout


def test_json():
    p = run("443", "--json")
    assert p.returncode == 0
    data = json.loads(p.stdout)
    assert data["port"] == 443 and data["names"][0] == "https"
    assert data["footnotes"][0]["url"].startswith("https://")
    p = run("ssh", "--json")
    assert json.loads(p.stdout)["name"] == "ssh"
    p = run("search", "kerberos", "--json")
    assert any(h["ports"] == "88" for h in json.loads(p.stdout)["hits"])


def test_short():
    p = run("25565", "--short")
    assert p.returncode == 0 and len(p.stdout.splitlines()) == 1
    assert "Minecraft" in p.stdout


@pytest.mark.parametrize(
    "arg, message",
    [
        ("65536", "port 65536 is out of range: ports run from 0 to 65535"),
        ("-1", "port -1 is out of range"),
        ("٦٠٤٦٣", "uses non-ASCII digits; write the port with 0-9 (60463)"),
        ("80/xyz", "unknown protocol 'xyz'"),
        ("1-2-3", "'1-2-3' is not a port number"),
        ("", "empty port"),
        # Linux caps one argument at 128 KiB; the 1 MB case runs in-process below.
        ("x" * 100_000, "is neither a port number (0-65535) nor a service name"),
        ("9" * 100_000, "is not a port number"),
        ("a b", "is neither a port number"),
    ],
)
def test_bad_input_is_one_line_exit_2(arg, message):
    p = run(arg)
    assert p.returncode == 2, (p.returncode, p.stderr[:300])
    assert p.stdout == ""
    assert p.stderr.count("\n") == 1 and "Traceback" not in p.stderr
    assert message in p.stderr
    assert len(p.stderr) < 300


def test_bad_protocol_option():
    p = run("443", "--protocol", "xyz")
    assert p.returncode == 2 and "unknown protocol 'xyz'" in p.stderr


def test_unknown_service_is_not_found_with_suggestions():
    p = run("abc")
    assert p.returncode == 1
    assert "no service named 'abc'" in p.stderr
    p = run("postgres")
    assert p.returncode == 1 and "postgresql" in p.stderr
    assert "Traceback" not in p.stderr


def test_help_and_usage():
    p = run("--help")
    assert p.returncode == 0 and "portpedia who 5432" in p.stdout
    p = run()
    assert p.returncode == 2 and "usage:" in p.stdout
    p = run("search", "--help")
    assert p.returncode == 0


def test_missing_registry_data_dir_is_harmless(tmp_path):
    # A data dir that does not exist yet (fresh install): the shipped snapshot is used.
    p = run("22", "--short", env={"PORTPEDIA_DATA_DIR": str(tmp_path / "nope")})
    assert p.returncode == 0 and "ssh" in p.stdout


@pytest.mark.parametrize("arg", ["7" * 1_000_000, "q" * 1_000_000, "1/" + "t" * 1_000_000])
def test_one_megabyte_argument(arg, capsys):
    from portpedia.cli import main

    assert main([arg]) == 2
    err = capsys.readouterr().err
    assert err.startswith("portpedia: error: ") and len(err) < 300


@pytest.mark.parametrize(
    "argv",
    [["443"], ["443", "--json"], ["--short", "60463"], ["ssh", "--json", "--short"], ["80/tcp"]],
)
def test_quick_parse_matches_argparse(argv):
    import argparse

    from portpedia.cli import explain

    quick = explain.quick_parse(argv, "explain")
    parser = argparse.ArgumentParser()
    explain.configure(parser, "explain")
    assert vars(quick) == vars(parser.parse_args(argv))


@pytest.mark.parametrize("argv", [["-1"], ["443", "-p", "tcp"], ["443", "--help"], ["a", "b"]])
def test_quick_parse_leaves_the_rest_to_argparse(argv):
    from portpedia.cli import explain

    assert explain.quick_parse(argv, "explain") is None
