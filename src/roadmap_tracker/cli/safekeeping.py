"""The commands that keep your record safe: ``history`` (the changes), ``undo`` (take one
back), ``restore`` (a backup) and ``doctor`` (check the file, backups and curricula).

Here are their declarations (the arguments, options and help Typer reads from each
``*_command`` function, which :data:`.app.COMMANDS` names) and the drawing of their views
(``render_*``), laid out by :mod:`.layout`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.cli import layout, options, render, terminal, wrapping
from roadmap_tracker.cli.options import AllOption, JsonOption, NoPagerOption, make_session
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from collections.abc import Callable

    from roadmap_tracker.commands.editing import EditResult
    from roadmap_tracker.commands.safekeeping import (
        ChangeView,
        DoctorView,
        HistoryView,
        RedoResult,
        RestoreResult,
        UndoResult,
    )


def history_command(
    count: Annotated[
        int, typer.Option("-n", "--count", help="How many changes to show, newest first.")
    ] = 20,
    plan: Annotated[
        str | None,
        typer.Option("--plan", metavar="SLUG", help="Only the changes of this curriculum."),
    ] = None,
    json_output: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """List the changes in your progress file, newest first, with their numbers.

    Example: roadmap history -n 5 --plan advanced-ai
    """
    from roadmap_tracker.commands import safekeeping

    view = safekeeping.history_view(count, plan)
    if json_output:
        render.print_json(view)
    else:
        with terminal.paged(not no_pager):
            render_history(view)


def undo_command(
    change: Annotated[
        int | None,
        typer.Argument(help="The number of the change (see 'roadmap history'); default: the last."),
    ] = None,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help="Do not ask before undoing a change older than the last 10."
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Take back your most recent change, or any change by its number (one older than the
    last 10 after you confirm).

    The change stays in the history, marked as undone; 'roadmap redo' brings it back.
    Example: roadmap undo
    """
    from roadmap_tracker.commands import safekeeping

    result = safekeeping.undo(make_session(change=True), change, _ask(yes))
    render.print_json(result) if json_output else render_undo(result)


def redo_command(
    change: Annotated[
        int | None,
        typer.Argument(
            help="The number of an undo, or of a change that was undone (see 'roadmap "
            "history'); default: the last undo."
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Take back an undo: the change it took back counts again.

    Example: roadmap redo
    """
    from roadmap_tracker.commands import safekeeping

    result = safekeeping.redo(make_session(change=True), change)
    render.print_json(result) if json_output else render_redo(result)


def edit_command(
    change: Annotated[
        int, typer.Argument(help="The number of the change to amend (see 'roadmap history').")
    ],
    hours: Annotated[
        str | None,
        typer.Option(
            "--hours", metavar="HOURS", help="A log's hours: 1.5 (decimal hours), 1:30, 90m, 1h30."
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option("--on", metavar="DATE", help="The day of a log or a journal entry."),
    ] = None,
    task: Annotated[
        str | None,
        typer.Option("--task", metavar="REF", help="The item a log's time went to."),
    ] = None,
    no_task: Annotated[bool, typer.Option("--no-task", help="A log names no item.")] = False,
    text: Annotated[
        str | None,
        typer.Option(
            "--text", metavar="TEXT", help="The text of a note or journal entry, or a log's remark."
        ),
    ] = None,
    answers: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            metavar="ID=TEXT",
            help="A review's new answer to question ID (repeat for several).",
        ),
    ] = None,
    every_candidate: AllOption = False,
    json_output: JsonOption = False,
) -> None:
    """Amend a recorded log (hours, day, task), note, journal entry or review answer.

    Nothing is rewritten: the amendment is a new change that stands for the old one;
    'roadmap history' shows both, and 'roadmap undo' takes the amendment back.
    Example: roadmap edit 42 --hours 1
    """
    from roadmap_tracker.base.hours import parse_hours
    from roadmap_tracker.commands import editing
    from roadmap_tracker.commands.journal import parse_answers

    spent = parse_hours(hours) if hours is not None else None
    day = options.parse_day(on, "--on") if on is not None else None
    given = tuple(parse_answers(answers or []))

    def run(rewrite: Callable[[str], str]) -> EditResult:
        amendment = editing.Amendment(
            hours=spent,
            on=day,
            task=None if task is None else rewrite(task),
            no_task=no_task,
            text=text,
            answers=given,
        )
        return editing.edit(make_session(change=True), change, amendment)

    from roadmap_tracker.cli import picker

    result = picker.with_picker(run, "log", None, None, json_output, every_candidate)
    render.print_json(result) if json_output else render_edit(result)


def render_edit(result: EditResult) -> None:
    """Draw what ``roadmap edit`` recorded: the change as it reads now and as it read."""
    out = terminal.console()
    out.print(f"Amended change {result.change}: {escape(result.now)}.")
    out.print(f"[dim]It read: {escape(result.was)}.[/]")
    out.print(
        f"Recorded as change {result.amendment.seq}; 'roadmap undo' takes the amendment back."
    )


def _ask(yes: bool) -> Callable[[ChangeView], bool] | None:
    """How ``undo`` confirms an older change: yes with ``--yes``, a question in a terminal
    (on standard error, as every question), else no way (the core then says to add ``--yes``).
    """
    if yes:
        return lambda view: True
    if not options.interactive():
        return None

    def confirm(view: ChangeView) -> bool:
        from roadmap_tracker.base.printable import printable

        question = printable(
            f"Undo change {view.seq} (recorded {view.at:%Y-%m-%d %H:%M}): {view.summary}?"
        )
        question = wrapping.for_prompt(question, answer=wrapping.CONFIRM)
        return bool(typer.confirm(question, default=False, err=True))

    return confirm


def restore_command(
    backup: Annotated[str, typer.Argument(help="A backup's file name in backups/ (or its path).")],
    json_output: JsonOption = False,
) -> None:
    """Put a backup back as your progress file; the current file is kept in backups/ first.

    Example: roadmap restore progress-20261121T093000Z-01-schema-1.yaml
    """
    from roadmap_tracker.commands import safekeeping

    result = safekeeping.restore(backup)
    render.print_json(result) if json_output else render_restore(result)


def doctor_command(json_output: JsonOption = False) -> None:
    """Check the progress file, its lock, its backups and your curricula; list the items
    your progress names that a curriculum no longer has. Exits 1 when a check finds a problem.

    Example: roadmap doctor
    """
    from roadmap_tracker.commands import safekeeping

    view = safekeeping.doctor_view()
    render.print_json(view) if json_output else render_doctor(view)
    if not view.healthy:
        raise typer.Exit(1)


def render_history(view: HistoryView) -> None:
    """Draw ``roadmap history``: the newest changes first, undone ones struck through."""
    out = terminal.console()
    if not view.changes:
        out.print("No changes yet. Enroll with: [bold]roadmap start SLUG[/]")
        return
    columns = (
        layout.Column("#", justify="right"),
        layout.Column("Recorded", no_wrap=True),
        layout.Column("Change"),
    )
    rows = []
    for change in view.changes:
        summary = escape(change.summary)
        if change.undone_by is not None:
            summary = f"[strike]{summary}[/] [dim](undone by {change.undone_by})[/]"
        elif change.amended_by is not None:
            summary = f"[strike]{summary}[/] [dim](amended by {change.amended_by})[/]"
        rows.append((str(change.seq), f"{change.at:%Y-%m-%d %H:%M}", summary))
    terminal.print_lines(*layout.table(columns, rows), exact=True)
    shown = len(view.changes)
    more = f" of {view.total} (-n for more)" if view.total > shown else ""
    noun = "change" if shown == 1 else "changes"
    out.print(f"{shown} {noun} shown{more}.", end=" ")
    if view.undoable:
        out.print(f"'roadmap undo' takes back change {view.undoable[0]}.")
    else:
        out.print("Nothing left to undo.")


def render_undo(result: UndoResult) -> None:
    """Draw what ``roadmap undo`` took back."""
    out = terminal.console()
    for change in [result.undone, *result.also]:
        out.print(
            f"Undid change {change.seq} (recorded {change.at:%Y-%m-%d %H:%M}): "
            f"{escape(change.summary)}."
        )


def render_redo(result: RedoResult) -> None:
    """Draw what ``roadmap redo`` brought back."""
    out = terminal.console()
    for change in [result.redone, *result.also]:
        out.print(
            f"Redid change {change.seq} (recorded {change.at:%Y-%m-%d %H:%M}): "
            f"{escape(change.summary)}."
        )
    out.print(
        f"Undo {result.undo.seq} no longer counts; 'roadmap undo' takes the change back again."
    )


def render_restore(result: RestoreResult) -> None:
    """Draw what ``roadmap restore`` did."""
    out = terminal.console()
    enrolled = ", ".join(result.enrollments) or "no curriculum"
    changes = render.plural(result.changes, "change")
    out.print(f"Restored {result.backup}: {changes}, enrolled in {enrolled}.")
    if result.kept:
        out.print(f"The file it replaced is kept in {result.kept}.")


_LEVEL_STYLE = {"ok": "green", "note": "cyan", "warning": "yellow", "problem": "red"}


def render_doctor(view: DoctorView) -> None:
    """Draw ``roadmap doctor``: one line per check, then the ids curricula no longer have."""
    out = terminal.console()
    out.print(f"Progress file: {escape(view.progress_file)}")
    rows = [
        (
            f"[{_LEVEL_STYLE[f.level]}]{f.level}[/]",
            f"[bold]{escape(f.check)}[/]",
            escape(f.message),
        )
        for f in view.findings
    ]
    out.print(layout.grid(rows))
    if view.removed:
        out.print("No longer in their curriculum (kept in your record):")
        out.print(
            layout.grid(
                [(r.id, f"{r.action} {r.on.isoformat()} ({r.curriculum})") for r in view.removed],
                indent=2,
            )
        )
    if not view.healthy:
        out.print("[red]Some checks found a problem.[/]")
    elif any(f.level == "warning" for f in view.findings):
        out.print("No problems, but see the warnings above.")
    else:
        out.print("All is well.")
