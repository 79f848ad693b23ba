"""The CLI's language: ``--lang``, else the locale environment (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG), among the languages that have a catalog. English costs nothing: its
gettext is the identity and no catalog is read."""

from __future__ import annotations

import os

from portpedia.i18n import SOURCE_LANGUAGE, Gettext

_chosen: str | None = None


def _same(text: str) -> str:
    return text


def choose(flag: str | None) -> str:
    """Fix the language for this run; a ``--lang`` that has no catalog is an error."""
    global _chosen
    from portpedia.i18n import catalog_languages, from_environment

    if flag is not None:
        code = flag.strip().replace("_", "-").split("-")[0].lower()
        offered = catalog_languages()
        if code not in offered:
            from portpedia.errors import PortpediaError

            raise PortpediaError(
                f"no catalog for language {flag[:20]!r}: choose one of {', '.join(offered)}"
            )
        _chosen = code
    else:
        _chosen = from_environment(os.environ) if _env_set() else SOURCE_LANGUAGE
    return _chosen


def _env_set() -> bool:
    return any(os.environ.get(v) for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"))


def current() -> str:
    return _chosen if _chosen is not None else choose(None)


def gettext() -> Gettext:
    """The gettext of this run's language (the identity for English)."""
    lang = current()
    if lang == SOURCE_LANGUAGE:
        return _same
    from portpedia.i18n import gettext_for

    return gettext_for(lang)
