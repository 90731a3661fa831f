"""The commands that show curricula: ``list`` (the curricula you can enroll in) and
``show`` (a curriculum as a tree, or one item of yours).
"""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_tracker.cli.options import (
    JsonOption,
    PlanOption,
    complete_item,
    complete_slug,
    make_session,
)


def list_command(json_output: JsonOption = False) -> None:
    """List the curricula you can enroll in, with their length and number of items.

    Example: roadmap list
    """
    from roadmap_tracker.commands import views

    view = views.list_view(make_session())
    from roadmap_tracker.cli import render

    render.print_json(view) if json_output else render.render_list(view)


def complete_show(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Tab completion for 'roadmap show': slugs, then the items of your curriculum."""
    slugs = [(slug, "curriculum") for slug in complete_slug(incomplete)]
    return slugs + complete_item(ctx, incomplete)


def show_command(
    slug: Annotated[
        str | None,
        typer.Argument(
            help="Curriculum slug or path (default: yours), or an item of yours: id, end of "
            "an id or title words.",
            metavar="[SLUG|ITEM]",
            autocompletion=complete_show,
        ),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show a curriculum as a tree (phases, modules, every item with its id), or one item
    with its state, dates, notes, evidence and resources.

    Example: roadmap show advanced-ai (or an item: roadmap show attention-from-scratch)
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import evidence

    shown = evidence.show_target(make_session(plan), slug, whole=json_output)
    if isinstance(shown, evidence.ItemDetail):
        if json_output:
            render.print_json(shown)
            return
        with render.paged():
            render.render_item(shown)
        return
    curriculum, done, marks = shown
    if json_output:
        from roadmap_tracker.commands import views

        render.print_json(views.show_json(curriculum, done, marks))
    else:
        with render.paged():
            render.render_show(curriculum, done, marks)
