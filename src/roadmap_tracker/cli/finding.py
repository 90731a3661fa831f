"""``roadmap find WORDS``: look for items by words of their title, part of their id, their
description, their module's topics or your notes. Its declaration and drawing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.cli import layout, render, terminal
from roadmap_tracker.cli.options import JsonOption, PlanOption, make_session
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.finding import FindView

_MARKS = {"done": "✓", "doing": "▶", "skipped": "⤼", "open": "☐", "recurring": "↻"}
"""The mark of each state in ``roadmap find``."""


def find_command(
    words: Annotated[
        list[str],
        typer.Argument(help="Words of a title (or their beginnings), or part of an id."),
    ],
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Find items of your curriculum by words of their title (a word's beginning is enough),
    any part of their id, their description, their module's topics or your notes; the best
    matches first.

    Example: roadmap find transformer
    """
    from roadmap_tracker.commands import finding

    view = finding.find_view(make_session(plan), " ".join(words))
    render.print_json(view) if json_output else render_find(view)


def render_find(view: FindView) -> None:
    """Draw ``roadmap find``: one row per item found, its state, id, title and where it
    matched."""
    out = terminal.console()
    if not view.items:
        out.print(
            f"Nothing in {view.curriculum} matches '{escape(view.query)}'. Try fewer words, "
            "or the beginning of one; 'roadmap show' lists every item."
        )
        return
    rows = []
    for item in view.items:
        where = f"matched {item.matched}"
        if item.excerpt:
            where += f": {item.excerpt[:70]}" + ("…" if len(item.excerpt) > 70 else "")
        rows.append(
            (
                _MARKS[item.state],
                f"{escape(item.title)}\n[cyan]{item.id}[/] [dim]· {item.state} · "
                f"{escape(where)}[/]",
            )
        )
    count = len(view.items)
    matches = "items of {} match" if count != 1 else "item of {} matches"
    out.print(f"{count} {matches.format(view.curriculum)} '{escape(view.query)}':")
    with terminal.paged():
        out.print(layout.grid(rows))
