#!/usr/bin/env python3
"""Translation catalogs for portpedia: extract, update, compile, check.

    python scripts/i18n.py extract   # write src/portpedia/locale/messages.pot
    python scripts/i18n.py update    # merge the template into every <lang>/LC_MESSAGES/messages.po
    python scripts/i18n.py compile   # messages.po -> messages.mo for every language
    python scripts/i18n.py check     # exit 1 if anything is missing, stale or mismatched
    python scripts/i18n.py init xx   # start a catalog for a new language
    python scripts/i18n.py fill xx FILE.po  # take msgstrs FILE has for untranslated msgids

Interface messages come from gettext calls and ``N_``/``Msg`` in the Python sources,
``_()`` in the Jinja templates (``pgettext(context, text)`` where one English word needs
two translations, such as "Ports" in a breadcrumb and as a count column), and the
operating-system names of ``portpedia.knowledge.ephemeral``; they go through ``messages.pot`` into
``<lang>/LC_MESSAGES/messages.po``. IANA's own descriptions are not translated.

The curated knowledge (TOML under ``knowledge/data``) is translated in its own catalogs,
``<lang>/knowledge/<stem>.po``, written by hand (docs/knowledge.md). ``compile`` merges
them into that language's ``messages.mo``, so every face reads one catalog; ``check``
also runs the knowledge schema's translation and glossary checks. Adding a language needs
only catalogs: ``init xx`` starts both kinds.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "portpedia"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "messages.pot"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"

# Rooms whose prose a face shows. Faces other than the web render these same messages.
PYTHON_DIRS = ("cli", "explain", "firewall", "knowledge", "local", "web")
PYTHON_FILES = ("ports.py",)  # error messages a page may quote
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),  # one English word that needs two translations
    "N_": None,
    "Msg": None,
}
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}|%\(([A-Za-z_][A-Za-z0-9_]*)\)[sdr]")


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


# (message, where, line, context): context is None unless the message was marked with pgettext.
Found = tuple[str, str, int, str | None]


def _from_sources() -> Iterator[Found]:
    paths = [p for room in PYTHON_DIRS for p in sorted((PACKAGE / room).rglob("*.py"))]
    paths += [PACKAGE / name for name in PYTHON_FILES]
    for path in paths:
        for lineno, message, _comments, context in extract_from_file(
            "python", path, keywords=KEYWORDS, comment_tags=("Translators:",)
        ):
            if isinstance(message, tuple):
                message = message[0]
            if message:
                yield message, _relative(path), lineno, context
    for path in sorted((PACKAGE / "web" / "templates").rglob("*.html")):
        for lineno, message, _comments, context in extract_from_file(
            "jinja2.ext:babel_extract", path, keywords=KEYWORDS, options=JINJA_OPTIONS
        ):
            if isinstance(message, tuple):
                message = message[0]
            if message:
                yield message, _relative(path), lineno, context


def _from_data() -> Iterator[Found]:
    """Prose held as plain strings in Python data, which no call marks for extraction."""
    sys.path.insert(0, str(ROOT / "src"))
    from portpedia.knowledge import ephemeral

    # System names carry words ("and later", "high range") that readers see as prose.
    where = _relative(Path(ephemeral.__file__))
    for os_range in ephemeral.OS_RANGES:
        yield os_range.os, f"{where} ({os_range.key})", 0, None


def extract() -> Catalog:
    catalog = Catalog(project="portpedia", domain=DOMAIN, fuzzy=False)
    for message, where, lineno, context in (*_from_sources(), *_from_data()):
        flags = ("python-format",) if re.search(r"%\([a-z_]+\)s", message) else ()
        catalog.add(message, locations=[(where, lineno)], flags=flags, context=context)
    return catalog


def write_template(catalog: Catalog) -> None:
    LOCALE.mkdir(parents=True, exist_ok=True)
    _write_po(POT, catalog, template=True)


def _write_po(path: Path, catalog: Catalog, template: bool = False) -> None:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=False, omit_header=False,
             include_lineno=False, ignore_obsolete=True)  # fmt: skip
    data = buf.getvalue()
    # Keep files byte-stable between runs: the header's creation date would churn.
    data = re.sub(rb'"POT-Creation-Date: [^"]*\\n"\n', b"", data)
    data = re.sub(rb'"PO-Revision-Date: [^"]*\\n"\n', b"", data)
    path.write_bytes(data)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read_catalog(lang: str) -> Catalog:
    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def update(template: Catalog) -> None:
    for lang in catalog_languages():
        catalog = read_catalog(lang)
        catalog.update(template, no_fuzzy_matching=True)
        _write_po(po_path(lang), catalog)


def init(lang: str, template: Catalog) -> None:
    path = po_path(lang)
    if path.exists():
        raise SystemExit(f"{path} already exists")
    path.parent.mkdir(parents=True)
    catalog = Catalog(locale=lang, project="portpedia", domain=DOMAIN, fuzzy=False)
    for message in template:
        if message.id:
            catalog.add(
                message.id,
                locations=message.locations,
                flags=message.flags,
                context=message.context,
            )
    _write_po(path, catalog)
    # One knowledge catalog per data file stem, every prose string waiting for its msgstr.
    for stem, texts in knowledge_templates().items():
        target = LOCALE / lang / "knowledge" / f"{stem}.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        knowledge = Catalog(locale=lang, project="portpedia", fuzzy=False)
        for text in texts:
            knowledge.add(text)
        _write_po(target, knowledge)


def knowledge_templates() -> dict[str, list[str]]:
    """Every prose string of the curated data, by the file stem whose catalog holds it."""
    sys.path.insert(0, str(ROOT / "src"))
    from portpedia.knowledge import schema

    tables = schema.load_tables()
    stems: dict[str, list[str]] = {}
    for kind, rows in tables.items():
        for where, table in rows:
            one = {k: [] for k in tables}
            one[kind] = [(where, table)]
            stem = Path(where).stem
            stems.setdefault(stem, []).extend(schema.prose_strings(one))
    return {stem: list(dict.fromkeys(texts)) for stem, texts in sorted(stems.items()) if texts}


def knowledge_catalog(lang: str) -> dict[str, str]:
    """The translations of ``<lang>/knowledge/*.po``, merged (file name order)."""
    merged: dict[str, str] = {}
    for po in sorted((LOCALE / lang / "knowledge").glob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f, locale=lang)
        for message in catalog:
            if message.id and isinstance(message.id, str) and message.string and not message.fuzzy:
                merged.setdefault(message.id, str(message.string))
    return merged


def merged_catalog(lang: str) -> Catalog:
    """messages.po plus the knowledge catalogs: what ``compile`` writes to messages.mo.

    An interface translation wins over a knowledge one for the same English text.
    """
    catalog = read_catalog(lang)
    have = {m.id for m in catalog if m.id and m.string and not m.fuzzy}
    for msgid, text in knowledge_catalog(lang).items():
        if msgid not in have:
            catalog.add(msgid, text)
    return catalog


def compiled(lang: str) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, merged_catalog(lang), use_fuzzy=False)
    return buf.getvalue()


def fill(lang: str, source: Path) -> int:
    """Give untranslated msgids of ``lang``'s messages.po the msgstr ``source`` has.

    For merges: take one side's catalog, run ``update``, then fill from the other side's.
    """
    with source.open("rb") as f:
        other = {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}
    catalog = read_catalog(lang)
    filled = 0
    for message in catalog:
        if message.id and not message.string and message.id in other:
            message.string = other[message.id]
            filled += 1
    _write_po(po_path(lang), catalog)
    return filled


def compile_all() -> None:
    for lang in catalog_languages():
        po_path(lang).with_suffix(".mo").write_bytes(compiled(lang))


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in _PLACEHOLDER.findall(text)}


def problems(template: Catalog | None = None) -> list[str]:
    """Everything wrong with the catalogs, one line each (empty when all is well)."""
    template = template or extract()
    # A message is its text and its context (pgettext), so one English word can have two.
    wanted = {(m.id, m.context or "") for m in template if m.id}
    found: list[str] = []

    def named(key: tuple[str, str]) -> str:
        msgid, context = key
        return f"{msgid[:70]!r}" + (f" (context {context!r})" if context else "")

    for lang in catalog_languages():
        catalog = read_catalog(lang)
        have = {(m.id, m.context or ""): m for m in catalog if m.id}
        for key in sorted(wanted - have.keys()):
            found.append(f"{lang}: not in the catalog (run update): {named(key)}")
        for key in sorted(wanted & have.keys()):
            msg = have[key]
            if lang == SOURCE_LANGUAGE:
                continue
            if not msg.string or msg.fuzzy:
                found.append(f"{lang}: untranslated: {named(key)}")
            elif placeholders(key[0]) != placeholders(msg.string):
                found.append(f"{lang}: placeholders differ: {named(key)}")
        if lang != SOURCE_LANGUAGE:
            for msgid, text in knowledge_catalog(lang).items():
                msg = have.get((msgid, ""))
                if msg is not None and msg.string and not msg.fuzzy and msg.string != text:
                    found.append(
                        f"{lang}: translated differently in messages.po and "
                        f"knowledge/: {msgid[:60]!r}"
                    )
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists():
            found.append(f"{lang}: {mo.name} missing (run compile)")
        else:
            with mo.open("rb") as f:
                shipped = {(m.id, m.context or ""): m.string for m in read_mo(f) if m.id}
            expected = {
                (m.id, m.context or ""): m.string
                for m in merged_catalog(lang)
                if m.id and m.string and not m.fuzzy
            }
            if shipped != expected:
                found.append(f"{lang}: {mo.name} is stale (run compile)")
    found.extend(knowledge_problems())
    return found


def knowledge_problems() -> list[str]:
    """The knowledge schema's problems (translations and glossary included), prefixed."""
    sys.path.insert(0, str(ROOT / "src"))
    from portpedia.knowledge import schema

    return [f"knowledge: {line}" for line in schema.validate()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "action", choices=["extract", "update", "compile", "check", "init", "all", "fill"]
    )
    parser.add_argument("language", nargs="?")
    parser.add_argument("source", nargs="?", help="for fill: a .po file to take msgstrs from")
    args = parser.parse_args(argv)
    if args.action == "fill":
        if not args.language or not args.source:
            parser.error("fill needs a language code and a .po file")
        print(f"filled {fill(args.language, Path(args.source))} translation(s)")
        return 0
    if args.action == "check":
        issues = problems()
        for issue in issues:
            print(issue)
        print(f"{len(issues)} problem(s)" if issues else "catalogs complete and compiled")
        return 1 if issues else 0
    template = extract()
    write_template(template)
    if args.action == "init":
        if not args.language:
            parser.error("init needs a language code")
        init(args.language, template)
    if args.action in ("update", "all"):
        update(template)
    if args.action in ("compile", "all"):
        compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
