"""Compatibility surface: the curated uses are TOML data now (docs/knowledge.md).

New code reads them with ``from portpedia.knowledge import uses_for, uses``. This module
stays, thin, for code written against the old Python catalogue: ``uses_for`` (now by
rank, then file order), ``UNOFFICIAL`` (every use) and ``SOURCES`` (every source).
"""

from __future__ import annotations

from typing import Any

from portpedia.knowledge.index import uses_for

__all__ = ["uses_for"]  # and, made on demand, UNOFFICIAL and SOURCES


def __getattr__(name: str) -> Any:
    from portpedia.knowledge import index

    if name == "UNOFFICIAL":
        return index.uses()
    if name == "SOURCES":
        return index.sources()
    raise AttributeError(f"module 'portpedia.knowledge.unofficial' has no attribute {name!r}")
