"""The ``sync`` command: your record on every machine, through git (docs/sync.md).

Here are its declaration (the options and help Typer reads from ``sync_command``, which
:data:`.app.COMMANDS` names) and the drawing of its result (``render_sync``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.cli import render, terminal
from roadmap_tracker.cli.options import JsonOption
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.syncing import SyncResult


def sync_command(
    init: Annotated[
        str | None,
        typer.Option(
            "--init",
            metavar="URL",
            help="Set the data directory up with this git remote (an empty repository, or "
            "one another machine synced to; a local path that does not exist is created).",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Sync your record with your other machines through git: commit what changed here,
    fetch, merge, push, and say what came in.

    Only your record, your curricula and the git files travel; the cache, the lock, backups
    and logs stay on each machine. An interrupted sync loses nothing: run it again.

    Example: roadmap sync --init git@github.com:you/roadmap-progress.git
    """
    from roadmap_tracker.commands import syncing

    result = syncing.sync(init)
    render.print_json(result) if json_output else render_sync(result)


def _changes(count: int) -> str:
    return f"{count} change{'s' if count != 1 else ''}"


def render_sync(result: SyncResult) -> None:
    """Draw ``roadmap sync``: what an interrupted sync left and is now done, what --init did,
    what was committed here, what came in, whether it was pushed."""
    out = terminal.console()
    for done in result.finished:
        out.print(f"Finished an interrupted sync: {escape(done)}.")
    if result.initialized:
        out.print(f"Set up {escape(result.directory)} with the git remote {escape(result.remote)}.")
        out.print(escape(result.initialized))
    if result.committed:
        out.print(
            f"Committed {_changes(len(result.committed))} made here: "
            + escape("; ".join(result.committed))
            + "."
        )
    if result.received:
        out.print(
            f"{_changes(len(result.received)).capitalize()} from another machine: "
            + escape("; ".join(result.received))
            + "."
        )
    else:
        out.print("Nothing new from your other machines.")
    if result.pushed:
        out.print(f"Pushed to {escape(result.remote)} ({escape(result.branch)}).")
    else:
        out.print(f"Up to date with {escape(result.remote)} ({escape(result.branch)}).")
