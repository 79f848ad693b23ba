"""The JSON renderings of the views (:mod:`portpedia.web.views`): the API's bodies.

The API routes and the static exporter both call these, so an exported
``api/v1/ports/443.json`` is byte for byte what ``/api/v1/ports/443`` answers.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from portpedia.web import urls
from portpedia.web.languages import gettext_for

if TYPE_CHECKING:
    from portpedia.explain import PortReport
    from portpedia.web.views import (
        AppsView,
        AppView,
        EphemeralView,
        IndexView,
        RangesView,
        SearchView,
        ServiceView,
    )

# UTF-8 as it is, no spaces: the API's one encoding.
encode_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def encode(data: Any) -> bytes:
    return encode_text(data).encode()


def port(report: PortReport, lang: str) -> dict[str, Any]:
    data = report.to_dict(gettext_for(lang))
    data["language"] = lang
    data["url"] = urls.url_for_page(urls.port_path(report.port), lang)
    return data


def ports_index(view: IndexView) -> dict[str, Any]:
    return {
        "from": view.start,
        "to": view.end,
        "ports": [{"port": r.port, "status": r.status, "name": r.name} for r in view.rows],
        "previous": view.previous,
        "next": view.next,
    }


def service(view: ServiceView, lang: str) -> dict[str, Any]:
    gettext = gettext_for(lang)
    data = view.service.to_dict()
    data["reports"] = [r.to_dict(gettext) for r in view.reports]
    data["language"] = lang
    data["url"] = urls.url_for_page(urls.service_path(view.service.name), lang)
    return data


def search(view: SearchView, lang: str) -> dict[str, Any]:
    gettext = gettext_for(lang)
    results = []
    for hit in view.hits:
        item = hit.to_dict()
        if hit.curated:
            item["name"] = gettext(hit.name)
            item["description"] = gettext(hit.description)
        results.append(item)
    return {"query": view.query, "port": view.port, "protocol": view.protocol,
            "results": results, "suggestions": list(view.suggestions),
            "language": lang}  # fmt: skip


def ranges(view: RangesView, lang: str) -> dict[str, Any]:
    gettext = gettext_for(lang)
    return {
        "ranges": [
            {
                "key": r.key,
                "low": r.low,
                "high": r.high,
                "name": gettext(r.name),
                "also_called": gettext(r.also_called),
                "meaning": gettext(r.meaning),
                "url": urls.url_for_page(urls.range_path(r.key), lang),
            }
            for r in view.ranges
        ],
        "ephemeral": [
            {
                "os": o.key,
                "name": o.os,
                "low": o.low,
                "high": o.high,
                "current_default": o.current,
                "setting": o.setting,
                "note": gettext(o.note),
            }
            for o in view.ephemeral
        ],
        "language": lang,
    }


def ephemeral(view: EphemeralView, lang: str) -> dict[str, Any]:
    data: dict[str, Any] = view.guide.to_dict(gettext_for(lang))
    if view.live:
        data["pool"] = view.pool
    return data


def apps(view: AppsView, lang: str) -> dict[str, Any]:
    from portpedia.explain.product import GROUPS

    gettext = gettext_for(lang)
    groups = []
    for key, entries in view.groups:
        items = [e.to_dict(gettext) for e in entries]
        for item, entry in zip(items, entries, strict=True):
            item["url"] = urls.url_for_page(urls.app_path(entry.id), lang)
        groups.append({"group": key, "label": gettext(GROUPS[key]), "products": items})
    return {"groups": groups, "language": lang,
            "url": urls.url_for_page(urls.APPS_PATH, lang)}  # fmt: skip


def app(view: AppView, lang: str) -> dict[str, Any]:
    gettext = gettext_for(lang)
    data = view.product.to_dict(gettext)
    data["firewall"] = [
        {"role": gettext(p.role) if p.role else None, **p.plan.to_dict(gettext)} for p in view.plans
    ]
    data["language"] = lang
    data["url"] = urls.url_for_page(urls.app_path(view.product.id), lang)
    return data
