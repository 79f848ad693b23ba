"""The OpenAPI 3.1 description of ``/api/v1``, written by hand to match :mod:`.api`."""

from __future__ import annotations

from functools import cache
from typing import Any

from portpedia.explain.status import STATUSES
from portpedia.ports import TRANSPORTS
from portpedia.store.model import REACTIONS
from portpedia.web.languages import languages


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _err(description: str) -> dict[str, Any]:
    return _json(_ref("Error"), description)


_LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "Language of the prose fields (a language code the site offers).",
    "schema": {"type": "string", "default": "en", "enum": list(languages())},
}
# A port page that takes feedback: /ports/0 to /ports/65535, written canonically.
_FEEDBACK_PAGE = {
    "type": "string",
    "pattern": r"^/ports/(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}"
    r"|[1-5][0-9]{4}|[1-9][0-9]{0,3}|0)$",
    "examples": ["/ports/443"],
}
_CITES = {"type": "array", "items": {"type": "integer", "minimum": 1}}
_NOTE = {
    "type": "object",
    "required": ["text", "level", "cites"],
    "properties": {
        "text": {"type": "string"},
        "level": {"type": "string", "enum": ["info", "caution", "warning"]},
        "cites": _CITES,
    },
}
_OPT_STR = {"type": ["string", "null"]}
_TOTALS = {
    "type": "object",
    "required": [*REACTIONS, "total"],
    "properties": {k: {"type": "integer", "minimum": 0} for k in (*REACTIONS, "total")},
}
_REACTION = {"type": "string", "enum": list(REACTIONS)}
_RETRY = {
    "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "integer"},
    }
}


@cache
def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "portpedia API",
            "version": "1.0.0",
            "description": "Every network port (0-65535) explained: IANA assignments, ranges, "
            "ephemeral use by operating systems, known uses, checks and sources. Every HTML "
            "page has a JSON twin here.",
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/ports": {
                "get": {
                    "operationId": "listPorts",
                    "summary": "A block of 256 ports with status and best-known name",
                    "parameters": [{
                        "name": "from", "in": "query", "required": False,
                        "description": "First port; rounded down to a multiple of 256.",
                        "schema": {"type": "integer", "minimum": 0, "maximum": 65535,
                                   "default": 0},
                    }],
                    "responses": {
                        "200": _json(_ref("PortIndex"), "The block of ports."),
                        "400": _err("`from` is not a port number."),
                    },
                }
            },
            "/api/v1/ports/{port}": {
                "get": {
                    "operationId": "getPort",
                    "summary": "Everything portpedia knows about one port",
                    "parameters": [
                        {"name": "port", "in": "path", "required": True,
                         "schema": {"type": "integer", "minimum": 0, "maximum": 65535}},
                        {"name": "protocol", "in": "query", "required": False,
                         "schema": {"type": "string", "enum": list(TRANSPORTS)}},
                        _LANG,
                    ],
                    "responses": {
                        "200": _json(_ref("PortReport"), "The port's report."),
                        "308": {"description": "Redirect to the canonical number (0443 -> 443)."},
                        "400": _err("Unknown protocol or language."),
                        "404": _err("Not a port number from 0 to 65535."),
                    },
                }
            },
            "/api/v1/services/{name}": {
                "get": {
                    "operationId": "getService",
                    "summary": "A service name's IANA entries and the reports of its ports",
                    "parameters": [
                        {"name": "name", "in": "path", "required": True,
                         "schema": {"type": "string", "maxLength": 63}},
                        _LANG,
                    ],
                    "responses": {
                        "200": _json(_ref("Service"), "The service."),
                        "400": _err("Unknown language."),
                        "404": _err("No such service; `suggestions` lists close names."),
                    },
                }
            },
            "/api/v1/apps": {
                "get": {
                    "operationId": "listApps",
                    "summary": "Every product portpedia knows the ports of, by group",
                    "parameters": [_LANG],
                    "responses": {
                        "200": _json(_ref("AppIndex"), "The products, grouped."),
                        "400": _err("Unknown language."),
                    },
                }
            },
            "/api/v1/apps/{name}": {
                "get": {
                    "operationId": "getApp",
                    "summary": "The ports one product uses, and firewall rules for them",
                    "parameters": [
                        {"name": "name", "in": "path", "required": True,
                         "description": "The product's id, name or an alias.",
                         "schema": {"type": "string", "maxLength": 100}},
                        _LANG,
                    ],
                    "responses": {
                        "200": _json(_ref("App"), "The product."),
                        "400": _err("Unknown language."),
                        "404": _err("No such product; `suggestions` lists close ids."),
                    },
                }
            },
            "/api/v1/search": {
                "get": {
                    "operationId": "search",
                    "summary": "Search ports, service names, products and known uses",
                    "parameters": [
                        {"name": "q", "in": "query", "required": True,
                         "schema": {"type": "string", "minLength": 1, "maxLength": 200}},
                        {"name": "limit", "in": "query", "required": False,
                         "schema": {"type": "integer", "minimum": 1, "maximum": 100,
                                    "default": 20}},
                        _LANG,
                    ],
                    "responses": {
                        "200": _json(_ref("SearchResult"), "Matches, best first. When q "
                                     "names a port (443, port 443, :443, tcp 22, 443/udp), "
                                     "`port` and `protocol` are set and `results` lists what "
                                     "is known on it. `suggestions`: did-you-mean queries."),
                        "400": _err("Empty query, bad limit, or a malformed port number."),
                    },
                }
            },
            "/api/v1/ranges": {
                "get": {
                    "operationId": "getRanges",
                    "summary": "The three IANA port ranges and the OS ephemeral ranges",
                    "parameters": [_LANG],
                    "responses": {
                        "200": _json(_ref("Ranges"), "The ranges."),
                        "400": _err("Unknown language."),
                    },
                }
            },
            "/api/v1/feedback": {
                "get": {
                    "operationId": "getFeedback",
                    "summary": "Vote counts for a page, your own vote, and a CSRF token",
                    "description": "Also sets the `portpedia_csrf` cookie when missing; "
                    "send its value back in `X-CSRF-Token` when voting.",
                    "parameters": [{"name": "page", "in": "query", "required": True,
                                    "schema": _FEEDBACK_PAGE}],
                    "responses": {
                        "200": _json(_ref("FeedbackTotals"), "Counts and your vote."),
                        "400": _err("The page takes no feedback."),
                        "503": {**_err("The feedback database is unavailable."),
                                "headers": _RETRY},
                    },
                },
                "post": {
                    "operationId": "vote",
                    "summary": "Vote on a page (one vote per visitor and page, changeable)",
                    "description": "A visitor is the signed `portpedia_visitor` cookie, set "
                    "on the first vote. One network (an IPv4 address or an IPv6 /64) may add "
                    "at most 20 new votes to one page per UTC day (`network_limit`).",
                    "parameters": [{"name": "X-CSRF-Token", "in": "header", "required": True,
                                    "schema": {"type": "string"}}],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("Vote")}},
                    },
                    "responses": {
                        "200": _json(_ref("VoteResult"), "The vote was recorded."),
                        "400": _err("Invalid JSON, page, reaction, language or comment."),
                        "403": _err("Missing CSRF token or a cross-site request."),
                        "413": _err("Body larger than 16 KB."),
                        "415": _err("Body is not application/json."),
                        "429": {
                            **_err(
                                "Too many votes: 10 a minute (`rate_limited`), or the "
                                "network's new votes on this page today (`network_limit`)."
                            ),
                            "headers": _RETRY,
                        },
                        "503": {**_err("The feedback database is unavailable."),
                                "headers": _RETRY},
                    },
                },
            },
            "/api/v1/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Whether the site and its feedback database answer",
                    "responses": {"200": _json(_ref("Health"), "Status.")},
                }
            },
            "/api/v1/ephemeral": {
                "get": {
                    "operationId": "getEphemeralGuide",
                    "summary": "How operating systems lend out ephemeral ports",
                    "description": "Each system's default range, how ports are lent, chosen "
                    "and returned, with sources. Under `serve --local` it adds `pool`, this "
                    "machine's live pool (null when unreadable).",
                    "parameters": [_LANG],
                    "responses": {
                        "200": _json(_ref("EphemeralGuide"), "The guide."),
                        "400": _err("Unknown language."),
                    },
                }
            },
            "/api/v1/local": {
                "get": {
                    "operationId": "local_sockets",
                    "summary": "Sockets on the serving machine (only under `serve --local`)",
                    "description": "Every socket using `port`, or every listener without it.",
                    "parameters": [
                        {"name": "port", "in": "query", "required": False,
                         "schema": {"type": "string"}, "description": "A port 0-65535."}
                    ],
                    "responses": {
                        "200": _json(_ref("LocalSockets"), "The sockets and their owners."),
                        "400": _err("`port` is not a port number."),
                        "404": _err("The server was not started with --local."),
                        "503": _err("This machine's sockets could not be read."),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {
                        "type": "object", "required": ["code", "message"],
                        "properties": {"code": {"type": "string"},
                                       "message": {"type": "string"}},
                    }},
                },
                "EphemeralGuide": {
                    "type": "object",
                    "required": ["title", "summary", "ranges", "sections", "footnotes"],
                    "properties": {
                        "title": {"type": "string"},
                        "summary": {"type": "string"},
                        "ranges": {"type": "array", "items": {"type": "object"}},
                        "sections": {"type": "array", "items": {"type": "object"}},
                        "footnotes": {"type": "array", "items": {"type": "object"}},
                        "pool": {"type": ["object", "null"]},
                    },
                },
                "LocalSockets": {
                    "type": "object",
                    "required": ["port", "sockets"],
                    "properties": {
                        "port": {"type": ["integer", "null"]},
                        "sockets": {"type": "array", "items": {"type": "object"}},
                    },
                },
                "PortIndex": {
                    "type": "object",
                    "required": ["from", "to", "ports"],
                    "properties": {
                        "from": {"type": "integer"}, "to": {"type": "integer"},
                        "previous": {"type": ["integer", "null"]},
                        "next": {"type": ["integer", "null"]},
                        "ports": {"type": "array", "items": {
                            "type": "object", "required": ["port", "status", "name"],
                            "properties": {"port": {"type": "integer"},
                                           "status": {"type": "string"}, "name": _OPT_STR},
                        }},
                    },
                },
                "PortReport": {
                    "type": "object",
                    "required": ["port", "status", "title", "summary", "range", "assignments",
                                 "ephemeral", "known_uses", "likely", "checks", "security",
                                 "footnotes"],
                    "properties": {
                        "port": {"type": "integer", "minimum": 0, "maximum": 65535},
                        "protocol": _OPT_STR,
                        "status": {"type": "string", "enum": list(STATUSES)},
                        "title": {"type": "string"},
                        "summary": {"type": "string"},
                        "names": {"type": "array", "items": {"type": "string"}},
                        "range": {"type": "object"},
                        "assignments": {"type": "array", "items": {"type": "object"}},
                        "ephemeral": {"type": "array", "items": {"type": "object"}},
                        "friendly_name": _OPT_STR,
                        "article": {"type": ["object", "null"], "properties": {
                            "ports": {"type": "string"}, "name": {"type": "string"},
                            "summary": {"type": "string"},
                            "worry": {"type": "string", "enum": ["low", "exposure", "high"]},
                            "what": _OPT_STR, "who": _OPT_STR, "transports_note": _OPT_STR,
                            "listening": _OPT_STR, "outgoing": _OPT_STR,
                            "security": _OPT_STR, "advice": _OPT_STR, "history": _OPT_STR,
                            "cves": {"type": "array", "items": {"type": "string"}},
                            "related": {"type": "array", "items": {"type": "object"}},
                        }},
                        "known_uses": {"type": "array", "items": {
                            "type": "object", "properties": {
                                "name": {"type": "string"}, "ports": {"type": "string"},
                                "rank": {"type": "integer", "minimum": 1, "maximum": 5},
                                "historic": {"type": "boolean"}, "risk": _OPT_STR,
                            }}},
                        "products": {"type": "array", "items": {"type": "object"}},
                        "likely": {"type": "array", "items": _NOTE},
                        "checks": {"type": "array", "items": {"type": "object"}},
                        "security": {"type": "array", "items": _NOTE},
                        "about": {"type": "array", "items": _NOTE},
                        "footnotes": {"type": "array", "items": {"type": "object"}},
                        "registry_updated": {"type": "string"},
                        "previous": {"type": ["integer", "null"]},
                        "next": {"type": ["integer", "null"]},
                        "language": {"type": "string"},
                        "url": {"type": "string"},
                    },
                },
                "Service": {
                    "type": "object",
                    "required": ["name", "ports", "aliases", "entries"],
                    "properties": {
                        "name": {"type": "string"},
                        "ports": {"type": "array", "items": {"type": "integer"}},
                        "aliases": {"type": "array", "items": {"type": "string"}},
                        "entries": {"type": "array", "items": {"type": "object"}},
                        "reports": {"type": "array", "items": _ref("PortReport")},
                        "language": {"type": "string"},
                        "url": {"type": "string"},
                    },
                },
                "AppIndex": {
                    "type": "object",
                    "required": ["groups", "language", "url"],
                    "properties": {
                        "groups": {"type": "array", "items": {
                            "type": "object",
                            "required": ["group", "label", "products"],
                            "properties": {
                                "group": {"type": "string"},
                                "label": {"type": "string"},
                                "products": {"type": "array", "items": {
                                    "type": "object",
                                    "required": ["id", "name", "group", "summary", "ports",
                                                 "url"],
                                    "properties": {
                                        "id": {"type": "string"}, "name": {"type": "string"},
                                        "group": {"type": "string"},
                                        "group_label": {"type": "string"},
                                        "summary": {"type": "string"},
                                        "ports": {"type": "string"},
                                        "url": {"type": "string"},
                                    },
                                }},
                            },
                        }},
                        "language": {"type": "string"},
                        "url": {"type": "string"},
                    },
                },
                "App": {
                    "type": "object",
                    "required": ["id", "name", "group", "summary", "ports", "footnotes",
                                 "firewall"],
                    "properties": {
                        "id": {"type": "string"},
                        "name": {"type": "string"},
                        "group": {"type": "string"},
                        "group_label": {"type": "string"},
                        "summary": {"type": "string"},
                        "aliases": {"type": "array", "items": {"type": "string"}},
                        "roles": {"type": "array", "items": {"type": "string"}},
                        "ports": {"type": "array", "items": {
                            "type": "object",
                            "required": ["port", "high", "transport", "direction", "role",
                                         "purpose", "required", "cites"],
                            "properties": {
                                "port": {"type": "integer"}, "high": {"type": "integer"},
                                "ports": {"type": "string"},
                                "transport": {"type": "string"},
                                "direction": {"type": "string",
                                              "enum": ["inbound", "outbound", "internode"]},
                                "direction_label": {"type": "string"},
                                "role": {"type": "string"}, "purpose": {"type": "string"},
                                "required": {"type": "boolean"}, "cites": _CITES,
                            },
                        }},
                        "footnotes": {"type": "array", "items": {"type": "object"}},
                        "firewall": {"type": "array", "items": {
                            "type": "object",
                            "required": ["role", "rules", "warnings", "skipped", "tools"],
                            "properties": {
                                "role": _OPT_STR,
                                "rules": {"type": "array", "items": {"type": "object"}},
                                "warnings": {"type": "array", "items": {"type": "string"}},
                                "skipped": {"type": "array", "items": {"type": "string"}},
                                "tools": {"type": "object",
                                          "additionalProperties": {"type": "string"}},
                            },
                        }},
                        "language": {"type": "string"},
                        "url": {"type": "string"},
                    },
                },
                "SearchResult": {
                    "type": "object",
                    "required": ["query", "port", "results"],
                    "properties": {
                        "query": {"type": "string"},
                        "port": {"type": ["integer", "null"]},
                        "protocol": _OPT_STR,
                        "suggestions": {"type": "array", "items": {"type": "string"}},
                        "language": {"type": "string"},
                        "results": {"type": "array", "items": {
                            "type": "object",
                            "required": ["name", "ports", "transports", "description", "kind"],
                            "properties": {
                                "name": {"type": "string"}, "ports": _OPT_STR,
                                "transports": {"type": "array", "items": {"type": "string"}},
                                "description": {"type": "string"},
                                "kind": {"type": "string",
                                         "enum": ["iana", "known-use", "article", "product"]},
                                "score": {"type": "number"},
                            },
                        }},
                    },
                },
                "Ranges": {
                    "type": "object",
                    "required": ["ranges", "ephemeral"],
                    "properties": {
                        "ranges": {"type": "array", "items": {"type": "object"}},
                        "ephemeral": {"type": "array", "items": {"type": "object"}},
                        "language": {"type": "string"},
                    },
                },
                "FeedbackTotals": {
                    "type": "object",
                    "required": ["page", "totals", "your_vote", "csrf_token"],
                    "properties": {
                        "page": {"type": "string"}, "totals": _TOTALS,
                        "your_vote": {"oneOf": [_REACTION, {"type": "null"}]},
                        "csrf_token": {"type": "string"},
                    },
                },
                "Vote": {
                    "type": "object",
                    "required": ["page", "reaction"],
                    "properties": {
                        "page": _FEEDBACK_PAGE,
                        "reaction": _REACTION,
                        "language": {"type": "string", "default": "en",
                                     "enum": list(languages())},
                        # No NUL: PostgreSQL text cannot hold it, so it is refused everywhere.
                        "comment": {"type": ["string", "null"], "maxLength": 500,
                                    "pattern": "^[^\\u0000]*$"},
                    },
                },
                "VoteResult": {
                    "type": "object",
                    "required": ["page", "totals", "your_vote"],
                    "properties": {"page": {"type": "string"}, "totals": _TOTALS,
                                   "your_vote": _REACTION},
                },
                "Health": {
                    "type": "object",
                    "required": ["status", "database"],
                    "properties": {"status": {"const": "ok"},
                                   "database": {"type": "string", "enum": ["ok", "unavailable"]}},
                },
            }
        },
    }  # fmt: skip
