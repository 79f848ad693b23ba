#!/usr/bin/env python3
"""Translation catalogs for portpedia: extract, update, compile, check.

    python scripts/i18n.py extract   # write src/portpedia/locale/messages.pot
    python scripts/i18n.py update    # merge the template into every <lang>/LC_MESSAGES/messages.po
    python scripts/i18n.py compile   # messages.po -> messages.mo for every language
    python scripts/i18n.py check     # exit 1 if anything is missing, stale or mismatched
    python scripts/i18n.py init xx   # start a catalog for a new language

Messages come from three places: gettext calls and ``N_``/``Msg`` in the Python sources,
``_()`` in the Jinja templates (``pgettext(context, text)`` where one English word needs two
translations, such as "Ports" in a breadcrumb and as a count column), and the curated
data whose prose is stored as plain strings in data structures (summaries in
``portpedia.knowledge.unofficial``), which a custom step walks. IANA's own descriptions are
not translated.
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
    """Prose held as plain strings in curated data, which no call marks for extraction."""
    sys.path.insert(0, str(ROOT / "src"))
    from portpedia.knowledge import ephemeral, unofficial

    where = _relative(Path(unofficial.__file__))
    for use in unofficial.UNOFFICIAL:
        yield use.summary, f"{where} ({use.name})", 0, None
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


def compiled(lang: str) -> bytes:
    buf = io.BytesIO()
    write_mo(buf, read_catalog(lang), use_fuzzy=False)
    return buf.getvalue()


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
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists():
            found.append(f"{lang}: {mo.name} missing (run compile)")
        else:
            with mo.open("rb") as f:
                shipped = {(m.id, m.context or ""): m.string for m in read_mo(f) if m.id}
            expected = {
                (m.id, m.context or ""): m.string
                for m in catalog
                if m.id and m.string and not m.fuzzy
            }
            if shipped != expected:
                found.append(f"{lang}: {mo.name} is stale (run compile)")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["extract", "update", "compile", "check", "init", "all"])
    parser.add_argument("language", nargs="?")
    args = parser.parse_args(argv)
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
