"""The shipped snapshot: a compact, line-oriented, deterministic dump of a :class:`Snapshot`.

One record per line, tab-separated, so a diff between two registry versions reads well and
loading needs no parser beyond ``str.split``. Lines start with a tag: ``U`` updated date,
``S`` source file, ``P`` person id and name, ``F`` footnote, then ``E`` entries (the
twelve IANA fields): range rows, single ports in ascending order, name-only rows. Tabs,
newlines, backslashes and non-ASCII characters inside fields are escaped, so the file is
pure ASCII.
"""

from __future__ import annotations

from portpedia.errors import RegistryFormatError
from portpedia.registry.model import IanaEntry, Snapshot

MAGIC = "#portpedia-iana-snapshot 1"
_ESC = {"\\": "\\\\", "\t": "\\t", "\n": "\\n"}
_UNESC = {"\\": "\\", "t": "\t", "n": "\n"}


def _esc(text: str) -> str:
    # Pure ASCII output keeps the loaded text a 1-byte-per-character string (one "√" in a
    # description would double its size and slow every search over it).
    if text.isascii() and "\\" not in text and "\t" not in text and "\n" not in text:
        return text
    out = []
    for c in text:
        if c in _ESC:
            out.append(_ESC[c])
        elif c.isascii():
            out.append(c)
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    return "".join(out)


def unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c != "\\" or i + 1 >= n:
            out.append(c)
            i += 1
            continue
        kind = text[i + 1]
        if kind in "uU":
            width = 4 if kind == "u" else 8
            out.append(chr(int(text[i + 2 : i + 2 + width], 16)))
            i += 2 + width
        else:
            out.append(_UNESC.get(kind, ""))
            i += 2
    return "".join(out)


def _entry_sort_key(e: IanaEntry) -> tuple[bool, int, int, str, str]:
    # Range rows first (a short block a lookup can read whole), then single ports in
    # ascending order for bisection, then name-only rows.
    low = 65536 if e.low is None else e.low
    return (not e.is_range, low, e.high or 0, e.transport, e.service)


def dumps(snap: Snapshot) -> str:
    lines = [MAGIC, f"U\t{_esc(snap.updated)}", f"S\t{_esc(snap.source)}"]
    # A stable order keeps regenerated files diffable;
    # sorted() is stable, so IANA's own order breaks remaining ties.
    # People and footnotes come first so the entries run to the end of the file, and a
    # lookup can bisect them without first searching for where they stop.
    lines.extend(f"P\t{_esc(k)}\t{_esc(v)}" for k, v in sorted(snap.people.items()))
    lines.extend(f"F\t{_esc(k)}\t{_esc(v)}" for k, v in sorted(snap.footnotes.items()))
    for e in sorted(snap.entries, key=_entry_sort_key):
        fields = (
            e.service,
            e.port_text,
            e.transport,
            e.description,
            e.assignee,
            e.contact,
            e.registered,
            e.modified,
            e.reference,
            e.service_code,
            e.unauthorized,
            e.notes,
        )
        lines.append("E\t" + "\t".join(_esc(f) for f in fields))
    return "\n".join(lines) + "\n"


def loads(text: str, origin: str = "snapshot") -> Snapshot:
    if not text.startswith(MAGIC):
        raise RegistryFormatError(f"{origin}: not a portpedia registry snapshot")
    updated = source = ""
    entries: list[IanaEntry] = []
    people: dict[str, str] = {}
    footnotes: dict[str, str] = {}
    for n, line in enumerate(text.split("\n")[1:], 2):
        if not line:
            continue
        f = line.split("\t")
        tag = f[0]
        try:
            if tag == "E":
                entries.append(entry_from_line(line, f"{origin} line {n}"))
            elif tag == "P":
                people[unescape(f[1])] = unescape(f[2])
            elif tag == "F":
                footnotes[unescape(f[1])] = unescape(f[2])
            elif tag == "U":
                updated = unescape(f[1])
            elif tag == "S":
                source = unescape(f[1])
        except (IndexError, ValueError) as exc:
            raise RegistryFormatError(f"{origin} line {n}: damaged record") from exc
    if not entries:
        raise RegistryFormatError(f"{origin}: the snapshot holds no records")
    return Snapshot(updated, tuple(entries), people, footnotes, source)


def entry_from_line(line: str, where: str = "snapshot") -> IanaEntry:
    f = line.split("\t")
    if len(f) != 13:
        raise RegistryFormatError(f"{where}: damaged record")
    port = f[2]
    if port:
        lo, _, hi = port.partition("-")
        low: int | None = int(lo)
        high: int | None = int(hi) if hi else low
    else:
        low = high = None
    u = unescape
    return IanaEntry(
        u(f[1]), low, high, u(f[3]), u(f[4]), u(f[5]), u(f[6]), u(f[7]), u(f[8]), u(f[9]),
        u(f[10]), u(f[11]), u(f[12]),
    )  # fmt: skip
