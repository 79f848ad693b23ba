"""Units of export work. Each renders a slice of the site and writes it; workers run them.

The settings live in a module global set before the worker processes fork, so a unit is a
small tuple and each worker inherits the warmed registry, templates and catalogs.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote

from portpedia.export import layout
from portpedia.export._files import write_if_changed

Unit = tuple[str, tuple[Any, ...]]
_SERVICE_LINK = re.compile(r'href="(?:/[A-Za-z-]+)?/services/([^"#?]+)"')
_PORT_FILE = re.compile(r"(?:[A-Za-z-]+/)?ports/(\d+)\.html")
_BLOCK_FILE = re.compile(r"(?:[A-Za-z-]+/)?ports(?:/from-(\d+))?\.html")


@dataclass(frozen=True, slots=True)
class Settings:
    root: Path
    languages: tuple[str, ...]
    ports: frozenset[int] | None  # None: all 65,536
    base_url: str = ""
    api_origin: str = ""

    def exported(self, name: str) -> bool:
        if self.ports is None:
            return True
        m = _PORT_FILE.fullmatch(name)
        if m is not None:
            return int(m.group(1)) in self.ports
        m = _BLOCK_FILE.fullmatch(name)
        if m is not None:
            low = int(m.group(1) or 0)
            return any(low <= p < low + 256 for p in self.ports)
        return True


@dataclass(slots=True)
class Outcome:
    written: int = 0
    unchanged: int = 0
    services: set[str] = field(default_factory=set)

    @property
    def files(self) -> int:
        return self.written + self.unchanged

    def add(self, other: Outcome) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.services |= other.services


SETTINGS: Settings | None = None
_loop: asyncio.AbstractEventLoop | None = None


def _settings() -> Settings:
    assert SETTINGS is not None, "export settings are set before any unit runs"
    return SETTINGS


def _put(out: Outcome, name: str, data: bytes | str) -> None:
    raw = data.encode() if isinstance(data, str) else data
    if write_if_changed(_settings().root, name, raw):
        out.written += 1
    else:
        out.unchanged += 1


def _page(out: Outcome, name: str, text: str) -> None:
    s = _settings()
    out.services.update(unquote(html.unescape(m)) for m in _SERVICE_LINK.findall(text))
    _put(
        out,
        name,
        layout.rewrite_links(
            text, name, exported=s.exported, base_url=s.base_url, api_origin=s.api_origin
        ),
    )


def api_body(handler: Callable[..., Any], path: str, query: str = "", **params: Any) -> bytes:
    """The bytes the server's API handler answers for ``path?query`` (same code, same JSON)."""
    from starlette.requests import Request

    global _loop
    if _loop is None:
        _loop = asyncio.new_event_loop()
    scope = {
        "type": "http",
        "method": "GET",
        "scheme": "http",
        "server": ("export", 80),
        "root_path": "",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "headers": [],
        "path_params": params,
        "app": SimpleNamespace(state=SimpleNamespace(local=False)),
    }
    response = _loop.run_until_complete(handler(Request(scope)))
    if response.status_code != 200:
        raise RuntimeError(f"{path}?{query}: the API answered {response.status_code}")
    return bytes(response.body)


def _lang_query(lang: str) -> str:
    from portpedia.web.languages import DEFAULT

    return "" if lang == DEFAULT else f"lang={lang}"


def port_json(port: int, lang: str, report: Any = None) -> bytes:
    """``/api/v1/ports/PORT?lang=LANG`` as the API answers it (tests hold the two equal).

    Built here rather than through the API handler so one report serves the page and the
    JSON in every language.
    """
    from portpedia.web.languages import gettext_for
    from portpedia.web.urls import port_path, url_for_page

    if report is None:
        from portpedia.explain import explain

        report = explain(port)
    data = report.to_dict(gettext_for(lang))
    data["language"] = lang
    data["url"] = url_for_page(port_path(port), lang)
    return _json(data)


def _json(data: Any) -> bytes:
    # The API's encoding (portpedia.web.api.ok).
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def ports_unit(ports: Iterable[int]) -> Outcome:
    from portpedia.explain import explain
    from portpedia.web.render import render_port_page

    s = _settings()
    out = Outcome()
    for port in ports:
        report = explain(port)
        for lang in s.languages:
            url = _url(f"/ports/{port}", lang)
            page = render_port_page(port, lang, base_url=s.base_url, report=report)
            _page(out, _file(url), page)
            _put(out, layout.port_json_file(port, lang), port_json(port, lang, report))
    return out


def pages_unit(paths: Iterable[str]) -> Outcome:
    """Pages other than port pages, by language-neutral path (``/``, ``/ports?from=256``)."""
    s = _settings()
    out = Outcome()
    for path in paths:
        for lang in s.languages:
            url = _url(path, lang)
            _page(out, _file(url), render_path(path, lang, s.base_url))
    return out


def service_json(service: Any, reports: Sequence[Any], lang: str) -> bytes:
    """``/api/v1/services/NAME?lang=LANG`` as the API answers it (tests hold the two equal)."""
    from portpedia.web.languages import gettext_for
    from portpedia.web.urls import service_path, url_for_page

    gettext = gettext_for(lang)
    data = service.to_dict()
    data["reports"] = [r.to_dict(gettext) for r in reports]
    data["language"] = lang
    data["url"] = url_for_page(service_path(service.name), lang)
    return _json(data)


def services_unit(names: Iterable[str]) -> Outcome:
    from portpedia.explain import explain, lookup_service
    from portpedia.web.render import render_service

    s = _settings()
    out = Outcome()
    for name in names:
        service = lookup_service(name)
        reports = [explain(p) for p in service.ports[:5]]
        for lang in s.languages:
            page = render_service(name, lang, base_url=s.base_url, service=service, reports=reports)
            _page(out, layout.file_for(_url(f"/services/{name}", lang)) or "", page)
            _put(out, layout.service_json_file(name, lang), service_json(service, reports, lang))
    return out


def blocks_unit(starts: Iterable[int], with_page: frozenset[int]) -> Outcome:
    """Port index blocks: the JSON of each, and its page in every language if listed."""
    from portpedia.web import api
    from portpedia.web.urls import index_path

    s = _settings()
    out = Outcome()
    for start in starts:
        if start in with_page:
            path = "/ports" if start == 0 else index_path(start)
            for lang in s.languages:
                _page(out, _file(_url(path, lang)), render_path(path, lang, s.base_url))
        body = api_body(api.ports_index, "/api/v1/ports", f"from={start}")
        _put(out, f"api/v1/ports/from-{start}.json", body)
    return out


def api_unit(blocks: Iterable[int], singles: bool) -> Outcome:
    """JSON files other than per port or per service: port index blocks, and once the rest."""
    from portpedia.web import api
    from portpedia.web.languages import DEFAULT

    s = _settings()
    out = Outcome()
    for start in blocks:
        body = api_body(api.ports_index, "/api/v1/ports", f"from={start}")
        _put(out, f"api/v1/ports/from-{start}.json", body)
    if not singles:
        return out
    for lang in s.languages:
        suffix = "" if lang == DEFAULT else f".{lang}"
        body = api_body(api.ranges, "/api/v1/ranges", _lang_query(lang))
        _put(out, layout.ranges_json_file(lang), body)
        if hasattr(api, "ephemeral"):
            body = api_body(api.ephemeral, "/api/v1/ephemeral", _lang_query(lang))
            _put(out, f"api/v1/ephemeral{suffix}.json", body)
    _put(out, "openapi.json", api_body(api.openapi, "/openapi.json"))
    return out


def render_path(path: str, lang: str, base_url: str) -> str:
    """Render a non-port page of the site from its language-neutral path."""
    from portpedia.web import render, urls

    bare, _, query = path.partition("?")
    if bare == "/":
        return render.render_home(lang, base_url=base_url)
    if bare == "/ports":
        start = int(query.removeprefix("from=") or 0) if query else 0
        return render.render_ports_index(start, lang, base_url=base_url)
    if bare.startswith("/ranges/"):
        return render.render_range(bare.removeprefix("/ranges/"), lang, base_url=base_url)
    if bare == "/search":
        return render.render_search("", lang, base_url=base_url)
    if bare == getattr(urls, "EPHEMERAL_PATH", None):
        return render.render_ephemeral(lang, base_url=base_url)  # type: ignore[attr-defined]
    raise ValueError(f"the export cannot render {path!r}")


def _url(path: str, lang: str) -> str:
    from portpedia.web.urls import url_for_page

    return url_for_page(path, lang)


def _file(url: str) -> str:
    name = layout.file_for(url)
    if name is None:
        raise ValueError(f"no export file for {url!r}")
    return name


UNITS: dict[str, Callable[..., Outcome]] = {
    "ports": ports_unit,
    "pages": pages_unit,
    "services": services_unit,
    "api": api_unit,
    "blocks": blocks_unit,
}


def run_unit(unit: Unit) -> Outcome:
    kind, args = unit
    return UNITS[kind](*args)
