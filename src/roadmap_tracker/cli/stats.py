"""The ``stats`` command: your activity, as a calendar of study days, streaks, and items
and hours per week.
"""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_tracker.cli.options import JsonOption, PlanOption, make_session


def stats_command(
    weeks: Annotated[int, typer.Option("--weeks", help="How many weeks to show, 1 to 53.")] = 12,
    on: Annotated[
        str | None,
        typer.Option("--on", help="The last day to show, YYYY-MM-DD (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show your activity: a calendar of study days, streaks, items and hours per week.

    Example: roadmap stats --weeks 26
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import activity

    view = activity.stats_view(make_session(plan, on), weeks)
    render.print_json(view) if json_output else render.render_stats(view)
