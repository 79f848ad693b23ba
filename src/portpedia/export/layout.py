"""Where each page of the site lives in an export, and links rewritten to point there.

Every file name ends in its type (``.html``, ``.json``, ``.xml``) so any static server sends
the right Content-Type, and every link is relative so the directory works at any URL
prefix, or straight from disk::

    /                   -> index.html            /bn/                -> bn/index.html
    /ports              -> ports.html            /ports?from=256     -> ports/from-256.html
    /ports/443          -> ports/443.html        /bn/ports/443       -> bn/ports/443.html
    /ranges/user        -> ranges/user.html      /services/ssh       -> services/ssh.html
    /ephemeral          -> ephemeral.html        /search             -> search.html
    /static/style.css   -> static/style.css      /openapi.json       -> openapi.json

The JSON API: ``/api/v1/ports/443?lang=bn`` -> ``api/v1/ports/443.bn.json`` (English has
no language part: ``api/v1/ports/443.json``); likewise ``api/v1/services/NAME.json``,
``api/v1/ranges.json`` and ``/api/v1/ports?from=256`` -> ``api/v1/ports/from-256.json``.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import parse_qs, quote, unquote

from portpedia.export._shared_pages import PORT_MARKS
from portpedia.web.languages import DEFAULT
from portpedia.web.urls import split_language
from portpedia.web.views import PAGE_SIZE

# A port number, or one of the marks that stand for it in a page rendered for many ports
# (portpedia.export._shared_pages.port_page_pieces): such a page's links are rewritten once.
_PORT = re.compile(f"/ports/(0|[1-9][0-9]{{0,4}}|[{PORT_MARKS}])")
_LINK = re.compile(r'(\s(?:href|src|action|data-api)=")([^"]*)(")')
_FEEDBACK_TOC = '<li><a href="#feedback">'
_FEEDBACK_START = '<section id="feedback"'
# Posts and live lookups that only a running server can answer.
SERVER_ONLY = ("/feedback", "/api/v1/feedback")


def _lang_dir(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def service_file(name: str) -> str:
    # A few IANA names hold "/" or "*": the file keeps them percent-encoded.
    return f"services/{quote(name, safe='')}.html"


def file_for(url: str) -> str | None:
    """The export file of a site URL (path and optional query), or None if it has none."""
    path, _, query = url.partition("?")
    if path.startswith("/static/"):
        return "static/" + unquote(path.removeprefix("/static/"))
    if path in ("/openapi.json", "/robots.txt", "/sitemap.xml", "/map.png"):
        return path[1:]
    lang, rest = split_language(path)
    where = _lang_dir(lang)
    if rest in ("/", ""):
        return where + "index.html"
    if rest == "/ports":
        raw = parse_qs(query).get("from", ["0"])[0]
        start = int(raw) if raw.isdigit() and int(raw) <= 65535 else 0
        block = start // PAGE_SIZE * PAGE_SIZE
        return where + ("ports.html" if block == 0 else f"ports/from-{block}.html")
    m = _PORT.fullmatch(rest)
    if m and (m.group(1) in PORT_MARKS or int(m.group(1)) <= 65535):
        return f"{where}ports/{m.group(1)}.html"
    for prefix in ("/ranges/", "/services/"):
        if rest.startswith(prefix) and len(rest) > len(prefix):
            name = unquote(rest[len(prefix) :])
            if prefix == "/ranges/":
                return f"{where}ranges/{name}.html"
            return where + service_file(name)
    if rest == "/services":
        letter = parse_qs(query).get("letter", [""])[0]
        # IANA names hold no "_", so no service page can be named like a letter's page.
        return where + (f"services/_letter-{quote(letter, safe='')}.html" if letter
                        else "services.html")  # fmt: skip
    if rest == "/apps":
        return where + "apps.html"
    if rest == "/map":
        return where + "map.html"
    if rest.startswith("/apps/") and len(rest) > len("/apps/"):
        return f"{where}apps/{quote(unquote(rest[len('/apps/') :]), safe='')}.html"
    if rest in ("/search", "/ephemeral"):
        return f"{where}{rest[1:]}.html"
    return None


def port_json_file(port: int, lang: str) -> str:
    suffix = "" if lang == DEFAULT else f".{lang}"
    return f"api/v1/ports/{port}{suffix}.json"


def service_json_file(name: str, lang: str) -> str:
    suffix = "" if lang == DEFAULT else f".{lang}"
    return f"api/v1/services/{quote(name, safe='')}{suffix}.json"


def apps_json_file(lang: str) -> str:
    return "api/v1/apps.json" if lang == DEFAULT else f"api/v1/apps.{lang}.json"


def app_json_file(name: str, lang: str) -> str:
    suffix = "" if lang == DEFAULT else f".{lang}"
    return f"api/v1/apps/{quote(name, safe='')}{suffix}.json"


def ranges_json_file(lang: str) -> str:
    return "api/v1/ranges.json" if lang == DEFAULT else f"api/v1/ranges.{lang}.json"


def _everything(name: str) -> bool:
    return True


def rewrite_links(
    text: str,
    page_file: str,
    *,
    exported: Callable[[str], bool] = _everything,
    base_url: str = "",
    api_origin: str = "",
) -> str:
    """Turn the server's root-relative links in ``text`` into links between export files.

    Links to files the export does not hold (``exported(file)`` is False, as for ports left
    out of a partial export) go to ``base_url`` when there is one. Form targets and API
    calls only a server can answer go to ``api_origin``; without one the feedback widget
    is removed, and the search box lands on a page that says search needs the server.
    """
    base_url = base_url.rstrip("/")
    api_origin = api_origin.rstrip("/")
    where = posixpath.dirname(page_file) or "."

    def swap(m: re.Match[str]) -> str:
        value = m.group(2)
        if value[:1] == "#" or (value[:8] == "https://" and not value.startswith(base_url or "-")):
            return m.group(0)
        new = _rewrite(value, where, exported, base_url, api_origin)
        return m.group(1) + new + m.group(3)

    if not api_origin:
        text = _drop_toc_entry(_drop_feedback(text))
    # Line by line, memoised per folder: pages of one folder share most of their lines
    # (head, navigation, the memoised sections), so only a few lines per page are new.
    # Link values are URLs, which hold no line break, and a line that starts with a link
    # attribute (whose blank would be the line break) is done with the whole text, so
    # the result is that of one substitution over the whole text.
    cache = _line_cache(where, exported, base_url, api_origin)
    lines = text.split("\n")
    out = list(map(cache.get, lines))
    if None not in out:
        return "\n".join(out)  # type: ignore[arg-type]
    for i, new in enumerate(out):
        if new is None:
            line = lines[i]
            if line.startswith(_ATTRIBUTES):
                return _LINK.sub(swap, text)
            linked = any(attribute in line for attribute in _LINKS)
            new = out[i] = _LINK.sub(swap, line) if linked else line
            if len(cache) >= _LINES_PER_FOLDER:
                # Mostly lines seen once (they hold a port number): start afresh, so the
                # lines of the next ranges' pages are kept too.
                cache.clear()
            cache[line] = new
    return "\n".join(out)  # type: ignore[arg-type]


_ATTRIBUTES = ("href=", "src=", "action=", "data-api=")
_LINKS = tuple(f'{attribute}"' for attribute in _ATTRIBUTES)
_LINES_PER_FOLDER = 1 << 14


@lru_cache(maxsize=64)
def _line_cache(
    where: str, exported: Callable[[str], bool], base_url: str, api_origin: str
) -> dict[str, str]:
    return {}


def _drop_feedback(text: str) -> str:
    # The feedback section up to its first "</section>" and one line break after it.
    while (start := text.find(_FEEDBACK_START)) >= 0:
        end = text.find("</section>", start)
        if end < 0:
            break
        end += len("</section>")
        if text.startswith("\n", end):
            end += 1
        text = text[:start] + text[end:]
    return text


def _drop_toc_entry(text: str) -> str:
    # str.find rather than a regex: a pattern that may start with whitespace is tried at
    # every blank of the page, which cost more than rendering the links.
    at = text.find(_FEEDBACK_TOC)
    if at < 0:
        return text
    end = text.find("</li>", at) + len("</li>")
    start = at
    while start and text[start - 1] in " \t\n":
        start -= 1
    return text[:start] + text[end:]


@lru_cache(maxsize=1 << 16)
def _rewrite(
    escaped: str, where: str, exported: Callable[[str], bool], base_url: str, api_origin: str
) -> str:
    # Memoised: most links (assets, navigation, neighbours) recur on many pages of a folder.
    value = html.unescape(escaped)
    absolute = False
    if base_url and (value == base_url or value.startswith(base_url + "/")):
        value = value[len(base_url) :] or "/"
        absolute = True
    elif not value.startswith("/") or value.startswith("//"):
        return escaped
    path, hash_, fragment = value.partition("#")
    bare = path.partition("?")[0]
    if bare in SERVER_ONLY or (api_origin and split_language(bare)[1] == "/search"):
        return html.escape(api_origin + value if api_origin else value, quote=True)
    target = file_for(path)
    if target is None:
        return escaped
    if not exported(target):
        link = base_url + value if base_url else _relative(target, where)
        return html.escape(link, quote=True)
    query = "?" + path.partition("?")[2] if target.startswith("static/") and "?" in path else ""
    link = base_url + "/" + quote(target, safe="/") if absolute else _relative(target, where)
    return html.escape(link + query + hash_ + fragment, quote=True)


def _relative(target: str, where: str) -> str:
    return quote(posixpath.relpath(target, where), safe="/")
