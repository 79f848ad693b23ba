"""Pages as pure functions: ``render_port_page(443, "bn") -> str``.

Nothing here needs a request, so a cache or the static exporter can call the same functions
and store the result per (path, language). Per-visitor parts are kept out of the HTML:
the CSRF token is a placeholder unless given (see :data:`CSRF_PLACEHOLDER`) and feedback
counts can be left out and fetched from ``/api/v1/feedback`` by the page's script.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from jinja2 import BaseLoader, Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from portpedia.explain.report import ARTICLE_SECTIONS
from portpedia.i18n import N_, Gettext, Msg
from portpedia.web import urls
from portpedia.web.languages import (
    DEFAULT,
    direction,
    gettext_for,
    language_name,
    languages,
    translations,
)

if TYPE_CHECKING:
    from portpedia.explain.report import PortReport

# Replaced per response by the web face; an exported page keeps it (and cannot take votes
# without the server, whose /api/v1/feedback hands the script a fresh token).
CSRF_PLACEHOLDER = "__PORTPEDIA_CSRF_TOKEN__"

PAGE_SIZE = 256
# Port numbers people look up most often; the labels come from the registry.
COMMON_PORTS = (
    20,
    21,
    22,
    23,
    25,
    53,
    67,
    80,
    110,
    123,
    143,
    161,
    389,
    443,
    445,
    465,
    514,
    587,
    993,
    995,
    1194,
    1433,
    1521,
    3306,
    3389,
    5060,
    5353,
    5432,
    5900,
    6379,
    8080,
    8443,
    9200,
    27017,
    51820,
    60463,
)

REACTIONS: tuple[tuple[str, str, str], ...] = (
    # (value, emoji, label marked for translation)
    ("disappointed", "😞", N_("Not helpful")),
    ("unsure", "🤨", N_("Not sure")),
    ("happy", "😃", N_("Helpful")),
)


# Labels the templates look up by key; marked so extraction finds them.
STATUS_LABELS = {
    "assigned": N_("Assigned"),
    "reserved": N_("Reserved"),
    "unassigned": N_("Unassigned"),
    "dynamic": N_("Dynamic (never assigned)"),
}
OS_LABELS = {
    "any": N_("Any system"),
    "linux": N_("Linux"),
    "macos": N_("macOS"),
    "windows": N_("Windows"),
}
LEVEL_LABELS = {"info": N_("Note"), "caution": N_("Caution"), "warning": N_("Warning")}
RISK_LABELS = {
    "exposure": N_("Keep off the internet"),
    "malware": N_("Seen with malware"),
}
# Which way a product's port rule points (knowledge/schema.py DIRECTIONS).
DIRECTION_LABELS = {
    "inbound": N_("inbound"),
    "outbound": N_("outbound"),
    "internode": N_("between nodes"),
}
FEEDBACK_NOTICES = {
    "thanks": N_("Thank you! Your vote was recorded. You can change it at any time."),
}


@dataclass(frozen=True, slots=True)
class Page:
    """What every page shares: its language-neutral path and how to describe it."""

    path: str
    lang: str
    title: str
    description: str
    base_url: str = ""
    indexable: bool = True

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
        "static": lambda name: str(escape(_static_url(name))),
    }


@cache
def _environment(lang: str) -> Environment:
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
        return _prose(value, gettext)

    def url(path: str) -> str:
        return urls.url_for_page(path, lang)

    env.globals.update(
        t=t,
        section=_Sections(env),
        cites=lambda numbers: _cites(numbers, gettext),
        lang=lang,
        dir=direction(lang),
        languages=languages(),
        language_name=language_name,
        url=url,
        # One call where the templates would make two (url(port_path(n))).
        port_url=lambda port: url(urls.port_path(port)),
        service_url=lambda name: url(urls.service_path(name)),
        range_url=lambda key: url(urls.range_path(key)),
        # What _(STATUS_LABELS[key]) outputs, done once.
        status_text={k: Markup(gettext(v)) % {} for k, v in STATUS_LABELS.items()},
        port_path=urls.port_path,
        service_path=urls.service_path,
        range_path=urls.range_path,
        index_path=urls.index_path,
        ephemeral_path=urls.EPHEMERAL_PATH,
        static=_static_url,
        STATUS_LABELS=STATUS_LABELS,
        OS_LABELS=OS_LABELS,
        LEVEL_LABELS=LEVEL_LABELS,
        RISK_LABELS=RISK_LABELS,
        DIRECTION_LABELS=DIRECTION_LABELS,
        ARTICLE_SECTIONS=ARTICLE_SECTIONS,
        REACTIONS=REACTIONS,
        FEEDBACK_NOTICES=FEEDBACK_NOTICES,
    )
    return env


def _prose(value: Any, gettext: Gettext) -> str:
    if isinstance(value, _Rendered):
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
        # Whole port pages rendered with the number taken out (see _shared_port_page);
        # kept with the environment so that both are forgotten together.
        self.pages = lru_cache(maxsize=256)(_neutral_port_page)

    def __call__(self, name: str, **args: Any) -> Markup:
        key = tuple(args.items())
        try:
            return self.memo(name, key)
        except TypeError:
            return self.render(name, key)

    def render(self, name: str, key: tuple[tuple[str, Any], ...]) -> Markup:
        return Markup(self._env.get_template(f"sections/{name}.html").render(dict(key)))


def _sections(lang: str) -> _Sections:
    sections: _Sections = _environment(lang).globals["section"]
    return sections


# What a screen reader says for a citation mark such as [3].
_SOURCE_LABEL = N_("source {n}")


def _cites(numbers: Iterable[int], gettext: Gettext) -> Markup:
    label = gettext(_SOURCE_LABEL)
    links = "".join(
        f'<a href="#source-{n}" class="cite" aria-label="{escape(label.format(n=n))}">[{n}]</a>'
        for n in numbers
    )
    return Markup(f"<sup>{links}</sup>") if links else Markup("")


@cache
def _static_url(name: str) -> str:
    """``/static/NAME?v=HASH``: the hash lets browsers cache assets for long."""
    from importlib.resources import files

    data = files("portpedia.web").joinpath("static", name).read_bytes()
    return f"/static/{name}?v={hashlib.sha256(data).hexdigest()[:10]}"


def _render(template: str, page: Page, **context: Any) -> str:
    env = _environment(page.lang)
    return env.get_template(template).render(page=page, **context)


def _gt(lang: str) -> Gettext:
    return gettext_for(lang)


# --------------------------------------------------------------------------- pages


def render_home(lang: str = DEFAULT, *, base_url: str = "") -> str:
    from portpedia.explain import service_name
    from portpedia.knowledge.ranges import RANGES

    _ = _gt(lang)
    page = Page(
        "/",
        lang,
        _("portpedia: what is every network port?"),
        _(
            "Look up any TCP or UDP port from 0 to 65535: its IANA registration, common uses, "
            "and how to find which program is using it."
        ),
        base_url,
    )
    common = [(p, service_name(p) or service_name(p, "udp")) for p in COMMON_PORTS]
    return _render("home.html", page, ranges=RANGES, common=common)


def render_port_page(
    port: int,
    lang: str = DEFAULT,
    *,
    totals: Any = None,
    csrf_token: str = CSRF_PLACEHOLDER,
    your_vote: str | None = None,
    notice: str | None = None,
    local: Any = None,
    base_url: str = "",
    report: PortReport | None = None,
) -> str:
    """The full page for ``port``; raises InvalidPortError for numbers outside 0-65535.

    ``totals`` (a store ``Totals``) fills in vote counts; without it the page's script loads
    them. ``local`` is what the local-sockets hook returned (None hides the panel).
    ``report`` is ``explain(port)`` when the caller already has it (the exporter renders
    one report in every language).
    """
    if report is None:
        from portpedia.explain import explain

        report = explain(port)
    gettext = gettext_for(lang)
    summary = report.summary.render(gettext)
    title = report.title.render(gettext)
    description = summary if len(summary) <= 300 else summary[:297] + "..."
    notice = notice if notice in FEEDBACK_NOTICES else None
    if totals is None and your_vote is None and notice is None and local is None:
        pieces = _shared_port_page(report, lang, title, description, summary, base_url, csrf_token)
        if pieces is not None:
            return fill_marks(pieces, report.port)
    return _render(
        "port.html",
        Page(urls.port_path(port), lang, title, description, base_url),
        report=report,
        summary=summary,
        checks=_checks_html(report, lang, gettext),
        totals=totals,
        csrf_token=csrf_token,
        your_vote=your_vote,
        notice=notice,
        local=local,
    )


# Stand for the port number and its neighbours while a page is rendered once for many
# ports: private-use characters, so they never occur in real text, and HTML escaping
# leaves them alone.
_PORT_MARK = "\ue000"
_PREVIOUS_MARK = "\ue001"
_NEXT_MARK = "\ue002"
_MARKS = (_PORT_MARK, _PREVIOUS_MARK, _NEXT_MARK)
PORT_MARKS = "".join(_MARKS)
_SPLIT_MARKS = re.compile(f"([{PORT_MARKS}])")


class _Rendered(str):
    """Prose already rendered in the page's language: ``t()`` passes it through."""

    __slots__ = ()


def port_page_pieces(
    report: PortReport,
    lang: str = DEFAULT,
    *,
    base_url: str = "",
    csrf_token: str = CSRF_PLACEHOLDER,
) -> tuple[str, ...] | None:
    """The port page of ``report`` as pieces shared by every port with a like report.

    The pieces are text and the marks in :data:`PORT_MARKS` (the port, the previous and
    the next port), each a piece of its own; :func:`fill_marks` joins them into the page.
    A caller that transforms the page the same way for every port (the exporter's link
    rewriting) can do it once per distinct tuple. None for a port with a page of its own.
    """
    gettext = gettext_for(lang)
    summary = report.summary.render(gettext)
    title = report.title.render(gettext)
    description = summary if len(summary) <= 300 else summary[:297] + "..."
    return _shared_port_page(report, lang, title, description, summary, base_url, csrf_token)


def fill_marks(pieces: Iterable[str], port: int) -> str:
    """Join :func:`port_page_pieces` (or pieces split the same way) for ``port``."""
    values = {_PORT_MARK: str(port), _PREVIOUS_MARK: str(port - 1), _NEXT_MARK: str(port + 1)}
    return "".join([values.get(piece, piece) for piece in pieces])


def split_marks(text: str) -> tuple[str, ...]:
    """Text with marks in it as pieces, each mark a piece of its own."""
    return tuple(_SPLIT_MARKS.split(text))


def _shared_port_page(
    report: PortReport,
    lang: str,
    title: str,
    description: str,
    summary: str,
    base_url: str,
    csrf_token: str,
) -> tuple[str, ...] | None:
    """The page rendered once for every port whose report differs only by the number.

    Most ports (unassigned ones in the same range) get such reports. The number is taken
    out of every input that holds it (its prose is rendered first, then the number is
    replaced by a mark), the page is rendered from those inputs, memoised by them, and the
    number put back. Taking it out and putting it back is exact because the marks occur in
    no input and the templates only escape and join these values. None when an input
    holds a mark, so the page cannot be rendered this way.
    """
    if report.names or report.article is not None or report.products:
        # A port with its own registered or well-known names, or curated knowledge, has a
        # page of its own: the memo would only hold it.
        return None
    if report.previous not in (None, report.port - 1) or report.next not in (
        None,
        report.port + 1,
    ):
        return None  # fill_marks puts back the port's own neighbours
    gettext = gettext_for(lang)
    number = str(report.port)
    likely = [_prose(n.text, gettext) for n in report.likely]
    texts = (title, description, summary, base_url, csrf_token, *likely)
    if any(mark in text for text in texts for mark in _MARKS):
        return None
    checks = _checks_neutral(report, lang, gettext)
    if checks is None:
        return None
    neutral = report._replace(
        port=_PORT_MARK,
        previous=None if report.previous is None else _PREVIOUS_MARK,
        next=None if report.next is None else _NEXT_MARK,
        # Passed to the template rendered (page title, summary, checks), never read there.
        title=None,
        summary=None,
        checks=(),
        likely=tuple(
            n._replace(text=_Rendered(text.replace(number, _PORT_MARK)))
            for n, text in zip(report.likely, likely, strict=True)
        ),
    )
    return _sections(lang).pages(  # type: ignore[no-any-return]
        lang,
        base_url,
        csrf_token,
        title.replace(number, _PORT_MARK),
        description.replace(number, _PORT_MARK),
        summary.replace(number, _PORT_MARK),
        neutral,
        checks,
    )


def _neutral_port_page(
    lang: str,
    base_url: str,
    csrf_token: str,
    title: str,
    description: str,
    summary: str,
    report: Any,
    checks: Markup,
) -> tuple[str, ...]:
    """The page split around its marks (kept as pieces of their own), to join with numbers."""
    html = _render(
        "port.html",
        Page(urls.port_path(_PORT_MARK), lang, title, description, base_url),  # type: ignore[arg-type]
        report=report,
        summary=summary,
        checks=checks,
        totals=None,
        csrf_token=csrf_token,
        your_vote=None,
        notice=None,
        local=None,
    )
    return split_marks(html)


class _CheckRow(NamedTuple):
    tool: str
    command: str
    purpose: str  # rendered
    cites: tuple[int, ...]


def _checks_html(report: PortReport, lang: str, gettext: Gettext) -> Markup:
    """The per-OS command lists, memoised with the port number taken out and put back."""
    neutral = _checks_neutral(report, lang, gettext)
    if neutral is None:
        # The number cannot be taken out reversibly: this page gets its own rendering.
        groups = (("groups", _group(report.checks, gettext)),)
        return _sections(lang).render("checks", groups)
    return Markup(str(neutral).replace(_PORT_MARK, str(report.port)))


def _checks_neutral(report: PortReport, lang: str, gettext: Gettext) -> Markup | None:
    """The command lists with the port number as a mark: they differ only by it."""
    groups = _group(report.checks, gettext)
    if any(m in r.command or m in r.purpose for _, rows in groups for r in rows for m in _MARKS):
        return None
    number = str(report.port)

    def neutral(r: _CheckRow) -> _CheckRow:
        return r._replace(
            command=r.command.replace(number, _PORT_MARK),
            purpose=r.purpose.replace(number, _PORT_MARK),
        )

    key = tuple((os, tuple(map(neutral, rows))) for os, rows in groups)
    return _sections(lang).memo("checks", (("groups", key),))


_CheckGroups = tuple[tuple[str, tuple[_CheckRow, ...]], ...]


def _group(checks: Iterable[Any], gettext: Gettext) -> _CheckGroups:
    groups: dict[str, list[_CheckRow]] = {}
    for c in checks:
        row = _CheckRow(c.tool, c.command, c.purpose.render(gettext), c.cites)
        groups.setdefault(c.os, []).append(row)
    return tuple((os, tuple(rows)) for os, rows in groups.items())


def port_label(port: int) -> tuple[str, str | None]:
    """(status, best-known name) for listings."""
    from portpedia.registry import load

    return _port_label(load(), port)


# A block's labels serve its index page in every language and its JSON twin; keyed by the
# registry too, so a reloaded registry is never answered from the old one.
@lru_cache(maxsize=4096)
def _port_label(registry: Any, port: int) -> tuple[str, str | None]:
    from portpedia.explain import service_name
    from portpedia.knowledge.ranges import range_of

    rows = registry.at(port)
    name = service_name(port) or service_name(port, "udp")
    if any(e.status == "assigned" for e in rows):
        return "assigned", name
    if range_of(port).key == "dynamic":
        return "dynamic", name
    if any(e.status == "reserved" for e in rows):
        return "reserved", name
    return "unassigned", name


def render_ports_index(start: int, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """Ports ``start`` to ``start + 255`` (``start`` is rounded down to a block)."""
    from portpedia.knowledge.ranges import RANGES, range_of

    start = max(0, min(65535, start)) // PAGE_SIZE * PAGE_SIZE
    end = min(start + PAGE_SIZE - 1, 65535)
    _ = _gt(lang)
    page = Page(
        "/ports" if start == 0 else urls.index_path(start),
        lang,
        _("Ports %(low)s to %(high)s") % {"low": start, "high": end},
        _("Every port from %(low)s to %(high)s with its IANA status and best-known use.")
        % {"low": start, "high": end},
        base_url,
    )
    rows = [(p, *port_label(p)) for p in range(start, end + 1)]
    return _render(
        "ports_index.html",
        page,
        rows=rows,
        ranges=RANGES,
        current=range_of(start),
        start=start,
        end=end,
        previous=start - PAGE_SIZE if start > 0 else None,
        next=end + 1 if end < 65535 else None,
    )


def render_range(key: str, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """The blocks of one range; raises KeyError for an unknown key."""
    from portpedia.knowledge.ranges import RANGES

    rng = {r.key: r for r in RANGES}[key]
    _ = _gt(lang)
    page = Page(
        urls.range_path(key),
        lang,
        f"{_(rng.name)} ({rng.low}-{rng.high})",
        _(rng.meaning),
        base_url,
    )
    first = rng.low // PAGE_SIZE * PAGE_SIZE
    blocks = [
        (max(b, rng.low), min(b + PAGE_SIZE - 1, rng.high))
        for b in range(first, rng.high + 1, PAGE_SIZE)
    ]
    return _render("range.html", page, rng=rng, ranges=RANGES, blocks=blocks)


def render_service(
    name: str,
    lang: str = DEFAULT,
    *,
    base_url: str = "",
    service: Any = None,
    reports: Sequence[PortReport] | None = None,
) -> str:
    """A service name's ports; raises UnknownServiceError (with suggestions).

    ``service`` (``lookup_service(name)``) and ``reports`` (``explain()`` of its first five
    ports) may be passed in by a caller that renders the service in several languages.
    """
    from portpedia.explain import explain, lookup_service

    svc = service if service is not None else lookup_service(name)
    _ = _gt(lang)
    if reports is None:
        reports = [explain(p) for p in svc.ports[:5]]
    first = svc.entries[0].description.splitlines()[0] if svc.entries[0].description else ""
    page = Page(
        urls.service_path(svc.name),
        lang,
        _("Service %(name)s") % {"name": svc.name},
        (_("Ports registered with IANA for %(name)s.") % {"name": svc.name}) + " " + first,
        base_url,
    )
    return _render("service.html", page, svc=svc, reports=reports)


def render_search(query: str, lang: str = DEFAULT, *, error: str = "", base_url: str = "") -> str:
    from portpedia.explain import search

    _ = _gt(lang)
    result = search(query, 50) if query.strip() and not error else None
    page = Page(
        "/search",
        lang,
        _("Search: %(query)s") % {"query": query[:60]} if query.strip() else _("Search"),
        _("Search port numbers, service names and descriptions."),
        base_url,
        indexable=False,
    )
    hits = result.hits if result is not None else ()
    suggestions = result.suggestions if result is not None else ()
    return _render(
        "search.html", page, query=query, hits=hits, suggestions=suggestions, error=error
    )


def render_ephemeral(
    lang: str = DEFAULT,
    *,
    pool: dict[str, Any] | None = None,
    live: bool = False,
    base_url: str = "",
) -> str:
    """The ephemeral-port guide; ``live`` adds this machine's pool (``pool`` None: unreadable)."""
    from portpedia.explain.guide import ephemeral_guide

    _ = _gt(lang)
    guide = ephemeral_guide()
    page = Page(
        urls.EPHEMERAL_PATH,
        lang,
        _("Ephemeral ports"),
        guide.summary.render(_),
        base_url,
    )
    return _render("ephemeral.html", page, guide=guide, pool=(pool or {}) if live else None)


def render_local(sockets: list[Any] | None, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """The listeners of this machine (``serve --local`` only); None means unreadable."""
    _ = _gt(lang)
    page = Page(
        "/local",
        lang,
        _("Listening on this machine"),
        _("Every listening socket on this machine, with its process."),
        base_url,
        indexable=False,
    )
    ports = sorted({s.local_port for s in sockets or ()})
    return _render("local.html", page, local=sockets, ports=ports)


def render_error(
    status: int,
    lang: str = DEFAULT,
    *,
    message: str = "",
    suggestions: Iterable[tuple[str, str]] = (),
    path: str = "/",
    back: str | None = None,
    base_url: str = "",
    message_lang: str = "en",
) -> str:
    """An error page: ``message`` is shown quoted; ``suggestions`` are (label, path).

    ``message_lang`` is the language the message is written in (English unless the caller
    translated it).
    """
    _ = _gt(lang)
    titles = {
        400: _("That request could not be understood"),
        403: _("That request was refused"),
        404: _("Page not found"),
        405: _("That method is not allowed here"),
        413: _("That request is too large"),
        429: _("Too many requests"),
        503: _("Temporarily unavailable"),
    }
    title = titles.get(status, _("Something went wrong"))
    page = Page(path, lang, title, title, base_url, indexable=False)
    return _render(
        "error.html",
        page,
        status=status,
        message=message,
        suggestions=list(suggestions),
        back=back,
        message_lang=message_lang,
    )


def escape_text(text: str) -> Markup:
    return escape(text)
