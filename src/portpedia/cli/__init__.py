"""The ``portpedia`` command.

``portpedia PORT`` explains a port; other first words name a subcommand. Each subcommand
lives in its own module, imported only when used, so a lookup pays for nothing else.
A module provides ``configure(parser, name)`` and ``run(args) -> int``, and may provide
``quick_parse(argv, name)``: the namespace argparse would build for argv, or None to let
argparse parse it.
"""

from __future__ import annotations

import importlib
import sys

TYPE_CHECKING = False  # typing is not imported on the lookup path just for annotations
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import NoReturn

# name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "explain": ("portpedia.cli.explain", "explain a port, port/protocol or service name"),
    "search": ("portpedia.cli.search", "search service names and descriptions"),
    "who": ("portpedia.cli.who", "show every socket on this machine using a port"),
    "ls": ("portpedia.cli.who", "list listening sockets (all sockets with --all)"),
    "kill": ("portpedia.cli.who", "stop the process listening on a port"),
    "free": ("portpedia.cli.who", "print a port that is free now and outside the ephemeral range"),
    "annotate": ("portpedia.cli.annotate", "explain every port in pasted ss/netstat/lsof/log text"),
    "check": ("portpedia.cli.check", "judge whether a port is a good one for a new service"),
    "wait": ("portpedia.cli.wait", "wait until a port is listening (or free), for scripts"),
    "ephemeral": ("portpedia.cli.ephemeral", "show this machine's ephemeral port pool"),
    "serve": ("portpedia.cli.serve", "run the website"),
    "app": ("portpedia.cli.app", "which ports a product needs (app --list for every product)"),
    "firewall": (
        "portpedia.cli.firewall",
        "firewall rules that open or close a port or a product's ports",
    ),
    "export": ("portpedia.cli.export", "write the whole website as static files"),
    "map": ("portpedia.cli.map", "write the map of every port as a PNG (--output map.png)"),
    "feedback": ("portpedia.cli.feedback", "feedback statistics and CSV export"),
    "registry": ("portpedia.cli.registry", "update, import or rebuild the IANA registry data"),
    "data": ("portpedia.cli.data", "export the knowledge base as an open dataset, or count it"),
}

USAGE = """\
usage: portpedia PORT[/PROTOCOL] [--protocol P] [--json]
       portpedia SERVICE-NAME [--json]
       portpedia COMMAND [options]   (portpedia COMMAND --help for details)

Explains every network port (0-65535) and shows who holds it on this machine.

commands:
{commands}

examples:
  portpedia 60463            what is port 60463?
  portpedia 6001 --protocol tcp
  portpedia ssh              ports of a service name
  portpedia 443 --json       the same report as JSON
  portpedia who 5432         which processes use port 5432 here

--lang CODE (any command) chooses the language of the output; by default it follows
LANGUAGE, LC_ALL, LC_MESSAGES and LANG.

exit status: 0 success, 1 not found or a check failed, 2 bad input.
"""


def _top_help() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name.ljust(width)}  {text}" for name, (_, text) in COMMANDS.items()]
    return USAGE.format(commands="\n".join(lines))


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("portpedia")
    except PackageNotFoundError:
        return "unknown"


def _one_line_error(prog: str) -> Callable[[str], NoReturn]:
    """argparse's error, as one line: bad input gets a message, not a page of usage."""

    def error(message: str) -> NoReturn:
        sys.stderr.write(f"{prog}: error: {message} (see {prog} --help)\n")
        raise SystemExit(2)

    return error


def _take_lang(args: list[str]) -> tuple[str | None, list[str]]:
    """``--lang CODE`` (or ``--lang=CODE``) anywhere before ``--``, removed from the args."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1], args[:i] + args[i + 2 :]
        if arg.startswith("--lang="):
            return arg[7:], args[:i] + args[i + 1 :]
    return None, args


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    lang, args = _take_lang(args)
    from portpedia.cli import _lang
    from portpedia.errors import PortpediaError

    try:
        _lang.choose(lang)
    except PortpediaError as exc:
        sys.stderr.write(f"portpedia: error: {exc}\n")
        return 2
    if not args or args[0] in ("-h", "--help", "help"):
        sys.stdout.write(_top_help())
        return 0 if args else 2
    if args[0] == "--version":
        sys.stdout.write(f"portpedia {_version()}\n")
        return 0
    name = args[0]
    if name in COMMANDS:
        args = args[1:]
    else:
        # Anything that is not a command is something to explain: "443", "80/tcp", "ssh".
        name = "explain"
    module = importlib.import_module(COMMANDS[name][0])
    global _fast_exit
    _fast_exit = bool(getattr(module, "FAST_EXIT", False))
    # A module may recognise its most common plain invocations itself (`who 5432`) and so
    # spare them argparse, ~2 ms of a command meant to answer faster than ss. Anything
    # else, --help and every error included, goes through argparse.
    quick = getattr(module, "quick_parse", None)
    ns = quick(args, name) if quick is not None else None
    if ns is None:
        import argparse

        parser = argparse.ArgumentParser(prog=f"portpedia {name}", description=COMMANDS[name][1])
        parser.error = _one_line_error(parser.prog)  # type: ignore[method-assign]
        module.configure(parser, name)
        ns = parser.parse_args(args)
    ns.command = name
    try:
        return int(module.run(ns) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `portpedia ls | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return 0
    except Exception as exc:
        if isinstance(exc, PortpediaError):
            message = exc.msg.render(_lang.gettext())
            sys.stderr.write(f"portpedia: error: {message}\n")
            return exc.exit_code
        raise


# Set by main() for a command whose module says FAST_EXIT: it holds nothing that needs
# releasing (no files being written, no connections, no child processes), so the console
# script may skip tearing the interpreter down, ~7 ms of a lookup that takes ~40.
_fast_exit = False


def entry() -> None:
    code = main()
    if _fast_exit:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            # A failed flush (a closed pipe, a full disk) is reported by the normal exit.
            sys.exit(code)
        import os

        os._exit(code)
    sys.exit(code)
