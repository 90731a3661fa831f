"""The commands that show where you are: ``status`` (the week, progress and pace), ``next``
(what to do next) and ``plan`` (the timeline).
"""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_tracker.cli.options import JsonOption, PlanOption, make_session


def status_command(
    week: Annotated[
        str | None,
        typer.Option("--week", help="A day of the week to show, YYYY-MM-DD (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show where you are: week of the plan, progress per phase and module, pace, the week.

    Example: roadmap status --week 2026-01-07
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import views

    view = views.status_view(make_session(plan, week, "--week"))
    render.print_json(view) if json_output else render.render_status(view)


def next_command(
    from_date: Annotated[
        str | None,
        typer.Option("--from", help="Day to look ahead from, YYYY-MM-DD (default: today)."),
    ] = None,
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="How many items to list.")] = 5,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show what to do next and the upcoming milestones with their dates.

    Example: roadmap next --from 2026-01-07 -n 10
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import views

    view = views.next_view(make_session(plan, from_date, "--from"), count)
    render.print_json(view) if json_output else render.render_next(view)


def plan_command(
    on: Annotated[
        str | None,
        typer.Option("--on", help="Day to mark as today, YYYY-MM-DD (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show the timeline: a bar per phase and module with its planned window and progress.

    Example: roadmap plan --on 2026-03-16
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import views

    view = views.plan_view(make_session(plan, on))
    if json_output:
        render.print_json(view)
    else:
        with render.paged():
            render.render_plan(view)
