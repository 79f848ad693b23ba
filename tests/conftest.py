"""Fixtures shared by every test package."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IANA_DIR = ROOT.parent / "shared" / "data" / "iana"


@pytest.fixture(scope="session")
def iana_xml() -> Path:
    path = IANA_DIR / "service-names-port-numbers.xml"
    assert path.is_file(), f"IANA registry copy missing: {path}"
    return path


@pytest.fixture(scope="session")
def iana_csv() -> Path:
    path = IANA_DIR / "service-names-port-numbers-2026-02-26.csv"
    assert path.is_file(), f"IANA registry copy missing: {path}"
    return path


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test away from the real user data directory (registry copy, database)."""
    from portpedia import registry

    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("PORTPEDIA_DATA_DIR", str(data))
    registry.reset()
    yield data
    registry.reset()
