"""Default ephemeral (source) port ranges of the major operating systems."""

# No `from __future__ import annotations`: with it, typing compiles a ForwardRef for every
# NamedTuple field, which costs milliseconds on every CLI start.

from typing import NamedTuple

from portpedia.i18n import N_


class OsEphemeralRange(NamedTuple):
    key: str
    os: str
    low: int
    high: int
    setting: str
    note: str
    sources: tuple[str, ...]
    current: bool = True

    def contains(self, port: int) -> bool:
        return self.low <= port <= self.high

    @property
    def size(self) -> int:
        return self.high - self.low + 1


OS_RANGES: tuple[OsEphemeralRange, ...] = (
    OsEphemeralRange(
        "linux",
        N_("Linux (kernel 4.2 and later)"),
        32768,
        60999,
        "net.ipv4.ip_local_port_range",
        N_(
            "The kernel's default; distributions rarely change it. Each network namespace "
            "(so each container) has its own copy."
        ),
        ("linux-ip-sysctl", "linux-commit-60999"),
    ),
    OsEphemeralRange(
        "linux-old",
        N_("Linux (before kernel 4.2)"),
        32768,
        61000,
        "net.ipv4.ip_local_port_range",
        N_("Older kernels ended the range one port higher."),
        ("linux-commit-60999",),
        current=False,
    ),
    OsEphemeralRange(
        "windows",
        N_("Windows Vista / Server 2008 and later"),
        49152,
        65535,
        "netsh int ipv4 show dynamicport tcp",
        N_("Microsoft adopted the IANA dynamic range with Windows Vista and Server 2008."),
        ("ms-kb929851",),
    ),
    OsEphemeralRange(
        "windows-xp",
        N_("Windows XP / Server 2003"),
        1025,
        5000,
        "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\MaxUserPort",
        N_(
            "Before Vista, Windows drew source ports from this small pool, which busy "
            "servers could run out of."
        ),
        ("ms-kb929851",),
        current=False,
    ),
    OsEphemeralRange(
        "macos",
        N_("macOS"),
        49152,
        65535,
        "net.inet.ip.portrange.first / .last",
        N_("The same range as IANA's dynamic ports."),
        ("apple-portrange",),
    ),
    OsEphemeralRange(
        "freebsd",
        N_("FreeBSD"),
        10000,
        65535,
        "net.inet.ip.portrange.first / .last",
        N_("A wide default range that reaches well into the User Ports."),
        ("freebsd-inet",),
    ),
    OsEphemeralRange(
        "openbsd",
        N_("OpenBSD"),
        1024,
        49151,
        "net.inet.ip.portfirst / portlast",
        N_(
            "The default range; programs that ask for the high range (IP_PORTRANGE_HIGH) "
            "get 49152-65535 instead."
        ),
        ("openbsd-sysctl",),
    ),
    OsEphemeralRange(
        "openbsd-high",
        N_("OpenBSD (high range)"),
        49152,
        65535,
        "net.inet.ip.porthifirst / porthilast",
        N_("Used by programs that request the high port range."),
        ("openbsd-sysctl",),
    ),
    OsEphemeralRange(
        "solaris",
        N_("Solaris / illumos"),
        32768,
        65535,
        "tcp_smallest_anon_port / tcp_largest_anon_port",
        N_("Set per protocol with ipadm (formerly ndd)."),
        ("illumos-tunables",),
    ),
    OsEphemeralRange(
        "aix",
        N_("AIX"),
        32768,
        65535,
        "no -o tcp_ephemeral_low / tcp_ephemeral_high",
        N_("Set with the no command; UDP has its own pair of options."),
        ("aix-no",),
    ),
)
