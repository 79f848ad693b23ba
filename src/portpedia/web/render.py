"""Pages as pure functions: ``render_port_page(443, "bn") -> str``.

Nothing here needs a request, so a cache or the static exporter can call the same functions
and store the result per (path, language). Per-visitor parts are kept out of the HTML:
the CSRF token is a placeholder unless given (see :data:`CSRF_PLACEHOLDER`) and feedback
counts can be left out and fetched from ``/api/v1/feedback`` by the page's script.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

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


@cache
def _environment(lang: str) -> Environment:
    env = Environment(
        loader=PackageLoader("portpedia.web", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    gettext = gettext_for(lang)

    def t(value: Any) -> str:
        """Render report prose (a Msg or an N_-marked string) in this language."""
        if value is None or value == "":
            return ""
        if isinstance(value, Msg):
            return value.render(gettext)
        return gettext(str(value))

    env.globals.update(
        t=t,
        cites=_cites,
        lang=lang,
        dir=direction(lang),
        languages=languages(),
        language_name=language_name,
        url=lambda path: urls.url_for_page(path, lang),
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
        REACTIONS=REACTIONS,
        FEEDBACK_NOTICES=FEEDBACK_NOTICES,
    )
    return env


def _cites(numbers: Iterable[int]) -> Markup:
    links = "".join(
        f'<a href="#source-{n}" class="cite" aria-label="source {n}">[{n}]</a>' for n in numbers
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
) -> str:
    """The full page for ``port``; raises InvalidPortError for numbers outside 0-65535.

    ``totals`` (a store ``Totals``) fills in vote counts; without it the page's script loads
    them. ``local`` is what the local-sockets hook returned (None hides the panel).
    """
    from portpedia.explain import explain

    report = explain(port)
    summary = report.summary.render(gettext_for(lang))
    page = Page(
        urls.port_path(port),
        lang,
        report.title.render(gettext_for(lang)),
        summary if len(summary) <= 300 else summary[:297] + "...",
        base_url,
    )
    by_os: dict[str, list[Any]] = {}
    for check in report.checks:
        by_os.setdefault(check.os, []).append(check)
    return _render(
        "port.html",
        page,
        report=report,
        checks_by_os=by_os,
        totals=totals,
        csrf_token=csrf_token,
        your_vote=your_vote,
        notice=notice if notice in FEEDBACK_NOTICES else None,
        local=local,
    )


def port_label(port: int) -> tuple[str, str | None]:
    """(status, best-known name) for listings."""
    from portpedia.explain import service_name
    from portpedia.knowledge.ranges import range_of
    from portpedia.registry import load

    rows = load().at(port)
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


def render_service(name: str, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """A service name's ports; raises UnknownServiceError (with suggestions)."""
    from portpedia.explain import explain, lookup_service

    svc = lookup_service(name)
    _ = _gt(lang)
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
    hits = search(query, 50) if query.strip() and not error else []
    page = Page(
        "/search",
        lang,
        _("Search: %(query)s") % {"query": query[:60]} if query.strip() else _("Search"),
        _("Search port numbers, service names and descriptions."),
        base_url,
        indexable=False,
    )
    return _render("search.html", page, query=query, hits=hits, error=error)


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
) -> str:
    """An error page: ``message`` is shown quoted; ``suggestions`` are (label, path)."""
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
    )


def escape_text(text: str) -> Markup:
    return escape(text)
