"""``portpedia serve`` argument checks (the browser tests run the real server)."""

from __future__ import annotations

import pytest

from portpedia.cli import main


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.1", "example.org"])
def test_local_needs_a_loopback_host(host: str, capsys) -> None:
    assert main(["serve", "--host", host, "--local"]) == 2
    assert "loopback" in capsys.readouterr().err


def test_bad_numbers(capsys) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert main(["serve", "--workers", "0"]) == 2


def test_bad_database_url_fails_before_serving(tmp_path, capsys) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "db.sqlite3"
    assert main(["serve", "--database", f"sqlite:///{missing}"]) == 2
    assert "does not exist" in capsys.readouterr().err
