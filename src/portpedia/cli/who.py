"""``portpedia who|ls|kill|free``: this machine's sockets and the processes behind them."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterable

    from portpedia.local import Owner, Scan, Socket
    from portpedia.local._kill import KillTarget

_CMDLINE_WIDTH = 160


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    if name in ("who", "kill"):
        parser.add_argument("port", help="port number, optionally with /tcp or /udp")
    parser.add_argument("--json", action="store_true", help="print JSON")
    if name in ("who", "ls"):
        parser.add_argument(
            "--no-owners", action="store_true", help="skip finding the processes (faster)"
        )
        parser.add_argument(
            "--all-namespaces",
            action="store_true",
            help="include other network namespaces (containers; needs root)",
        )
        parser.add_argument(
            "--method",
            choices=("netlink", "procfs", "psutil"),
            help="force how sockets are read (default: the fastest that works)",
        )
        parser.add_argument(
            "-v", "--verbose", action="store_true", help="say how sockets and owners were found"
        )
    if name == "ls":
        parser.add_argument(
            "-a", "--all", action="store_true", help="every socket, not only listening ones"
        )
        parser.add_argument("--pid", help="only this process's sockets (all states)")
        parser.add_argument(
            "--process", metavar="NAME", help="only sockets of programs with this name (all states)"
        )
        parser.add_argument("--user", help="only sockets of this user's processes (all states)")
    if name == "kill":
        parser.add_argument("-y", "--yes", action="store_true", help="do not ask for confirmation")
        parser.add_argument(
            "-s", "--signal", default="TERM", help="signal to send: TERM (default), INT, KILL..."
        )
        parser.add_argument(
            "--timeout",
            default="3",
            metavar="S",
            help="seconds to wait after the signal before SIGKILL (default 3)",
        )
        parser.add_argument(
            "--no-escalate", action="store_true", help="never follow up with SIGKILL"
        )
        parser.add_argument(
            "--tree", action="store_true", help="also signal the processes' descendants"
        )
        parser.add_argument(
            "-n",
            "--dry-run",
            action="store_true",
            help="list what would be signalled; send nothing",
        )
    if name == "free":
        parser.add_argument(
            "--range",
            dest="port_range",
            default="1024-49151",
            help="where to look, LOW-HIGH (default: the IANA user range 1024-49151)",
        )
        parser.add_argument(
            "--near",
            metavar="N",
            help="the closest port to N that portpedia check would call a good choice",
        )


_QUICK_FLAGS = ("--json", "--no-owners")


def quick_parse(argv: list[str], name: str) -> argparse.Namespace | None:
    """``who PORT [--json] [--no-owners]`` parsed without argparse, or None for the rest.

    Gives the namespace :func:`configure`'s parser would give; a test holds them together.
    """
    ports = [a for a in argv if a not in _QUICK_FLAGS]
    if name != "who" or len(ports) != 1 or ports[0].startswith("-"):
        return None  # other commands, options, several ports, "-1": argparse decides
    from types import SimpleNamespace

    quick: Any = SimpleNamespace(
        port=ports[0],
        json="--json" in argv,
        no_owners="--no-owners" in argv,
        all_namespaces=False,
        method=None,
        verbose=False,
    )
    return quick


def run(args: argparse.Namespace) -> int:
    return {"who": _who, "ls": _ls, "kill": _kill, "free": _free}[args.command](args)


# --- formatting -----------------------------------------------------------------------


def _family(s: Socket) -> str:
    return "IPv4" if s.family == "ipv4" else "IPv6"


def _painter() -> Callable[..., str]:
    """``_term.style`` when stdout is coloured, else a no-op: decided once, not per line
    (20,000 sockets on a port make 60,000 styled pieces)."""
    from portpedia.cli._term import style, use_colour

    return style if use_colour() else _plain


def _plain(text: str, *names: str) -> str:
    return text


def _owner_line(o: Owner, verbose: bool, style: Callable[..., str]) -> str:
    command = o.command
    if not verbose and len(command) > _CMDLINE_WIDTH:
        command = command[: _CMDLINE_WIDTH - 3] + "..."
    user = f" user {o.user}" if o.user else ""
    where = _where(o)
    tail = f"\n      {style(where, 'cyan')}" if where else ""
    return f"pid {style(str(o.pid), 'bold')} {o.name}{user}: {style(command, 'dim')}{tail}"


def _where(o: Owner) -> str | None:
    """``in docker container web`` or ``docker-proxy: forwards to ...``, or None."""
    from portpedia.local._containers import container_of, docker_by_address, proxy_target

    target = proxy_target(o.cmdline)
    if target is not None:
        inside = docker_by_address(target.address)
        name = f" in {inside.label}" if inside else ""
        return (f"docker-proxy publishes this port: it forwards to "
                f"{target.address}:{target.port}/{target.transport}{name}")  # fmt: skip
    found = container_of(o.pid, uid=o.uid)
    return f"in {found.label}" if found else None


def _containers_json(sockets: Iterable[Socket]) -> dict[str, Any]:
    from portpedia.local._containers import container_of, docker_by_address, proxy_target

    out: dict[str, Any] = {}
    for s in sockets:
        for o in s.owners:
            if str(o.pid) in out:
                continue
            target = proxy_target(o.cmdline)
            if target is not None:
                inside = docker_by_address(target.address)
                out[str(o.pid)] = {"proxy_to": f"{target.address}:{target.port}",
                                   "container": inside.to_dict() if inside else None}  # fmt: skip
                continue
            found = container_of(o.pid, uid=o.uid)
            if found is not None:
                out[str(o.pid)] = {"container": found.to_dict()}
    return out


def _owners_text(s: Socket) -> str:
    if s.owners:
        return ",".join(f"{o.pid}/{o.name}" for o in s.owners)
    return {"hidden": "?", "protected": "?", "none": "-", "skipped": ""}.get(s.owner_status, "")


def _ns_text(s: Socket) -> str:
    if s.netns is None:
        return ""
    return f"netns {s.netns_name} ({s.netns})" if s.netns_name else f"netns {s.netns}"


def _method_text(scan: Scan) -> str:
    sources = {
        "netlink": "netlink sock_diag (port filtered in the kernel)",
        "procfs": "/proc/net tables",
        "psutil": "psutil",
        "none": "nothing",
    }
    parts = [sources.get(m, m) for m in scan.method.split("+")]
    owners = {
        "procfs": "one walk over /proc/*/fd",
        "psutil": "psutil",
        None: "not looked up",
    }[scan.owner_method]
    return f"sockets from {' and '.join(parts)}; owners: {owners}"


def _print_verbose(scan: Scan, elapsed: float) -> None:
    from portpedia.cli._term import style

    err = sys.stderr
    err.write(style(f"method: {_method_text(scan)} ({elapsed * 1000:.1f} ms)", "dim", stream=err))
    err.write("\n")
    for note in scan.notes:
        err.write(style(f"note: {note}", "dim", stream=err) + "\n")


def _filter(scan: Scan, transport: str | None) -> list[Socket]:
    if transport is None:
        return list(scan.sockets)
    return [s for s in scan.sockets if s.transport == transport]


def _scan(args: argparse.Namespace, **kwargs: Any) -> tuple[Scan, float]:
    import time

    from portpedia.local import scan

    start = time.perf_counter()
    result = scan(
        owners=not args.no_owners,
        all_namespaces=args.all_namespaces,
        method=args.method,
        **kwargs,
    )
    return result, time.perf_counter() - start


def _parse(text: str) -> tuple[int, str | None]:
    from portpedia.ports import parse_port

    port, transport = parse_port(text)
    if transport not in (None, "tcp", "udp"):
        from portpedia.errors import InvalidPortError

        raise InvalidPortError(f"portpedia who and kill see TCP and UDP sockets, not {transport}")
    return port, transport


def _summary(port: int, transport: str | None) -> str | None:
    try:
        from portpedia.cli._lang import gettext
        from portpedia.explain import explain

        return explain(port, transport).summary.render(gettext())
    except ImportError:
        return None


# --- who ------------------------------------------------------------------------------


def _who(args: argparse.Namespace) -> int:
    from portpedia.cli._lang import gettext
    from portpedia.cli._term import emit_json

    _ = gettext()
    port, transport = _parse(args.port)
    scan, elapsed = _scan(args, port=port, gettext=_)
    found = _filter(scan, transport)
    summary = None if found else _summary(port, transport)
    listening = any(s.listening and s.local_port == port for s in found)
    bind = None if listening else _bind_check(port, transport)
    if args.json:
        emit_json(
            {
                "port": port,
                "protocol": transport,
                "in_use": bool(found),
                "method": scan.method,
                "owner_method": scan.owner_method,
                "privileged": scan.privileged,
                "notes": list(scan.notes),
                "sockets": [s.to_dict() for s in found],
                "containers": _containers_json(found),
                "summary": summary,
                "bind": [b.to_dict(_) for b in bind] if bind is not None else None,
            }
        )
    elif not found:
        what = transport.upper() if transport else _("TCP or UDP")
        print(_("Nothing on this machine uses port {port} ({what}) right now.").format(
            port=port, what=what))  # fmt: skip
        if summary:
            print(f"{port}: {summary}")
    else:
        style = _painter()
        if len(found) == 1:
            head_text = _("port {port}: 1 socket on this machine").format(port=port)
        else:
            head_text = _("port {port}: {n} sockets on this machine").format(
                port=port, n=len(found)
            )
        lines = [style(head_text, "bold")]
        # A busy port lists thousands of sockets held by a few processes: each owner's line
        # is written once.
        owner_lines: dict[Owner, str] = {}
        for s in found:
            ends = s.local if s.remote is None else f"{s.local} <-> {s.remote}"
            head = f"{s.transport.upper()} {_family(s)} {s.state:<11} {ends}"
            ns = _ns_text(s)
            lines.append(head + (f"  [{ns}]" if ns else ""))
            lines.append(f"    {style(s.reading, 'cyan')}")
            for o in s.owners:
                text = owner_lines.get(o)
                if text is None:
                    text = owner_lines[o] = f"    {_owner_line(o, args.verbose, style)}"
                lines.append(text)
            if s.owner_note:
                lines.append(f"    {style(_(s.owner_note), 'yellow')}")
        lines.append("")
        sys.stdout.write("\n".join(lines))
    if bind and not args.json:
        _print_bind(port, bind, _)
    if args.verbose:
        _print_verbose(scan, elapsed)
    return 0 if found else 1


def _bind_check(port: int, transport: str | None) -> list[Any]:
    """Nothing listens: would a server's bind still fail, and why? (TCP and UDP apart)"""
    from portpedia.local._busy import check

    return [check(port, t) for t in ((transport,) if transport else ("tcp", "udp"))]


def _print_bind(port: int, checks: list[Any], _: Callable[[str], str]) -> None:
    style = _painter()
    for c in checks:
        if c.bindable is None:
            continue
        if c.bindable and not c.reasons:
            continue
        if c.bindable:
            verdict = _("a server can bind it now")
        else:
            verdict = _("binding it fails now ({error})").format(error=c.error)
        print(f"{c.transport.upper()} {port}: {style(verdict, 'bold')}")
        for r in c.reasons:
            mark = _("blocks") if r.blocks else _("note")
            print(f"  {style(mark, 'yellow' if r.blocks else 'dim')}: {r.text.render(_)}")


# --- ls -------------------------------------------------------------------------------


def _ls(args: argparse.Namespace) -> int:
    from portpedia.cli._lang import gettext
    from portpedia.cli._term import emit_json, fail, style
    from portpedia.local._select import parse_selection

    selection = parse_selection(args.pid, args.process, args.user)
    if selection and args.no_owners:
        return fail("--pid, --process and --user need the owners: drop --no-owners")
    scan, elapsed = _scan(args, listening_only=not (args.all or selection), gettext=gettext())
    if selection:
        scan = scan._replace(sockets=selection.pick(scan.sockets))
        if not scan.sockets:
            if not args.json:
                sys.stderr.write(f"portpedia: no socket here is held by {selection.describe()}\n")
            else:
                emit_json(scan.to_dict())
            return 1
    if args.json:
        emit_json({**scan.to_dict(), "containers": _containers_json(scan.sockets)})
    else:
        rows = [("PROTO", "LOCAL", "REMOTE", "STATE", "PROCESS", "WHAT")]
        for s in scan.sockets:
            proto = s.transport + ("6" if s.family == "ipv6" else "")
            ns = _ns_text(s)
            where = next((w for o in s.owners if (w := _where(o))), None)
            extra = "".join(f" [{x}]" for x in (ns, where) if x)
            rows.append(
                (proto, s.local, s.remote or "*", s.state, _owners_text(s), s.reading + extra)
            )
        keep = [0, 1, 2, 3, 4, 5] if args.all or selection else [0, 1, 3, 4, 5]
        widths = [max(len(r[i]) for r in rows) for i in range(6)]
        for n, row in enumerate(rows):
            cells = [row[i].ljust(widths[i]) if i != 5 else row[i] for i in keep]
            line = "  ".join(cells).rstrip()
            print(style(line, "bold") if n == 0 else line)
        if any(s.owner_status in ("hidden", "protected") for s in scan.sockets):
            print(
                style("? = owner not visible" + ("" if scan.privileged else " without root"), "dim")
            )
    if args.verbose:
        _print_verbose(scan, elapsed)
    return 0


# --- kill -----------------------------------------------------------------------------


def _confirm(question: str) -> bool:
    sys.stderr.write(question + " [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    return answer in ("y", "yes")


def _target_line(t: KillTarget) -> str:
    o = t.owner
    user = f", user {o.user}" if o.user else ""
    refused = f" -- refused: {t.refused}" if t.refused else ""
    return f"pid {o.pid} {o.name}{user} ({t.reason}): {o.command}{refused}"


def _kill(args: argparse.Namespace) -> int:
    import signal as signals

    from portpedia.cli._lang import gettext
    from portpedia.cli._term import emit_json, fail
    from portpedia.local import KillRefusedError, parse_signal
    from portpedia.local._kill import kill, kill_targets, parse_timeout

    _ = gettext()

    port, transport = _parse(args.port)
    sig = parse_signal(args.signal)
    timeout = parse_timeout(args.timeout)  # before anything is signalled
    targets = kill_targets(port, transport, tree=args.tree)
    if not targets:
        listeners = _filter(_listeners(port), transport)
        if listeners:
            note = _(listeners[0].owner_note or "no owner found")
            return fail(_("port {port} is in use but {note}").format(port=port, note=note), 1)
        return fail(_("nothing listens on port {port} here").format(port=port), 1)
    if args.dry_run:
        if args.json:
            emit_json({"port": port, "dry_run": True, "signal": sig.name,
                       "targets": [t.to_dict() for t in targets]})  # fmt: skip
        else:
            print(_("portpedia kill {port} would send {signal} to:").format(
                port=port, signal=sig.name))  # fmt: skip
            for t in targets:
                print(f"  {_target_line(t)}")
        return 0
    boxed = _container_targets(targets)
    if boxed:
        lines = [_("port {port} belongs to a container; stop it with its runtime instead:")
                 .format(port=port)]  # fmt: skip
        lines += [f"  {label}: {command}" for label, command in boxed]
        if args.json:
            stops = [{"label": label, "stop_command": command} for label, command in boxed]
            emit_json({"port": port, "dry_run": args.dry_run, "containers": stops})
        else:
            print("\n".join(lines))
        return 1
    allowed = [t for t in targets if not t.refused]
    if not allowed:
        raise KillRefusedError(
            f"refusing to signal pid {targets[0].owner.pid}: {targets[0].refused}"
        )
    if not args.yes:
        if not sys.stdin.isatty():
            raise KillRefusedError(
                "refusing to send a signal without confirmation: stdin is not a terminal; "
                "pass --yes (or look first with --dry-run)"
            )
        for t in allowed:
            if not _confirm(f"Send {sig.name} to {_target_line(t)}?"):
                sys.stderr.write("nothing sent\n")
                return 1
    escalate = not args.no_escalate and sig != signals.SIGKILL
    outcomes = kill(targets, sig, timeout=timeout, escalate=escalate)
    still = _filter(_listeners(port), transport)
    holders = sorted({(o.pid, o.name) for s in still for o in s.owners})
    if args.json:
        emit_json({"port": port, "dry_run": False, "port_free": not still,
                   "still_held_by": [{"pid": p, "name": n} for p, n in holders],
                   "results": [o.to_dict() for o in outcomes]})  # fmt: skip
    else:
        for r in outcomes:
            who = f"pid {r.owner.pid} ({r.owner.name})"
            sent = _(", then ").join(r.signals)
            if not r.sent:
                print(_("{who}: not signalled: {error}").format(who=who, error=r.error))
            elif r.exited:
                print(_("{who}: sent {signals}, it exited").format(who=who, signals=sent))
            elif "SIGKILL" in r.signals:
                print(_("{who}: sent {signals}, still running").format(who=who, signals=sent))
            else:
                print(_("{who}: sent {signals}, still running; --signal KILL forces it").format(
                    who=who, signals=sent))  # fmt: skip
        if still:
            names = ", ".join(f"pid {p} ({n})" for p, n in holders) or _(
                "a process portpedia cannot see"
            )
            print(_("port {port} is still in use: held by {names}").format(port=port, names=names))
        else:
            print(_("port {port} is free now").format(port=port))
    return 0 if not still else 1


def _container_targets(targets: tuple[KillTarget, ...]) -> list[tuple[str, str]]:
    """(label, stop command) for every target that is a container's process or proxy."""
    from portpedia.local._containers import container_of, docker_by_address, proxy_target

    found: dict[str, str] = {}
    for t in targets:
        proxy = proxy_target(t.owner.cmdline)
        box = (
            docker_by_address(proxy.address)
            if proxy
            else container_of(t.owner.pid, uid=t.owner.uid)
        )
        if box is not None:
            found[box.label] = box.stop_command
        elif proxy is not None:
            found[f"docker-proxy for {proxy.address}:{proxy.port}"] = (
                "docker ps  # then: docker stop NAME"
            )
    return list(found.items())


def _listeners(port: int) -> Scan:
    from portpedia.local import scan

    found = scan(port, listening_only=True, readings=False)
    return found._replace(sockets=tuple(s for s in found.sockets if s.local_port == port))


# --- free -----------------------------------------------------------------------------


def _free_near(args: argparse.Namespace) -> int:
    from portpedia.cli._term import emit_json, fail
    from portpedia.cli.check import windows_excluded
    from portpedia.explain.choice import near
    from portpedia.local import is_free
    from portpedia.ports import parse_number

    start = parse_number(args.near)
    choice = near(start, is_free, excluded=windows_excluded())
    if choice is None:
        return fail(f"no good port within 2000 of {start}", 1)
    if args.json:
        emit_json(choice.to_dict())
    else:
        print(choice.port)
    return 0


def _assigned() -> Any:
    try:
        from portpedia.explain import service_name
    except ImportError:
        return None

    def check(port: int) -> bool:
        try:
            return service_name(port, "tcp") is not None
        except Exception:  # the registry is a preference here, not a requirement
            return False

    return check


def _free(args: argparse.Namespace) -> int:
    from portpedia.cli._term import emit_json
    from portpedia.errors import InvalidPortError
    from portpedia.local import ephemeral_range, free_port
    from portpedia.ports import parse_number

    if args.near is not None:
        return _free_near(args)
    low_text, sep, high_text = args.port_range.partition("-")
    if not sep:
        raise InvalidPortError(f"--range wants LOW-HIGH, e.g. 1024-49151, not {args.port_range!r}")
    low, high = parse_number(low_text), parse_number(high_text)
    if low > high or low == 0:
        raise InvalidPortError(f"--range {args.port_range}: need 1 <= LOW <= HIGH")
    port = free_port(low, high, assigned=_assigned())
    if args.json:
        eph = ephemeral_range()
        emit_json({"port": port, "ephemeral_range": list(eph), "transport": "tcp"})
    else:
        print(port)
    return 0
