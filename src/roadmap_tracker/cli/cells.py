"""Terminal cells: how many columns a string takes, and strings cut or padded to a number of
columns, measured as rich measures them, without importing rich.

Ported from rich 15's ``rich/cells.py`` (Copyright (c) 2020 Will McGugan, MIT licence),
with its table of Unicode 17.0.0 widths (:mod:`.cell_table`, from the wcwidth project):
zero for combining marks, joiners and control characters, two for wide East Asian
characters and emoji, one for everything else; a zero-width joiner joins the next character
to the one before it, and the emoji variation selector (U+FE0F) widens the characters that
have a narrow text form. Like rich, each character's width is looked up once, and strings
of only one-cell characters take a fast path. rich's ``UNICODE_VERSION`` variable is not
read: the widths are the latest table's.

Serves the plain console (:mod:`.plain_console`) and styled text (:mod:`.styled_text`), and
through :mod:`.terminal` every view that pads or cuts a column.
"""

from __future__ import annotations

import bisect
from functools import cache, lru_cache

_ZERO_WIDTH_JOINER = "\u200d"
_VARIATION_SELECTOR_16 = "\ufe0f"

_SINGLE_CELL_RANGES = (
    (0x20, 0x7E),  # Latin (excluding non-printable)
    (0xA0, 0xAC),
    (0xAE, 0x002FF),
    (0x00370, 0x00482),  # Greek / Cyrillic
    (0x02500, 0x025FC),  # Box drawing, box elements, geometric shapes
    (0x02800, 0x028FF),  # Braille
)
"""rich's fast path: strings of only these characters are as wide as they are long."""


@cache
def _single_cells() -> frozenset[str]:
    return frozenset(
        chr(code) for start, end in _SINGLE_CELL_RANGES for code in range(start, end + 1)
    )


def _single_cell_widths(text: str) -> bool:
    """Whether every character of ``text`` is one of rich's known one-cell characters."""
    if text.isascii():
        return text.isprintable()  # (an ASCII string is printable when all is 0x20-0x7E)
    return _single_cells().issuperset(text)


@cache
def _table() -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], frozenset[str]]:
    """The table's ranges (starts, ends, widths) and its characters widened by U+FE0F."""
    from roadmap_tracker.cli import cell_table

    def numbers(text: str) -> tuple[int, ...]:
        return tuple(map(int, text.split()))

    narrow_to_wide = frozenset(map(chr, numbers(cell_table.NARROW_TO_WIDE)))
    return (
        numbers(cell_table.STARTS),
        numbers(cell_table.ENDS),
        numbers(cell_table.WIDTHS),
        narrow_to_wide,
    )


@lru_cache(maxsize=4096)
def character_cells(character: str) -> int:
    """The cells one character takes: 0, 1 or 2."""
    code = ord(character)
    if (code and code < 32) or 0x7F <= code < 0xA0:
        return 0
    starts, ends, widths, _ = _table()
    index = bisect.bisect_right(starts, code) - 1
    if index >= 0 and code <= ends[index]:
        return widths[index]
    return 1


@lru_cache(maxsize=4096)
def _cached_cell_len(text: str) -> int:
    return _cell_len(text)


def cell_len(text: str) -> int:
    """The cells ``text`` takes in a terminal (wide characters take two, combining marks
    none)."""
    if len(text) < 512:
        return _cached_cell_len(text)
    return _cell_len(text)


def _cell_len(text: str) -> int:
    if _single_cell_widths(text):
        return len(text)
    if _ZERO_WIDTH_JOINER not in text and _VARIATION_SELECTOR_16 not in text:
        return sum(map(character_cells, text))
    narrow_to_wide = _table()[3]
    total = 0
    last: str | None = None
    index = 0
    while index < len(text):
        character = text[index]
        if character == _ZERO_WIDTH_JOINER:
            index += 1  # (and the character it joins is skipped below)
        elif character == _VARIATION_SELECTOR_16:
            if last:
                total += last in narrow_to_wide
                last = None
        elif width := character_cells(character):
            last = character
            total += width
        index += 1
    return total


def split_graphemes(text: str) -> tuple[list[tuple[int, int, int]], int]:
    """``text`` cut into graphemes: ``(start, end, cells)`` spans covering every index, and
    the cells of the whole (rich's ``split_graphemes``)."""
    narrow_to_wide = _table()[3]
    count = len(text)
    index = 0
    last: str | None = None
    total = 0
    spans: list[tuple[int, int, int]] = []
    while index < count:
        character = text[index]
        if character in (_ZERO_WIDTH_JOINER, _VARIATION_SELECTOR_16):
            if not spans:
                spans.append((index, index + 1, 0))
                index += 1
                continue
            if character == _ZERO_WIDTH_JOINER:
                index += 2 if index < count - 1 else 1
                start, _, cells = spans[-1]
                spans[-1] = (start, index, cells)
            else:
                index += 1
                start, _, cells = spans[-1]
                if last and last in narrow_to_wide:
                    last = None
                    cells += 1
                    total += 1
                spans[-1] = (start, index, cells)
            continue
        width = character_cells(character)
        if width:
            last = character
            spans.append((index, index + 1, width))
            total += width
        elif spans:
            start, _, cells = spans[-1]
            spans[-1] = (start, index + 1, cells)
        else:
            spans.append((index, index + 1, 0))
        index += 1
    return spans, total


def _split_text(text: str, position: int) -> tuple[str, str]:
    """``text`` cut at ``position`` cells; a wide character across the cut becomes a space
    on each side (rich's ``_split_text``)."""
    if position <= 0:
        return "", text
    spans, total = split_graphemes(text)
    offset = int((position / total) * len(spans))
    left = sum(cells for _, _, cells in spans[:offset])
    while True:
        if left == position:
            if offset >= len(spans):
                return text, ""
            split = spans[offset][0]
            return text[:split], text[split:]
        if left < position:
            start, end, cells = spans[offset]
            if left + cells > position:
                return text[:start] + " ", " " + text[end:]
            offset += 1
            left += cells
        else:
            start, end, cells = spans[offset - 1]
            if left - cells < position:
                return text[:start] + " ", " " + text[end:]
            offset -= 1
            left -= cells


def set_cell_size(text: str, total: int) -> str:
    """``text`` cut or padded with spaces to ``total`` cells (a wide character cut in two
    becomes a space). As rich's: a string of one-cell characters is sliced, so a negative
    ``total`` takes that many characters off its end."""
    if _single_cell_widths(text):
        size = len(text)
        if size < total:
            return text + " " * (total - size)
        return text[:total]
    if total <= 0:
        return ""
    size = cell_len(text)
    if size == total:
        return text
    if size < total:
        return text + " " * (total - size)
    return _split_text(text, total)[0]


def chop_cells(text: str, width: int) -> list[str]:
    """``text`` cut into lines of at most ``width`` cells, graphemes kept whole."""
    if _single_cell_widths(text):
        return [text[index : index + width] for index in range(0, len(text), width)]
    spans, _ = split_graphemes(text)
    size = 0
    lines: list[str] = []
    offset = 0
    for start, _, cells in spans:
        if size + cells > width:
            lines.append(text[offset:start])
            offset = start
            size = 0
        size += cells
    if size:
        lines.append(text[offset:])
    return lines
