"""``portpedia ephemeral`` on this machine: options, bad input, --watch."""

from __future__ import annotations

import json
import signal
import subprocess
import sys

import pytest
from prometheus_client.openmetrics.parser import text_string_to_metric_families

from portpedia.cli import main


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--fail-above", "101"], "--fail-above takes a percentage from 0 to 100, not 101"),
        (["--fail-above", "abc"], "--fail-above takes a percentage from 0 to 100, not 'abc'"),
        (["--fail-above", "nan"], "--fail-above takes a percentage"),
        (["--interval", "0"], "--interval must be above 0"),
        (["--interval", "soon"], "--interval takes a number of seconds, not 'soon'"),
        (["--top", "0"], "--top takes a whole number of at least 1"),
        (["--warn-at", "-1"], "--warn-at takes a percentage"),
        (["--json", "--format", "openmetrics"], "contradict each other"),
        (["--watch", "--fail-above", "80"], "cannot be combined with --watch"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, argv: list[str], message: str) -> None:
    assert main(["ephemeral", *argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("portpedia: error: ")
    assert message in err


def test_json_on_this_machine(capsys) -> None:
    assert main(["ephemeral", "--json", "--top", "3"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["settings"]["os"] == "linux"
    assert report["pools"][0]["size"] > 0
    assert len(report["destinations"]) <= 3
    assert report["destination_count"] >= len(report["destinations"])


def test_text_and_openmetrics_on_this_machine(capsys) -> None:
    assert main(["ephemeral", "--no-owners"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Ephemeral ports (Linux") and "range" in text
    assert main(["ephemeral", "--format", "openmetrics"]) == 0
    names = {f.name for f in text_string_to_metric_families(capsys.readouterr().out)}
    assert "portpedia_ephemeral_pool_size" in names


def test_fail_above_100_never_fails(capsys) -> None:
    assert main(["ephemeral", "--json", "--fail-above", "100"]) == 0


def test_watch_refreshes_until_interrupted() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "portpedia", "ephemeral", "--watch", "--interval", "0.1", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # One compact JSON object per refresh.
        first = json.loads(proc.stdout.readline())
        second = json.loads(proc.stdout.readline())
        assert first["settings"] == second["settings"]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0
        assert "Traceback" not in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
