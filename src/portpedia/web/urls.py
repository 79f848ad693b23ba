"""Language-neutral page paths (``/ports/443``) and their URL in each language."""

from __future__ import annotations

from urllib.parse import quote

from portpedia.web.languages import DEFAULT, languages


def url_for_page(path: str, lang: str) -> str:
    """``/ports/443`` in Bengali is ``/bn/ports/443``; English URLs carry no prefix."""
    if lang == DEFAULT:
        return path
    return f"/{lang}{path}" if path != "/" else f"/{lang}/"


def split_language(url_path: str) -> tuple[str, str]:
    """``/bn/ports/443`` -> ``("bn", "/ports/443")``; unprefixed paths are English."""
    head, _, rest = url_path.lstrip("/").partition("/")
    if head in languages() and head != DEFAULT:
        return head, "/" + rest
    return DEFAULT, url_path


EPHEMERAL_PATH = "/ephemeral"
APPS_PATH = "/apps"
MAP_PATH = "/map"
MAP_PNG = "/map.png"  # one image for every language
SERVICES_PATH = "/services"


def port_path(port: int) -> str:
    return f"/ports/{port}"


def service_path(name: str) -> str:
    return f"/services/{quote(name, safe='')}"


def range_path(key: str) -> str:
    return f"/ranges/{key}"


def index_path(start: int) -> str:
    return f"/ports?from={start}"


def app_path(name: str) -> str:
    return f"/apps/{quote(name, safe='')}"


def services_letter_path(letter: str) -> str:
    return f"/services?letter={quote(letter, safe='')}"
