"""Bengali: the glossary holds in every catalog, and no English is left in Bengali pages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portpedia.web.languages import LOCALE_DIR

BN = LOCALE_DIR / "bn"
GLOSSARY = BN / "glossary.toml"


def _glossary() -> tuple[list[str], str]:
    with GLOSSARY.open("rb") as fh:
        glossary = tomllib.load(fh)
    forbidden = [w for term in glossary["term"] for w in term.get("never", [])]
    return forbidden, glossary["native_digits"]


def _catalogs() -> list[Path]:
    """The UI catalog and every knowledge catalog of Bengali."""
    return [BN / "LC_MESSAGES" / "messages.po", *sorted((BN / "knowledge").glob("*.po"))]


def _violations(path: Path) -> list[str]:
    """One line per translation that uses a forbidden word or a Bengali digit."""
    forbidden, digits = _glossary()
    found = []
    with path.open("rb") as fh:
        catalog = read_po(fh, locale="bn")
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            found += [f"{path.name}: {w!r} in {message.id!r}"[:120] for w in forbidden if w in text]
            if any(d in text for d in digits):
                found.append(f"{path.name}: native digits in {message.id!r}"[:120])
    return found


def test_glossary_is_sane() -> None:
    forbidden, digits = _glossary()
    assert digits == "০১২৩৪৫৬৭৮৯"
    # The review's worst words are all forbidden.
    for word in ("বন্দর", "বাঁধাই", "ভান্ডার", "পরিষেবা", "আক্রমণকারী", "পরিবেশন", "অবরাদ্দকৃত"):
        assert word in forbidden, word
    # The knowledge catalog and the UI catalog are both checked.
    names = [p.name for p in _catalogs()]
    assert names[0] == "messages.po" and "catalogue.po" in names


@pytest.mark.parametrize("path", _catalogs(), ids=lambda p: p.name)
def test_no_forbidden_words_or_native_digits(path: Path) -> None:
    assert _violations(path) == []


def test_the_check_catches_a_bad_translation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Port 80"\nmsgstr "বন্দর ৮০"\n\n'
        'msgid "Fine"\nmsgstr "পোর্ট 80"\n',
        encoding="utf-8",
    )
    found = _violations(bad)
    assert len(found) == 2
    assert "'বন্দর'" in found[0] and "native digits" in found[1]


def test_use_names_have_bengali() -> None:
    """Every use name is in a knowledge catalog, and descriptive ones are translated."""
    from portpedia.knowledge.schema import load_tables

    catalog: dict[str, str] = {}
    for path in sorted((BN / "knowledge").glob("*.po")):
        with path.open("rb") as fh:
            catalog.update({m.id: m.string for m in read_po(fh) if m.id and m.string})
    names = [t["name"] for _where, t in load_tables()["use"]]
    assert len(names) >= 1000
    assert all(catalog.get(name) for name in names)
    assert catalog["SSH (internet-facing)"] == "SSH (ইন্টারনেটমুখী)"
    translated = [n for n in names if catalog[n] != n]
    assert len(translated) > len(names) / 2  # bare product names stay as they are


def test_citation_labels_are_translated(client) -> None:
    html = client.get("/bn/ports/443").text
    assert 'aria-label="সূত্র 1"' in html
    assert 'aria-label="source' not in html
    assert 'aria-label="source 1"' in client.get("/ports/443").text


def test_ports_breadcrumb_and_count_column_are_separate_messages(client) -> None:
    html = client.get("/bn/ephemeral").text
    assert '<th scope="col">পোর্টের সংখ্যা</th>' in html
    crumb = re.search(r'<nav class="breadcrumb".*?</nav>', html, re.S)
    assert crumb and '<a href="/bn/ports">পোর্ট</a>' in crumb.group(0)
    # The English stays one word in both places.
    english = client.get("/ephemeral").text
    assert '<th scope="col">Ports</th>' in english and '<a href="/ports">Ports</a>' in english


def test_bengali_404_is_bengali_with_ascii_digits(client) -> None:
    r = client.get("/bn/ports/99999")
    assert r.status_code == 404
    quote = re.search(r'<p class="error"><q([^>]*)>([^<]*)</q>', r.text)
    assert quote, r.text
    assert quote.group(1) == ""  # the page's own language, not lang="en"
    assert "পরিসরের বাইরে" in quote.group(2) and "0 থেকে 65535" in quote.group(2)
    assert not any(d in r.text for d in _glossary()[1])


def test_untranslated_error_message_keeps_lang_en(client) -> None:
    r = client.get("/bn/services/no-such-service-here")
    assert r.status_code == 404
    assert '<q lang="en">no service named' in r.text
