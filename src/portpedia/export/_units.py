"""Units of export work. Each renders a slice of the site and writes it; workers run them.

The settings live in a module global set before the worker processes fork, so a unit is a
small tuple and each worker inherits the warmed registry, templates and catalogs.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from portpedia.export import layout
from portpedia.export._files import put_file

Unit = tuple[str, tuple[Any, ...]]
_SERVICE_LINK = re.compile(r'href="(?:/[A-Za-z-]+)?/services/([^"#?]+)"')
_PORT_FILE = re.compile(r"(?:[A-Za-z-]+/)?ports/(\d+)\.html")
_BLOCK_FILE = re.compile(r"(?:[A-Za-z-]+/)?ports(?:/from-(\d+))?\.html")


_SERVICES_INDEX_FILE = re.compile(r"(?:[a-z-]+/)?services(?:\.html|/_letter-[^/]+\.html)")


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
        # A partial export leaves the services index out (export.other_page_paths).
        return _SERVICES_INDEX_FILE.fullmatch(name) is None


@dataclass(slots=True)
class Outcome:
    written: int = 0
    unchanged: int = 0
    services: set[str] = field(default_factory=set)
    # (name, (size, st_mtime_ns)) of every file, for the manifest.
    stamps: list[tuple[str, tuple[int, int]]] = field(default_factory=list)

    @property
    def files(self) -> int:
        return self.written + self.unchanged

    def add(self, other: Outcome) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.services |= other.services
        self.stamps += other.stamps


SETTINGS: Settings | None = None


def _settings() -> Settings:
    assert SETTINGS is not None, "export settings are set before any unit runs"
    return SETTINGS


def _put(out: Outcome, name: str, data: bytes | str) -> None:
    raw = data.encode() if isinstance(data, str) else data
    written, size, mtime = put_file(_settings().root, name, raw)
    if written:
        out.written += 1
    else:
        out.unchanged += 1
    out.stamps.append((name, (size, mtime)))


def _page(out: Outcome, name: str, text: str) -> None:
    out.services.update(_services_in(text))
    _put(out, name, _rewrite(text, name))


def _services_in(text: str) -> set[str]:
    return {unquote(html.unescape(m)) for m in _SERVICE_LINK.findall(text)}


def _rewrite(text: str, name: str) -> str:
    s = _settings()
    return layout.rewrite_links(
        text, name, exported=s.exported, base_url=s.base_url, api_origin=s.api_origin
    )


def port_page(port: int, lang: str, report: Any) -> tuple[str, str, set[str]]:
    """(file, bytes as text, services it links to) of a port page, links rewritten.

    In a full export a page shared by many ports (see ``port_page_pieces``) has its links
    rewritten once per folder, with the marks standing for the port numbers in them.
    """
    from portpedia.export._shared_pages import (
        PORT_MARKS,
        checks_for,
        fill_marks,
        port_page_pieces,
        split_marks,
    )
    from portpedia.web.render import render_port_page

    s = _settings()
    name = _file(_url(f"/ports/{port}", lang))
    # Only when every port is exported: a link's target then never depends on its number.
    pieces = None if s.ports is not None else port_page_pieces(report, lang, base_url=s.base_url)
    if pieces is None:
        checks = checks_for(report, lang)
        text = render_port_page(port, lang, base_url=s.base_url, report=report, checks=checks)
        return name, _rewrite(text, name), _services_in(text)
    key = (pieces, posixpath.dirname(name))
    done = _REWRITTEN.get(key)
    if done is None:
        neutral = "".join(pieces)
        text = _rewrite(neutral, name)
        for mark in PORT_MARKS:  # links to files hold them URL-quoted
            text = text.replace(quote(mark), mark)
        done = split_marks(text), frozenset(_services_in(neutral))
        if len(_REWRITTEN) >= 512:
            _REWRITTEN.clear()
        _REWRITTEN[key] = done
    return name, fill_marks(done[0], port), set(done[1])


_REWRITTEN: dict[tuple[tuple[str, ...], str], tuple[tuple[str, ...], frozenset[str]]] = {}


def port_json(port: int, lang: str, report: Any = None) -> bytes:
    """``/api/v1/ports/PORT?lang=LANG``: :func:`portpedia.web.as_json.port`, encoded.

    Encoded plainly: encoding a report once for many ports saved about 0.1 ms of 0.3 ms
    for plain ports and cost time for the others (``benchmarks/export_bench.py``), not
    worth a second way to make the same bytes.
    """
    from portpedia.web import as_json, views

    return as_json.encode(as_json.port(report if report is not None else views.port(port), lang))


def ports_unit(ports: Iterable[int]) -> Outcome:
    from portpedia.explain import explain

    s = _settings()
    out = Outcome()
    for port in ports:
        report = explain(port)
        for lang in s.languages:
            name, text, services = port_page(port, lang, report)
            out.services |= services
            _put(out, name, text)
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


def services_unit(names: Iterable[str]) -> Outcome:
    from portpedia.web import as_json, views
    from portpedia.web.render import render_service

    s = _settings()
    out = Outcome()
    for name in names:
        view = views.service(name)
        for lang in s.languages:
            page = render_service(view, lang, base_url=s.base_url)
            _page(out, layout.file_for(_url(f"/services/{name}", lang)) or "", page)
            body = as_json.encode(as_json.service(view, lang))
            _put(out, layout.service_json_file(name, lang), body)
    return out


def _block_json(start: int) -> bytes:
    from portpedia.web import as_json, views

    return as_json.encode(as_json.ports_index(views.ports_index(start)))


def blocks_unit(starts: Iterable[int], with_page: frozenset[int]) -> Outcome:
    """Port index blocks: the JSON of each, and its page in every language if listed."""
    from portpedia.web.urls import index_path

    s = _settings()
    out = Outcome()
    for start in starts:
        if start in with_page:
            path = "/ports" if start == 0 else index_path(start)
            for lang in s.languages:
                _page(out, _file(_url(path, lang)), render_path(path, lang, s.base_url))
        _put(out, f"api/v1/ports/from-{start}.json", _block_json(start))
    return out


def api_unit(blocks: Iterable[int], singles: bool) -> Outcome:
    """JSON files other than per port or per service: port index blocks, and once the rest."""
    from portpedia.web import as_json, views
    from portpedia.web.languages import DEFAULT
    from portpedia.web.openapi import document

    s = _settings()
    out = Outcome()
    for start in blocks:
        _put(out, f"api/v1/ports/from-{start}.json", _block_json(start))
    if not singles:
        return out
    for lang in s.languages:
        suffix = "" if lang == DEFAULT else f".{lang}"
        body = as_json.encode(as_json.ranges(views.ranges(), lang))
        _put(out, layout.ranges_json_file(lang), body)
        body = as_json.encode(as_json.ephemeral(views.ephemeral(), lang))
        _put(out, f"api/v1/ephemeral{suffix}.json", body)
        _put(out, layout.apps_json_file(lang), as_json.encode(as_json.apps(views.apps(), lang)))
        for name in views.app_names():
            body = as_json.encode(as_json.app(views.app(name), lang))
            _put(out, layout.app_json_file(name, lang), body)
    _put(out, "openapi.json", as_json.encode(document()))
    from portpedia.web.portmap import map_png

    _put(out, "map.png", map_png())
    return out


def render_path(path: str, lang: str, base_url: str) -> str:
    """Render a non-port page of the site from its language-neutral path."""
    from portpedia.web import render, urls, views

    bare, _, query = path.partition("?")
    if bare == "/":
        return render.render_home(views.home(), lang, base_url=base_url)
    if bare == "/ports":
        start = int(query.removeprefix("from=") or 0) if query else 0
        return render.render_ports_index(views.ports_index(start), lang, base_url=base_url)
    if bare.startswith("/ranges/"):
        view = views.range_view(bare.removeprefix("/ranges/"))
        return render.render_range(view, lang, base_url=base_url)
    if bare == urls.SERVICES_PATH:
        letter = unquote(query.removeprefix("letter=")) if query else ""
        return render.render_services_index(views.services_index(letter), lang, base_url=base_url)
    if bare == urls.MAP_PATH:
        return render.render_map(views.port_map(), lang, base_url=base_url)
    if bare == urls.APPS_PATH:
        return render.render_apps(views.apps(), lang, base_url=base_url)
    if bare.startswith("/apps/"):
        view = views.app(unquote(bare.removeprefix("/apps/")))
        return render.render_app(view, lang, base_url=base_url)
    if bare == "/search":
        return render.render_search(views.search(""), lang, base_url=base_url)
    if bare == urls.EPHEMERAL_PATH:
        return render.render_ephemeral(views.ephemeral(), lang, base_url=base_url)
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
