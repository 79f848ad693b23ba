"""``portpedia check PORT``: is this a good port to give your own service?

Exit status: 0 when every check passes, 1 when one fails, 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.description = (
        "Judge a port for your own service: free now, not registered with IANA, not a popular "
        "tool's default, outside every OS's ephemeral range, not in a Windows excluded range."
    )
    parser.add_argument("port", help="the port number to judge")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")


def windows_excluded() -> frozenset[int] | None:
    """This machine's Windows excluded ports, or None off Windows (or when unreadable)."""
    if sys.platform != "win32":
        return None
    from portpedia.local._settings_common import SettingsError
    from portpedia.local._settings_windows import read

    try:
        return read().reserved
    except SettingsError:
        return None


def run(args: argparse.Namespace) -> int:
    from portpedia.cli._term import emit_json, style
    from portpedia.explain.choice import judge
    from portpedia.local import is_free
    from portpedia.ports import parse_number

    port = parse_number(args.port)
    choice = judge(port, free=is_free(port) if port else False, excluded=windows_excluded())
    if args.json:
        from portpedia.cli._lang import gettext

        emit_json(choice.to_dict(gettext()))
        return 0 if choice.good else 1
    from portpedia.cli._lang import gettext

    _ = gettext()
    if choice.good:
        verdict = _("Port {port} is a good choice for a new service.").format(port=port)
    else:
        verdict = _("Port {port} is not a good choice for a new service.").format(port=port)
    print(style(verdict, "bold"))
    for c in choice.criteria:
        mark = {True: "✓ ", False: "✗ ", None: "? "}[c.ok]
        colour = "green" if c.ok else "yellow" if c.ok is None else "red"
        print(f"  {style(mark, colour)}{c.text.render(_)}")
    if not choice.good:
        print(_("Try: portpedia free --near {port}").format(port=port))
    return 0 if choice.good else 1
