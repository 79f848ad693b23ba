"""Which languages the site speaks, and how a visitor's language is chosen.

A language exists when ``portpedia/locale/<code>/LC_MESSAGES/messages.mo`` does: adding one
needs only a new catalog. English is the source language and lives at unprefixed URLs.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel import Locale
from babel.support import NullTranslations, Translations

from portpedia.i18n import Gettext

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
DEFAULT = "en"

_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*")


@cache
def languages() -> tuple[str, ...]:
    """Every language with a compiled catalog, English first."""
    found = {
        p.parent.parent.name
        for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
        if p.parent.parent.name != DEFAULT
    }
    return (DEFAULT, *sorted(found))


@cache
def translations(lang: str) -> NullTranslations:
    if lang not in languages():
        raise KeyError(lang)
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [lang], DOMAIN)


def gettext_for(lang: str) -> Gettext:
    return translations(lang).gettext


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang.replace("-", "_"))


def language_name(lang: str) -> str:
    """The language's name in itself: ``English``, ``বাংলা``."""
    name = _locale(lang).get_display_name(_locale(lang)) or lang
    return name[:1].upper() + name[1:]


def direction(lang: str) -> str:
    return "rtl" if _locale(lang).character_order == "right-to-left" else "ltr"


def negotiate(accept_language: str | None) -> str:
    """The best available language for an ``Accept-Language`` header (RFC 9110 q-values)."""
    if not accept_language:
        return DEFAULT
    offered = languages()
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept_language[:1000].split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        if not _TAG.fullmatch(tag):
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, tag.lower()))
    for _, _, tag in sorted(ranked):
        if tag == "*":
            return DEFAULT
        primary = tag.split("-")[0]
        for lang in offered:
            if lang.lower() == tag or lang.lower().split("-")[0] == primary:
                return lang
    return DEFAULT
