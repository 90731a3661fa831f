"""The ``stats`` command: your activity, as a calendar of study days, streaks, and items
and hours per week.

Here are its declaration (the arguments, options and help Typer reads from
``stats_command``, which :data:`.app.COMMANDS` names) and the drawing of its view (the
heatmap, streaks and weeks of ``render_stats``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.cli import render, terminal
from roadmap_tracker.cli.options import JsonOption, PlanOption, make_session
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.stats import StatsView


def stats_command(
    weeks: Annotated[int, typer.Option("--weeks", help="How many weeks to show, 1 to 53.")] = 12,
    on: Annotated[
        str | None,
        typer.Option("--on", help="The last day to show (default: today)."),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show your activity: a calendar of study days, streaks, items and hours per week.

    Example: roadmap stats --weeks 26
    """
    from roadmap_tracker.commands import stats

    view = stats.stats_view(make_session(plan, on), weeks)
    render.print_json(view) if json_output else render_stats(view)


_HEAT_CELLS = ("·", "░", "▒", "▓", "█")
"""A heatmap day by level: none, then quarters of the busiest day (ASCII: ``.``, ``-+*#``)."""
_HEAT_ASCII = (".", "-", "+", "*", "#")
_PAUSED_CELL = ("‖", "=")
"""A paused day without activity (ASCII: ``=``)."""
_HEAT_STYLES = ("dim", "green", "green", "bold green", "bold green")
_WEEKDAY_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")
_EIGHTHS = " ▏▎▍▌▋▊▉"
STATS_LABEL_WIDTH = 4
"""Cells left of the heatmap's first column: a weekday label and a space."""


def _heat_layout(weeks: int, width: int) -> tuple[int, int]:
    """(cells per heatmap column, columns shown) for ``weeks`` weeks on ``width`` cells: a
    day and a space while they fit, else a day per cell, else the newest weeks that fit.
    """
    room = width - STATS_LABEL_WIDTH
    if 2 * weeks - 1 <= room:
        return 2, weeks
    return 1, max(1, min(weeks, room))


def _month_labels(mondays: Sequence[dt.date], step: int) -> str:
    """The line above the heatmap: a month's short name over the column of the week holding
    its first day (and over the first column), from the right, leaving out a name that would
    touch the next one.
    """
    candidates = [
        (column, (monday + dt.timedelta(days=6)).strftime("%b"))
        for column, monday in enumerate(mondays)
        if column == 0
        or (monday + dt.timedelta(days=6)).month != (monday - dt.timedelta(days=1)).month
    ]
    line = [" "] * (STATS_LABEL_WIDTH + step * len(mondays) + 3)
    next_start = len(line) + 1
    for column, name in reversed(candidates):
        start = STATS_LABEL_WIDTH + step * column
        if start + len(name) < next_start:
            line[start : start + len(name)] = list(name)
            next_start = start
    return "".join(line).rstrip()


def _eighths_bar(value: float, top: float, width: int) -> str:
    """A horizontal bar of ``value`` out of ``top`` on ``width`` cells, in eighths of a cell."""
    if top <= 0 or value <= 0:
        return ""
    eighths = max(1, round(8 * width * value / top))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def render_stats(view: StatsView) -> None:
    """Draw ``roadmap stats``: the heatmap (ISO weeks as columns, Monday to Sunday as rows,
    each day shaded by quarters of the busiest day's items + hours; blank before the start
    and after ``--on``), streaks, totals, then items and hours per week against the
    commitment. A terminal too narrow for a day and a space per week gets a day per cell;
    narrower still, the oldest weeks are left out (and said so).
    """
    from roadmap_tracker.base import clock

    out = terminal.console()
    cells = _HEAT_ASCII if out.options.ascii_only else _HEAT_CELLS
    out.print(f"[bold]{escape(view.title)}[/] · activity")
    span_start = max(view.first, view.start)
    if view.on < view.start:
        out.print(f"Your plan starts on {view.start:%a %Y-%m-%d}: no activity to show yet.")
        return
    since = " (your start)" if span_start == view.start else ""
    span = render.plural(view.weeks, "week")
    out.print(f"{span}: {span_start:%a %Y-%m-%d}{since} to {view.on:%a %Y-%m-%d}")

    step, shown = _heat_layout(view.weeks, out.width)
    first = view.first + dt.timedelta(weeks=view.weeks - shown)
    mondays = [first + dt.timedelta(weeks=column) for column in range(shown)]
    level = {day.date: day.level for day in view.days}
    paused_days = {day.date for day in view.days if day.paused and not day.level}
    out.print(_month_labels(mondays, step), style="dim")
    for weekday, label in enumerate(_WEEKDAY_LABELS):
        line = terminal.text(label.ljust(STATS_LABEL_WIDTH), style="dim")
        for column, monday in enumerate(mondays):
            day = monday + dt.timedelta(days=weekday)
            if column and step == 2:
                line.append(" ")
            shade = level.get(day)
            if shade is None:
                line.append(" ")
            elif day in paused_days:
                line.append(_PAUSED_CELL[cells is _HEAT_ASCII], style="dim")
            else:
                line.append(cells[shade], style=_HEAT_STYLES[shade])
        line.rstrip()
        out.print(line, no_wrap=True, overflow="ignore", crop=False)
    legend = terminal.text(" " * STATS_LABEL_WIDTH + "Less ")
    for shade, cell in enumerate(cells):
        legend.append(cell, style=_HEAT_STYLES[shade])
        legend.append(" ")
    legend.append("More")
    if view.paused_days:
        legend.append(f"  {_PAUSED_CELL[cells is _HEAT_ASCII]} paused", style="dim")
    out.print(legend)
    if view.busiest is not None:
        busiest = view.busiest
        parts = [render.plural(busiest.items, "item")] if busiest.items else []
        what = ", ".join(parts + ([f"{busiest.hours:g} h"] if busiest.hours else []))
        margin = " " * STATS_LABEL_WIDTH
        out.print(f"[dim]{margin}{cells[4]} busiest: {what} on {busiest.date:%a %m-%d}[/]")
    if shown < view.weeks:
        older = view.weeks - shown
        out.print(
            f"[dim]The oldest {render.plural(older, 'week')} do not fit here (--json has them).[/]"
        )

    streak = view.streaks
    current = f"Current streak: {render.days(streak.current)}"
    if streak.pending and streak.current:
        current += (
            " (today not yet)"
            if view.on == clock.today()
            else f" (nothing on {view.on:%a %m-%d} yet)"
        )
    out.print(current)
    if streak.longest_start is not None and streak.longest_end is not None:
        earliest, latest = streak.longest_start.isoformat(), streak.longest_end.isoformat()
        when = f"on {earliest}" if earliest == latest else f"{earliest} to {latest}"
        out.print(f"Longest streak: {render.days(streak.longest)}, {when}")
    out.print(
        f"Totals: {render.plural(view.items, 'item')}, {view.hours:g} h, "
        f"{render.plural(view.study_days, 'study day')}"
    )
    if view.paused_days:
        out.print(
            f"Paused: {render.days(view.paused_days)} (left out of the streaks)",
        )
    if view.not_planned:
        out.print(
            f"[dim]Not counted: {render.plural(view.not_planned, 'item')} done in parts not "
            "in your plan ('roadmap plan' lists them).[/]"
        )
    if not view.weeks_shown:
        return

    commitment = f" of {view.hours_per_week:g} h a week; ✓ met" if view.hours_per_week else ""
    out.print(f"[bold]Per week[/] [dim](items, hours{commitment})[/]")
    hours_texts = [
        f"{week.hours:g} of {week.commitment:g} h" if week.commitment else f"{week.hours:g} h"
        for week in view.weeks_shown
    ]
    count_width = max(len(str(week.items)) for week in view.weeks_shown)
    hours_width = max(len(text) for text in hours_texts)
    bar_width = max(4, min(20, out.width - 9 - 1 - count_width - 2 - hours_width - 2))
    top = max(week.items for week in view.weeks_shown)
    for week, hours in zip(view.weeks_shown, hours_texts, strict=True):
        line = terminal.text(f"{week.week} ")
        line.append(_eighths_bar(week.items, top, bar_width).ljust(bar_width), style="cyan")
        line.append(f" {week.items:>{count_width}}  {hours.rjust(hours_width)}")
        if week.met:
            line.append(" ✓", style="green")
        out.print(line, no_wrap=True, overflow="ignore", crop=False)
