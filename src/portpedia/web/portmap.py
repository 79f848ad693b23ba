"""The map of every port as one PNG: 256 x 256 pixels, port ``n`` at column ``n % 256``,
row ``n // 256``, coloured by its IANA status within its range. Pure Python and zlib.
"""

from __future__ import annotations

import struct
import zlib
from functools import lru_cache
from typing import NamedTuple

from portpedia.i18n import N_

SIDE = 256  # pixels per row and rows: one pixel per port
RGB = tuple[int, int, int]

# (range key, status) -> colour. Darker means assigned; the hue says the range.
COLOURS: dict[tuple[str, str], RGB] = {
    ("system", "assigned"): (29, 78, 216),
    ("system", "reserved"): (100, 100, 100),
    ("system", "unassigned"): (191, 209, 245),
    ("user", "assigned"): (21, 128, 61),
    ("user", "reserved"): (100, 100, 100),
    ("user", "unassigned"): (200, 235, 210),
    ("dynamic", "assigned"): (161, 98, 7),
    ("dynamic", "dynamic"): (250, 226, 170),
}
STATUS_NAMES = {
    "assigned": N_("assigned by IANA"),
    "reserved": N_("reserved by IANA"),
    "unassigned": N_("unassigned"),
    "dynamic": N_("dynamic (never assigned)"),
}


class LegendRow(NamedTuple):
    range_key: str
    status: str
    colour: str  # "#1d4ed8"
    label: str  # N_-marked


def legend() -> tuple[LegendRow, ...]:
    return tuple(
        LegendRow(r, s, "#{:02x}{:02x}{:02x}".format(*c), STATUS_NAMES[s])
        for (r, s), c in COLOURS.items()
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def encode_png(width: int, height: int, pixels: bytes) -> bytes:
    """An 8-bit RGB PNG of ``pixels`` (``width * height * 3`` bytes, rows top to bottom)."""
    stride = width * 3
    raw = b"".join(b"\x00" + pixels[y * stride : (y + 1) * stride] for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def map_png() -> bytes:
    """The map of the loaded registry (kept until the registry changes)."""
    from portpedia.registry import load

    return _map_png(load())


@lru_cache(maxsize=2)
def _map_png(registry: object) -> bytes:
    from portpedia.explain.port_map import port_statuses
    from portpedia.explain.status import STATUSES
    from portpedia.knowledge.ranges import range_of

    statuses = port_statuses(registry)  # type: ignore[arg-type]
    keys = [range_of(p).key for p in range(0, SIDE * SIDE, 1024)]
    palette = {(r, i): bytes(COLOURS[(r, s)]) for (r, s) in COLOURS
               for i, name in enumerate(STATUSES) if name == s}  # fmt: skip
    pixels = b"".join(palette[(keys[p // 1024], statuses[p])] for p in range(SIDE * SIDE))
    return encode_png(SIDE, SIDE, pixels)
