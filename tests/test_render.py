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
            out = Console(
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
