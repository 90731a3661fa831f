"""The ``group`` command: a study group's progress through a shared git repository
(docs/sync.md, "A study group").

``roadmap group join URL NAME``, ``roadmap group publish`` and ``roadmap group status`` are
one command whose first argument is the action (the registry of :data:`.app.COMMANDS` holds
commands, not sub-groups). Here are its declaration and the drawing of its results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli import layout, render, terminal
from roadmap_tracker.cli.options import JsonOption, parse_day
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.groups import GroupStatus, PublishResult

_ACTIONS = {"join": 2, "publish": 0, "status": 0}


def group_command(
    action: Annotated[
        str,
        typer.Argument(
            metavar="ACTION", help="join URL NAME, publish, or status.", show_default=False
        ),
    ],
    arguments: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[URL NAME]",
            help="For join: the group's git repository and your member name.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", help="For status: the day to show (default: today)."),
    ] = None,
    with_notes: Annotated[
        bool,
        typer.Option(
            "--with-notes",
            help="For join and publish: publish your journal, reviews, notes and evidence too.",
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Share your progress with a study group through a git repository: one folder per
    member, published without your journal, notes or evidence.

    'join URL NAME' clones the group (or starts it in an empty repository) and publishes
    you as NAME; 'publish' publishes your record again; 'status' shows every member's
    curriculum, week, done %, pace, hours this week, streak and forecast. One group at a
    time.

    Example: roadmap group join git@github.com:us/study-group.git ada
    """
    from roadmap_tracker.commands import groups

    given = list(arguments or [])
    if action not in _ACTIONS:
        raise RoadmapError(
            f"{action!r} is not a group action.",
            "Use 'roadmap group join URL NAME', 'roadmap group publish' or 'roadmap group status'.",
        )
    if len(given) != _ACTIONS[action]:
        usage = "join URL NAME" if action == "join" else action
        raise RoadmapError(
            f"roadmap group {action} takes {_ACTIONS[action] or 'no'} arguments.",
            f"Use 'roadmap group {usage}'.",
        )
    if action == "status":
        view = groups.status(parse_day(on, "--on"))
        render.print_json(view) if json_output else render_group_status(view)
        return
    if action == "join":
        result = groups.join(given[0], given[1], with_notes)
    else:
        result = groups.publish(with_notes)
    render.print_json(result) if json_output else render_publish(result)


def render_publish(result: PublishResult) -> None:
    """Draw ``roadmap group join`` and ``publish``: what was published, whether it went out."""
    out = terminal.console()
    left = (
        f", {render.plural(result.left_out, 'private change')} left out" if result.left_out else ""
    )
    if result.committed:
        out.print(
            f"Published {render.plural(result.events, 'change')} as {escape(result.member)} "
            f"in the group {escape(result.group)}{left}."
        )
    else:
        out.print(f"Nothing new to publish as {escape(result.member)} in {escape(result.group)}.")
    if result.pushed:
        out.print("Pushed to the group's repository.")
    else:
        out.print("Up to date with the group's repository.")


def render_group_status(view: GroupStatus) -> None:
    """Draw ``roadmap group status``: one row per member."""
    out = terminal.console()
    out.print(f"Study group {escape(view.group)} on {view.as_of} (you are {escape(view.you)})")
    if not view.members:
        out.print("No member has published yet.")
        return
    columns = (
        layout.Column("Member", no_wrap=True),
        layout.Column("Curriculum", no_wrap=True),
        layout.Column("Week", justify="right", no_wrap=True),
        layout.Column("Done", justify="right", no_wrap=True),
        layout.Column("Pace (days)", no_wrap=True),
        layout.Column("Hours", justify="right", no_wrap=True),
        layout.Column("Streak", justify="right", no_wrap=True),
        layout.Column("80% by", no_wrap=True),
    )
    rows = []
    for member in view.members:
        if member.curriculum is None:
            problem = escape(member.problem or "no curriculum")
            rows.append((escape(member.name), f"[dim]{problem}[/]", "", "", "", "", "", ""))
            continue
        week = f"{member.week}/{member.weeks_total}" if member.weeks_total else f"{member.week}"
        rows.append(
            (
                escape(member.name),
                escape(member.curriculum),
                week,
                f"{member.percent or 0:.0f}%",
                _pace(member.days_ahead),
                f"{member.hours_this_week or 0:g}",
                f"{member.streak or 0}",
                render.date(member.finish_p80) if member.finish_p80 else "-",
            )
        )
    terminal.print_lines(*layout.table(columns, rows), exact=True)


def _pace(days_ahead: int | None) -> str:
    if days_ahead is None:
        return "-"
    if days_ahead == 0:
        return "on pace"
    if days_ahead > 0:
        return f"[green]{days_ahead} ahead[/]"
    return f"[red]{-days_ahead} behind[/]"
