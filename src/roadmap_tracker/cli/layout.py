"""The layout engine of every view drawn for people: rows of cells in columns
(:func:`grid`), tables of fixed column widths (:func:`fixed_table`) and trees
(:func:`draw_tree`), drawn as plain strings and one rich Text each, without rich measuring
every cell.

Serves the drawing of every command (``status``, ``next``, ``show``, ``check``...). rich is
reached only through :mod:`.terminal`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

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

    Drawn as one Text, like :func:`fixed_table`: rich's ``Table.grid`` measured every cell
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
    """A table of markup cells in columns of fixed ``widths`` (terminal cells), drawn like
    :func:`.terminal.table` draws it: a bold header, a rule, three spaces between columns. A
    cell with newlines takes several lines; a first-column cell too wide for it ends in an
    ellipsis. Rows flagged in ``bold`` are bold.

    Drawn as one Text, which rich prints without measuring every cell: a table of 40 rows
    costs a tenth of what :class:`rich.table.Table` takes to lay it out.
    """
    table = terminal.text()

    def add_cell(cell: str, width: int, style: str, column: int) -> None:
        if "[" in cell:  # markup: let rich parse it, then pad and cut as below
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
    the width left beside them), as one Text of lines.

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
