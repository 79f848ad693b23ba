"""The export's shortcuts give the bytes of the plain way, and an unchanged re-run is free.

Each shortcut (constant calls folded into the templates, memoised sections, pages
rendered once for many ports with marks for the numbers, line-memoised link rewriting) is
compared with the same output made without it, over ports of every kind.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from portpedia.explain import explain
from portpedia.export import _shared_pages, _units, export_site, layout
from portpedia.export._manifest import NAME as MANIFEST
from portpedia.web import render, templating, views
from portpedia.web.languages import LOCALE_DIR, languages

# Well-known, assigned, unassigned, reserved, range edges, the last port, a tail of plain
# ports in a row (so the shared renderings are hit) and a spread over the whole range.
SAMPLE = sorted(
    {0, 1, 7, 22, 80, 443, 1023, 1024, 1234, 5353, 6000, 8080, 27017, 32767, 32768, 49151,
     49152, 60463, 60999, 61000, 65534, 65535, *range(40000, 40030), *range(0, 65536, 1531)}
)  # fmt: skip


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, pages are rendered with no folding, no memo and no shared pages."""
    templating.environment.cache_clear()
    _shared_pages.clear()
    monkeypatch.setattr(templating, "_CONSTANT_CALL", re.compile(r"(?!)"))
    monkeypatch.setattr(templating._Sections, "__call__", _unmemoised)
    monkeypatch.setattr(_shared_pages, "port_page_pieces", lambda *args, **kw: None)
    monkeypatch.setattr(templating, "checks_html", _unshared_checks)
    monkeypatch.setattr(render, "checks_html", _unshared_checks)


def _unmemoised(self: templating._Sections, name: str, **args: object) -> object:
    return self.render(name, tuple(args.items()))


def _unshared_checks(report: object, lang: str) -> object:
    from portpedia.web.languages import gettext_for

    groups = templating.group_checks(report.checks, gettext_for(lang))  # type: ignore[attr-defined]
    return templating.sections(lang).render("checks", (("groups", groups),))


def _pages(**kw: object) -> dict[tuple[int, str], str]:
    """Every sample port page, the export's way when it can (marks filled in), else plain."""
    pages = {}
    for p in SAMPLE:
        report = explain(p)
        for lang in languages():
            pieces = _shared_pages.port_page_pieces(report, lang, **kw)  # type: ignore[arg-type]
            pages[p, lang] = (
                render.render_port_page(p, lang, **kw)  # type: ignore[arg-type]
                if pieces is None
                else _shared_pages.fill_marks(pieces, p)
            )
    return pages


def _others() -> list[str]:
    return [
        *(render.render_home(views.home(), lang) for lang in languages()),
        *(
            render.render_ports_index(views.ports_index(b), lang)
            for b in (0, 49152)
            for lang in languages()
        ),
        *(render.render_service(views.service("ssh"), lang) for lang in languages()),
        *(render.render_ephemeral(views.ephemeral(), lang) for lang in languages()),
        *(render.render_error(404, lang, message="<x>") for lang in languages()),
        render.render_port_page(443, "bn", csrf_token="t", your_vote="happy", notice="thanks"),
    ]


@pytest.mark.parametrize("base_url", ["", "https://ports.example.org"])
def test_pages_equal_the_plain_rendering(monkeypatch: pytest.MonkeyPatch, base_url: str) -> None:
    fast, again, others = _pages(base_url=base_url), _pages(base_url=base_url), _others()
    _plain(monkeypatch)
    try:
        assert _pages(base_url=base_url) == fast == again
        assert _others() == others
    finally:
        monkeypatch.undo()
        templating.environment.cache_clear()
        _shared_pages.clear()


def test_no_text_holds_the_marks() -> None:
    """The marks stand for numbers only because no catalog or curated text contains them."""
    marks = re.compile("[\ue000-\ue0ff]")
    for po in LOCALE_DIR.glob("*/LC_MESSAGES/messages.po"):
        assert not marks.search(po.read_text()), po
    knowledge = Path(render.__file__).parent.parent / "knowledge"
    for source in knowledge.glob("*.py"):
        assert not marks.search(source.read_text()), source


@pytest.mark.parametrize(
    ("ports", "base_url", "api_origin"),
    [(None, "https://ports.example.org", ""), (None, "", "https://api.example.org"),
     (frozenset(SAMPLE), "https://ports.example.org", "")],
)  # fmt: skip
def test_export_port_files_match_the_plain_way(
    tmp_path: Path, ports: frozenset[int] | None, base_url: str, api_origin: str
) -> None:
    """Pages rewritten once for many ports equal the plain way; the JSON is the API's."""
    from portpedia.web import as_json

    langs = languages()
    _units.SETTINGS = _units.Settings(tmp_path, langs, ports, base_url, api_origin)
    try:
        for p in SAMPLE:
            report = explain(p)
            for lang in langs:
                name, text, services = _units.port_page(p, lang, report)
                page = render.render_port_page(p, lang, base_url=base_url)
                assert text == _units._rewrite(page, name), (p, lang)
                assert services == _units._services_in(page)
                body = as_json.encode(as_json.port(explain(p), lang))
                assert _units.port_json(p, lang, report) == body, (p, lang)
    finally:
        _units.SETTINGS = None


def test_line_memo_equals_one_substitution_over_the_page() -> None:
    base = "https://ports.example.org"
    pages = [render.render_port_page(p, "bn", base_url=base) for p in SAMPLE[:20]]
    pages += [
        render.render_ports_index(views.ports_index(256), "en"),
        render.render_service(views.service("ssh"), "en"),
    ]
    for page in pages:
        for api_origin in ("", "https://api.example.org"):
            where = "bn/ports/1.html"
            fast = layout.rewrite_links(page, where, base_url=base, api_origin=api_origin)
            # A line that starts with an attribute: the whole page in one substitution.
            whole = layout.rewrite_links("\nhref=\n" + page, where, base_url=base,
                                         api_origin=api_origin)  # fmt: skip
            assert "\nhref=\n" + fast == whole


def test_unchanged_rerun_renders_nothing_and_any_change_renders_again(tmp_path: Path) -> None:
    first = export_site(tmp_path, ports=[80, 443], languages=["en"], jobs=1)
    assert not first.reused and (tmp_path / MANIFEST).is_file()
    listed = json.loads((tmp_path / MANIFEST).read_text())["files"]
    assert len(listed) == first.files and "ports/443.html" in listed

    again = export_site(tmp_path, ports=[80, 443], languages=["en"], jobs=1)
    assert again.reused and again.written == 0 and again.unchanged == first.files

    (tmp_path / "ports/80.html").unlink()  # a file gone: rendered again, only it written
    third = export_site(tmp_path, ports=[80, 443], languages=["en"], jobs=1)
    assert not third.reused and third.written == 1 and (tmp_path / "ports/80.html").is_file()

    options = {"ports": [80, 443], "languages": ["en"], "jobs": 1, "base_url": "https://x.org"}
    other = export_site(tmp_path, **options)  # type: ignore[arg-type]
    assert not other.reused and other.written > 0  # other options, other bytes

    (tmp_path / MANIFEST).write_text("{not json")
    broken = export_site(tmp_path, **options)  # type: ignore[arg-type]
    assert not broken.reused and broken.written == 0
    assert export_site(tmp_path, **options).reused  # type: ignore[arg-type]
