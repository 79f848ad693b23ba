"""Pages as pure functions of a view and a language: ``render_port_page(443, "bn") -> str``.

Each takes what :mod:`portpedia.web.views` returns for its resource (the port page takes
the report), so the server, its cache and the static exporter render the same bytes.
Per-visitor parts are kept out of the HTML: the CSRF token is a placeholder unless given
(see :data:`CSRF_PLACEHOLDER`) and feedback counts can be left out and fetched from
``/api/v1/feedback`` by the page's script.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from markupsafe import Markup

from portpedia.i18n import Gettext
from portpedia.web import urls
from portpedia.web.labels import CSRF_PLACEHOLDER, FEEDBACK_NOTICES
from portpedia.web.languages import DEFAULT, gettext_for
from portpedia.web.templating import Page, checks_html, render_template

if TYPE_CHECKING:
    from portpedia.explain.report import Note, PortReport
    from portpedia.explain.service_index import ServiceIndex
    from portpedia.web.views import (
        AnnotateView,
        AppsView,
        AppView,
        EphemeralView,
        HomeView,
        IndexView,
        MapView,
        RangeView,
        SearchView,
        ServiceView,
    )

__all__ = [
    "CSRF_PLACEHOLDER",
    "render_app",
    "render_apps",
    "render_ephemeral",
    "render_error",
    "render_home",
    "render_local",
    "render_map",
    "render_port_page",
    "render_ports_index",
    "render_range",
    "render_search",
    "render_service",
    "render_services_index",
]


def render_home(view: HomeView, lang: str = DEFAULT, *, base_url: str = "") -> str:
    _ = gettext_for(lang)
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
    return render_template("home.html", page, ranges=view.ranges, common=view.common)


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
    checks: Markup | None = None,
) -> str:
    """The full page for ``port``; raises InvalidPortError for numbers outside 0-65535.

    ``totals`` (a store ``Totals``) fills in vote counts; without it the page's script loads
    them. ``local`` is what the local-sockets hook returned (None hides the panel).
    ``report`` is ``explain(port)`` when the caller already has it (the exporter renders
    one report in every language). ``checks`` is the report's rendered command lists, when
    the caller has them (the exporter renders them once for many ports).
    """
    if report is None:
        from portpedia.explain import explain

        report = explain(port)
    from portpedia.web.views import firewall

    gettext = gettext_for(lang)
    summary = report.summary.render(gettext)
    heading = report.title.render(gettext)
    friendly = gettext(report.friendly_name) if report.friendly_name else ""
    title = port_title(heading, friendly, report.article is not None, gettext)
    description = summary if len(summary) <= 300 else summary[:297] + "..."
    notice = notice if notice in FEEDBACK_NOTICES else None
    warning = main_warning(report)
    return render_template(
        "port.html",
        Page(urls.port_path(port), lang, title, description, base_url),
        report=report,
        heading=heading,
        friendly=friendly,
        summary=summary,
        warning=warning,
        security=tuple(n for n in report.security if n is not warning),
        fire=firewall(report.port, report.protocol),
        checks=checks if checks is not None else checks_html(report, lang),
        totals=totals,
        csrf_token=csrf_token,
        your_vote=your_vote,
        notice=notice,
        local=local,
    )


# "Remote Desktop (RDP)": a long name with its short one in brackets at the end.
_SHORT_NAME = re.compile(r"^(?P<long>[^()]+?) \((?P<short>[^()]+)\)$")


def port_title(heading: str, friendly: str, article: bool, gettext: Gettext) -> str:
    """The port page's title: "Port 3389 (RDP): Remote Desktop, what it is and whether it
    is safe" when an article explains the port, the best-known use's name otherwise."""
    if not friendly:
        return heading
    if not article:
        return gettext("%(port)s: %(name)s, what it is and what uses it") % {
            "port": heading,
            "name": friendly,
        }
    m = _SHORT_NAME.match(friendly)
    if m:
        return gettext("%(port)s (%(short)s): %(name)s, what it is and whether it is safe") % {
            "port": heading,
            "short": m["short"],
            "name": m["long"],
        }
    return gettext("%(port)s: %(name)s, what it is and whether it is safe") % {
        "port": heading,
        "name": friendly,
    }


def main_warning(report: PortReport) -> Note | None:
    """The security note the answer leads with: the article's advice (else its security
    note) when the article says to worry, else the first warning-level note."""
    notes = report.security
    article = report.article
    if article is not None and article.worry != "low" and notes:
        level = notes[0].level
        advice = [n for n in notes[:2] if n.level == level]
        return advice[-1]
    return next((n for n in notes if n.level == "warning"), None)


def render_ports_index(view: IndexView, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """One block of ports (:func:`portpedia.web.views.ports_index`)."""
    start, end = view.start, view.end
    _ = gettext_for(lang)
    page = Page(
        "/ports" if start == 0 else urls.index_path(start),
        lang,
        _("Ports %(low)s to %(high)s") % {"low": start, "high": end},
        _("Every port from %(low)s to %(high)s with its IANA status and best-known use.")
        % {"low": start, "high": end},
        base_url,
    )
    return render_template(
        "ports_index.html",
        page,
        rows=view.rows,
        ranges=view.ranges,
        current=view.current,
        start=start,
        end=end,
        previous=view.previous,
        next=view.next,
    )


def render_range(view: RangeView, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """The blocks of one range (:func:`portpedia.web.views.range_view`)."""
    rng = view.range
    _ = gettext_for(lang)
    page = Page(
        urls.range_path(rng.key),
        lang,
        f"{_(rng.name)} ({rng.low}-{rng.high})",
        _(rng.meaning),
        base_url,
    )
    return render_template(
        "range.html", page, rng=rng, ranges=view.ranges, blocks=list(view.blocks)
    )


def render_service(view: ServiceView, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """A service name's ports (:func:`portpedia.web.views.service`)."""
    svc = view.service
    _ = gettext_for(lang)
    first = svc.entries[0].description.splitlines()[0] if svc.entries[0].description else ""
    page = Page(
        urls.service_path(svc.name),
        lang,
        _("Service %(name)s") % {"name": svc.name},
        (_("Ports registered with IANA for %(name)s.") % {"name": svc.name}) + " " + first,
        base_url,
    )
    return render_template("service.html", page, svc=svc, reports=list(view.reports))


def render_apps(view: AppsView, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """Every product by group (:func:`portpedia.web.views.apps`)."""
    _ = gettext_for(lang)
    page = Page(
        urls.APPS_PATH,
        lang,
        _("Products and the ports they need"),
        _("Which ports a product needs, in which direction, and the firewall rules for them."),
        base_url,
    )
    return render_template("apps.html", page, groups=view.groups)


def render_app(view: AppView, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """One product's ports and firewall rules (:func:`portpedia.web.views.app`)."""
    _ = gettext_for(lang)
    product = view.product
    name = _(product.name)
    page = Page(
        urls.app_path(product.id),
        lang,
        _("Ports %(name)s needs") % {"name": name},
        _(product.summary),
        base_url,
    )
    return render_template("app.html", page, product=product, name=name, plans=view.plans)


def render_services_index(view: ServiceIndex, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """The IANA service names: the overview, or one letter's names."""
    _ = gettext_for(lang)
    if view.letter:
        label = view.letter.upper()
        title = _("Service names: %(letter)s") % {"letter": label}
        description = _("IANA service names that start with %(letter)s, with their ports.") % {
            "letter": label
        }
        path = urls.services_letter_path(view.letter)
    else:
        title = _("Service names")
        description = _("Every service name IANA registered, by first letter.")
        path = urls.SERVICES_PATH
    page = Page(path, lang, title, description, base_url)
    return render_template("services.html", page, index=view)


def render_map(view: MapView, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """Every port as one picture, with the ranges, each OS's ephemeral range and a legend."""
    _ = gettext_for(lang)
    page = Page(
        urls.MAP_PATH,
        lang,
        _("Map of every port"),
        _("All 65,536 ports in one picture: what IANA did with each, the three ranges, and "
          "the ephemeral range of each operating system."),
        base_url,
    )  # fmt: skip
    bands = [
        (o, 258 + 10 * i, o.low / 256, (o.high - o.low + 1) / 256, BAND_COLOURS[i % 4])
        for i, o in enumerate(view.ephemeral)
    ]
    return render_template(
        "map.html",
        page,
        ranges=view.ranges,
        ephemeral=view.ephemeral,
        legend=view.legend,
        bands=bands,
        width=258 + 10 * len(bands),
        map_png=urls.MAP_PNG,
    )


# The OS bands beside the map, in turn.
BAND_COLOURS = ("#7c3aed", "#db2777", "#0891b2", "#ea580c")


def render_annotate(view: AnnotateView, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """The paste-and-explain form, with the ports found in what was pasted."""
    _ = gettext_for(lang)
    page = Page(
        "/annotate",
        lang,
        _("Explain the ports in a paste"),
        _("Paste ss, netstat, lsof, docker ps, nmap or firewall-log text to explain its ports."),
        base_url,
        indexable=False,
    )
    return render_template("annotate.html", page, text=view.text, notes=list(view.notes))


def render_search(
    view: SearchView, lang: str = DEFAULT, *, error: str = "", base_url: str = ""
) -> str:
    """Search results (:func:`portpedia.web.views.search`), or ``error`` for a bad port."""
    _ = gettext_for(lang)
    query = view.query
    page = Page(
        "/search",
        lang,
        _("Search: %(query)s") % {"query": query[:60]} if query.strip() else _("Search"),
        _("Search port numbers, service names and descriptions."),
        base_url,
        indexable=False,
        query=urlencode({"q": query}) if query else "",
    )
    hits = [] if error else list(view.hits)
    suggestions = () if error else view.suggestions
    return render_template(
        "search.html", page, query=query, hits=hits, suggestions=suggestions, error=error
    )


def render_ephemeral(view: EphemeralView, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """The ephemeral-port guide; a live view adds this machine's pool (None: unreadable)."""
    _ = gettext_for(lang)
    guide = view.guide
    page = Page(
        urls.EPHEMERAL_PATH,
        lang,
        _("Ephemeral ports"),
        guide.summary.render(_),
        base_url,
    )
    pool = (view.pool or {}) if view.live else None
    return render_template("ephemeral.html", page, guide=guide, pool=pool)


def render_local(sockets: list[Any] | None, lang: str = DEFAULT, *, base_url: str = "") -> str:
    """The listeners of this machine (``serve --local`` only); None means unreadable."""
    _ = gettext_for(lang)
    page = Page(
        "/local",
        lang,
        _("Listening on this machine"),
        _("Every listening socket on this machine, with its process."),
        base_url,
        indexable=False,
    )
    ports = sorted({s.local_port for s in sockets or ()})
    return render_template("local.html", page, local=sockets, ports=ports)


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
    _ = gettext_for(lang)
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
    return render_template(
        "error.html",
        page,
        status=status,
        message=message,
        suggestions=list(suggestions),
        back=back,
        message_lang=message_lang,
    )
