"""The commands of reflection: ``journal`` (dated entries, written on the line or in your
editor) and ``review`` (the period just ended, and the curriculum's questions).

Here are their declarations (the arguments, options and help Typer reads from each
``*_command`` function, which :data:`.app.COMMANDS` names) and the drawing of their views
(``render_*``), laid out by :mod:`.layout`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.base.errors import Declined, RoadmapError
from roadmap_tracker.cli import layout, options, render, terminal, wrapping
from roadmap_tracker.cli.options import (
    JsonOption,
    NoPagerOption,
    PlanOption,
    make_session,
    parse_day,
)
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.journal import (
        JournalList,
        JournalResult,
        ReviewList,
        ReviewView,
    )


def journal_command(
    text: Annotated[
        str | None,
        typer.Argument(help="The entry's text (default: write it in your $EDITOR)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day the entry is for (default: today).")
    ] = None,
    list_entries: Annotated[
        bool, typer.Option("--list", help="Show the entries, newest last, instead of adding one.")
    ] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="Show the entries from this day on.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Show the entries up to this day.")
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            metavar="WORDS",
            help="Show the entries with all these words (or their beginnings: transf).",
        ),
    ] = None,
    plan: PlanOption = None,
    json_output: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Add a dated entry to your progress journal; without TEXT, write it in your editor
    (lines starting with '#' are left out, as in 'git commit'). --list shows the entries;
    --since, --until and --search show those of some days or with some words.

    Example: roadmap journal "Finished the attention module; next: diffusion models"
    """
    from roadmap_tracker.commands import journal

    if list_entries or since is not None or until is not None or search is not None:
        if text is not None or on is not None:
            raise typer.BadParameter(
                "--list, --since, --until and --search show entries; they take no TEXT or --on."
            )
        view = journal.journal_list(
            make_session(plan),
            parse_day(since, "--since") if since is not None else None,
            parse_day(until, "--until") if until is not None else None,
            search,
        )
        if json_output:
            render.print_json(view)
        else:
            with terminal.paged(not no_pager):
                render_journal_list(view)
        return
    session = make_session(plan, on, change=True)
    if text is None:
        text = journal.strip_comments(_edit(journal.journal_template(session)))
    if not text.strip():
        typer.echo(journal.JOURNAL_EMPTY, err=True)
        raise typer.Exit(1)
    result = journal.add_journal(session, text)
    render.print_json(result) if json_output else render_journal(result)


_EDITOR_HINT = (
    "Set $EDITOR to an editor you have (export EDITOR=nano), or pass the text: "
    'roadmap journal "What I did".'
)


def _edit(template: str) -> str:
    """Open the learner's editor on a temporary file holding ``template`` and return what it
    holds when the editor exits, as ``git commit`` does: $VISUAL, else $EDITOR (which may
    carry arguments, as in ``code --wait``), else the first of editor, nano, vim and vi
    found. Raises RoadmapError when there is none or it fails (exits other than 0).
    """
    import os
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        editor = next((n for n in ("editor", "nano", "vim", "vi") if shutil.which(n)), None)
    if not editor:
        raise RoadmapError("No editor was found to write the journal entry in.", _EDITOR_HINT)
    handle, name = tempfile.mkstemp(prefix="roadmap-journal-", suffix=".md")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(template)
        try:
            if os.name == "nt":
                status = subprocess.call(f'{editor} "{name}"', shell=True)
            else:  # as git runs it: the editor's text may hold arguments
                status = subprocess.call(["/bin/sh", "-c", f'{editor} "$@"', editor, name])
        except OSError:
            status = -1
        if status != 0:
            raise RoadmapError(
                f"The editor '{editor}' could not be run or failed (exit status {status}); "
                "nothing was written.",
                _EDITOR_HINT,
            )
        return Path(name).read_text(encoding="utf-8")
    finally:
        Path(name).unlink()


def review_command(
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the review (default: today).")
    ] = None,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            metavar="ID=TEXT",
            help="Answer a question ahead (repeatable); the others are asked.",
        ),
    ] = None,
    list_reviews: Annotated[
        bool, typer.Option("--list", help="Show your past reviews with their answers.")
    ] = False,
    again: Annotated[
        bool,
        typer.Option("--again", help="Record another review of a period already reviewed."),
    ] = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """Review the period just ended: its numbers (items, hours, deliverables, pace), then
    the curriculum's questions (what worked, what didn't, goals...); the answers are kept.

    Answers may be empty. When every question has an --answer nothing is asked; when input
    is not a terminal, each answer is read as one line, and those past its end stay empty.

    A period already reviewed is reviewed again only when you say so: in a terminal you are
    asked, otherwise --again is needed.

    Example: roadmap review --on 2026-04-03 --answer worked="Daily paper reading"
    """
    from roadmap_tracker.base.printable import printable
    from roadmap_tracker.commands import journal

    if list_reviews:
        if answer or on is not None or again:
            raise typer.BadParameter(
                "--list shows past reviews; it takes no --answer, --on or --again."
            )
        listed = journal.review_list(make_session(plan))
        if json_output:
            render.print_json(listed)
        else:
            with terminal.paged(not no_pager):
                render_review_list(listed)
        return
    session = make_session(plan, on, change=True)
    given = journal.parse_answers(answer or [])
    view = journal.review_prompt(session, given)
    if not json_output:
        render_review_numbers(view)
    answered = dict(given)
    at_terminal = options.interactive()
    if view.reviewed_before is not None and not again:
        # Asked before the lock is taken, as every question is; the core checks again.
        if not at_terminal:
            raise journal.second_review_refused(
                view.period_start, view.period_end, view.reviewed_before
            )
        again_question = (
            f"You already reviewed {view.period_start.isoformat()} to "
            f"{view.period_end.isoformat()} on {view.reviewed_before.isoformat()}; "
            "record another?"
        )
        again_question = wrapping.for_prompt(again_question, answer=wrapping.CONFIRM)
        if not typer.confirm(again_question, default=False, err=True):
            raise Declined("Nothing was recorded.", "'roadmap review --list' shows your reviews.")
        again = True
    for question in view.answers:
        if question.id in answered:
            continue
        if at_terminal:
            try:
                asked = wrapping.for_prompt(printable(question.question), answer=2)
                reply = typer.prompt(asked, default="", show_default=False, err=True)
            except typer.Abort:  # Ctrl-C or Ctrl-D at the terminal: write nothing
                raise KeyboardInterrupt from None
        else:  # piped input: one answer a line; at its end the questions left stay empty
            line = sys.stdin.readline()
            if not line:
                break
            reply = line.rstrip("\r\n")
            typer.echo(printable(f"{question.question}: {reply.strip()}"), err=json_output)
        answered[question.id] = str(reply).strip()
    result = journal.record_review(session, list(answered.items()), again)
    render.print_json(result) if json_output else render_review(result)


def render_journal(result: JournalResult) -> None:
    """Draw what ``roadmap journal TEXT`` recorded, and when the next entry is due."""
    out = terminal.console()
    entry = result.entry
    out.print(f"Journal entry for {entry.on:%a %Y-%m-%d} recorded (change {entry.seq}).")
    if result.activity:
        out.print(f"Counted as one occurrence of {result.activity}.")
    if result.next_due:
        out.print(f"The next entry is due on {result.next_due:%a %Y-%m-%d}.")


def render_journal_list(view: JournalList) -> None:
    """Draw ``roadmap journal --list``: each entry's day and its text, wrapped, newest last;
    with ``--search``, the beginnings of words that matched in bold.
    """
    from roadmap_tracker.commands.journal import match_spans, search_words

    out = terminal.console()
    since = f" since {view.since.isoformat()}" if view.since else ""
    until = f" until {view.until.isoformat()}" if view.until else ""
    matching = f" matching '{escape(view.search)}'" if view.search is not None else ""
    chosen = f"{since}{until}{matching}"
    if not view.entries:
        if chosen:
            out.print(
                f"No journal entries{chosen} in {escape(view.title)}; "
                "'roadmap journal --list' shows them all."
            )
        else:
            out.print(f"No journal entries in {escape(view.title)}. Add one: roadmap journal")
        return
    count = len(view.entries)
    noun = "entry" if count == 1 else "entries"
    out.print(f"[bold]Progress journal[/] · {count} {noun}{chosen}")
    words = search_words(view.search) if view.search is not None else []
    rows = [
        (
            f"{entry.on:%a %Y-%m-%d}",
            _marked(entry.text, match_spans(entry.text, words) or [])
            if words
            else escape(entry.text),
        )
        for entry in view.entries
    ]
    out.print(layout.grid(rows, indent=2))


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` as console markup, the ``spans`` (start, end offsets) in bold yellow."""
    parts: list[str] = []
    done = 0
    for start, end in spans:
        parts += [escape(text[done:start]), f"[bold yellow]{escape(text[start:end])}[/]"]
        done = end
    return "".join([*parts, escape(text[done:])])


def _review_period(view: ReviewView) -> str:
    """``2026-01-05 to 2026-04-04`` or, for the first period so far, what it is."""
    span = f"{view.period_start.isoformat()} to {view.period_end.isoformat()}"
    return span if view.whole else f"{span} (the first {view.cadence} period so far)"


def render_review_numbers(view: ReviewView) -> None:
    """Draw the period a review covers and its numbers, before the questions are asked."""
    out = terminal.console()
    numbers = view.numbers
    out.print(f"[bold]{view.cadence.capitalize()} review[/] · {escape(view.title)}")
    out.print(f"Period:       {_review_period(view)}")
    deliverables = numbers.deliverables_done
    among = (
        f" ({deliverables} deliverable{'' if deliverables == 1 else 's'})" if deliverables else ""
    )
    out.print(f"Items done:   {numbers.items_done}{among}")
    out.print(f"Hours logged: {numbers.hours:g} h")
    planned = (
        f" (plan: {numbers.planned_percent:g}%)" if numbers.planned_percent is not None else ""
    )
    out.print(
        f"Progress:     {numbers.done} of {numbers.total} items, {numbers.percent:g}%{planned} "
        f"on {numbers.as_of.isoformat()}"
    )
    out.print(f"Pace:         {render.pace(numbers.days_ahead)}")
    if not all(answer.answer for answer in view.answers):
        out.print("[dim]Answer each question; press Enter to leave one empty.[/]")


def render_review(view: ReviewView) -> None:
    """Draw what ``roadmap review`` stored."""
    out = terminal.console()
    answered = sum(1 for answer in view.answers if answer.answer)
    out.print(f"Review of {_review_period(view)} recorded (change {view.seq}).")
    out.print(f"{answered} of {len(view.answers)} questions answered.")
    if view.activity:
        out.print(f"Counted as one occurrence of {view.activity}.")


def render_review_list(view: ReviewList) -> None:
    """Draw ``roadmap review --list``: each review's day and period, then its answers."""
    out = terminal.console()
    if not view.reviews:
        out.print(f"No reviews yet in {escape(view.title)}. Run one: roadmap review")
        return
    for position, review in enumerate(view.reviews):
        if position:
            out.print()
        out.print(
            f"[bold]Review of {review.on:%a %Y-%m-%d}[/] · {review.period_start.isoformat()} "
            f"to {review.period_end.isoformat()} [dim](change {review.seq})[/]"
        )
        rows = [
            (f"{escape(answer.question)}\n  {escape(answer.answer) or '[dim]-[/]'}",)
            for answer in review.answers
        ]
        out.print(layout.grid(rows, indent=2))
