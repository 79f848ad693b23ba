"""Marking and rendering translatable text without importing a translation framework.

Domain code builds :class:`Msg` values (an English template plus parameters); each face
renders them with its own gettext function. ``N_`` only marks a literal for extraction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Gettext = Callable[[str], str]


def N_(message: str) -> str:
    return message


def _identity(message: str) -> str:
    return message


def _render_value(value: Any, gt: Gettext) -> Any:
    if isinstance(value, Msg):
        return value.render(gt)
    if isinstance(value, tuple):
        # A tuple is a list of translatable names, such as operating systems.
        return gt(", ").join(_render_value(v, gt) if isinstance(v, Msg) else gt(v) for v in value)
    return value


class Msg:
    """A translatable sentence: ``Msg("Port {port} is free.", port=80)``.

    Parameters may be Msgs themselves, or tuples of Msgs and N_-marked strings (joined
    as a list); they are rendered in the same language.
    """

    __slots__ = ("params", "template")

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params: Mapping[str, Any] = params

    def render(self, gettext: Gettext | None = None) -> str:
        gt = gettext or _identity
        text = gt(self.template)
        if not self.params:
            return text
        values = {k: _render_value(v, gt) for k, v in self.params.items()}
        return text.format(**values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.render()!r})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Msg)
            and self.template == other.template
            and dict(self.params) == dict(other.params)
        )

    def __hash__(self) -> int:
        return hash(self.template)


# --- catalogs ---------------------------------------------------------------------------
# A language exists when ``portpedia/locale/<code>/LC_MESSAGES/messages.mo`` does: adding
# one needs only a new catalog. Every face takes its gettext from here.

SOURCE_LANGUAGE = "en"
_catalogs: dict[str, Any] = {}


def _locale_dir() -> str:
    import os

    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")


def catalog_languages() -> tuple[str, ...]:
    """Every language with a compiled catalog, the source language first."""
    import os

    root = _locale_dir()
    found = sorted(
        name
        for name in os.listdir(root)
        if name != SOURCE_LANGUAGE
        and os.path.isfile(os.path.join(root, name, "LC_MESSAGES", "messages.mo"))
    )
    return (SOURCE_LANGUAGE, *found)


def translations(lang: str) -> Any:
    """The compiled catalog of ``lang`` (a ``gettext.GNUTranslations``), loaded once."""
    if lang not in _catalogs:
        import gettext

        if lang == SOURCE_LANGUAGE:
            _catalogs[lang] = gettext.NullTranslations()
        else:
            _catalogs[lang] = gettext.translation("messages", _locale_dir(), [lang])
    return _catalogs[lang]


def gettext_for(lang: str) -> Gettext:
    return translations(lang).gettext


def from_environment(environ: Mapping[str, str]) -> str:
    """The reader's language from LANGUAGE, LC_ALL, LC_MESSAGES and LANG, as gettext reads
    them (LANGUAGE is a list; "C" and "POSIX" mean the source language), limited to the
    languages with a catalog."""
    offered = catalog_languages()
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        if not value:
            continue
        for item in value.split(":") if var == "LANGUAGE" else [value]:
            code = item.split(".")[0].split("@")[0].replace("-", "_")
            if code in ("C", "POSIX"):
                return SOURCE_LANGUAGE
            for lang in offered:
                if code.lower() == lang.lower() or code.split("_")[0].lower() == lang.lower():
                    return lang
        if var != "LANGUAGE":
            return SOURCE_LANGUAGE  # the first locale variable set decides
    return SOURCE_LANGUAGE
