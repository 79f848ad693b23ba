"""The static export face: the whole website as files any static server can serve.

``export_site(directory)`` renders every page the web app serves (a page per port per
language, the home, index, range, service and ephemeral pages), the JSON API files, the
sitemaps, ``robots.txt`` and the static assets, with relative links (see
:mod:`portpedia.export.layout`). Work is spread over forked worker processes, and a file
is only rewritten when its bytes change, so a second run writes nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portpedia.export.layout import file_for

__all__ = ["ExportResult", "export_site", "file_for", "parse_ports", "port_page_files"]

ALL_PORTS = range(65536)
_PORTS_PER_UNIT = 64
_SERVICES_PER_UNIT = 64
_PAGES_PER_UNIT = 8


@dataclass(frozen=True, slots=True)
class ExportResult:
    directory: str
    written: int
    unchanged: int
    seconds: float
    languages: tuple[str, ...]
    ports: int
    services: int
    jobs: int
    # True when the manifest showed nothing had changed, so nothing was rendered.
    reused: bool = False

    @property
    def files(self) -> int:
        return self.written + self.unchanged

    def as_dict(self) -> dict[str, Any]:
        return {
            "directory": self.directory,
            "files": self.files,
            "written": self.written,
            "unchanged": self.unchanged,
            "seconds": round(self.seconds, 2),
            "languages": list(self.languages),
            "ports": self.ports,
            "services": self.services,
            "jobs": self.jobs,
            "reused": self.reused,
        }


def parse_ports(text: str) -> list[int]:
    """``"0-99,443,60463"`` -> sorted unique ports; raises InvalidPortError on bad input."""
    from portpedia.errors import InvalidPortError
    from portpedia.ports import parse_number

    chosen: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        low, dash, high = part.partition("-")
        first = parse_number(low.strip())
        last = parse_number(high.strip()) if dash else first
        if last < first:
            raise InvalidPortError(f"port range {part!r} runs backwards")
        chosen.update(range(first, last + 1))
    if not chosen:
        raise InvalidPortError(f"no ports in {text!r}")
    return sorted(chosen)


def port_page_files(lang: str, ports: Iterable[int] = ALL_PORTS) -> Iterator[str]:
    """The export's file for each port page in ``lang`` (65,536 for the whole site)."""
    from portpedia.web.urls import port_path, url_for_page

    for port in ports:
        name = file_for(url_for_page(port_path(port), lang))
        assert name is not None
        yield name


def blocks_of(ports: Iterable[int]) -> list[int]:
    """The first port of each 256-port index block that lists one of ``ports``."""
    from portpedia.web.views import PAGE_SIZE

    return sorted({p // PAGE_SIZE * PAGE_SIZE for p in ports})


def other_page_paths(blocks: Iterable[int] | None = None) -> list[str]:
    """Language-neutral paths of the pages that are not port or service pages.

    ``blocks`` limits the port index pages to those blocks (a partial export).
    """
    from portpedia.web.urls import SERVICES_PATH, index_path
    from portpedia.web.views import page_paths

    keep = None if blocks is None else {"/ports" if b == 0 else index_path(b) for b in blocks}
    paths = [p for p in page_paths("pages") if keep is None or not p.startswith("/ports")
             or p in keep]  # fmt: skip
    if keep is not None:
        # The services index links every IANA name: in a partial export its pages would
        # bring in every service page, so they stay on the full site.
        paths = [p for p in paths if p.partition("?")[0] != SERVICES_PATH]
    return [*paths, "/search"]


def _chunks(items: Sequence[Any], size: int) -> list[tuple[Any, ...]]:
    return [tuple(items[i : i + size]) for i in range(0, len(items), size)]


def export_site(
    directory: str | os.PathLike[str],
    *,
    languages: Sequence[str] | None = None,
    ports: Iterable[int] | None = None,
    base_url: str = "",
    api_origin: str = "",
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    force: bool = False,
) -> ExportResult:
    """Write the site into ``directory``. ``ports`` None exports all 65,536.

    ``base_url`` (such as ``https://ports.example.org``) makes canonical links and the
    sitemaps absolute; without it no sitemaps are written. ``api_origin`` is the server
    that takes feedback (CORS on it must allow the export's origin); without it the
    feedback widget is left out. ``progress(done, total)`` is called as files are done.

    A non-empty ``directory`` without a portpedia manifest is refused unless ``force``.
    Changed files are staged and renamed into place only once all are written, so a
    failed run leaves the previous export as it was (see :mod:`portpedia.export._files`).
    """
    from portpedia.errors import PortpediaError
    from portpedia.export import _files, _manifest, _units
    from portpedia.web.languages import languages as available

    started = time.monotonic()
    langs = tuple(languages or available())
    unknown = [lang for lang in langs if lang not in available()]
    if unknown:
        raise PortpediaError(
            f"unknown language {unknown[0]!r}: the site speaks {', '.join(available())}"
        )
    selection = None if ports is None else frozenset(ports)
    port_list = sorted(selection) if selection is not None else list(ALL_PORTS)
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    if not force and not _manifest.owned(root):
        raise PortpediaError(
            f"{root} is not empty and holds no portpedia export "
            f"({_manifest.NAME}): refusing to write into it; choose an empty or new "
            "directory, or pass --force"
        )
    settings = _units.Settings(
        root=root,
        languages=langs,
        ports=selection,
        base_url=base_url.rstrip("/"),
        api_origin=api_origin.rstrip("/"),
    )
    _units.SETTINGS = settings
    # One more worker than CPUs: with ~290,000 files to write, a worker often waits on the
    # disk, and the spare one keeps the CPUs busy meanwhile.
    workers = max(1, jobs if jobs is not None else (os.cpu_count() or 1) + 1)
    options = {
        "languages": list(langs),
        "ports": None if selection is None else port_list,
        "base_url": settings.base_url,
        "api_origin": settings.api_origin,
    }
    digest = _manifest.fingerprint(options)
    previous = _manifest.load(root)
    count = _manifest.matches(root, previous, digest)
    if previous is not None and count is not None:
        if progress is not None:
            progress(count, count)
        return ExportResult(
            directory=str(root),
            written=0,
            unchanged=count,
            seconds=time.monotonic() - started,
            languages=langs,
            ports=len(port_list),
            services=int(previous.get("services", 0)),
            jobs=workers,
            reused=True,
        )
    _warm(langs)
    _files.forget_folders()
    stage = _files.STAGE = _files.new_stage()
    try:
        result = _export_staged(settings, root, langs, port_list, selection, workers, digest,
                                progress, started)  # fmt: skip
    except BaseException:
        _files.abort(root, stage)
        raise
    finally:
        _files.STAGE = None
        _files.forget_folders()
    return result


def _export_staged(
    settings: Any,
    root: Path,
    langs: tuple[str, ...],
    port_list: list[int],
    selection: frozenset[int] | None,
    workers: int,
    digest: str,
    progress: Callable[[int, int], None] | None,
    started: float,
) -> ExportResult:
    from portpedia.export import _files, _manifest, _units

    blocks = blocks_of(port_list)
    pages = other_page_paths(None if selection is None else blocks)
    # An index block's pages (every language) and its JSON go in one unit: they list the
    # same 256 port labels, which are then looked up once.
    indexed = [p for p in pages if p.split("?")[0] == "/ports"]
    others = [p for p in pages if p not in indexed]
    with_page = frozenset(int(p.partition("from=")[2] or 0) for p in indexed)
    # The slowest units first, so no worker is left with a long one at the end.
    first: list[_units.Unit] = [
        ("api", ((), True)),
        *(("blocks", (chunk, with_page)) for chunk in _chunks(blocks, _PAGES_PER_UNIT)),
        *(("pages", (chunk,)) for chunk in _chunks(others, _PAGES_PER_UNIT)),
        *(("ports", (chunk,)) for chunk in _chunks(port_list, _PORTS_PER_UNIT)),
    ]
    # For the progress bar: a page and a JSON file per port and language, and the rest.
    total = (len(port_list) * 2 + len(pages)) * len(langs) + 3 * len(langs) + len(blocks) + 1
    done = _units.Outcome()

    def tick(outcome: _units.Outcome) -> None:
        done.add(outcome)
        if progress is not None:
            progress(done.files, max(total, done.files))

    with _pool(workers) as run:
        for outcome in run(first):
            tick(outcome)
        services = sorted(done.services)
        total += len(services) * len(langs) * 2
        for outcome in run([("services", (c,)) for c in _chunks(services, _SERVICES_PER_UNIT)]):
            tick(outcome)
    tick(_finish(settings, port_list))
    # Everything is written: now, and only now, the new files replace the old ones.
    assert _files.STAGE is not None
    _manifest.forget(root)
    _files.commit(root, _files.STAGE)
    _manifest.save(root, digest, done.stamps, services=len(services))
    return ExportResult(
        directory=str(root),
        written=done.written,
        unchanged=done.unchanged,
        seconds=time.monotonic() - started,
        languages=langs,
        ports=len(port_list),
        services=len(services),
        jobs=workers,
    )


def _warm(langs: Sequence[str]) -> None:
    """Load the registry, catalogs and templates once, before workers fork and share them."""
    from portpedia.export._units import render_path
    from portpedia.registry import load
    from portpedia.web import views
    from portpedia.web.render import render_port_page, render_service

    # The registry's name and people indexes: a single lookup scans the snapshot instead,
    # which is right for one CLI call and slow for thousands.
    registry = load()
    registry.names()
    _ = registry.people
    for lang in langs:
        render_port_page(443, lang)
        render_service(views.service("https"), lang)
        render_path("/ports", lang, "")


class _pool:
    """``with _pool(n) as run: for outcome in run(units)``: inline for one job, else forked."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: Any = None

    def __enter__(self) -> Callable[[list[Any]], Iterator[Any]]:
        from portpedia.export._units import run_unit

        if self.workers == 1:
            return lambda units: (run_unit(u) for u in units)
        import multiprocessing

        self._pool = multiprocessing.get_context("fork").Pool(self.workers)
        return lambda units: self._pool.imap_unordered(run_unit, units)

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.close() if exc[0] is None else self._pool.terminate()
            self._pool.join()


def _finish(settings: Any, port_list: list[int]) -> Any:
    """Static assets, robots.txt, the dataset and (with a base URL) the sitemaps."""
    from importlib.resources import files

    from portpedia.export import _units

    out = _units.Outcome()
    static = files("portpedia.web").joinpath("static")
    for item in sorted(static.iterdir(), key=lambda p: p.name):
        if item.is_file():
            _units._put(out, f"static/{item.name}", item.read_bytes())
    lines = ["User-agent: *", "Disallow: /api/", "Disallow: /search.html"]
    if settings.base_url:
        lines.append(f"Sitemap: {settings.base_url}/sitemap.xml")
        for name, body in _sitemaps(settings, port_list):
            _units._put(out, name, body)
    _units._put(out, "robots.txt", "\n".join(lines) + "\n")
    # The open dataset, the same files the website serves under /data/.
    from portpedia.knowledge.dataset import files as dataset_files

    for name, data in dataset_files().items():
        _units._put(out, f"data/{name}", data)
    return out


def _sitemaps(settings: Any, port_list: list[int]) -> Iterator[tuple[str, str]]:
    from urllib.parse import quote
    from xml.sax.saxutils import escape

    from portpedia.registry import load
    from portpedia.web.urls import port_path, url_for_page
    from portpedia.web.views import PORTS_PER_SITEMAP

    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    updated = load().updated
    lastmod = f"<lastmod>{escape(updated[:10])}</lastmod>" if updated else ""
    base = escape(settings.base_url)

    def loc(url: str) -> str:
        name = file_for(url)
        assert name is not None
        return f"<url><loc>{base}/{escape(quote(name, safe='/'))}</loc>{lastmod}</url>\n"

    parts: list[str] = []
    for lang in settings.languages:
        paths = other_page_paths(blocks_of(port_list))
        body = "".join(loc(url_for_page(p, lang)) for p in paths if p != "/search")
        parts.append(f"{lang}-pages.xml")
        yield f"sitemaps/{lang}-pages.xml", f"{head}<urlset {ns}>\n{body}</urlset>\n"
        for i in range(65536 // PORTS_PER_SITEMAP):
            low, high = i * PORTS_PER_SITEMAP, (i + 1) * PORTS_PER_SITEMAP
            chosen = [p for p in port_list if low <= p < high]
            if not chosen:
                continue
            body = "".join(loc(url_for_page(port_path(p), lang)) for p in chosen)
            parts.append(f"{lang}-ports-{i}.xml")
            yield f"sitemaps/{lang}-ports-{i}.xml", f"{head}<urlset {ns}>\n{body}</urlset>\n"
    items = "".join(
        f"<sitemap><loc>{base}/sitemaps/{name}</loc>{lastmod}</sitemap>\n" for name in parts
    )
    yield "sitemap.xml", f"{head}<sitemapindex {ns}>\n{items}</sitemapindex>\n"
