"""Parsing what a user types as a port: ``443``, ``80/tcp``, ``0443``.

Every face (CLI argument, URL segment, API parameter) goes through :func:`parse_port`, so
the same input gets the same error message everywhere.
"""

from __future__ import annotations

from portpedia.errors import InvalidPortError, InvalidProtocolError
from portpedia.i18n import Msg

MAX_PORT = 65535
TRANSPORTS: tuple[str, ...] = ("tcp", "udp", "sctp", "dccp")
_ASCII_DIGITS = frozenset("0123456789")


def _show(text: str) -> str:
    # A 1 MB argument must not become a 1 MB error message.
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _out_of_range(text: str) -> Msg:
    return Msg("port {text} is out of range: ports run from 0 to 65535", text=text)


def parse_number(text: str) -> int:
    """Parse a port number 0-65535 written with ASCII digits."""
    s = text.strip()
    if not s:
        raise InvalidPortError(Msg("empty port: give a number from 0 to 65535"))
    if len(s) > 40:
        raise InvalidPortError(Msg("{text} is not a port number (0-65535)", text=_show(s)))
    if s[0] in "+-" and s[1:] and set(s[1:]) <= _ASCII_DIGITS:
        if s[0] == "-":
            raise InvalidPortError(_out_of_range(s))
        s = s[1:]
    if not set(s) <= _ASCII_DIGITS:
        if s.isdecimal():
            # int() would accept "٦٠٤٦٣"; refusing keeps URLs and scripts unambiguous.
            ascii_form = str(int(s))
            raise InvalidPortError(
                Msg(
                    "{text} uses non-ASCII digits; write the port with 0-9 ({ascii})",
                    text=_show(s),
                    ascii=ascii_form,
                )
            )
        parts = s.split("-")
        if len(parts) == 2 and all(p and set(p) <= _ASCII_DIGITS for p in parts):
            raise InvalidPortError(
                Msg("{text} is a range, not a single port number", text=_show(s))
            )
        raise InvalidPortError(Msg("{text} is not a port number (0-65535)", text=_show(s)))
    n = int(s)
    if n > MAX_PORT:
        raise InvalidPortError(_out_of_range(s))
    return n


def parse_protocol(text: str | None) -> str | None:
    if text is None or text == "":
        return None
    p = text.strip().lower()
    if p not in TRANSPORTS:
        raise InvalidProtocolError(
            Msg(
                "unknown protocol {text}: use one of {choices}",
                text=_show(text),
                choices=", ".join(TRANSPORTS),
            )
        )
    return p


def parse_port(text: str, protocol: str | None = None) -> tuple[int, str | None]:
    """Parse ``"443"`` or ``"443/tcp"`` into ``(443, "tcp")``.

    An explicit ``protocol`` argument must agree with one written after the slash.
    """
    number, sep, proto = text.partition("/")
    port = parse_number(number)
    if sep and not proto.strip():
        raise InvalidPortError(
            Msg("{text} ends with '/': add a protocol such as tcp", text=_show(text))
        )
    written = parse_protocol(proto) if sep else None
    given = parse_protocol(protocol)
    if written and given and written != given:
        raise InvalidPortError(
            Msg(
                "{text} says {written} but --protocol says {given}",
                text=_show(text),
                written=written,
                given=given,
            )
        )
    return port, written or given


def looks_like_port(text: str) -> bool:
    """True when the text is meant as a number (so errors should be about ports)."""
    head = text.strip().partition("/")[0].lstrip("+-")
    return bool(head) and (head[0].isdecimal())
