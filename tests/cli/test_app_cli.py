"""``portpedia app``: a product's ports, the product list, and unknown names."""

from __future__ import annotations

import json

import pytest

from portpedia.cli import main
from portpedia.knowledge.model import Source

_SOURCES = {"plex-ports": Source("plex-ports", "Plex ports", "https://support.plex.tv/", "Plex")}
_PLEX = {
    "id": "plex",
    "name": "Plex Media Server",
    "group": "media",
    "summary": "Streams your media library to your devices.",
    "aliases": ["plex media server"],
    "sources": ["plex-ports"],
    "ports": [
        {"port": 32400, "transport": "tcp", "direction": "inbound", "role": "Server",
         "purpose": "web app and clients", "required": True, "sources": ["plex-ports"]},
        {"port": 1900, "transport": "udp", "direction": "inbound", "role": "Server",
         "purpose": "DLNA discovery", "required": False, "sources": ["plex-ports"]},
    ],
}  # fmt: skip


@pytest.fixture(autouse=True)
def _catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    from portpedia.explain import product

    monkeypatch.setattr(product, "_catalogue", lambda: ({"plex": _PLEX}, _SOURCES))


def test_app_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app", "Plex Media Server"]) == 0
    out = capsys.readouterr().out
    assert "32400/tcp" in out and "inbound" in out and "(required)" in out
    assert "1900/udp" in out and "(optional)" in out
    assert "https://support.plex.tv/" in out
    assert "portpedia firewall --app plex --allow" in out


def test_app_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app", "PLEX", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "plex" and data["group_label"] == "Media servers and NAS"
    assert data["ports"][0] == {
        "port": 32400, "high": 32400, "ports": "32400", "transport": "tcp",
        "direction": "inbound", "direction_label": "inbound", "role": "Server",
        "purpose": "web app and clients", "required": True, "cites": [1],
    }  # fmt: skip
    assert data["footnotes"][0]["url"] == "https://support.plex.tv/"


def test_app_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app", "--list"]) == 0
    out = capsys.readouterr().out
    assert "Media servers and NAS" in out and "plex" in out and "32400, 1900" in out
    assert main(["app", "--list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["products"][0]["id"] == "plex"


def test_unknown_app_gets_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["app", "plx"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "did you mean plex" in err


@pytest.mark.parametrize("argv", [["app"], ["app", "plex", "--list"]])
def test_app_needs_exactly_one_of_name_or_list(argv: list[str], capsys) -> None:
    assert main(argv) == 2
    assert capsys.readouterr().err.count("\n") == 1
