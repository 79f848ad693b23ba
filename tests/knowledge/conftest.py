from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from portpedia.knowledge import index, schema

MINI = Path(__file__).parent / "data" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture knowledge base (data and bn catalog)."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def mini_installed(mini: Path) -> Iterator[index.KnowledgeBase]:
    """The fixture knowledge base as the one every lookup (and explain) reads.

    The shipped sources come along: the report's own facts (ranges, OS defaults) cite them.
    """
    for path in (schema.DATA / "sources").glob("*.toml"):
        shutil.copy(path, mini / "sources" / f"shipped-{path.name}")
    base = index.KnowledgeBase.from_data(mini)
    previous = index.install(base)
    try:
        yield base
    finally:
        index.install(previous)
