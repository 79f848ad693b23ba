"""Building a :class:`PortReport`: the facts, the sentences that state them, their sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from portpedia.explain.naming import is_alias
from portpedia.explain.report import (
    Assignment,
    CheckCommand,
    EphemeralUse,
    Footnote,
    KnownUse,
    Note,
    PortReport,
    RangeInfo,
)
from portpedia.explain.status import decide_status
from portpedia.i18n import Msg
from portpedia.knowledge import index as knowledge
from portpedia.knowledge.ephemeral import OS_RANGES
from portpedia.knowledge.ranges import range_of
from portpedia.registry import IanaEntry, Registry

if TYPE_CHECKING:
    from portpedia.explain._products import ProductInfo
    from portpedia.knowledge.model import Article


class _Citations:
    """Numbers sources in order of first citation, as footnotes in a printed page."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def __call__(self, *ids: str) -> tuple[int, ...]:
        return tuple(self._numbers.setdefault(i, len(self._numbers) + 1) for i in ids)

    def footnotes(self) -> tuple[Footnote, ...]:
        base = knowledge.load()
        return tuple(Footnote(n, base.source(i)) for i, n in self._numbers.items())


_TRANSPORT_ORDER = {"tcp": 0, "udp": 1, "": 2, "sctp": 3, "dccp": 4}


def _preference(e: IanaEntry) -> tuple[bool, bool, int]:
    """Which row speaks for a port: exact before range, primary before alias, TCP first."""
    return (e.is_range, is_alias(e), _TRANSPORT_ORDER.get(e.transport, 5))


def _names(entries: list[IanaEntry]) -> tuple[str, ...]:
    ordered = sorted((e for e in entries if e.service), key=_preference)
    return tuple(dict.fromkeys(e.service for e in ordered))


def compose(reg: Registry, port: int, protocol: str | None) -> PortReport:
    cite = _Citations()
    # The article and the products come first on the page: cite them first.
    base = knowledge.load()
    found = base.article_for(port, protocol)
    product_list = base.products_for(port)
    if product_list:
        from portpedia.explain._products import ProductInfo, ProductPortInfo
    # The report carries the article record itself, and the footnotes its sources got.
    article = found
    article_cites = cite(*found.sources) if found is not None else ()
    products: list[ProductInfo] = []
    for product in product_list:
        entries = [e for e in product.ports_at(port) if protocol is None or e.transport == protocol]
        if entries:
            products.append(
                ProductInfo(
                    product.id, product.name, product.group, product.summary,
                    tuple(ProductPortInfo(e.ports, e.transport, e.direction, e.role, e.purpose,
                                          e.required, cite(*e.sources)) for e in entries),
                    cite(*product.sources),
                )
            )  # fmt: skip
    rng = range_of(port)
    rows = reg.at(port)
    if protocol:
        rows = [e for e in rows if e.transport in (protocol, "")]
    assignments = tuple(
        Assignment(
            service=e.service,
            transport=e.transport,
            ports=e.port_text,
            status=e.status,
            description=e.description,
            assignee=reg.person(e.assignee),
            contact=reg.person(e.contact),
            registered=e.registered,
            modified=e.modified,
            reference=e.reference,
            service_code=e.service_code,
            unauthorized=e.unauthorized,
            notes=e.notes,
            cites=cite("iana-registry"),
        )
        for e in sorted(rows, key=lambda e: (*_preference(e), e.service))
    )
    assigned = [e for e in rows if e.status == "assigned"]
    status = decide_status(rows, rng.key)
    names = _names(assigned)

    range_info = RangeInfo(
        rng.key, rng.low, rng.high, rng.name, rng.also_called, rng.meaning, cite(*rng.sources)
    )
    ephemeral = tuple(
        EphemeralUse(
            o.key,
            o.os,
            o.low,
            o.high,
            o.contains(port),
            o.current,
            o.setting,
            o.note,
            cite(*o.sources),
        )
        for o in OS_RANGES
    )
    uses = [u for u in base.uses_for(port) if protocol is None or protocol in u.transports]
    if article is not None:
        # The article speaks for the port: a curated use under the same name would only
        # repeat it.
        uses = [u for u in uses if u.name != article.name]
    known = tuple(
        KnownUse(
            u.name,
            u.transports,
            u.ports,
            u.summary,
            u.risk,
            cite(*u.sources),
            u.rank,
            u.historic,
            u.id,
        )
        for u in uses
    )
    friendly = article.name if article else (known[0].name if known and known[0].rank == 1 else "")
    title = (
        Msg("Port {port}/{protocol}", port=port, protocol=protocol)
        if protocol
        else Msg("Port {port}", port=port)
    )
    summary = _summary(port, status, rng.name, assigned, known, article)
    # Footnotes are numbered in the order the faces show the sections.
    likely = _likely(port, status, names, ephemeral, known, cite, article, article_cites)
    security = _security(port, rng.key, rows, known, cite, article, article_cites)
    about = _about(port, rng.key, ephemeral, cite)
    checks = _checks(port, protocol, cite)
    return PortReport(
        port=port,
        protocol=protocol,
        status=status,
        title=title,
        summary=summary,
        range=range_info,
        assignments=assignments,
        ephemeral=ephemeral,
        known_uses=known,
        likely=likely,
        checks=checks,
        security=security,
        about=about,
        footnotes=cite.footnotes(),
        registry_updated=reg.updated,
        previous=port - 1 if port > 0 else None,
        next=port + 1 if port < 65535 else None,
        names=names,
        article=article,
        article_cites=article_cites,
        products=tuple(products),
        friendly_name=friendly,
    )


def _registration(
    port: int, status: str, range_name: str, assigned: list[IanaEntry], lead: bool
) -> Msg:
    """What the registry says, as the opening sentence or (``lead``) as a second one."""
    if status == "assigned":
        first = min(assigned, key=_preference)
        desc = first.description.splitlines()[0] if first.description else first.service
        if first.is_range:
            if lead:
                return Msg(
                    "It lies in the range {ports} that IANA registered for {service} "
                    "({description}).",
                    ports=first.port_text,
                    service=first.service,
                    description=desc,
                )
            return Msg(
                "Port {port} lies in the range {ports} that IANA registered for {service} "
                "({description}).",
                port=port,
                ports=first.port_text,
                service=first.service,
                description=desc,
            )
        if lead:
            return Msg(
                "IANA registers it as {service} ({description}).",
                service=first.service,
                description=desc,
            )
        return Msg(
            "Port {port} is registered with IANA for {service} ({description}).",
            port=port,
            service=first.service,
            description=desc,
        )
    if status == "dynamic":
        if port == 65535:
            return Msg(
                "Port 65535 is the highest port there is: TCP and UDP carry port numbers in "
                "16 bits, so they run from 0 to 65535. It is the last port of the dynamic "
                "range 49152-65535, which IANA never assigns."
            )
        if lead:
            return Msg("It is in the dynamic range 49152-65535, which IANA never assigns.")
        return Msg(
            "Port {port} is in the dynamic range 49152-65535: IANA never assigns it, and "
            "operating systems lend it out as a temporary source port.",
            port=port,
        )
    if status == "reserved":
        if port == 0:
            return Msg(
                "Port 0 is reserved and no service uses it: a program that binds to port 0 is "
                "given any free port by the system, and traffic addressed to port 0 is "
                "malformed or a scan."
            )
        if lead:
            return Msg("IANA lists it as reserved.")
        return Msg(
            "IANA lists port {port} as reserved: it is kept back and assigned to no service.",
            port=port,
        )
    if lead:
        return Msg("IANA has not assigned it to any service.")
    return Msg(
        "Port {port} is one of the {range}, but IANA has not assigned it to any service.",
        port=port,
        range=Msg(range_name),
    )


def _wide(ports: str) -> bool:
    """A use spread over a wide range (Kubernetes NodePorts): next to a registered service,
    too vague to name in the summary (it stays in the known uses)."""
    low, _, high = ports.partition("-")
    return bool(high) and int(high) - int(low) >= 100


def _restates(name: str, services: list[str]) -> bool:
    """Whether a use or article name just restates a registered service ("SSH (...)")."""
    lowered = name.lower()
    return any(s and s.lower() in lowered for s in services)


def _summary(
    port: int,
    status: str,
    range_name: str,
    assigned: list[IanaEntry],
    known: tuple[KnownUse, ...],
    article: Article | None,
) -> Msg:
    """One or two sentences: the best-known use first, then what the registry says."""
    services = [e.service for e in assigned]
    parts: list[Msg] = []
    if article is not None:
        parts.append(Msg(article.summary))
        if status == "assigned" and not _restates(article.name, services):
            parts.append(_registration(port, status, range_name, assigned, lead=True))
        return _join(parts)
    lead = known[0] if known and known[0].rank == 1 else None
    if lead is not None and port not in (0, 65535):
        parts.append(Msg("Port {port} is best known for {name}.", port=port, name=Msg(lead.name)))
        parts.append(_registration(port, status, range_name, assigned, lead=True))
    else:
        parts.append(_registration(port, status, range_name, assigned, lead=False))
    others = [
        k for k in known
        if k is not lead and k.rank <= 2 and not k.historic and not _restates(k.name, services)
        and not (status == "assigned" and _wide(k.ports))
    ][: 2 if lead else 3]  # fmt: skip
    if others:
        parts.append(Msg("Also common here: {names}.", names=tuple(Msg(k.name) for k in others)))
    return _join(parts)


def _join(parts: list[Msg]) -> Msg:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return Msg("{first} {second}", first=parts[0], second=parts[1])
    return Msg("{first} {second} {third}", first=parts[0], second=parts[1], third=parts[2])


def _likely(
    port: int,
    status: str,
    names: tuple[str, ...],
    ephemeral: tuple[EphemeralUse, ...],
    known: tuple[KnownUse, ...],
    cite: _Citations,
    article: Article | None = None,
    article_cites: tuple[int, ...] = (),
) -> tuple[Note, ...]:
    notes: list[Note] = []
    current = [e for e in ephemeral if e.contains and e.current]
    if article is not None:
        for text in (article.listening, article.outgoing):
            if text:
                notes.append(Note(Msg(text), article_cites))
    if port == 0:
        notes.append(
            Note(
                Msg(
                    "A program that asked for any free port. Binding to port 0 tells the "
                    "system to choose an unused ephemeral port, so a socket never actually "
                    "stays on port 0: look for the port it was given instead."
                ),
                cite("man-ip-bind-address-no-port"),
            )
        )
        notes.append(
            Note(
                Msg(
                    "Packets sent to port 0 are not normal traffic: measurements find them to "
                    "be mostly scans and by-products of fragmented or malformed packets."
                ),
                cite("maghsoudlou-port-0-2021"),
            )
        )
    elif names and not article:
        notes.append(
            Note(
                Msg(
                    "A server for {service}, or a client talking to one. The registration says "
                    "what the port is meant for, not what actually runs there.",
                    service=names[0],
                ),
                cite("iana-registry"),
            )
        )
    if known:
        # The known uses stand in their own list; here only their names, so that no
        # sentence appears twice on a page.
        notes.append(
            Note(
                Msg(
                    "One of the known uses of the port: {names}.",
                    names=tuple(Msg(k.name) for k in known[:3]),
                ),
                tuple(dict.fromkeys(c for k in known[:3] for c in k.cites)),
            )
        )
    if current:
        systems = tuple(e.os for e in current)
        notes.append(
            Note(
                Msg(
                    "The local end of an outgoing connection. These systems pick source ports "
                    "from a range that includes {port} by default: {systems}. Such a port "
                    "lives only as long as its connection.",
                    port=port,
                    systems=systems,
                ),
                tuple(c for e in current for c in e.cites),
            )
        )
    if status == "dynamic":
        notes.append(
            Note(
                Msg(
                    "A program that asked the system for any free port to listen on, such as "
                    "a test server, a debugger, a media or game client, or a peer-to-peer "
                    "application."
                )
            )
        )
        notes.append(
            Note(
                Msg(
                    "On Windows: a Remote Procedure Call (RPC) endpoint. Services such as "
                    "DCOM, WMI and Active Directory replication listen on ports drawn from "
                    "this range."
                ),
                cite("ms-kb929851"),
            )
        )
    if not notes:
        notes.append(
            Note(
                Msg(
                    "Nothing registered or widely known uses this port, so a listener here is "
                    "a program configured to use it: check which process holds it."
                )
            )
        )
    return tuple(notes)


def _windows_netstat(port: int, cite: _Citations) -> CheckCommand:
    """netstat piped into a findstr pattern that ends at the port.

    A bare ``findstr :443`` also matches 4430 and 44300, so the pattern carries the space
    that follows an address column. Port 0 needs more: every listener's foreign address
    is ``0.0.0.0:0``, so its pattern is anchored to the local address column.
    """
    if port == 0:
        return CheckCommand(
            "windows", "netstat", 'netstat -ano | findstr /R /C:"^ *[TU][CD]P *[^ ]*:0 "',
            Msg("Sockets whose local address ends in port 0; the last column is the "
                "process id."),
            cite("ms-netstat"),
        )  # fmt: skip
    return CheckCommand(
        "windows",
        "netstat",
        f'netstat -ano | findstr /C:":{port} "',
        Msg("Connections and listeners on the port; the last column is the process id."),
        cite("ms-netstat"),
    )


def _checks(port: int, protocol: str | None, cite: _Citations) -> tuple[CheckCommand, ...]:
    p = port
    udp_only = protocol == "udp"
    win_get = (
        f"Get-NetUDPEndpoint -LocalPort {p} | Select-Object LocalAddress,LocalPort,OwningProcess"
        if udp_only
        else f"Get-NetTCPConnection -LocalPort {p} | "
        "Select-Object LocalAddress,LocalPort,RemoteAddress,RemotePort,State,OwningProcess"
    )
    ss_flags = "-uanp" if udp_only else ("-tanp" if protocol == "tcp" else "-tuanp")
    lsof_sel = f"-i {'UDP' if udp_only else 'TCP' if protocol == 'tcp' else ''}:{p}"
    return (
        CheckCommand(
            "any", "portpedia", f"portpedia who {p}",
            Msg("Every socket using the port here, with its process and what it means."), (),
        ),
        CheckCommand(
            "linux", "ss", f"sudo ss {ss_flags} '( sport = :{p} or dport = :{p} )'",
            Msg("Sockets with this port on either end; sudo shows the owning process."),
            cite("man-ss"),
        ),
        CheckCommand(
            "linux", "lsof", f"sudo lsof -nP {lsof_sel}",
            Msg("Processes with a socket on the port."), cite("man-lsof"),
        ),
        CheckCommand(
            "macos", "lsof", f"sudo lsof -nP {lsof_sel}",
            Msg("The same lsof command as on Linux: it ships with macOS."), cite("man-lsof"),
        ),
        CheckCommand(
            "macos", "netstat", f"netstat -anv | grep '\\.{p} '",
            Msg("All sockets on the port; the -v columns include the process id."), (),
        ),
        _windows_netstat(p, cite),
        CheckCommand(
            "windows", "PowerShell", win_get,
            Msg("The same in PowerShell, with the owning process id."),
            cite("ms-get-nettcpconnection"),
        ),
        CheckCommand(
            "windows", "TCPView", "tcpview.exe",
            Msg("A live window of every connection with the process name; filter on {port}.",
                port=p),
            cite("ms-tcpview"),
        ),
    )  # fmt: skip


def _security(
    port: int,
    range_key: str,
    rows: list[IanaEntry],
    known: tuple[KnownUse, ...],
    cite: _Citations,
    article: Article | None = None,
    article_cites: tuple[int, ...] = (),
) -> tuple[Note, ...]:
    notes = []
    if article is not None:
        level = {"high": "warning", "exposure": "caution"}.get(article.worry, "info")
        notes.append(Note(Msg(article.security), article_cites, level))
        if article.advice:
            notes.append(Note(Msg(article.advice), article_cites, level))
    notes += [
        Note(
            Msg(
                "A port number is not dangerous or safe in itself. What matters is which "
                "process holds the port and who can reach it from the network."
            ),
            level="info",
        )
    ]
    for text in dict.fromkeys(e.unauthorized for e in rows if e.unauthorized):
        notes.append(
            Note(
                Msg("IANA records unauthorized use of this port: {text}", text=text),
                cite("iana-registry"),
                "warning",
            )
        )
    for k in known:
        if k.risk == "malware":
            notes.append(
                Note(
                    Msg(
                        "Malicious software ({name}) has been seen using this port. That does "
                        "not make every use of it malicious, but an unexpected listener "
                        "deserves a look at its process.",
                        name=k.name,
                    ),
                    k.cites,
                    "warning",
                )
            )
        elif k.risk == "exposure" and article is None:
            # With an article, its own security advice says this once for the port.
            notes.append(
                Note(
                    Msg(
                        "{name} on this port should not be reachable from the internet: bind "
                        "it to localhost or a private network, or put it behind a firewall "
                        "and authentication.",
                        name=k.name,
                    ),
                    k.cites,
                    "caution",
                )
            )
    if range_key == "system":
        notes.append(
            Note(
                Msg(
                    "On Linux and other Unix-like systems only privileged processes may listen "
                    "on ports below 1024, so a listener here runs with elevated rights or was "
                    "granted that capability."
                ),
                cite("man-ip7"),
            )
        )
    elif range_key == "dynamic":
        notes.append(
            Note(
                Msg(
                    "A server that listens here for a long time can collide with outgoing "
                    "connections that need a source port; services meant to be found should "
                    "use a fixed, registered port."
                ),
                cite("rfc6335"),
                "caution",
            )
        )
    return tuple(notes)


def _about(
    port: int, range_key: str, ephemeral: tuple[EphemeralUse, ...], cite: _Citations
) -> tuple[Note, ...]:
    notes: list[Note] = []
    if any(e.contains for e in ephemeral) or range_key == "dynamic":
        notes.append(
            Note(
                Msg(
                    "When a program connects out without choosing a source port, the system "
                    "picks an unused one from its ephemeral range, keeps it for the life of "
                    "the connection, and returns it to the pool afterwards (for TCP, after "
                    "the TIME_WAIT period). RFC 6056 recommends choosing the port "
                    "unpredictably, which makes blind attacks on connections harder."
                ),
                cite("rfc6056", "rfc9293"),
            )
        )
        notes.append(
            Note(
                Msg(
                    "Ranges differ between systems and over time: Windows XP and Server 2003 "
                    "used only 1025-5000, while Windows Vista and Server 2008 moved to IANA's "
                    "49152-65535. Linux defaults to 32768-60999, which overlaps the User Ports."
                ),
                cite("ms-kb929851", "linux-ip-sysctl"),
            )
        )
    if port == 65535:
        notes.append(
            Note(
                Msg(
                    "TCP and UDP headers hold each port in a 16-bit field, so 65535 is the "
                    "largest port number they can carry: there is no port 65536."
                ),
                cite("rfc9293"),
            )
        )
    if range_key == "dynamic":
        notes.append(
            Note(
                Msg(
                    "RFC 6335 keeps 49152-65535 out of IANA's assignments altogether, so no "
                    "application can register a port here and any program may use one."
                ),
                cite("rfc6335"),
            )
        )
    return tuple(notes)
