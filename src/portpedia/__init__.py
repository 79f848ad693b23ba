"""portpedia: what a network port is, whether to worry, and who holds it here.

The public API is loaded on first use, so ``import portpedia`` (and the CLI, which
imports this package first) pays nothing for parts it does not touch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "explain": "portpedia.explain",
    "lookup_service": "portpedia.explain",
    "search": "portpedia.explain",
    "service_name": "portpedia.explain",
    "PortReport": "portpedia.explain",
    "ServiceReport": "portpedia.explain",
    "PortpediaError": "portpedia.errors",
    "InvalidPortError": "portpedia.errors",
    "UnknownServiceError": "portpedia.errors",
    "parse_port": "portpedia.ports",
}

__all__ = [
    "InvalidPortError",
    "PortReport",
    "PortpediaError",
    "ServiceReport",
    "UnknownServiceError",
    "__version__",
    "explain",
    "knowledge",
    "lookup_service",
    "parse_port",
    "search",
    "service_name",
]

if TYPE_CHECKING:
    from portpedia.errors import InvalidPortError, PortpediaError, UnknownServiceError
    from portpedia.explain import (
        PortReport,
        ServiceReport,
        explain,
        lookup_service,
        search,
        service_name,
    )
    from portpedia.ports import parse_port


def __getattr__(name: str) -> Any:
    if name == "knowledge":  # the curated data's lookups: portpedia.knowledge.uses_for(...)
        import importlib

        return importlib.import_module("portpedia.knowledge")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'portpedia' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
