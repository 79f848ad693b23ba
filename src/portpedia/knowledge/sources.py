"""Compatibility surface: every source is in ``knowledge/data/sources/*.toml`` now.

New code reads them with ``from portpedia.knowledge import source, sources``. This module
stays, thin, for code written against the old Python literals: ``source(id)`` and
``CORE_SOURCES`` (now every source of the one catalogue).
"""

from __future__ import annotations

from typing import Any

from portpedia.knowledge.index import source

__all__ = ["source"]  # and, made on demand, CORE_SOURCES


def __getattr__(name: str) -> Any:
    if name == "CORE_SOURCES":
        from portpedia.knowledge import index

        return index.sources()
    raise AttributeError(f"module 'portpedia.knowledge.sources' has no attribute {name!r}")
