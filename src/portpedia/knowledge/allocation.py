"""How operating systems hand out ephemeral ports: the prose behind the ephemeral guide.

Each entry is (text, source ids). The texts are ``N_``-marked so every face can show
them in its reader's language.
"""

from __future__ import annotations

from portpedia.i18n import N_

Paragraph = tuple[str, tuple[str, ...]]

LIFECYCLE: tuple[Paragraph, ...] = (
    (
        N_(
            "A connection is identified by five values: protocol, local address, local port, "
            "remote address and remote port. A client rarely cares which local port it gets, "
            "so when it connects without binding one, the system lends it a free port from "
            "its ephemeral range."
        ),
        ("rfc6335", "rfc6056"),
    ),
    (
        N_(
            "The port stays with the connection until it ends. For TCP the side that closes "
            "first then keeps the port in TIME_WAIT for twice the maximum segment lifetime "
            "(60 seconds on Linux), so that late packets of the old connection cannot be "
            "mistaken for a new one. Only after that does the port return to the pool."
        ),
        ("rfc9293", "linux-ip-sysctl"),
    ),
    (
        N_(
            "The same local port can serve several connections at once as long as they go "
            "to different destinations, because the five values still differ. The real "
            "budget is therefore one range per destination (remote address, remote port and "
            "protocol) and local address, not one range for the whole machine."
        ),
        ("rfc6056",),
    ),
    (
        N_(
            "When every port of that budget is taken or waiting out TIME_WAIT, the next "
            'connection fails: connect() returns EADDRNOTAVAIL ("Cannot assign requested '
            'address") on Linux, and Windows reports WSAENOBUFS (10055). Proxies, NAT '
            "gateways and clients that open a new connection for every request to the same "
            "database or API are the usual victims."
        ),
        ("man-connect", "ms-winsock-errors"),
    ),
)

SELECTION: tuple[Paragraph, ...] = (
    (
        N_(
            "RFC 6056 asks systems to pick source ports that an attacker cannot guess, "
            "because a predictable port makes it easier to inject forged packets into a "
            "connection or to poison a DNS cache. It describes five algorithms: a fresh "
            "random port each time (1), random with a random starting point and a linear "
            "search (2), a hash of the connection's addresses plus a counter (3), a second "
            "hash indexing a table of counters (4), and random increments (5)."
        ),
        ("rfc6056",),
    ),
    (
        N_(
            "Linux uses the double-hash method, Algorithm 4, since kernel 5.12. After "
            "researchers showed in 2022 that its small table of counters let websites track "
            "devices, the table was enlarged and randomness added to each step."
        ),
        ("linux-inet-hashtables", "kol-klein-gilad-2023"),
    ),
    (
        N_(
            "Since kernel 4.6, Linux also prefers ports of one parity for connect() and the "
            "other for bind() to port 0, so that servers asking for any free port still find "
            "one on a busy client. That is why the default range ends at the odd number "
            "60999: the range then holds as many even ports as odd ones."
        ),
        ("linux-commit-parity", "linux-commit-60999"),
    ),
    (
        N_(
            "FreeBSD and OpenBSD pick a random port within their range by default; FreeBSD "
            "can switch randomisation off with net.inet.ip.portrange.randomized."
        ),
        ("freebsd-inet", "openbsd-sysctl"),
    ),
)

LISTENERS: tuple[Paragraph, ...] = (
    (
        N_(
            "A server that listens on a port inside the ephemeral range takes that port out "
            "of every outgoing budget, and can fail to start when a client happened to hold "
            "the port first. Give long-running services a port outside the range, or list "
            "theirs in net.ipv4.ip_local_reserved_ports on Linux."
        ),
        ("linux-ip-sysctl",),
    ),
)
