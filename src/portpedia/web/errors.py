"""The API's error document, ``{"error": {"code": ..., "message": ...}}``, defined once.

The routes (:func:`portpedia.web.api.error`) and the ASGI layers that answer before them
(the host check, the body limit) all build it here; ``/openapi.json`` describes it.
"""

from __future__ import annotations

import json
from typing import Any


def error_document(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def error_body(code: str, message: str, **extra: Any) -> bytes:
    """:func:`error_document` as the API encodes JSON (UTF-8, compact)."""
    document = error_document(code, message, **extra)
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
