"""The website face: ``portpedia serve``.

``create_app()`` builds the Starlette application; the ``render_*`` functions produce whole
pages without a request, for caching and for the static exporter.
"""

from __future__ import annotations

from portpedia.web.app import create_app
from portpedia.web.render import (
    CSRF_PLACEHOLDER,
    render_error,
    render_home,
    render_port_page,
    render_ports_index,
    render_range,
    render_search,
    render_service,
)

__all__ = [
    "CSRF_PLACEHOLDER",
    "create_app",
    "render_error",
    "render_home",
    "render_port_page",
    "render_ports_index",
    "render_range",
    "render_search",
    "render_service",
]
