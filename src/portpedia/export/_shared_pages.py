"""The export's speed trick: one rendering of a port page (and its checks) for every port
whose report differs only by the number.

Most of the 65,536 ports are unassigned ports in the same range with like reports. For
them the page is rendered once with private-use marks standing for the number and its
neighbours, memoised, and the numbers put back (:func:`fill_marks`); the exporter also
rewrites such a page's links once per folder. ``benchmarks/export_bench.py --profile``
shows what it saves per page; tests/export/test_fast_paths.py holds its output equal to
:func:`portpedia.web.render.render_port_page`. The server does not need it: its response
cache renders a page once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from portpedia.i18n import Gettext
from portpedia.web import urls
from portpedia.web.labels import CSRF_PLACEHOLDER
from portpedia.web.languages import DEFAULT, gettext_for
from portpedia.web.templating import (
    CheckRow,
    Page,
    Rendered,
    group_checks,
    prose,
    render_template,
    sections,
)

if TYPE_CHECKING:
    from portpedia.explain.report import PortReport


# Stand for the port number and its neighbours while a page is rendered once for many
# ports: private-use characters, so they never occur in real text, and HTML escaping
# leaves them alone.
_PORT_MARK = "\ue000"
_PREVIOUS_MARK = "\ue001"
_NEXT_MARK = "\ue002"
_MARKS = (_PORT_MARK, _PREVIOUS_MARK, _NEXT_MARK)
PORT_MARKS = "".join(_MARKS)
_SPLIT_MARKS = re.compile(f"([{PORT_MARKS}])")


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
    from portpedia.web.render import main_warning
    from portpedia.web.views import firewall

    if report.friendly_name or main_warning(report) is not None:
        return None  # its title or its answer names the port's own use
    fire = firewall(report.port, report.protocol)
    if fire.warnings or fire.notes or fire.refused:
        return None
    gettext = gettext_for(lang)
    number = str(report.port)
    likely = [prose(n.text, gettext) for n in report.likely]
    texts = (title, description, summary, base_url, csrf_token, *likely)
    if any(mark in text for text in texts for mark in _MARKS):
        return None
    checks = _checks_neutral(report, lang, gettext)
    if checks is None:
        return None
    texts = (fire.target, *(text for tool in fire.tools for text in tool))
    if any(mark in text for text in texts for mark in _MARKS):
        return None
    # The rules with the number as a mark; the view is part of the memo's key, so a rule
    # text where the number also stood for something else is never shared with another port.
    fire = fire._replace(
        target=fire.target.replace(number, _PORT_MARK),
        tools=tuple(
            tool._replace(
                allow=tool.allow.replace(number, _PORT_MARK),
                deny=tool.deny.replace(number, _PORT_MARK),
            )
            for tool in fire.tools
        ),
    )
    neutral = report._replace(
        port=_PORT_MARK,
        previous=None if report.previous is None else _PREVIOUS_MARK,
        next=None if report.next is None else _NEXT_MARK,
        # Passed to the template rendered (page title, summary, checks), never read there.
        title=None,
        summary=None,
        checks=(),
        likely=tuple(
            n._replace(text=Rendered(text.replace(number, _PORT_MARK)))
            for n, text in zip(report.likely, likely, strict=True)
        ),
    )
    return _neutral_pages(lang)(
        lang,
        base_url,
        csrf_token,
        title.replace(number, _PORT_MARK),
        description.replace(number, _PORT_MARK),
        summary.replace(number, _PORT_MARK),
        neutral,
        checks,
        fire,
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
    fire: Any,
) -> tuple[str, ...]:
    """The page split around its marks (kept as pieces of their own), to join with numbers."""
    html = render_template(
        "port.html",
        Page(urls.port_path(_PORT_MARK), lang, title, description, base_url),  # type: ignore[arg-type]
        report=report,
        heading=title,
        friendly="",
        summary=summary,
        warning=None,
        security=report.security,
        fire=fire,
        checks=checks,
        totals=None,
        csrf_token=csrf_token,
        your_vote=None,
        notice=None,
        local=None,
    )
    return split_marks(html)


def _checks_neutral(report: PortReport, lang: str, gettext: Gettext) -> Markup | None:
    """The command lists with the port number as a mark: they differ only by it."""
    groups = group_checks(report.checks, gettext)
    if any(m in r.command or m in r.purpose for _, rows in groups for r in rows for m in _MARKS):
        return None
    number = str(report.port)

    def neutral(r: CheckRow) -> CheckRow:
        return r._replace(
            command=r.command.replace(number, _PORT_MARK),
            purpose=r.purpose.replace(number, _PORT_MARK),
        )

    key = tuple((os, tuple(map(neutral, rows))) for os, rows in groups)
    return sections(lang).memo("checks", (("groups", key),))


@cache
def _neutral_pages(lang: str) -> Callable[..., tuple[str, ...]]:
    """Whole port pages rendered with the number taken out, memoised per language."""
    return lru_cache(maxsize=256)(_neutral_port_page)


def clear() -> None:
    """Forget the memoised pages (with the template environments, in tests)."""
    _neutral_pages.cache_clear()


def checks_for(report: PortReport, lang: str) -> Markup | None:
    """``report``'s command lists, from the rendering shared by every port (number put
    back), or None when the number cannot be taken out."""
    neutral = _checks_neutral(report, lang, gettext_for(lang))
    return None if neutral is None else Markup(str(neutral).replace(_PORT_MARK, str(report.port)))
