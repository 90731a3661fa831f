"""Reading a PNG file's pixels with the standard library (zlib), for the browser check of
the report: its size, and how much of it is not background.

Only what Chromium writes is read: 8 bits per channel, greyscale, RGB or RGBA (colour
types 0, 2, 6), not interlaced. Anything else raises ValueError.
"""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from pathlib import Path

SIGNATURE = b"\x89PNG\r\n\x1a\n"

_CHANNELS = {0: 1, 2: 3, 6: 4}


class Image:
    """A decoded PNG: ``width`` and ``height`` in pixels, ``rows`` of bytes (``channels``
    bytes a pixel, unfiltered)."""

    def __init__(self, width: int, height: int, channels: int, rows: list[bytes]) -> None:
        self.width = width
        self.height = height
        self.channels = channels
        self.rows = rows

    def pixels(self, top: int = 0, bottom: int | None = None) -> Counter[bytes]:
        """How many times each colour (its bytes) occurs in rows ``top`` to ``bottom``
        (exclusive; default: to the end), every 2nd pixel of every 2nd row."""
        found: Counter[bytes] = Counter()
        step = self.channels
        for row in self.rows[top:bottom:2]:
            for start in range(0, len(row), 2 * step):
                found[row[start : start + step]] += 1
        return found

    def ink(self, top: int = 0, bottom: int | None = None) -> float:
        """The share (0 to 1) of the pixels of rows ``top`` to ``bottom`` that are not the
        most common colour (the background)."""
        counts = self.pixels(top, bottom)
        total = sum(counts.values())
        if not total:
            return 0.0
        return 1 - counts.most_common(1)[0][1] / total


def read_png(path: Path) -> Image:
    """The pixels of the PNG file at ``path``. Raises ValueError for a file that is not a
    PNG this module reads."""
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not a PNG file")
    position = len(SIGNATURE)
    header = b""
    compressed = bytearray()
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            compressed += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in _CHANNELS or interlace:
        raise ValueError(f"{path}: PNG of depth {depth}, colour type {colour}: not read here")
    channels = _CHANNELS[colour]
    raw = zlib.decompress(bytes(compressed))
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1 : start + 1 + stride])
        _unfilter(kind, row, previous, channels)
        rows.append(bytes(row))
        previous = row
    return Image(width, height, channels, rows)


def _unfilter(kind: int, row: bytearray, previous: bytearray, step: int) -> None:
    """Undo the PNG filter ``kind`` of ``row`` in place (RFC 2083, section 6)."""
    if kind == 0:
        return
    for i in range(len(row)):
        left = row[i - step] if i >= step else 0
        up = previous[i]
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            corner = previous[i - step] if i >= step else 0
            guess = left + up - corner
            near = min(
                (abs(guess - left), 0, left),
                (abs(guess - up), 1, up),
                (abs(guess - corner), 2, corner),
            )[2]
            row[i] = (row[i] + near) & 0xFF
        else:
            raise ValueError(f"unknown PNG filter {kind}")
