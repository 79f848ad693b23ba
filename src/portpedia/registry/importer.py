"""Turn IANA's published registry files (XML or CSV) into :class:`Snapshot` objects.

This is the only module that understands IANA's formats. Both parsers normalise text the
same way (lines stripped, blank edges dropped) so an XML and a CSV of the same registry
version yield the same entries.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from portpedia.errors import RegistryFormatError
from portpedia.registry.model import IanaEntry, Snapshot

_NS = "{http://www.iana.org/assignments}"
_CSV_HEADER = [
    "Service Name",
    "Port Number",
    "Transport Protocol",
    "Description",
    "Assignee",
    "Contact",
    "Registration Date",
    "Modification Date",
    "Reference",
    "Service Code",
    "Unauthorized Use Reported",
    "Assignment Notes",
]
_PORT_RE = re.compile(r"^(\d{1,5})(?:-(\d{1,5}))?$")

# Bounds, with room to spare: IANA's XML is about 4 MB, its longest field about 1.5 KB, and
# its records sit 4 elements deep. Anything beyond them is not IANA's registry, and each
# costs memory or time (a 50 MB field made the terminal output crawl).
MAX_BYTES = 16 * 1024 * 1024
MAX_FIELD = 16 * 1024
MAX_DEPTH = 32
# C0 controls but tab, newline and carriage return, and DEL: nothing IANA publishes has them,
# and printed to a terminal they are commands, not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines()]
    return "\n".join(lines)


def parse_ports(text: str, where: str) -> tuple[int | None, int | None]:
    text = text.strip()
    if not text:
        return None, None
    m = _PORT_RE.match(text)
    if not m:
        raise RegistryFormatError(f"{where}: bad port number {text!r}")
    low = int(m.group(1))
    high = int(m.group(2)) if m.group(2) else low
    if not (0 <= low <= high <= 65535):
        raise RegistryFormatError(f"{where}: port range {text!r} is outside 0-65535")
    return low, high


def load_file(path: str | Path) -> Snapshot:
    """Parse an IANA registry file, choosing the format from its first bytes.

    At most :data:`MAX_BYTES` are read, so ``/dev/zero`` or a huge file is refused quickly.
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise RegistryFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_bytes(data, source=path.name)


def _too_big(name: str) -> RegistryFormatError:
    return RegistryFormatError(
        f"{name} is larger than {MAX_BYTES // (1024 * 1024)} MB; IANA's registry is about "
        "4 MB, so this is not it"
    )


def parse_bytes(data: bytes, source: str = "") -> Snapshot:
    if len(data) > MAX_BYTES:
        raise _too_big(source or "the registry file")
    head = data.lstrip()[:200]
    if head.startswith(b"<"):
        return parse_xml(data, source=source)
    return parse_csv(data, source=source)


# --- XML --------------------------------------------------------------------------------


def _xref_ref(x: ET.Element) -> str:
    kind = x.get("type", "")
    data = x.get("data", "")
    text = clean_text("".join(x.itertext()))
    if kind == "rfc":
        return f"[{data.upper()}]"
    if kind == "uri":
        return f"[{text or data}]"
    if kind == "text":
        return f"[{text}]"
    return f"[{data}]"


def _rich_text(el: ET.Element | None) -> str:
    """Flatten an element with <br/>, <paragraph> and inline <xref> into plain text."""
    if el is None:
        return ""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag.removeprefix(_NS)
            if tag == "br":
                parts.append("\n")
            elif tag == "xref":
                parts.append(_xref_ref(child))
            elif tag == "paragraph":
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return re.sub(r"\n{2,}", "\n", clean_text("".join(parts)))


def _parse_tree(data: bytes, name: str) -> ET.Element:
    """The XML tree, refused as soon as it nests deeper than MAX_DEPTH (which would make the
    recursive walks below raise RecursionError)."""
    parser = ET.XMLPullParser(events=("start", "end"))
    root: ET.Element | None = None
    depth = 0
    step = 1 << 16
    try:
        for offset in range(0, len(data) + step, step):
            if offset < len(data):
                parser.feed(data[offset : offset + step])
            else:
                parser.close()
            for event, element in parser.read_events():
                if event == "start":
                    depth += 1
                    if root is None:
                        root = element
                    if depth > MAX_DEPTH:
                        raise RegistryFormatError(
                            f"{name}: elements nest more than {MAX_DEPTH} deep; "
                            "IANA's registry is not built like that"
                        )
                else:
                    depth -= 1
    except ET.ParseError as exc:
        raise RegistryFormatError(f"{name}: not a well-formed registry ({exc})") from None
    if root is None:
        raise RegistryFormatError(f"{name}: not a well-formed registry (no elements)")
    return root


def _check_entries(entries: Sequence[IanaEntry], where: Callable[[int], str]) -> None:
    """Refuse over-long or control-character fields and repeated records."""
    seen: dict[IanaEntry, int] = {}
    for i, entry in enumerate(entries):
        for field, value in zip(IanaEntry._fields, entry, strict=True):
            if isinstance(value, str) and len(value) > MAX_FIELD:
                raise RegistryFormatError(
                    f"{where(i)}: the {field} field is {len(value)} characters long; "
                    f"at most {MAX_FIELD} are accepted"
                )
        first = seen.setdefault(entry, i)
        if first != i:
            repeats = len(entries) - len(set(entries))
            raise RegistryFormatError(
                f"{where(i)} repeats {where(first)} exactly ({repeats} repeated records in "
                "all); IANA's registry has none, so this file was put together wrongly"
            )


def parse_xml(data: bytes, source: str = "") -> Snapshot:
    if len(data) > MAX_BYTES:
        raise _too_big(source or "the registry file")
    root = _parse_tree(data, source or "XML")
    if root.tag != f"{_NS}registry":
        raise RegistryFormatError(f"{source or 'XML'}: root element is not an IANA <registry>")
    updated = (root.findtext(f"{_NS}updated") or "").strip()
    entries: list[IanaEntry] = []
    for i, rec in enumerate(root.iter(f"{_NS}record"), 1):
        where = f"{source or 'XML'} record {i}"
        low, high = parse_ports(rec.findtext(f"{_NS}number") or "", where)
        assignee_el = rec.find(f"{_NS}assignee")
        assignee = ""
        if assignee_el is not None:
            assignee = "".join(f"[{x.get('data', '')}]" for x in assignee_el.iter(f"{_NS}xref"))
        contact_parts: list[str] = []
        refs: list[str] = []
        for x in rec.findall(f"{_NS}xref"):
            if x.get("type") == "person":
                contact_parts.append(f"[{x.get('data', '')}]")
            else:
                refs.append(_xref_ref(x))
        contact = "".join(contact_parts)
        if assignee_el is None and contact:
            assignee = contact
        entries.append(
            IanaEntry(
                service=(rec.findtext(f"{_NS}name") or "").strip(),
                low=low,
                high=high,
                transport=(rec.findtext(f"{_NS}protocol") or "").strip().lower(),
                description=_rich_text(rec.find(f"{_NS}description")),
                assignee=assignee,
                contact=contact,
                registered=rec.get("date", ""),
                modified=rec.get("updated", ""),
                reference="".join(refs),
                service_code=(rec.findtext(f"{_NS}sc") or "").strip(),
                unauthorized=_rich_text(rec.find(f"{_NS}unauthorized")),
                notes=_rich_text(rec.find(f"{_NS}note")),
            )
        )
    if not entries:
        raise RegistryFormatError(f"{source or 'XML'}: the registry has no records")
    _check_entries(entries, lambda i: f"{source or 'XML'} record {i + 1}")
    people: dict[str, str] = {}
    for person in root.iter(f"{_NS}person"):
        pid = person.get("id", "")
        name = (person.findtext(f"{_NS}name") or person.findtext(f"{_NS}org") or "").strip()
        if pid and name:
            people[pid] = clean_text(name)
    footnotes = {
        fn.get("anchor", ""): clean_text("".join(fn.itertext()))
        for fn in root.iter(f"{_NS}footnote")
    }
    return Snapshot(updated, tuple(entries), people, footnotes, source)


# --- CSV --------------------------------------------------------------------------------


def parse_csv(data: bytes, source: str = "") -> Snapshot:
    name = source or "CSV"
    if len(data) > MAX_BYTES:
        raise _too_big(name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegistryFormatError(f"{name}: not UTF-8 text ({exc.reason})") from None
    control = _CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        raise RegistryFormatError(
            f"{name} line {line}: control character U+{ord(control.group()):04X} "
            "(IANA's registry has none, and a terminal would obey it)"
        )
    # The reader's own limit is the file's: fields are measured below, with a clear message
    # (the module-wide limit is only ever raised, so other readers are unaffected).
    csv.field_size_limit(max(csv.field_size_limit(), MAX_BYTES + 1))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _csv_rows(reader, name, source)
    except csv.Error as exc:
        raise RegistryFormatError(f"{name} line {reader.line_num}: {exc}") from None


def _csv_rows(reader: Any, name: str, source: str) -> Snapshot:
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != _CSV_HEADER:
        raise RegistryFormatError(
            f"{name}: the first line is not IANA's registry header "
            f"({', '.join(_CSV_HEADER[:3])}, ...)"
        )
    entries: list[IanaEntry] = []
    lines: list[int] = []
    for row in reader:
        where = f"{name} line {reader.line_num}"
        if not any(row):
            continue
        if len(row) != len(_CSV_HEADER):
            raise RegistryFormatError(f"{where}: expected 12 fields, found {len(row)}")
        for title, value in zip(_CSV_HEADER, row, strict=True):
            if len(value) > MAX_FIELD:
                raise RegistryFormatError(
                    f"{where}: the {title} field is {len(value)} characters long; "
                    f"at most {MAX_FIELD} are accepted"
                )
        lines.append(reader.line_num)
        low, high = parse_ports(row[1], where)
        entries.append(
            IanaEntry(
                service=row[0].strip(),
                low=low,
                high=high,
                transport=row[2].strip().lower(),
                description=clean_text(row[3]),
                assignee=row[4].strip(),
                contact=row[5].strip(),
                registered=row[6].strip(),
                modified=row[7].strip(),
                reference=clean_text(row[8]),
                service_code=row[9].strip(),
                unauthorized=clean_text(row[10]),
                notes=clean_text(row[11]),
            )
        )
    if not entries:
        raise RegistryFormatError(f"{name}: the registry has no records")
    _check_entries(entries, lambda i: f"{name} line {lines[i]}")
    # IANA's CSV carries no date of its own; the newest row date is the best stand-in.
    dates = [d for e in entries for d in (e.registered, e.modified) if d]
    return Snapshot(max(dates, default=""), tuple(entries), {}, {}, source)
