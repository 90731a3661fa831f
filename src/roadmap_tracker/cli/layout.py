"""The layout engine of every view drawn for people: rows of cells in columns
(:func:`grid`), tables with headings whose columns fit their cells (:func:`table`, as rich's
Table lays them out), tables of fixed column widths (:func:`fixed_table`) and trees
(:func:`draw_tree`), drawn as plain strings and one styled text each
(:class:`.styled_text.StyledText`, wrapped as rich wraps), without rich measuring and
rendering every cell.

Serves the drawing of every command (``status``, ``next``, ``list``, ``plan``, ``show``,
``check``, ``history``...). It never imports rich: with colour, the console turns its text
into rich's (:mod:`.terminal`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from roadmap_tracker.cli import terminal

if TYPE_CHECKING:
    from roadmap_tracker.cli.terminal import Span, Text


GRID_MIN_WRAP = 16
"""The narrowest last column :func:`grid` wraps beside the other columns; when the terminal
leaves less, each row's last cell goes below its other cells, indented two cells."""


def grid(rows: Sequence[tuple[str, ...]], indent: int = 0) -> Text:
    """Rows of markup cells in columns as wide as their widest line, one space apart and
    ``indent`` cells in; the last column takes what is left of the line and wraps there by
    words (a word too long for it folds), keeping its newlines. The other columns never wrap.

    Drawn as one styled text, like :func:`fixed_table`: rich's ``Table.grid`` measured every cell
    by wrapping it, several milliseconds for the eleven rows ``status`` lists.
    """
    out = terminal.console()
    cells = [
        [terminal.from_markup(cell) if "[" in cell else terminal.text(cell) for cell in row]
        for row in rows
    ]
    count = max(len(row) for row in cells)
    widths = [0] * count
    for row in cells:
        for column, text in enumerate(row):
            widths[column] = max([widths[column], *(line.cell_len for line in text.split())])
    room = out.width - indent - sum(widths[:-1]) - (count - 1)
    stacked = count > 1 and room < min(widths[-1], GRID_MIN_WRAP)
    widths[-1] = max(1, out.width - indent - 2) if stacked else min(widths[-1], room)
    margin = " " * indent
    lines: list[Text] = []
    for row in cells:
        row = row + [terminal.text()] * (count - len(row))
        first = [text.split(allow_blank=True) for text in row[:-1]]
        last = list(row[-1].wrap(out, widths[-1], justify="left", overflow="fold"))
        height = max((len(parts) for parts in first), default=0)
        if stacked:
            last = [terminal.text()] * height + [terminal.text("  ") + line for line in last]
        for number in range(max(height, len(last))):
            line = terminal.text(margin)
            for column, parts in enumerate(first if number < height or not stacked else ()):
                cell = parts[number] if number < len(parts) else terminal.text()
                line.append_text(cell)
                line.append(" " * (widths[column] - cell.cell_len + 1))
            if number < len(last):
                line.append_text(last[number])
            line.rstrip()
            lines.append(line)
    return terminal.text("\n", no_wrap=True, overflow="ignore").join(lines)


def fixed_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[int],
    right: Sequence[int] = (),
    bold: Sequence[bool] = (),
) -> Text:
    """A table of markup cells in columns of fixed ``widths`` (terminal cells), drawn as
    :func:`table` draws one: a bold header, a rule, three spaces between columns. A
    cell with newlines takes several lines; a first-column cell too wide for it ends in an
    ellipsis. Rows flagged in ``bold`` are bold.

    Drawn as one styled text, printed without measuring every cell: a table of 40 rows
    costs a tenth of what rich's Table takes to lay it out.
    """
    table = terminal.text()

    def add_cell(cell: str, width: int, style: str, column: int) -> None:
        if "[" in cell:  # markup: read it, then pad and cut as below
            text = terminal.from_markup(cell, style)
            if column in right:
                text.pad_left(width - text.cell_len)
            text.truncate(width, overflow="ellipsis", pad=True)
            table.append_text(text)
            return
        size = terminal.cell_len(cell)
        if size > width:
            cell = terminal.set_cell_size(cell, width - 1) + "…"
        elif column in right:
            cell = " " * (width - size) + cell
        else:
            cell += " " * (width - size)
        table.append(cell, style or None)

    def add_line(cells: Sequence[str], style: str, styled: int) -> None:
        for column, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if column:
                table.append("   ")
            add_cell(cell, width, style if column < styled else "", column)
        table.append("\n")

    add_line(header, "bold", len(header))
    table.append("─" * (sum(widths) + 3 * (len(widths) - 1)) + "\n")
    for index, row in enumerate(rows):
        style = "bold" if index < len(bold) and bold[index] else ""
        split = [cell.split("\n") for cell in row]
        for number in range(max(len(parts) for parts in split)):
            add_line([p[number] if number < len(p) else "" for p in split], style, 1)
    table.right_crop(1)  # the last newline
    return table


Styles = tuple[tuple[int, int, str], ...]
"""Style spans of a label: ``(start, end, style)`` by position in its text."""

Cell = tuple[str, Styles]
"""A cell of :func:`fixed_lines`: its plain text (lines split by ``\\n``) and style spans."""


def fixed_lines(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    widths: Sequence[int],
    right: Sequence[int] = (),
) -> tuple[str, list[Span]]:
    """A table of plain cells with style spans in columns of fixed ``widths`` (terminal
    cells), drawn as :func:`table` draws a table whose columns get those widths, byte for
    byte: one-line bold headings, a rule, columns three cells apart (`` | `` and an ASCII rule
    on an ASCII-only console), each line of a cell padded to its column, on the right for the
    columns in ``right`` (after dropping spaces at its end). A cell with newlines takes several
    lines. A line too wide for its column ends in an ellipsis (as in a ``no_wrap`` column with
    ``overflow="ellipsis"``); :func:`table` would wrap it in the other columns, so give them
    widths their lines fit in.

    The caller measures the columns (``widths`` at least 1 and as wide as each heading) and keeps
    the whole table within the console, and gives printable text (no tab or control
    character): a row costs a few string operations, where :func:`table` measures and wraps
    every cell through rich. Returns the lines joined, and their style spans when the console
    prints colour, for :func:`.terminal.print_lines` with ``exact=True``.
    """
    out = terminal.console()
    styled = terminal.colour(out)
    divider, rule, cross = ("|", "-", "+") if out.options.ascii_only else (" ", "─", "─")
    gap = f" {divider} "
    last = len(widths) - 1
    cell_len = terminal.cell_len
    texts: list[str] = []
    found: list[tuple[int, int, str]] = []  # the spans, by position in the whole text

    cells = []
    start = 0
    for column, (heading, width) in enumerate(zip(header, widths, strict=True)):
        padding = " " * (width - cell_len(heading))
        cell = padding + heading if column in right else heading + padding
        cells.append(cell)
        if column:
            start += 3
        if styled:  # the heading, and each cell of padding beside it, bold (as rich's Table)
            if column:
                found.append((start - 1, start, "bold"))
            if cell:
                found.append((start, start + len(cell), "bold"))
            if column < last:
                found.append((start + len(cell), start + len(cell) + 1, "bold"))
        start += len(cell)
    texts.append(gap.join(cells))
    padded = [width + (column > 0) + (column < last) for column, width in enumerate(widths)]
    texts.append(cross.join(rule * width for width in padded))
    offset = sum(len(text) + 1 for text in texts)
    for row in rows:
        split = [text.split("\n") if "\n" in text else [text] for text, _ in row]
        for number in range(max(len(lines) for lines in split)):
            line: list[str] = []
            position = offset
            for column, width in enumerate(widths):
                lines = split[column]
                text = lines[number] if number < len(lines) else ""
                styles = row[column][1] if styled else ()
                if styles and len(lines) > 1:  # the spans over this line, from its start
                    begin = sum(len(part) + 1 for part in lines[:number])
                    styles = tuple(
                        (max(a, begin) - begin, min(b, begin + len(text)) - begin, style)
                        for a, b, style in styles
                        if a < begin + len(text) and b > begin
                    )
                if column in right:
                    text = text.rstrip()
                size = len(text) if text.isascii() else cell_len(text)
                if size > width:
                    text, size = _cut(text, width), width
                if column:
                    position += 3
                if styles:  # kept within the text, after what justifying puts before it
                    shift = width - size if column in right else 0
                    end = len(text)
                    for a, b, style in styles:
                        if a < end and a < b:
                            found.append(
                                (position + shift + a, position + shift + min(b, end), style)
                            )
                if column in right:
                    text = " " * (width - size) + text
                else:
                    text += " " * (width - size)
                line.append(text)
                position += len(text)
            text = gap.join(line)
            texts.append(text)
            offset += len(text) + 1
    spans = [terminal.span(*span) for span in found] if styled else []
    return "\n".join(texts), spans


def _cut(text: str, width: int) -> str:
    """A line too wide for ``width`` cells cut as rich cuts a ``no_wrap`` cell: an ellipsis
    in its last cell."""
    return terminal.set_cell_size(text, width - 1) + "…"


class Column(NamedTuple):
    """A column of :func:`table`: its heading, and how its cells are laid out (as rich's
    ``Table.add_column`` takes them): justified left or right, wrapped by words or kept on
    one line (``no_wrap``), cut with an ellipsis (``overflow``), and widths in cells that
    wrapping may not go under (``min_width``) or that the column never passes
    (``max_width``)."""

    header: str
    justify: Literal["left", "right"] = "left"
    no_wrap: bool = False
    overflow: Literal["ellipsis", "fold", "crop"] = "ellipsis"
    min_width: int | None = None
    max_width: int | None = None


Piece = tuple[str, tuple[str, ...]]
"""A run of a table's line and its styles, innermost last (rich's segments, one each)."""
SpanLike = tuple[int, int, Any]
"""A style span: start, end and style (a :class:`.styled_text.Span`, or a plain tuple)."""


def table(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> tuple[str, list[Span]]:
    """Rows of markup cells under bold ``columns`` headings and a rule, laid out and drawn as
    rich's Table draws them (``box.SIMPLE_HEAD``, no edge, no padding at the edges), byte
    for byte: the same widths (each column as wide as its longest line; when the console is
    narrower, the widest columns that may wrap give way first, then every column), the same
    wrapping of each cell, the same style runs (on an ASCII-only console, ``|``, ``-`` and
    ``+``); lines too wide for the console are cut as rich cuts them.

    Returns the lines joined, and their style spans when the console prints colour, for
    :func:`.terminal.print_lines`. Only the cells that wrap go through the styled text's
    wrapping (rich's): the others are padded as strings.
    """
    out = terminal.console()
    count = len(columns)
    lefts = [0 if index == 0 else 1 for index in range(count)]
    rights = [0 if index == count - 1 else 1 for index in range(count)]
    parsed = [
        [terminal.from_markup(cell) if "[" in cell else terminal.text(cell) for cell in row]
        for row in [[column.header for column in columns], *rows]
    ]
    widths = _table_widths(columns, parsed, lefts, rights, max(0, out.width - (count - 1)))
    divider, rule, cross = ("|", "-", "+") if out.options.ascii_only else (" ", "─", "─")
    lines: list[list[Piece]] = []
    for number, row in enumerate(parsed):
        style = ("bold",) if number == 0 else ()
        cells = [
            _cell_lines(text, width, left, right, column, style)
            for text, width, left, right, column in zip(
                row, widths, lefts, rights, columns, strict=True
            )
        ]
        height = max(len(cell) for cell in cells)
        for width, cell in zip(widths, cells, strict=True):
            blank: list[Piece] = [(" " * width, style)]
            filler = [blank] * (height - len(cell))
            if number == 0:  # a heading sits at the bottom of its row
                cell[:0] = filler
            else:
                cell.extend(filler)
            cell.extend([[(" " * width, ())]] * (max(1, height) - len(cell)))
        for line in range(max(1, height)):
            pieces: list[Piece] = []
            for index, cell in enumerate(cells):
                if index:
                    pieces.append((divider, ()))
                pieces.extend(cell[line])
            lines.append(pieces)
        if number == 0:
            lines.append([(cross.join(rule * width for width in widths), ())])
    return _joined(lines, out.width, terminal.colour(out))


def _table_widths(
    columns: Sequence[Column],
    parsed: list[list[Text]],
    lefts: list[int],
    rights: list[int],
    room: int,
) -> list[int]:
    """The width of each column, padding included, for ``room`` cells (rich's Table's
    ``_calculate_column_widths``, without expansion)."""
    texts = list(zip(*parsed, strict=True))
    measured = [[_text_measure(text.plain) for text in column] for column in texts]

    def measure_column(index: int, room: int) -> tuple[int, int]:
        if room < 1:
            return 0, 0
        column = columns[index]
        padding = lefts[index] + rights[index]
        cells = [_cell_measure(*size, padding, room) for size in measured[index]]
        low = min(max(size[0] for size in cells), room)
        high = min(max(size[1] for size in cells), room)
        if column.min_width is not None:
            least = max(0, column.min_width + padding)
            low, high = max(low, least), max(high, least)
        if column.max_width is not None:
            low, high = min(low, column.max_width + padding), min(high, column.max_width + padding)
        return low, high

    widths = [measure_column(index, room)[1] or 1 for index in range(len(columns))]
    if sum(widths) > room:
        wraps = [not column.no_wrap for column in columns]
        widths = _collapse(widths, wraps, room)
        if sum(widths) > room:
            widths = _ratio_reduce(sum(widths) - room, [1] * len(widths), widths, widths)
        widths = [measure_column(index, width)[1] for index, width in enumerate(widths)]
    return widths


def _text_measure(plain: str) -> tuple[int, int]:
    """A text's narrowest and widest width: its longest word, its longest line (rich's
    ``Text.__rich_measure__``)."""
    lines = plain.splitlines()
    widest = max(terminal.cell_len(line) for line in lines) if lines else 0
    words = plain.split()
    narrowest = max(terminal.cell_len(word) for word in words) if words else widest
    return narrowest, widest


def _normal(low: int, high: int) -> tuple[int, int]:
    low = min(max(0, low), high)
    return max(0, low), max(0, max(low, high))


def _cell_measure(low: int, high: int, padding: int, room: int) -> tuple[int, int]:
    """A padded cell's measure in ``room`` cells (rich's ``Measurement.get`` of a
    ``Padding`` of a string)."""
    if room - padding < 1:
        low, high = room, room
    else:
        low, high = _normal(low, high)
        low, high = min(low, room), min(high, room)
        low, high = (0, 0) if high < 1 else _normal(low, high)
        low, high = min(low + padding, room), min(high + padding, room)
    low, high = _normal(low, high)
    low, high = min(low, room), min(high, room)
    return (0, 0) if high < 1 else _normal(low, high)


def _collapse(widths: list[int], wraps: list[bool], room: int) -> list[int]:
    """Narrow the widest columns that may wrap until the widths fit ``room`` (rich's
    ``Table._collapse_widths``)."""
    total = sum(widths)
    excess = total - room
    if any(wraps):
        while total and excess > 0:
            widest = max(width for width, wrap in zip(widths, wraps, strict=True) if wrap)
            second = max(
                width if wrap and width != widest else 0
                for width, wrap in zip(widths, wraps, strict=True)
            )
            difference = widest - second
            ratios = [
                1 if width == widest and wrap else 0
                for width, wrap in zip(widths, wraps, strict=True)
            ]
            if not any(ratios) or not difference:
                break
            most = [min(excess, difference)] * len(widths)
            widths = _ratio_reduce(excess, ratios, most, widths)
            total = sum(widths)
            excess = total - room
    return widths


def _ratio_reduce(total: int, ratios: list[int], most: list[int], values: list[int]) -> list[int]:
    """Take ``total`` off ``values`` in proportion to ``ratios``, at most ``most`` each
    (rich's ``ratio_reduce``)."""
    ratios = [ratio if limit else 0 for ratio, limit in zip(ratios, most, strict=True)]
    left_ratio = sum(ratios)
    if not left_ratio:
        return values[:]
    remaining = total
    result: list[int] = []
    for ratio, limit, value in zip(ratios, most, values, strict=True):
        if ratio and left_ratio > 0:
            taken = min(limit, round(ratio * remaining / left_ratio))
            result.append(value - taken)
            remaining -= taken
            left_ratio -= ratio
        else:
            result.append(value)
    return result


def _cell_lines(
    text: Text, width: int, left: int, right: int, column: Column, style: tuple[str, ...]
) -> list[list[Piece]]:
    """A cell's lines, ``width`` cells each: ``left`` and ``right`` cells of padding around
    its text, wrapped and justified as rich wraps a table's cell; none when the column has no
    room for text. ``style`` (the heading's bold) is under every run."""
    room = width - left - right
    if width < 1 or room < 1:
        return []
    plain = text.plain
    size = terminal.cell_len(plain)
    wrapped: list[tuple[str, Sequence[SpanLike]]]
    if size <= room and len(plain) <= room and not ("\n" in plain or "\t" in plain):
        if column.justify == "left":  # fits: padded as rich's wrapping would pad it
            wrapped = [(plain + " " * (room - size), text.spans)]
        elif plain == plain.rstrip():
            shift = room - size
            moved = [(a + shift, b + shift, s) for a, b, s in text.spans]
            wrapped = [(" " * shift + plain, moved)]
        else:
            wrapped = _wrapped(text, room, column)
    else:
        wrapped = _wrapped(text, room, column)
    pad_left = [(" " * left, style)] if left else []
    pad_right = [(" " * right, style)] if right else []
    lines = []
    for line, spans in wrapped:
        pieces = _pieces(line, spans, style)
        line_size = sum(terminal.cell_len(text) for text, _ in pieces)
        if line_size > room:  # (rich crops and pads each line to the room)
            pieces = _crop(pieces, room)
        elif line_size < room:
            pieces.append((" " * (room - line_size), style))
        lines.append(pad_left + pieces + pad_right)
    return lines


def _wrapped(text: Text, room: int, column: Column) -> list[tuple[str, Sequence[SpanLike]]]:
    """``text`` wrapped as rich wraps it in ``room`` cells: each line's text and style spans."""
    lines = text.wrap(
        terminal.console(),
        room,
        justify=column.justify,
        overflow=column.overflow,
        tab_size=8,
        no_wrap=column.no_wrap,
    )
    return [(line.plain, line.spans) for line in lines]


def _pieces(plain: str, spans: Sequence[SpanLike], style: tuple[str, ...]) -> list[Piece]:
    """``plain`` cut where its ``spans`` start and end, each run with the styles over it
    (``style`` first) and without control characters: the segments rich renders a Text
    into, as roadmap's console prints them."""
    from roadmap_tracker.base.printable import printable

    if not spans:
        return [(printable(plain), style)] if plain else []
    cuts = sorted({0, len(plain), *(s[0] for s in spans), *(s[1] for s in spans)})
    pieces = []
    for start, end in itertools.pairwise(cuts):
        if end <= len(plain):
            over = tuple(str(s[2]) for s in spans if s[0] <= start and s[1] >= end)
            pieces.append((printable(plain[start:end]), style + over))
    return pieces


def _crop(pieces: list[Piece], size: int) -> list[Piece]:
    """``pieces`` cut to ``size`` cells as rich cuts a line of segments: whole runs while they
    fit, then the run that crosses the edge cut to what is left."""
    kept: list[Piece] = []
    used = 0
    for text, styles in pieces:
        cells = terminal.cell_len(text)
        if used + cells < size:
            kept.append((text, styles))
            used += cells
        else:
            kept.append((terminal.set_cell_size(text, size - used), styles))
            break
    return kept


def _joined(lines: list[list[Piece]], width: int, styled: bool) -> tuple[str, list[Span]]:
    """The lines' text joined, each cut to ``width`` cells when wider (as the console cuts
    them), and the spans of their styled runs (none when ``styled`` is false)."""
    texts: list[str] = []
    spans: list[Span] = []
    offset = 0
    for pieces in lines:
        if sum(terminal.cell_len(text) for text, _ in pieces) > width:
            pieces = _crop(pieces, width)
        for text, styles in pieces:
            if styled and text:
                spans.extend(terminal.span(offset, offset + len(text), s) for s in styles)
            texts.append(text)
            offset += len(text)
        texts.append("\n")
        offset += 1
    return "".join(texts)[:-1], spans


class TreeNode(NamedTuple):
    """A node of a tree to draw: its label's text, the cells that text takes, its styles
    (empty when the tree is drawn without colour) and its children."""

    text: str
    cells: int
    styles: Styles
    children: Sequence[TreeNode]


def tree_node(
    tree: list[TreeNode], text: str, styles: Styles = (), cells: int | None = None
) -> list[TreeNode]:
    """Add a node labelled ``text`` under ``tree`` (a list of nodes); return the list of its
    children. ``cells`` is the width of ``text`` when the caller knows it.
    """
    if cells is None:
        cells = len(text) if text.isascii() else terminal.cell_len(text)
    children: list[TreeNode] = []
    tree.append(TreeNode(text, cells, styles, children))
    return children


def label(styled: bool, *parts: tuple[str, str]) -> tuple[str, Styles]:
    """A label's text from ``(text, style)`` parts, with their spans when ``styled``."""
    text = "".join(part for part, _ in parts)
    if not styled:
        return text, ()
    spans = []
    position = 0
    for part, style in parts:
        if style and part:
            spans.append((position, position + len(part), style))
        position += len(part)
    return text, tuple(spans)


def draw_tree(root: TreeNode) -> tuple[str, list[Span]]:
    """A tree drawn as :class:`rich.tree.Tree` draws it (the same guides, labels wrapped to
    the width left beside them), as lines of text.

    Returns the lines joined, and the nodes' style spans in them when the console prints
    colour. Lines are joined from plain strings: the tree of a curriculum of 10,000 items has
    that many lines, which rich's Tree lays out at about 100 µs each.
    """
    out = terminal.console()
    width = out.width
    styled = terminal.colour(out)
    ascii_only = out.options.ascii_only
    space, down, fork, end = (
        ("    ", "|   ", "+-- ", "`-- ") if ascii_only else ("    ", "│   ", "├── ", "└── ")
    )
    lines: list[str] = []
    spans: list[Span] = []
    offset = 0

    def add_label(prefix: str, follow: str, node: TreeNode) -> None:
        nonlocal offset
        room = max(1, width - len(prefix))  # deep guides on a tiny terminal: a cell a line
        if node.cells <= room and not styled:  # most lines: no spans to place
            lines.append(prefix + node.text)
            return
        if node.cells <= room:
            wrapped = [(node.text, node.styles)]
        else:  # wrapped as rich wraps a label: by words, folding a word too long
            label = terminal.text(node.text, spans=[terminal.span(*style) for style in node.styles])
            pieces = label.wrap(out, room, justify="default", overflow="fold")
            wrapped = [
                (line.plain, tuple((a, b, str(c)) for a, b, c in line.spans)) for line in pieces
            ]
        for number, (text, styles) in enumerate(wrapped):
            lead = prefix if number == 0 else follow
            start = offset + len(lead)
            spans.extend(terminal.span(start + a, start + b, style) for a, b, style in styles)
            lines.append(lead + text)
            offset += len(lead) + len(text) + 1

    def walk(nodes: Sequence[TreeNode], guides: str) -> None:
        final = len(nodes) - 1
        below, beside = guides + fork, guides + down
        for number, node in enumerate(nodes):
            if number == final:
                below, beside = guides + end, guides + space
            add_label(below, beside, node)
            if node.children:
                walk(node.children, beside)

    add_label("", "", root)
    walk(root.children, "")
    return "\n".join(lines), spans
