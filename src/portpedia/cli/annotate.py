"""``portpedia annotate [FILE]``: explain every port in pasted ss/netstat/lsof/log text.

ss -tulpn | portpedia annotate
portpedia annotate /var/log/ufw.log --json
"""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser, name: str) -> None:
    parser.description = (
        "Explain every port found in text: output of ss, netstat (Linux, Windows -ano, macOS), "
        "lsof, docker ps, nmap, and ufw, iptables/nftables, pf and Windows Firewall logs. "
        "Reads standard input without FILE."
    )
    parser.add_argument("file", nargs="?", help="a file to read (default: standard input)")
    parser.add_argument("--json", action="store_true", help="one object per port, as JSON")


def _read(path: str | None) -> str:
    from portpedia.errors import PortpediaError
    from portpedia.explain.annotate import MAX_TEXT

    limit = MAX_TEXT
    try:
        if path is None or path == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as f:
                data = f.read(limit + 1)
    except OSError as exc:
        raise PortpediaError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise PortpediaError(
            f"the text is larger than {limit // (1024 * 1024)} MB: pass a part of it"
        )
    if b"\0" in data[:65536]:
        raise PortpediaError("that is a binary file, not text")
    return data.decode("utf-8", errors="replace")


def run(args: argparse.Namespace) -> int:
    from portpedia.cli._lang import gettext
    from portpedia.cli._term import emit_json
    from portpedia.explain.annotate import annotate, render_text

    text = _read(args.file)
    notes = annotate(text, gettext())
    if args.json:
        emit_json({"ports": [n.to_dict() for n in notes]})
    else:
        sys.stdout.write(render_text(text, notes, gettext()))
        if not notes:
            sys.stderr.write("portpedia: no port found in the text\n")
    return 0 if notes else 1
