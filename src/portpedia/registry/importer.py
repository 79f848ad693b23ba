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
from pathlib import Path

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
    """Parse an IANA registry file, choosing the format from its first bytes."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RegistryFormatError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_bytes(data, source=path.name)


def parse_bytes(data: bytes, source: str = "") -> Snapshot:
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


def parse_xml(data: bytes, source: str = "") -> Snapshot:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise RegistryFormatError(f"{source or 'XML'}: not a well-formed registry ({exc})") from exc
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
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegistryFormatError(f"{name}: not UTF-8 text ({exc.reason})") from exc
    # IANA's longest field is a few KB; allow far more, but stay bounded.
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None or [h.strip() for h in header] != _CSV_HEADER:
        raise RegistryFormatError(
            f"{name}: the first line is not IANA's registry header "
            f"({', '.join(_CSV_HEADER[:3])}, ...)"
        )
    entries: list[IanaEntry] = []
    for row in reader:
        where = f"{name} line {reader.line_num}"
        if not any(row):
            continue
        if len(row) != len(_CSV_HEADER):
            raise RegistryFormatError(f"{where}: expected 12 fields, found {len(row)}")
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
    # IANA's CSV carries no date of its own; the newest row date is the best stand-in.
    dates = [d for e in entries for d in (e.registered, e.modified) if d]
    return Snapshot(max(dates, default=""), tuple(entries), {}, {}, source)
