"""Templates: one Jinja environment per language, and what every page shares.

The environment's loader folds calls whose output is fixed per language
(``{{ _("Sources") }}``, ``{{ url("/ports") }}``) into the template source before Jinja
compiles it; ``section(NAME, **args)`` renders ``templates/sections/NAME.html`` memoised by
its arguments. :class:`Page` holds a page's path, language and description, and its
canonical and ``hreflang`` links.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, NamedTuple

from jinja2 import BaseLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from portpedia.explain.product import GROUPS as PRODUCT_GROUPS
from portpedia.explain.report import ARTICLE_SECTIONS
from portpedia.i18n import N_, Gettext, Msg
from portpedia.web import urls
from portpedia.web.labels import (
    DIRECTION_LABELS,
    FEEDBACK_NOTICES,
    FIREWALL_TOOL_LABELS,
    LEVEL_LABELS,
    OS_LABELS,
    REACTIONS,
    RISK_LABELS,
    STATUS_LABELS,
    WORRY_LABELS,
)
from portpedia.web.languages import (
    DEFAULT,
    direction,
    gettext_for,
    language_name,
    languages,
    translations,
)


@dataclass(frozen=True, slots=True)
class Page:
    """What every page shares: its language-neutral path and how to describe it."""

    path: str
    lang: str
    title: str
    description: str
    base_url: str = ""
    indexable: bool = True
    query: str = ""  # kept by the language switch (a search's ``q=...``), URL-encoded

    @property
    def canonical(self) -> str:
        return self.base_url + urls.url_for_page(self.path, self.lang)

    def alternates(self) -> list[tuple[str, str, str]]:
        """(hreflang, url, language name) for every language."""
        return [
            (code, self.base_url + urls.url_for_page(self.path, code), language_name(code))
            for code in languages()
        ]

    @property
    def x_default(self) -> str:
        return self.base_url + urls.url_for_page(self.path, DEFAULT)


# ``{{ f("literal") }}`` with one plain string literal, for the functions below.
_CONSTANT_CALL = re.compile(r"""\{\{ *(\w+)\((?:"([^"\\{}%#]*)"|'([^'\\{}%#]*)')\) *\}\}""")


class _ConstantFoldingLoader(BaseLoader):
    """The package's templates with calls whose output is fixed per language done in advance.

    The environment is one per language, so ``{{ _("Sources") }}``, ``{{ url("/ports") }}``
    or ``{{ static("app.js") }}`` always yield the same text; putting that text in the
    source before Jinja compiles it saves about seventy calls per port page. ``folds`` maps
    a function name to what its call outputs (already escaped). Catalog extraction reads
    the original files, so the messages stay where translators expect them.
    """

    def __init__(self, folds: dict[str, Callable[[str], str]]) -> None:
        self._inner = PackageLoader("portpedia.web", "templates")
        self._folds = folds

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self._inner.get_source(environment, template)
        autoescape = environment.autoescape
        if not (autoescape(template) if callable(autoescape) else autoescape):
            return source, filename, uptodate  # the folds write escaped text
        return _CONSTANT_CALL.sub(self._fold, source), filename, uptodate

    def _fold(self, m: re.Match[str]) -> str:
        fold = self._folds.get(m.group(1))
        if fold is None:
            return m.group(0)
        try:
            text = fold(m.group(2) if m.group(2) is not None else m.group(3))
        except (TypeError, ValueError, KeyError):
            return m.group(0)
        # Text that Jinja would read as syntax, or that could change how whitespace control
        # treats its line, stays a runtime call.
        if not text.strip() or any(x in text for x in ("{{", "{%", "{#", "}}", "%}", "#}")):
            return m.group(0)
        return text


def _folds(lang: str) -> dict[str, Callable[[str], str]]:
    gettext = gettext_for(lang)
    return {
        # New-style gettext marks the translation safe and %-formats it even without
        # parameters (so "%%" becomes "%"); the folded text is exactly that output.
        "_": lambda message: str(Markup(gettext(message)) % {}),
        "url": lambda path: str(escape(urls.url_for_page(path, lang))),
        "static": lambda name: str(escape(static_url(name))),
    }


@cache
def environment(lang: str) -> Environment:
    env = Environment(
        loader=_ConstantFoldingLoader(_folds(lang)),
        autoescape=select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # Templates ship with the package: no stat() of every template file per render.
        auto_reload=False,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    gettext = gettext_for(lang)

    def t(value: Any) -> str:
        """Render report prose (a Msg or an N_-marked string) in this language."""
        return prose(value, gettext)

    def url(path: str) -> str:
        return urls.url_for_page(path, lang)

    env.globals.update(
        t=t,
        section=_Sections(env),
        cites=lambda numbers: cites(numbers, gettext),
        lang=lang,
        dir=direction(lang),
        languages=languages(),
        language_name=language_name,
        url=url,
        # One call where the templates would make two (url(port_path(n))).
        port_url=lambda port: url(urls.port_path(port)),
        service_url=lambda name: url(urls.service_path(name)),
        range_url=lambda key: url(urls.range_path(key)),
        app_url=lambda name: url(urls.app_path(name)),
        # What _(STATUS_LABELS[key]) outputs, done once.
        status_text={k: Markup(gettext(v)) % {} for k, v in STATUS_LABELS.items()},
        port_path=urls.port_path,
        service_path=urls.service_path,
        range_path=urls.range_path,
        index_path=urls.index_path,
        services_letter_path=urls.services_letter_path,
        ephemeral_path=urls.EPHEMERAL_PATH,
        static=static_url,
        STATUS_LABELS=STATUS_LABELS,
        OS_LABELS=OS_LABELS,
        LEVEL_LABELS=LEVEL_LABELS,
        RISK_LABELS=RISK_LABELS,
        DIRECTION_LABELS=DIRECTION_LABELS,
        PRODUCT_GROUPS=PRODUCT_GROUPS,
        FIREWALL_TOOL_LABELS=FIREWALL_TOOL_LABELS,
        WORRY_LABELS=WORRY_LABELS,
        ARTICLE_SECTIONS=ARTICLE_SECTIONS,
        REACTIONS=REACTIONS,
        FEEDBACK_NOTICES=FEEDBACK_NOTICES,
    )
    return env


def prose(value: Any, gettext: Gettext) -> str:
    if isinstance(value, Rendered):
        return value
    if value is None or value == "":
        return ""
    if isinstance(value, Msg):
        return value.render(gettext)
    return gettext(str(value))


class _Sections:
    """``section(NAME, **args)``: ``templates/sections/NAME.html`` rendered with ``args``.

    Memoised by the arguments: parts of a port page whose inputs recur across ports (the
    OS table, shared notes, the sources list, the command lists) are rendered a handful
    of times for all 65,536 pages. The arguments are report tuples and Msgs, hashable;
    anything that is not is rendered without the memo.
    """

    def __init__(self, env: Environment) -> None:
        self._env = env
        self.memo = lru_cache(maxsize=4096)(self.render)

    def __call__(self, name: str, **args: Any) -> Markup:
        key = tuple(args.items())
        try:
            return self.memo(name, key)
        except TypeError:
            return self.render(name, key)

    def render(self, name: str, key: tuple[tuple[str, Any], ...]) -> Markup:
        return Markup(self._env.get_template(f"sections/{name}.html").render(dict(key)))


def sections(lang: str) -> _Sections:
    sections: _Sections = environment(lang).globals["section"]
    return sections


# What a screen reader says for a citation mark such as [3].
_SOURCE_LABEL = N_("source {n}")


def cites(numbers: Iterable[int], gettext: Gettext | None = None) -> Markup:
    label = (gettext or (lambda s: s))(_SOURCE_LABEL)
    links = "".join(
        f'<a href="#source-{n}" class="cite" aria-label="{escape(label.format(n=n))}">[{n}]</a>'
        for n in numbers
    )
    return Markup(f"<sup>{links}</sup>") if links else Markup("")


@cache
def static_url(name: str) -> str:
    """``/static/NAME?v=HASH``: the hash lets browsers cache assets for long."""
    from importlib.resources import files

    data = files("portpedia.web").joinpath("static", name).read_bytes()
    return f"/static/{name}?v={hashlib.sha256(data).hexdigest()[:10]}"


def render_template(template: str, page: Page, **context: Any) -> str:
    env = environment(page.lang)
    return env.get_template(template).render(page=page, **context)


class Rendered(str):
    """Prose already rendered in the page's language: ``t()`` passes it through."""

    __slots__ = ()


class CheckRow(NamedTuple):
    tool: str
    command: str
    purpose: str  # rendered
    cites: tuple[int, ...]


_CheckGroups = tuple[tuple[str, tuple[CheckRow, ...]], ...]


def group_checks(checks: Iterable[Any], gettext: Gettext) -> _CheckGroups:
    groups: dict[str, list[CheckRow]] = {}
    for c in checks:
        row = CheckRow(c.tool, c.command, c.purpose.render(gettext), c.cites)
        groups.setdefault(c.os, []).append(row)
    return tuple((os, tuple(rows)) for os, rows in groups.items())


def checks_html(report: Any, lang: str) -> Markup:
    """The per-OS command lists of ``report``, memoised by their content."""
    groups = group_checks(report.checks, gettext_for(lang))
    return sections(lang).memo("checks", (("groups", groups),))
