"""Languages: complete catalogs, URLs per language, negotiation, and discovery."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from portpedia.web import languages as langs
from portpedia.web import render

ROOT = Path(__file__).resolve().parents[2]


def _i18n_script():
    spec = importlib.util.spec_from_file_location("portpedia_i18n_script", ROOT / "scripts/i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_catalogs_are_complete_compiled_and_placeholders_match() -> None:
    script = _i18n_script()
    template = script.extract()
    assert len(template) > 200  # the interface and the report's prose
    # Knowledge catalogs are checked too ("knowledge: ..." lines); their completeness is
    # tests/knowledge/test_schema.py's test, so only the interface must be clean here.
    problems = script.problems(template)
    assert [p for p in problems if not p.startswith("knowledge: ")] == []


def test_compile_merges_the_knowledge_catalogs() -> None:
    from babel.messages.mofile import read_mo

    script = _i18n_script()
    knowledge = script.knowledge_catalog("bn")
    assert len(knowledge) >= 300
    with script.po_path("bn").with_suffix(".mo").open("rb") as f:
        shipped = {m.id: m.string for m in read_mo(f) if m.id}
    for msgid, text in knowledge.items():
        assert shipped.get(msgid) in (text, None) or msgid in {
            m.id for m in script.read_catalog("bn") if m.string
        }
    use = "Spotify access points (outgoing)"
    assert shipped[use] == knowledge[use]
    assert langs.gettext_for("bn")(use) == knowledge[use]


def test_placeholder_parser() -> None:
    script = _i18n_script()
    assert script.placeholders("Port {port} of %(range)s") == {"port", "range"}


def test_languages_discovered() -> None:
    assert langs.languages()[0] == "en"
    assert "bn" in langs.languages()
    assert langs.language_name("bn") == "বাংলা"


def test_bengali_port_page(client) -> None:
    r = client.get("/bn/ports/60463")
    assert r.status_code == 200
    html = r.text
    assert '<html lang="bn"' in html
    assert "পোর্ট 60463" in html
    assert "ডায়নামিক পরিসর" in html  # the report's summary, translated
    assert "এই পাতাটি কি কাজে লেগেছে?" in html
    assert '<link rel="canonical" href="http://testserver/bn/ports/60463">' in html
    assert 'hreflang="en" href="http://testserver/ports/60463"' in html
    assert 'hreflang="x-default" href="http://testserver/ports/60463"' in html
    # Language switcher points at the same page in English.
    assert re.search(r'<a href="http://testserver/ports/60463"[^>]*hreflang="en"', html)
    # Navigation stays in Bengali.
    assert 'href="/bn/ports/60462"' in html and 'action="/bn/search"' in html


def test_no_english_prose_left_on_bengali_page(client) -> None:
    english = client.get("/ports/60463").text
    bengali = client.get("/bn/ports/60463").text
    for sentence in ("Was this page helpful?", "IANA never assigns these", "Security notes"):
        assert sentence in english
        assert sentence not in bengali


@pytest.mark.parametrize(
    "path", ["/bn/", "/bn/ports", "/bn/ranges/user", "/bn/services/ssh", "/bn/search?q=ssh"]
)
def test_bengali_pages(client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert '<html lang="bn"' in r.text


def test_bengali_404(client) -> None:
    r = client.get("/bn/ports/99999")
    assert r.status_code == 404
    assert '<html lang="bn"' in r.text and "পাতাটি পাওয়া যায়নি" in r.text


def test_bn_without_slash_redirects(client) -> None:
    r = client.get("/bn", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"] == "/bn/"


def test_accept_language_on_home(client) -> None:
    r = client.get(
        "/", headers={"Accept-Language": "bn-BD,bn;q=0.9,en;q=0.5"}, follow_redirects=False
    )
    assert r.status_code == 302 and r.headers["location"] == "/bn/"
    assert "Accept-Language" in r.headers["vary"]
    r = client.get("/", headers={"Accept-Language": "en-GB,bn;q=0.5"}, follow_redirects=False)
    assert r.status_code == 200
    r = client.get("/", headers={"Accept-Language": "fr"}, follow_redirects=False)
    assert r.status_code == 200


def test_explicit_choice_beats_accept_language(client) -> None:
    headers = {"Accept-Language": "bn"}
    r = client.get("/?lang=en", headers=headers, follow_redirects=False)
    assert r.status_code == 200 and "portpedia_lang=en" in r.headers["set-cookie"]
    r = client.get("/", headers=headers, follow_redirects=False)
    assert r.status_code == 200  # the cookie remembered English


def test_negotiate() -> None:
    assert langs.negotiate("bn;q=0.8, en;q=0.9") == "en"
    assert langs.negotiate("de, bn;q=0.1") == "bn"
    assert langs.negotiate("bn;q=0") == "en"
    assert langs.negotiate("*") == "en"
    assert langs.negotiate("garbage;;;,,") == "en"
    assert langs.negotiate(None) == "en"


def test_third_language_needs_only_a_catalog(tmp_path: Path, monkeypatch, database_url) -> None:
    """Drop a compiled catalog into the locale dir and the site serves the language."""
    from starlette.testclient import TestClient

    from portpedia.web import create_app

    locale = tmp_path / "locale"
    shutil.copytree(langs.LOCALE_DIR, locale)
    shutil.copytree(locale / "en", locale / "de")
    monkeypatch.setattr(langs, "LOCALE_DIR", locale)
    for cached in (langs.languages, langs.translations, render._environment):
        cached.cache_clear()
    try:
        assert langs.languages() == ("en", "bn", "de")
        with TestClient(create_app(database_url, secret="x" * 40)) as client:
            r = client.get("/de/ports/443")
            assert r.status_code == 200 and '<html lang="de"' in r.text
            assert 'hreflang="de" href="http://testserver/de/ports/443"' in r.text
    finally:
        monkeypatch.undo()
        for cached in (langs.languages, langs.translations, render._environment):
            cached.cache_clear()


def test_init_starts_both_kinds_of_catalog_for_a_new_language(tmp_path: Path) -> None:
    from babel.messages.pofile import read_po

    from portpedia.knowledge import schema

    script = _i18n_script()
    script.LOCALE = tmp_path
    script.init("xx", script.extract())
    assert (tmp_path / "xx" / "LC_MESSAGES" / "messages.po").is_file()
    stems = {p.stem for p in (tmp_path / "xx" / "knowledge").glob("*.po")}
    tables = schema.load_tables()
    # Sources carry no prose: one catalog per use, article and product file.
    prose_files = {Path(w).stem for k in ("use", "article", "product") for w, _ in tables[k]}
    assert stems == prose_files
    wanted = set(schema.prose_strings(schema.load_tables()))
    found = set()
    for po in (tmp_path / "xx" / "knowledge").glob("*.po"):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        found |= {m.id for m in catalog if m.id}
        assert not any(m.string for m in catalog if m.id)
    assert found == wanted
    # The schema sees the new language and wants its translations.
    problems = schema.validate(schema.DATA, tmp_path)
    assert any(p.startswith("locale/xx: no translation for") for p in problems)
