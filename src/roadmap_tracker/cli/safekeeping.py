"""The commands that keep your record safe: ``history`` (the changes), ``undo`` (take one
back), ``restore`` (a backup) and ``doctor`` (check the file, backups and curricula).
"""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_tracker.cli.options import JsonOption, make_session


def history_command(
    count: Annotated[
        int, typer.Option("-n", "--count", help="How many changes to show, newest first.")
    ] = 20,
    plan: Annotated[
        str | None,
        typer.Option("--plan", metavar="SLUG", help="Only the changes of this curriculum."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List the changes in your progress file, newest first, with their numbers.

    Example: roadmap history -n 5 --plan advanced-ai
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import safekeeping

    view = safekeeping.history_view(count, plan)
    if json_output:
        render.print_json(view)
    else:
        with render.paged():
            render.render_history(view)


def undo_command(
    change: Annotated[
        int | None,
        typer.Argument(help="The number of the change (see 'roadmap history'); default: the last."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Take back your most recent change (or one of the last 10 by its number).

    The change stays in the history, marked as undone. Example: roadmap undo
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import safekeeping

    result = safekeeping.undo(make_session(), change)
    render.print_json(result) if json_output else render.render_undo(result)


def restore_command(
    backup: Annotated[str, typer.Argument(help="A backup's file name in backups/ (or its path).")],
    json_output: JsonOption = False,
) -> None:
    """Put a backup back as your progress file; the current file is kept in backups/ first.

    Example: roadmap restore progress-20261121T093000Z-01-schema-1.yaml
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import safekeeping

    result = safekeeping.restore(backup)
    render.print_json(result) if json_output else render.render_restore(result)


def doctor_command(json_output: JsonOption = False) -> None:
    """Check the progress file, its lock, its backups and your curricula; list the items
    your progress names that a curriculum no longer has. Exits 1 when a check finds a problem.

    Example: roadmap doctor
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import safekeeping

    view = safekeeping.doctor_view()
    render.print_json(view) if json_output else render.render_doctor(view)
    if not view.healthy:
        raise typer.Exit(1)
