"""The commands about evidence of your work: ``note`` (a note or links on an item) and
``portfolio`` (every deliverable with its evidence, as Markdown).
"""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_tracker.cli.options import JsonOption, PlanOption, complete_item, make_session


def note_command(
    ref: Annotated[
        str,
        typer.Argument(
            help="The item: id, end of an id or title words.", autocompletion=complete_item
        ),
    ],
    text: Annotated[str | None, typer.Argument(help="The note.")] = None,
    links: Annotated[
        list[str] | None,
        typer.Option("--link", help="Evidence: a URL or a path (repeat for several)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the note (default: today).")
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Attach a note or evidence (links, paths) to an item; 'roadmap show ITEM' lists them.

    Example: roadmap note attention-from-scratch "multi-head works" --link https://github.com/me/attn
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import evidence

    result = evidence.add_note(make_session(plan, on), ref, text, links or [])
    render.print_json(result) if json_output else render.render_note(result)


def portfolio_command(
    done_only: Annotated[
        bool, typer.Option("--done", help="Only the deliverables you have finished.")
    ] = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """List every deliverable (portfolio projects, reports, talks) with its evidence, as
    Markdown ready to paste into a CV or README.

    Example: roadmap portfolio --done > portfolio.md
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import evidence

    view = evidence.portfolio_view(make_session(plan), done_only)
    if json_output:
        render.print_json(view)
    else:
        with render.paged():
            render.render_portfolio(view)
