"""``roadmap find WORDS``: search your curriculum and notes.

Here are its declaration (the arguments, options and help Typer reads from
:func:`find_command`, which :data:`.app.COMMANDS` names) and the drawing of its view
(:func:`render_find`), laid out by :mod:`.layout`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.cli import layout, terminal
from roadmap_tracker.cli.options import JsonOption, PlanOption, make_session, one_or_more
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.finding import FindView


def find_command(
    words: Annotated[
        list[str],
        typer.Argument(
            help="Words to look for: word beginnings (transformer finds Transformers) or any "
            "part of an id (m7/dp-sgd).",
            metavar="WORDS...",
        ),
    ],
    count: Annotated[
        int, typer.Option("-n", "--count", help="How many hits to list (--json: all).")
    ] = 20,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            help="Search your record as of this day (default: today).",
        ),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Find phases, modules, items and recurring activities of your curriculum by words of
    their titles, ids, descriptions, topics or your notes, best first.

    Example: roadmap find transformer (or part of an id: roadmap find m7/dp-sgd)
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import finding

    one_or_more(count, "roadmap find WORDS -n 50")
    view = finding.find_view(make_session(plan, on), " ".join(words))
    render.print_json(view) if json_output else render_find(view, count)


_MARKS = {"done": "✓", "doing": "▶", "skipped": "⤼", "open": "☐"}
"""An item's mark, as in ``roadmap show``; a phase, module or recurring activity has none."""


def render_find(view: FindView, count: int) -> None:
    """Draw ``roadmap find``: the first ``count`` hits, each with its title and kind, id,
    state, where it stands and the text that matched.
    """
    out = terminal.console()
    query = escape(view.query)
    if not view.found:
        out.print(f"Nothing in {escape(view.title)} matches '{query}'.")
        out.print("[dim]Words match from their beginning; try fewer or shorter words.[/]")
        return
    hits = len(view.found)
    out.print(f"[bold]{hits} found[/] for '{query}' in {escape(view.title)}")
    rows = []
    for hit in view.found[:count]:
        kind = "" if hit.kind == "task" else f" [dim]({hit.kind})[/]"
        place = hit.module or hit.phase
        facts = [f"[cyan]{hit.id}[/]"]
        facts += [hit.state] if hit.state and hit.state != "open" else []
        facts += [f"in {place}"] if place else []
        facts += [f"{hit.matched[0]}"] if hit.matched[0] not in ("id", "title") else []
        line = f"{escape(hit.title)}{kind}\n" + " · ".join(facts)
        if hit.excerpt:
            line += f"\n[dim]{escape(hit.excerpt)}[/]"
        rows.append((_MARKS.get(hit.state or "", "·"), line))
    out.print(layout.grid(rows, indent=2))
    if hits > count:
        out.print(f"[dim]{hits - count} more: -n {hits} or --json lists them.[/]")
