"""Curated knowledge beside the IANA registry: uses, articles, products and their sources.

The data is TOML under ``knowledge/data`` (docs/knowledge.md), compiled into the shipped
``data/knowledge.index``; the lookups below read that index::

    from portpedia import knowledge
    knowledge.uses_for(8080)        # UnofficialUse records, by rank then file order
    knowledge.article_for(443, "udp")
    knowledge.products_for(6443)    # Product records; .ports_at(6443) gives the entries
    knowledge.source("rfc9114")

Attributes are loaded on first use, so importing a submodule (``knowledge.ranges``) costs
nothing more.
"""

from __future__ import annotations

from typing import Any

# ``sources()`` is ``knowledge.index.sources``: the name ``sources`` here is the old
# module ``knowledge.sources``, kept for compatibility.
_INDEX = ("article_for", "articles", "articles_for", "load", "product", "products",
          "products_for", "source", "uses", "uses_for", "KnowledgeBase")  # fmt: skip
_MODEL = ("Article", "Product", "ProductPort", "Related", "Source", "UnofficialUse")

__all__ = sorted((*_INDEX, *_MODEL))


def __getattr__(name: str) -> Any:
    # Unknown names fail first and cheaply: `from portpedia.knowledge import index` asks
    # for the submodule as an attribute before importing it.
    if name in _INDEX:
        from portpedia.knowledge import index as module
    elif name in _MODEL:
        from portpedia.knowledge import model as module  # type: ignore[no-redef]
    else:
        raise AttributeError(f"module 'portpedia.knowledge' has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value
