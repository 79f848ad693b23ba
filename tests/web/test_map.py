"""/map and /map.png: the PNG decodes, its pixels say each port's status, the CLI writes it."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import html5lib

from portpedia.explain import port_status
from portpedia.knowledge.ranges import range_of
from portpedia.web.portmap import COLOURS


def _decode(data: bytes) -> tuple[int, int, list[bytes]]:
    """A strict reader of 8-bit RGB PNGs, independent of the writer: signature, chunk CRCs,
    every filter type. Returns width, height and the unfiltered rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
        if kind == b"IEND":
            break
    assert pos == len(data)
    width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, colour, interlace) == (8, 2, 0)
    raw = zlib.decompress(idat)
    stride = width * 3
    assert len(raw) == height * (stride + 1)
    rows: list[bytes] = []
    prev = bytes(stride)
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            a = line[i - 3] if i >= 3 else 0
            b = prev[i]
            c = prev[i - 3] if i >= 3 else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
            else:
                assert kind == 0
        rows.append(bytes(line))
        prev = bytes(line)
    return width, height, rows


def _pixel(rows: list[bytes], port: int) -> tuple[int, int, int]:
    row, x = rows[port // 256], port % 256 * 3
    return row[x], row[x + 1], row[x + 2]


def test_map_png_pixels_match_each_ports_status(client) -> None:
    r = client.get("/map.png")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png"
    width, height, rows = _decode(r.content)
    assert (width, height) == (256, 256)
    for port in (0, 22, 443, 1023, 1024, 3389, 5432, 49151, 49152, 60463, 65535):
        expected = COLOURS[(range_of(port).key, port_status(port))]
        assert _pixel(rows, port) == expected, port
    # Known statuses, not only consistency: 443 is assigned, 0 reserved, 60463 dynamic.
    assert _pixel(rows, 443) == COLOURS[("system", "assigned")]
    assert _pixel(rows, 0) == COLOURS[("system", "reserved")]
    assert _pixel(rows, 60463) == COLOURS[("dynamic", "dynamic")]


def test_map_page(client) -> None:
    html = client.get("/map").text
    html5lib.HTMLParser(strict=True).parse(html)
    assert 'href="/map.png"' in html
    # Without JavaScript each row links to its block; the range list is on the page too.
    assert html.count('class="map-row"') == 256 and 'href="/ports?from=65280"' in html
    assert 'href="/ranges/dynamic"' in html and 'id="map-port-link"' in html
    assert "Linux" in html and "32768" in html and "Legend" in html
    bn = client.get("/bn/map").text
    assert '<html lang="bn"' in bn and 'href="/bn/ports?from=256"' in bn


def test_cli_map_writes_the_png(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    done = subprocess.run([sys.executable, "-m", "portpedia", "map", "--output", str(out)],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    width, height, _rows = _decode(out.read_bytes())
    assert (width, height) == (256, 256)
    bad = subprocess.run([sys.executable, "-m", "portpedia", "map", "--output",
                          str(tmp_path / "missing" / "map.png")],
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
