"""The sources that portpedia's own facts cite (ranges, OS behaviour, tools).

Curated uses of individual ports cite their own sources in :mod:`.unofficial`;
:func:`source` finds an id in either catalogue.
"""

from __future__ import annotations

from portpedia.knowledge.model import Source

CORE_SOURCES: tuple[Source, ...] = (
    Source(
        "iana-registry",
        "Service Name and Transport Protocol Port Number Registry",
        "https://www.iana.org/assignments/service-names-port-numbers/",
        "IANA",
    ),
    Source(
        "rfc6335",
        "RFC 6335: IANA Procedures for the Management of the Service Name and Transport "
        "Protocol Port Number Registry",
        "https://www.rfc-editor.org/rfc/rfc6335",
        "IETF",
    ),
    Source(
        "rfc6056",
        "RFC 6056: Recommendations for Transport-Protocol Port Randomization",
        "https://www.rfc-editor.org/rfc/rfc6056",
        "IETF",
    ),
    Source(
        "rfc9293",
        "RFC 9293: Transmission Control Protocol (TCP)",
        "https://www.rfc-editor.org/rfc/rfc9293",
        "IETF",
    ),
    Source(
        "linux-ip-sysctl",
        "Linux kernel documentation: IP Sysctl (ip_local_port_range)",
        "https://docs.kernel.org/networking/ip-sysctl.html",
        "The Linux kernel",
    ),
    Source(
        "linux-commit-60999",
        "tcp/dccp: try to not exhaust ip_local_port_range in connect() (Linux 4.2 changes "
        "the default upper bound to 60999)",
        "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/"
        "?id=07f4c90062f8fc7c8c26f8f95324cbe8fa3145a5",
        "The Linux kernel",
    ),
    Source(
        "linux-commit-parity",
        "tcp/dccp: better use of ephemeral ports in connect() (Linux 4.6: even ports for "
        "connect, odd ports for bind)",
        "https://github.com/torvalds/linux/commit/1580ab63fc9a03593072cc5656167a75c4f1d173",
        "The Linux kernel",
    ),
    Source(
        "linux-inet-hashtables",
        "Linux source: net/ipv4/inet_hashtables.c (__inet_hash_connect, RFC 6056 Algorithm 4)",
        "https://github.com/torvalds/linux/blob/master/net/ipv4/inet_hashtables.c",
        "The Linux kernel",
    ),
    Source(
        "kol-klein-gilad-2023",
        "Device Tracking via Linux's New TCP Source Port Selection Algorithm (USENIX "
        "Security 2023)",
        "https://www.usenix.org/conference/usenixsecurity23/presentation/kol",
        "USENIX",
    ),
    Source(
        "man-connect",
        "connect(2): EADDRNOTAVAIL when no ephemeral port is free",
        "https://man7.org/linux/man-pages/man2/connect.2.html",
        "Linux man-pages",
    ),
    Source(
        "ms-winsock-errors",
        "Windows Sockets Error Codes (WSAENOBUFS 10055)",
        "https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2",
        "Microsoft",
    ),
    Source(
        "ms-kb929851",
        "The default dynamic port range for TCP/IP has changed since Windows Vista and in "
        "Windows Server 2008 (KB 929851)",
        "https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/"
        "default-dynamic-port-range-tcpip-chang",
        "Microsoft",
    ),
    Source(
        "ms-netstat",
        "netstat command reference",
        "https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/netstat",
        "Microsoft",
    ),
    Source(
        "ms-get-nettcpconnection",
        "Get-NetTCPConnection (NetTCPIP module)",
        "https://learn.microsoft.com/en-us/powershell/module/nettcpip/get-nettcpconnection",
        "Microsoft",
    ),
    Source(
        "ms-tcpview",
        "TCPView for Windows (Sysinternals)",
        "https://learn.microsoft.com/en-us/sysinternals/downloads/tcpview",
        "Microsoft",
    ),
    Source(
        "freebsd-inet",
        "FreeBSD inet(4) manual: net.inet.ip.portrange sysctls",
        "https://man.freebsd.org/cgi/man.cgi?query=inet&sektion=4",
        "The FreeBSD Project",
    ),
    Source(
        "openbsd-sysctl",
        "OpenBSD sysctl(2) manual: net.inet.ip.porthifirst and portfirst",
        "https://man.openbsd.org/sysctl.2",
        "The OpenBSD Project",
    ),
    Source(
        "apple-portrange",
        "Darwin XNU source: net.inet.ip.portrange defaults (bsd/netinet/in_pcb.c)",
        "https://github.com/apple-oss-distributions/xnu/blob/main/bsd/netinet/in_pcb.c",
        "Apple",
    ),
    Source(
        "illumos-tunables",
        "Oracle Solaris Tunable Parameters: tcp_smallest_anon_port",
        "https://docs.oracle.com/cd/E86824_01/html/E54764/tcp-smallest-anon-port.html",
        "Oracle",
    ),
    Source(
        "aix-no",
        "IBM AIX no command: tcp_ephemeral_low and tcp_ephemeral_high",
        "https://www.ibm.com/docs/en/aix/7.3?topic=n-no-command",
        "IBM",
    ),
    Source(
        "man-ss",
        "ss(8): another utility to investigate sockets",
        "https://man7.org/linux/man-pages/man8/ss.8.html",
        "Linux man-pages",
    ),
    Source(
        "man-lsof",
        "lsof(8): list open files",
        "https://man7.org/linux/man-pages/man8/lsof.8.html",
        "Linux man-pages",
    ),
    Source(
        "man-ip7",
        "ip(7): Linux IPv4 protocol implementation (privileged ports, ip_unprivileged_port_start)",
        "https://man7.org/linux/man-pages/man7/ip.7.html",
        "Linux man-pages",
    ),
)

_index: dict[str, Source] | None = None


def source(source_id: str) -> Source:
    """The source with that id, from the core catalogue or the curated-uses catalogue."""
    global _index
    if _index is None:
        from portpedia.knowledge.unofficial import SOURCES

        _index = {s.id: s for s in (*CORE_SOURCES, *SOURCES)}
    return _index[source_id]
