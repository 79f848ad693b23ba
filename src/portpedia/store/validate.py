"""Checks on what the web layer passes in, before anything reaches the database."""

from __future__ import annotations

import ipaddress
import re

from portpedia.store.errors import InvalidFeedback
from portpedia.store.model import REACTIONS
from portpedia.store.schema import MAX_COMMENT, MAX_LANGUAGE, MAX_NETWORK, MAX_PAGE, MAX_VISITOR

# A URL path or page key: unreserved URL characters, "/", ":", "+", "%" and "@".
_PAGE = re.compile(r"[A-Za-z0-9._~:/+%@-]+")
# BCP 47-ish: "en", "pt-BR", "zh-Hant-TW".
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
# Hex or base64/base64url output of a hash.
_VISITOR = re.compile(r"[A-Za-z0-9+/=_.-]+")
MIN_VISITOR = 16


def page(value: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_PAGE:
        raise InvalidFeedback(f"page must be 1 to {MAX_PAGE} characters")
    if not _PAGE.fullmatch(value):
        raise InvalidFeedback(f"page {value[:60]!r} contains characters not allowed in a page")
    return value


def language(value: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_LANGUAGE or not _LANGUAGE.fullmatch(value):
        raise InvalidFeedback(f"language {str(value)[:40]!r} is not a language tag like 'en'")
    return value


def visitor(value: str) -> str:
    if not isinstance(value, str) or not MIN_VISITOR <= len(value) <= MAX_VISITOR:
        raise InvalidFeedback(
            f"visitor id must be an opaque hash of {MIN_VISITOR} to {MAX_VISITOR} characters"
        )
    if not _VISITOR.fullmatch(value) or _is_ip(value):
        raise InvalidFeedback("visitor id must be an opaque hash, not an address or free text")
    return value


_NETWORK = re.compile(rf"[0-9a-f]{{32,{MAX_NETWORK}}}")


def network(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _NETWORK.fullmatch(value):
        raise InvalidFeedback("network key must be a hex hash of 32 to 64 characters")
    return value


def reaction(value: str) -> str:
    if value not in REACTIONS:
        raise InvalidFeedback(
            f"unknown reaction {str(value)[:40]!r}; expected one of {', '.join(REACTIONS)}"
        )
    return value


def comment(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidFeedback("comment must be text")
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_COMMENT:
        raise InvalidFeedback(
            f"comment is {len(value)} characters long; at most {MAX_COMMENT} are allowed"
        )
    if "\x00" in value:
        # PostgreSQL text cannot hold NUL; reject on both backends so they behave alike.
        raise InvalidFeedback("comment contains a NUL character")
    if not _encodable(value):
        # JSON can carry "\ud800", a lone surrogate, which no database can store as text.
        raise InvalidFeedback("comment is not valid Unicode text (it has a lone surrogate)")
    return value


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
