from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from portpedia.knowledge import index

MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture knowledge base (data and bn catalog)."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def mini_installed() -> Iterator[index.KnowledgeBase]:
    """The fixture knowledge base as the one every lookup (and explain) reads."""
    base = index.KnowledgeBase.from_data(MINI)
    previous = index.install(base)
    try:
        yield base
    finally:
        index.install(previous)
