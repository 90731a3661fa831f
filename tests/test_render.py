"""Drawing: the tree ``roadmap show`` prints is the one rich's Tree would print."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from rich.console import Console
from rich.text import Span, Text
from rich.tree import Tree

from roadmap_tracker.cli import layout, terminal

WORDS = ["attention", "from", "scratch", "ViT", "☐", "✓", "日本語", "a" * 70, "·", "(project)"]
STYLES = ["", "bold", "cyan", "dim", "green", "italic"]


def random_label(rng: random.Random) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14)))
    spans = []
    for _ in range(rng.randint(0, 3)):
        start = rng.randrange(len(text))
        end = rng.randint(start, len(text))
        style = rng.choice(STYLES)
        if style and end > start:
            spans.append((start, end, style))
    return text, tuple(spans)


def random_trees(rng: random.Random, depth: int) -> tuple[layout.TreeNode, Tree]:
    """The same random tree, as the nodes render draws and as a rich Tree."""
    text, spans = random_label(rng)
    ours = layout.TreeNode(text, Text(text).cell_len, spans, [])
    theirs = Tree(Text(text, spans=[Span(*span) for span in spans]))
    for _ in range(rng.randint(0, 4) if depth < 4 else 0):
        child, rich_child = random_trees(rng, depth + 1)
        assert isinstance(ours.children, list)
        ours.children.append(child)
        theirs.children.append(rich_child)
    return ours, theirs


@pytest.mark.parametrize("width", [24, 50, 100])
@pytest.mark.parametrize("colour", [False, True])
def test_a_tree_is_drawn_as_rich_draws_it(
    width: int, colour: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(width * 2 + colour)
    for _ in range(30):
        ours, theirs = random_trees(rng, 0)
        outputs = []
        for draw in ("ours", "rich"):
            out = terminal.printable_console()(  # roadmap's console: no line-end spaces in plain
                file=io.StringIO(),
                width=width,
                force_terminal=colour,
                color_system="truecolor" if colour else None,
                highlight=False,
                emoji=False,
            )
            with monkeypatch.context() as patch:  # undone before the fixtures' teardown
                patch.setattr(terminal, "console", lambda out=out: out)
                if draw == "ours":
                    terminal.print_lines(*layout.draw_tree(ours))
                else:
                    out.print(theirs)
            assert isinstance(out.file, io.StringIO)
            outputs.append(out.file.getvalue())
        assert outputs[0] == outputs[1]


@pytest.mark.parametrize("width", [4, 8, 12])
def test_a_tree_deeper_than_the_terminal_is_wide_keeps_every_label(
    width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    labels = ["Phase one", "Module one", "Section", "☐ m1/read  Read chapter one"]
    node = layout.TreeNode(labels[-1], Text(labels[-1]).cell_len, (), [])
    for label in reversed(labels[:-1]):
        node = layout.TreeNode(label, len(label), (), [node])
    out = Console(file=io.StringIO(), width=width, color_system=None)
    with monkeypatch.context() as patch:
        patch.setattr(terminal, "console", lambda: out)
        text, _ = layout.draw_tree(node)
    drawn = "".join(line.lstrip("│├└─ ") for line in text.splitlines())
    assert drawn.replace(" ", "") == "".join(labels).replace(" ", "")


def test_plain_output_leaves_out_the_control_codes_rich_leaves_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = Console(file=io.StringIO(), width=80, color_system=None)
    with monkeypatch.context() as patch:
        patch.setattr(terminal, "console", lambda: out)
        terminal.print_lines("Bell\a and carriage\r return\nnext line", [])
    assert isinstance(out.file, io.StringIO)
    assert out.file.getvalue() == "Bell and carriage return\nnext line\n"


CELL_WORDS = [
    *WORDS,
    "",
    "  ",
    "\t",
    "\n",
    "e\u0301",
    "x\u200dy",
    "👩\u200d💻",
    "2026-01-05",
    "≤2026-03-19",
    "12/20",
    "[dim]dim[/]",
    "[bold yellow]│[/]",
    "[strike]struck [dim](undone)[/] text[/]",
]
TABLES = [  # the columns of list, plan, start and history, and one alone
    [
        layout.Column("Slug", no_wrap=True),
        layout.Column("Title"),
        layout.Column("Length"),
        layout.Column("Items", justify="right"),
    ],
    [
        layout.Column("Part", no_wrap=True, overflow="ellipsis", max_width=22),
        layout.Column("Timeline", no_wrap=True, min_width=17),
        layout.Column("Ends", min_width=11),
        layout.Column("Done", justify="right"),
    ],
    [layout.Column("Phase"), layout.Column("Starts"), layout.Column("Ends")],
    [
        layout.Column("#", justify="right"),
        layout.Column("Recorded", no_wrap=True),
        layout.Column("Change"),
    ],
    [layout.Column("Only")],
]


def random_cell(rng: random.Random) -> str:
    return " ".join(rng.choice(CELL_WORDS) for _ in range(rng.randint(0, 6)))


class AsciiFile(io.StringIO):
    """A file whose encoding is ASCII: rich draws boxes with ASCII characters for it."""

    encoding = "ascii"


def _console(number: int, width: int, colour: bool) -> Any:
    """roadmap's rich console for a random table's ``number``: ASCII-only for every fifth,
    ``width`` cells wide, in colour or not."""
    return terminal.printable_console()(
        file=AsciiFile() if number % 5 == 0 else io.StringIO(),
        width=width,
        force_terminal=colour,
        color_system="truecolor" if colour else None,
        highlight=False,
        emoji=False,
    )


@pytest.mark.parametrize("width", [1, 7, 20, 33, 60, 100])
@pytest.mark.parametrize("colour", [False, True])
def test_a_table_is_drawn_as_rich_draws_it(
    width: int, colour: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich import box
    from rich.table import Table

    rng = random.Random(width * 2 + colour)
    for number in range(40):
        columns = rng.choice(TABLES)
        if rng.random() < 0.3:
            columns = [column._replace(header=random_cell(rng)) for column in columns]
        rows = [[random_cell(rng) for _ in columns] for _ in range(rng.randint(0, 5))]
        theirs = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
        for column in columns:
            theirs.add_column(
                column.header,
                justify=column.justify,
                no_wrap=column.no_wrap,
                overflow=column.overflow,
                min_width=column.min_width,
                max_width=column.max_width,
            )
        for row in rows:
            theirs.add_row(*row)
        outputs = []
        for draw in ("ours", "rich"):
            out = _console(number, width, colour)
            with monkeypatch.context() as patch:
                patch.setattr(terminal, "console", lambda out=out: out)
                if draw == "ours":
                    terminal.print_lines(*layout.table(columns, rows), exact=True)
                else:
                    out.print(theirs)
            assert isinstance(out.file, io.StringIO)
            outputs.append(out.file.getvalue())
        assert outputs[0] == outputs[1], (columns, rows)


FIXED_WORDS = [
    "attention",
    "ViT",
    "☐",
    "日本語",
    "·",
    "e\u0301",
    "2026-01-05",
    "≤2026-03-19",
    "█░│",
]


def random_styled_cell(rng: random.Random) -> tuple[str, str, layout.Styles]:
    """A random cell as console markup and as the same text with its style spans: words,
    some styled, nested styles, a line break, spaces at the ends."""
    markup, plain, spans = "", "", []
    for number in range(rng.randint(0, 4)):
        word = rng.choice(FIXED_WORDS)
        joint = rng.choice([" ", " ", "\n"]) if number else rng.choice(["", "", "  "])
        markup, plain = markup + joint, plain + joint
        style = rng.choice(STYLES)
        if style:
            inner = rng.choice(["", "", "underline"])
            if inner:  # a style inside another
                spans.append((len(plain), len(plain) + len(word), style))
                spans.append((len(plain) + 1, len(plain) + len(word), inner))
                markup += f"[{style}]{word[:1]}[{inner}]{word[1:]}[/][/]"
            else:
                spans.append((len(plain), len(plain) + len(word), style))
                markup += f"[{style}]{word}[/]"
        else:
            markup += word
        plain += word
    if rng.random() < 0.2:
        markup, plain = markup + "  ", plain + "  "
    return markup, plain, tuple(spans)


@pytest.mark.parametrize("width", [40, 60, 100])
@pytest.mark.parametrize("colour", [False, True])
def test_a_fixed_table_is_drawn_as_the_table_of_the_same_widths(
    width: int, colour: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # fixed_lines draws plan's table row by row; table lays it out as rich's Table. With the
    # widths table would measure (a first column cut with an ellipsis, the others as wide as
    # their widest line), both print the same bytes, in colour, plain and on ASCII consoles.
    rng = random.Random(width * 2 + colour)
    for number in range(60):
        count = rng.randint(1, 4)
        right = (count - 1,) if count > 1 and rng.random() < 0.7 else ()
        header = [
            rng.choice(["Part", "Timeline", "Ends", "Done", "#", "日本"]) for _ in range(count)
        ]
        rows = [[random_styled_cell(rng) for _ in range(count)] for _ in range(rng.randint(0, 5))]
        widths = []
        for column in range(count):
            lines = [header[column]] + [line for row in rows for line in row[column][1].split("\n")]
            widest = max(terminal.cell_len(line) for line in lines)
            if column == 0:
                widest = max(terminal.cell_len(header[0]), min(widest, rng.randint(1, 12)))
            widths.append(widest)
        if sum(widths) + 3 * (count - 1) > width:
            continue
        columns = [
            layout.Column(
                header[column],
                justify="right" if column in right else "left",
                no_wrap=column == 0,
                overflow="ellipsis",
                min_width=widths[column],
                max_width=widths[column] if column == 0 else None,
            )
            for column in range(count)
        ]
        outputs = []
        for draw in ("fixed", "table"):
            out = _console(number, width, colour)
            with monkeypatch.context() as patch:
                patch.setattr(terminal, "console", lambda out=out: out)
                if draw == "fixed":
                    cells = [[(plain, spans) for _, plain, spans in row] for row in rows]
                    drawn = layout.fixed_lines(header, cells, widths=widths, right=right)
                else:
                    markup = [[cell for cell, _, _ in row] for row in rows]
                    drawn = layout.table(columns, markup)
                terminal.print_lines(*drawn, exact=True)
            assert isinstance(out.file, io.StringIO)
            outputs.append(out.file.getvalue())
        assert outputs[0] == outputs[1], (header, widths, rows)
