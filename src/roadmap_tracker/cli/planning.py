"""The commands that change your plan: ``choose`` (the options of a choice group),
``include`` and ``exclude`` (optional modules), ``replan`` (start the rest again), ``pause``
and ``resume`` (days off that move the plan).

Here are their declarations (the arguments, options and help Typer reads from each
``*_command`` function, which :data:`.app.COMMANDS` names) and the drawing of their views
(``render_*``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.cli import render, terminal
from roadmap_tracker.cli.options import JsonOption, PlanOption, make_session, parse_day
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.planning import PlanChange


def choose_command(
    group: Annotated[str, typer.Argument(help="The choice group (see 'roadmap show').")],
    options: Annotated[list[str], typer.Argument(help="The option module(s) you take.")],
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the choice (default: today).")
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Choose the option(s) of a choice group; only those count in your plan.

    Example: roadmap choose p2-framework p2-pytorch
    """
    from roadmap_tracker.commands import planning

    result = planning.choose(make_session(plan, on, change=True), group, options)
    render.print_json(result) if json_output else render_plan_change(result)


def include_command(
    module: Annotated[str, typer.Argument(help="An optional module's id.")],
    on: Annotated[str | None, typer.Option("--on", help="Day of the change.")] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Add an optional module to your plan.

    Example: roadmap include m8
    """
    from roadmap_tracker.commands import planning

    result = planning.include(make_session(plan, on, change=True), module)
    render.print_json(result) if json_output else render_plan_change(result)


def exclude_command(
    module: Annotated[str, typer.Argument(help="An optional module's id.")],
    on: Annotated[str | None, typer.Option("--on", help="Day of the change.")] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Take an optional module out of your plan (its progress is kept).

    Example: roadmap exclude m8
    """
    from roadmap_tracker.commands import planning

    result = planning.include(make_session(plan, on, change=True), module, exclude=True)
    render.print_json(result) if json_output else render_plan_change(result)


def replan_command(
    hours_per_week: Annotated[
        float | None,
        typer.Option("--hours-per-week", help="Hours you will study per week from now on."),
    ] = None,
    from_date: Annotated[
        str | None,
        typer.Option("--from", help="Day the remaining plan starts (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Re-baseline: the work not yet complete starts again on a date, at new hours if given.

    Every check, log and note is kept, and so is the original plan in the history.

    Example: roadmap replan --from 2026-04-06 --hours-per-week 6
    """
    from roadmap_tracker.commands import planning

    result = planning.replan(make_session(plan, from_date, "--from", change=True), hours_per_week)
    render.print_json(result) if json_output else render_plan_change(result)


def pause_command(
    until: Annotated[str, typer.Option("--until", help="Last day of the pause (inclusive).")],
    on: Annotated[
        str | None,
        typer.Option("--on", help="First day of the pause (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Pause your plan for some days: it moves later by them, and pace and streaks leave them out.

    A pause may be in the past (recorded after the fact) or ahead (a holiday).

    Example: roadmap pause --on 2026-03-02 --until 2026-03-15
    """
    from roadmap_tracker.commands import planning

    session = make_session(plan, on, change=True)
    last = parse_day(until, "--until")
    result = planning.pause(session, last)
    render.print_json(result) if json_output else render_plan_change(result)


def resume_command(
    on: Annotated[
        str | None,
        typer.Option("--on", help="First day you study again (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """End a pause early: you study again from today (or --on).

    Example: roadmap resume --on 2026-03-09
    """
    from roadmap_tracker.commands import planning

    result = planning.resume(make_session(plan, on, change=True))
    render.print_json(result) if json_output else render_plan_change(result)


def render_plan_change(result: PlanChange) -> None:
    """Draw what ``choose``, ``include``, ``exclude``, ``replan``, ``pause`` or ``resume``
    changed.
    """
    out = terminal.console()
    out.print(escape(result.summary))
    if result.changed:
        if result.total != result.total_before:
            out.print(f"Items in your plan: {result.total_before} -> {result.total}.")
        if result.end != result.end_before:
            out.print(
                f"Planned end: {render.date(result.end_before)} -> {render.date(result.end)}."
            )
    out.print(f"{result.done} of {result.total} items done. See the timeline: roadmap plan")
