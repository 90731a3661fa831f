"""The ``timer`` and ``hours`` commands: a running timer whose stop logs the time it ran,
and where the study time went (decisions 54 and 55).

``roadmap timer start [TASK]``, ``timer stop``, ``timer status`` and ``timer cancel`` are one
command whose first argument is the action, as ``group`` is (the registry of
:data:`.app.COMMANDS` holds commands, not sub-groups). Here are the declarations of both
commands and the drawing of their views.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli import layout, render, terminal
from roadmap_tracker.cli.options import (
    AllOption,
    JsonOption,
    PlanOption,
    complete_item,
    make_session,
)
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from collections.abc import Callable

    from roadmap_tracker.commands.hours import HoursView
    from roadmap_tracker.commands.timing import TimerView

_ACTIONS = ("start", "stop", "status", "cancel")


def timer_command(
    action: Annotated[
        str,
        typer.Argument(
            metavar="ACTION", help="start [TASK], stop, status or cancel.", show_default=False
        ),
    ],
    task: Annotated[
        str | None,
        typer.Argument(
            metavar="[TASK]",
            help="For start: the item you work on (id or title words).",
            autocompletion=complete_item,
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", help="For start and stop: a remark the log keeps."),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="For start and stop: when, HH:MM today or YYYY-MM-DD HH:MM (default: now)."
        ),
    ] = None,
    every_candidate: AllOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Time your study: 'start [TASK]' starts a timer, 'stop' logs the time it ran (as
    'roadmap log' does, for the day it started), 'status' shows it, 'cancel' drops it.

    One timer runs per enrollment; it keeps running when you close the terminal or restart
    the machine, and stays on this machine ('roadmap sync' does not carry it).

    Example: roadmap timer start attention-from-scratch
    """
    from roadmap_tracker.commands import timing

    if action not in _ACTIONS:
        raise RoadmapError(
            f"{action!r} is not a timer action.",
            "Use 'roadmap timer start [TASK]', 'roadmap timer stop', 'roadmap timer status' "
            "or 'roadmap timer cancel'.",
        )
    if task is not None and action != "start":
        raise RoadmapError(
            f"roadmap timer {action} takes no task; the task is given to 'timer start'.",
            f"Use 'roadmap timer {action}'.",
        )
    if at is not None and action not in ("start", "stop"):
        raise RoadmapError(
            f"roadmap timer {action} takes no --at.", f"Use 'roadmap timer {action}'."
        )
    if note is not None and action not in ("start", "stop"):
        raise RoadmapError(
            f"roadmap timer {action} takes no --note.", f"Use 'roadmap timer {action}'."
        )
    moment = None if at is None else timing.parse_moment(at, "--at")
    if action == "start":
        from roadmap_tracker.cli import picker

        def run(rewrite: Callable[[str], str]) -> TimerView:
            named = None if task is None else rewrite(task)
            return timing.start(make_session(plan), named, note, moment)

        view = picker.with_picker(run, "log", plan, None, json_output, every_candidate)
    elif action == "stop":
        view = timing.stop(make_session(plan, change=True), note, moment)
    elif action == "cancel":
        view = timing.cancel(make_session(plan))
    else:
        view = timing.status(make_session(plan))
    render.print_json(view) if json_output else render_timer(view)


def duration(hours: float) -> str:
    """Decimal hours as hours and minutes: ``1 h 05 min``, ``45 min``."""
    minutes = round(hours * 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def render_timer(view: TimerView) -> None:
    """Draw ``roadmap timer``: the timer started, stopped (and what was logged), dropped,
    or running (or not)."""
    out = terminal.console()
    slug = escape(view.curriculum)
    task = f" on {escape(view.task_title)} ({view.task})" if view.task_title else ""
    if view.started is None:
        out.print(f"No timer is running for {slug}. Start one with 'roadmap timer start [TASK]'.")
        return
    since = f"{view.started:%Y-%m-%d %H:%M}"
    if view.action == "start":
        out.print(f"Timer started at {since} for {slug}{task}.")
        out.print("Stop it with 'roadmap timer stop' to log the time.")
    elif view.action == "status":
        out.print(f"Timer running for {slug}{task} since {since}: {duration(view.elapsed_hours)}.")
    elif view.action == "cancel":
        out.print(
            f"Dropped the timer for {slug}{task} started {since} "
            f"({duration(view.elapsed_hours)}); nothing was logged."
        )
    elif view.logged is not None:
        logged = view.logged
        out.print(
            f"Timer stopped after {duration(view.elapsed_hours)}: logged {logged.hours:g} h"
            f"{task} for {logged.on.isoformat()}."
        )
        planned = f" of {logged.hours_per_week:g} h planned" if logged.hours_per_week else ""
        out.print(
            f"The week from {logged.week_start:%a %Y-%m-%d}: {logged.week_hours:g} h{planned}."
        )


def hours_command(
    by: Annotated[
        str,
        typer.Option(
            "--by", metavar="task|module|phase|week", help="Group by task, module, phase or week."
        ),
    ] = "module",
    since: Annotated[
        str | None,
        typer.Option("--since", help="The first day counted (default: your start)."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help="The last day counted (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show where your study time went: the hours logged per module (or task, phase or
    week), with each one's share of the total.

    Example: roadmap hours --by task --since 2026-01-01
    """
    from roadmap_tracker.base import clock
    from roadmap_tracker.commands import hours

    first = None if since is None else clock.parse_date(since, "--since")
    view = hours.hours_view(make_session(plan, until, "--until"), by, first)  # type: ignore[arg-type]
    render.print_json(view) if json_output else render_hours(view)


def render_hours(view: HoursView) -> None:
    """Draw ``roadmap hours``: a table of rows (hours, share, days) and the total."""
    out = terminal.console()
    out.print(f"[bold]{escape(view.title)}[/] · hours")
    out.print(f"By {view.by}, {view.since:%a %Y-%m-%d} to {view.until:%a %Y-%m-%d}")
    if not view.rows:
        out.print(
            "No time logged on these days. Log some with 'roadmap log 1h30' or 'roadmap timer'."
        )
        return
    heading = {"task": "Task", "module": "Module", "phase": "Phase", "week": "Week"}[view.by]
    columns = (
        layout.Column(heading),
        layout.Column("Hours", justify="right", no_wrap=True),
        layout.Column("Share", justify="right", no_wrap=True),
        layout.Column("Days", justify="right", no_wrap=True),
    )
    rows = []
    for row in view.rows:
        if row.id is None:
            name = f"[dim]{escape(row.title)}[/]"
        elif view.by == "week":
            name = f"{row.title} [dim]({row.id})[/]"
        else:
            name = f"{escape(row.title)} [dim]({escape(row.id)})[/]"
        rows.append((name, f"{row.hours:g}", f"{row.share:g}%", str(row.days)))
    rows.append(("[bold]Total[/]", f"[bold]{view.total:g}[/]", "100%", str(view.days)))
    terminal.print_lines(*layout.table(columns, rows), exact=True)
