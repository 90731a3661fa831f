"""Drawing: the tree ``roadmap show`` prints is the one rich's Tree would print."""

from __future__ import annotations

import io
import random

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
            out = terminal.printable_console()(
                file=AsciiFile() if number % 5 == 0 else io.StringIO(),
                width=width,
                force_terminal=colour,
                color_system="truecolor" if colour else None,
                highlight=False,
                emoji=False,
            )
            with monkeypatch.context() as patch:
                patch.setattr(terminal, "console", lambda out=out: out)
                if draw == "ours":
                    terminal.print_lines(*layout.table(columns, rows), exact=True)
                else:
                    out.print(theirs)
            assert isinstance(out.file, io.StringIO)
            outputs.append(out.file.getvalue())
        assert outputs[0] == outputs[1], (columns, rows)
