"""The commands about the curricula you follow: ``enrollments`` (each with its progress),
``switch`` (the active one) and ``stop`` (archive one).

Here are their declarations (the arguments, options and help Typer reads from each
``*_command`` function, which :data:`.app.COMMANDS` names) and the drawing of their views
(``render_*``), laid out by :mod:`.layout`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli import layout, options, render, terminal, wrapping
from roadmap_tracker.cli.options import JsonOption, complete_enrollment, make_session
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.enrollments import (
        EnrollmentRow,
        EnrollmentsView,
        StopPreview,
        StopResult,
        SwitchResult,
    )


def enrollments_command(
    all_enrollments: Annotated[
        bool, typer.Option("--all", help="Also list the stopped (archived) enrollments.")
    ] = False,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Day to count progress to (default: today)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List the curricula you follow with their progress and pace; the active one is marked.

    Example: roadmap enrollments --all
    """
    from roadmap_tracker.commands import enrollments

    view = enrollments.enrollments_view(make_session(None, on), all_enrollments)
    render.print_json(view) if json_output else render_enrollments(view)


def switch_command(
    slug: Annotated[
        str,
        typer.Argument(
            help="The curriculum to make active (an enrollment).",
            autocompletion=complete_enrollment,
        ),
    ],
    json_output: JsonOption = False,
) -> None:
    """Make another of your enrollments the active one: the one commands work on.

    Example: roadmap switch ai-study-plan
    """
    from roadmap_tracker.commands import enrollments

    result = enrollments.switch(make_session(change=True), slug)
    render.print_json(result) if json_output else render_switch(result)


def stop_command(
    slug: Annotated[
        str,
        typer.Argument(
            help="The curriculum to stop following.", autocompletion=complete_enrollment
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Stop it without asking.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Stop following a curriculum: archive its enrollment (a backup is kept first).

    Its record stays in the file: 'roadmap undo' brings it back, 'roadmap start SLUG'
    begins afresh. Example: roadmap stop advanced-ai
    """
    from roadmap_tracker.commands import enrollments

    session = make_session(change=True)
    confirmed = yes
    if not yes:
        preview = enrollments.stop_preview(session, slug)  # an unknown slug fails here
        if not options.interactive():
            raise RoadmapError(
                f"roadmap stop asks before it archives {slug}, and there is no terminal to "
                "ask in; add --yes to stop it.",
                "Nothing was changed.",
            )
        question = wrapping.for_prompt(stop_question(preview), answer=wrapping.CONFIRM)
        confirmed = typer.confirm(question, default=False, err=True)
    result = enrollments.stop(session, slug, confirmed)
    render.print_json(result) if json_output else render_stop(result)


def _short_pace(days_ahead: int | None, planned_percent: float | None) -> str:
    """Pace in a few words, with the share the plan expected (``plan 40% · 3 days behind``)."""
    if days_ahead is None:
        return "no dates to pace"
    if days_ahead == 0:
        pace = "on pace"
    elif days_ahead > 0:
        pace = f"[green]{render.days(days_ahead)} ahead[/]"
    else:
        pace = f"[red]{render.days(-days_ahead)} behind[/]"
    planned = f"plan {planned_percent:g}% · " if planned_percent is not None else ""
    return planned + pace


def _enrollment_rows(rows: Sequence[EnrollmentRow]) -> list[tuple[str, ...]]:
    """A row per enrollment: mark, slug, done/total, percent and pace; below the pace its
    title, then its start and weekly hours (or the day it was stopped); or its problem.
    """
    lines: list[tuple[str, ...]] = []
    for row in rows:
        mark = "[bold]▶[/]" if row.active else " "
        slug = f"[bold]{escape(row.curriculum)}[/]" if row.active else escape(row.curriculum)
        hours = f" · {row.hours_per_week:g} h a week" if row.hours_per_week else ""
        about = f"from {row.started.isoformat()}{hours}"
        if row.stopped is not None:
            about = f"from {row.started.isoformat()}, stopped {row.stopped.isoformat()}"
        if row.problem is not None or row.done is None or row.total is None:
            first = f"[red]{escape(row.problem or 'curriculum does not load')}[/]"
            lines.append((mark, slug, "-", "-", f"{first}\n[dim]{about}[/]"))
            continue
        title = f"{escape(row.title)}\n" if row.title else ""
        pace = _short_pace(row.days_ahead, row.planned_percent)
        lines.append(
            (
                mark,
                slug,
                f"{row.done}/{row.total}",
                f"{row.percent:g}%",
                f"{pace}\n[dim]{title}{about}[/]",
            )
        )
    return lines


def render_enrollments(view: EnrollmentsView) -> None:
    """Draw ``roadmap enrollments``: each enrollment's progress and pace, the active one
    marked ``▶``; with ``--all`` the stopped ones below.
    """
    out = terminal.console()
    if not view.enrollments:
        out.print(
            "You are not enrolled in any curriculum. Enroll with: [bold]roadmap start SLUG[/]"
        )
    else:
        out.print(f"Your enrollments as of {view.as_of:%a %Y-%m-%d} (▶ active):")
        out.print(layout.grid(_enrollment_rows(view.enrollments), indent=1))
    if view.stopped:
        out.print("Stopped (their progress on the day they stopped):")
        out.print(layout.grid(_enrollment_rows(view.stopped), indent=1))
    elif view.include_stopped:
        out.print("No stopped enrollments.")
    if any(row.problem for row in [*view.enrollments, *view.stopped]):
        out.print("[dim]'roadmap doctor' checks your curricula.[/]")
    if len(view.enrollments) > 1:
        out.print("[dim]Switch with: roadmap switch SLUG, or add --plan SLUG[/]")


def render_switch(result: SwitchResult) -> None:
    """Draw what ``roadmap switch`` did."""
    slug = escape(result.curriculum)
    if not result.changed:
        terminal.console().print(f"{slug} is already your active enrollment; nothing was changed.")
        return
    was = f" (was {escape(result.previous)})" if result.previous else ""
    terminal.console().print(
        f"Switched to {slug}{was}.\nCommands now work on it; see: roadmap status"
    )


def stop_question(preview: StopPreview) -> str:
    """The question ``roadmap stop`` asks before it archives an enrollment (plain text)."""
    title = f" ({preview.title})" if preview.title else ""
    done = (
        f", {preview.done} of {preview.total} items done"
        if preview.done is not None and preview.total is not None
        else ""
    )
    then = ""
    if preview.active:
        then = (
            f" {preview.next_active} becomes the active one."
            if preview.next_active
            else " No enrollment will be left."
        )
    from roadmap_tracker.base.printable import printable

    return printable(
        f"Stop {preview.curriculum}{title}, followed since {preview.started.isoformat()}"
        f"{done}?{then} Its record is kept"
    )


def render_stop(result: StopResult) -> None:
    """Draw what ``roadmap stop`` did: the backup, what is active now, how to go back."""
    out = terminal.console()
    slug = escape(result.curriculum)
    out.print(f"Stopped {slug} (followed from {result.started.isoformat()}).")
    if result.backup:
        out.print("A copy of your progress file is kept in")
        out.print(f"  {escape(result.backup)}", soft_wrap=True)  # whole, to copy
    if result.was_active:
        if result.active:
            out.print(f"Active now: {escape(result.active)}.")
        else:
            out.print("You follow no other curriculum now.")
    out.print(f"'roadmap undo' brings {slug} back;")
    out.print(f"'roadmap start {slug}' begins it afresh.")
