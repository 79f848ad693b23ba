"""The website face: ``portpedia serve``.

``create_app()`` builds the site exactly as ``portpedia serve`` runs it. Each resource has
one view in :mod:`portpedia.web.views` (typed data, no request); the ``render_*`` functions
turn a view into a page and :mod:`portpedia.web.as_json` into the API's JSON, for the
server and the static exporter alike.
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
