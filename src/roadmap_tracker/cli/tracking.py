"""The commands that record work: ``start`` (enroll), ``check`` (done, or not done with
``--undo``), ``doing``, ``skip``, ``reset`` and ``log`` (study time).

Here are their declarations (the arguments, options and help Typer reads from each
``*_command`` function, which :data:`.app.COMMANDS` names) and the drawing of their views
(``render_*``), laid out by :mod:`.layout`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from roadmap_tracker.cli import layout, options, picker, render, terminal, wrapping
from roadmap_tracker.cli.options import (
    AllOption,
    JsonOption,
    PlanOption,
    complete_item,
    complete_slug,
    make_session,
)
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.tracking import CheckResult, LogResult, StartResult


def start_command(
    slug: Annotated[
        str,
        typer.Argument(
            help="Curriculum slug (see 'roadmap list') or path.", autocompletion=complete_slug
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            help="Start date (default: today); when enrolled already, the day to "
            "move your start to.",
        ),
    ] = None,
    hours_per_week: Annotated[
        float | None,
        typer.Option(
            "--hours-per-week",
            help="Hours you will study per week (default: the curriculum's).",
        ),
    ] = None,
    restart: Annotated[
        bool,
        typer.Option("--restart", help="Start over; the earlier run stays in the history."),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace a different curriculum of that slug in your curricula with this file.",
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Enroll in a curriculum and print the plan: when each phase ends.

    A curriculum file of your own is copied into your curricula (the data directory's
    curricula/), so that it travels with your progress; edit that copy from then on.
    Already enrolled in it, --on moves your start to that day and keeps everything you
    recorded (nothing may be dated before the new start).

    Example: roadmap start advanced-ai --on 2026-01-05 --hours-per-week 10
    """
    from roadmap_tracker.commands import tracking

    result = tracking.start(
        make_session(None, on, change=True),
        slug,
        hours_per_week,
        restart,
        move=on is not None,
        force=force,
    )
    render.print_json(result) if json_output else render_start(result)


ItemRefs = Annotated[
    list[str] | None,
    typer.Argument(
        help="Items: id, end of an id, or words of the title; a module or phase id stands "
        "for its items. In a terminal, none (or words that name several items) opens a "
        "picker.",
        autocompletion=complete_item,
    ),
]


YesOption = Annotated[
    bool,
    typer.Option("--yes", "-y", help="Do not ask before changing all items of a module or phase."),
]


def _ask(yes: bool) -> Any:
    """The question the core asks before a module or phase id stands for its items: a
    prompt in a terminal (on stderr, so that stdout carries only the report), nobody (None)
    otherwise."""
    if yes or not options.interactive():
        return None

    def confirm(confirmation: Any) -> bool:
        from roadmap_tracker.base.printable import printable

        for item_id, title in confirmation.items[:10]:
            line = wrapping.for_prompt(printable(f"{item_id}  {title}"), "  ", "    ")
            typer.echo(line, err=True)
        if len(confirmation.items) > 10:
            typer.echo(f"  ... and {len(confirmation.items) - 10} more", err=True)
        question = wrapping.for_prompt(printable(confirmation.question), answer=wrapping.CONFIRM)
        return bool(typer.confirm(question, default=False, err=True))

    return confirm


def _state_command(
    action: str,
    refs: list[str] | None,
    on: str | None,
    yes: bool,
    json_output: bool,
    plan: str | None,
    every_candidate: bool,
    note: str | None = None,
    links: list[str] | None = None,
    ask_link: Any = None,
) -> None:
    from roadmap_tracker.commands import tracking

    if not refs:
        command = "check --undo" if action == "uncheck" else action
        if not picker.at_terminal(json_output):
            raise typer.BadParameter(
                f"none given. Name the items to {command.split()[0]} (id, end of an id or title "
                "words); 'roadmap next' lists what is next, 'roadmap find WORDS' looks for one.",
                param_hint="'REFS...'",
            )
        refs = [picker.pick("Which item?", None, action, plan, on)]
    named = refs

    def run(rewrite: Any) -> CheckResult:
        return tracking.change_state(
            make_session(plan, on, change=True),
            action,  # type: ignore[arg-type]
            [rewrite(ref) for ref in named],
            note=note,
            links=links,
            assume_yes=yes,
            confirm=_ask(yes),
            ask_link=ask_link,
        )

    result = picker.with_picker(run, action, plan, on, json_output, every_candidate)
    render.print_json(result) if json_output else render_check(result)


def check_command(
    refs: ItemRefs = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day the work was done (default: today).")
    ] = None,
    undo: Annotated[bool, typer.Option("--undo", help="Mark the items as not done.")] = False,
    note: Annotated[
        str | None, typer.Option("--note", help="A note to keep with the items.")
    ] = None,
    links: Annotated[
        list[str] | None,
        typer.Option(
            "--link",
            help="Evidence: a URL or a path (repeat for several). Deliverables ask for one in "
            "a terminal.",
        ),
    ] = None,
    no_link: Annotated[
        bool, typer.Option("--no-link", help="Check a deliverable without asking for evidence.")
    ] = False,
    yes: YesOption = False,
    every_candidate: AllOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Tick off items of your curriculum as done (or not done, with --undo).

    Example: roadmap check "Implement attention mechanism from scratch" --on 2026-01-07
    """
    ask_link = None
    if not (undo or links or no_link or json_output) and options.interactive():

        def ask_link(item_id: str, title: str) -> str | None:
            answer: str = typer.prompt(
                wrapping.for_prompt(
                    f"Link or path to the evidence for {item_id} (Enter for none)", answer=2
                ),
                default="",
                show_default=False,
                err=True,
            )
            return answer or None

    action = "uncheck" if undo else "check"
    _state_command(action, refs, on, yes, json_output, plan, every_candidate, note, links, ask_link)


def doing_command(
    refs: ItemRefs = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day you started (default: today).")
    ] = None,
    yes: YesOption = False,
    every_candidate: AllOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Mark items as in progress; 'roadmap next' lists them first.

    Example: roadmap doing attention-from-scratch
    """
    _state_command("doing", refs, on, yes, json_output, plan, every_candidate)


def skip_command(
    refs: ItemRefs = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why you skip it (kept with the item).")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the skip (default: today).")
    ] = None,
    yes: YesOption = False,
    every_candidate: AllOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Skip items: they leave your total (not counted as done) and are listed apart.

    Example: roadmap skip m4/tracking-and-tuning --reason "covered at work"
    """
    _state_command("skip", refs, on, yes, json_output, plan, every_candidate, note=reason)


def reset_command(
    refs: ItemRefs = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the change (default: today).")
    ] = None,
    yes: YesOption = False,
    every_candidate: AllOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Put items back to open, whether done, in progress or skipped.

    Example: roadmap reset m4/tracking-and-tuning
    """
    _state_command("reset", refs, on, yes, json_output, plan, every_candidate)


def log_command(
    hours: Annotated[
        str,
        typer.Argument(
            help="Time studied: 1.5 (decimal hours), 1:30, 90m, 1h30 or 1h 30m.",
            show_default=False,
        ),
    ],
    on: Annotated[
        str | None, typer.Option("--on", help="Day you studied (default: today).")
    ] = None,
    task: Annotated[
        str | None,
        typer.Option(
            "--task",
            help="The item you worked on (id or title words).",
            autocompletion=complete_item,
        ),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A remark to keep.")] = None,
    every_candidate: AllOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Log study time; 'roadmap status' compares each week's hours with your commitment.

    A routine measured in hours ("2 hours/day") counts every hour logged in its period,
    with or without --task; it cannot be checked off.

    Example: roadmap log 1h30 --task attention-from-scratch --note "multi-head done"
    """
    from roadmap_tracker.base.hours import parse_hours
    from roadmap_tracker.commands import tracking

    spent = parse_hours(hours)

    def run(rewrite: Any) -> LogResult:
        named = None if task is None else rewrite(task)
        return tracking.log(make_session(plan, on, change=True), spent, named, note)

    result = picker.with_picker(run, "log", plan, on, json_output, every_candidate)
    render.print_json(result) if json_output else render_log(result)


def render_start(result: StartResult) -> None:
    """Draw ``roadmap start``: the enrollment (or the start it moved) and the end date of
    each phase."""
    verb = "Restarted" if result.restarted else "Enrolled in"
    out = terminal.console()
    if result.copied_from is not None:
        out.print(
            escape(render.copied_sentence(result.copied_from, result.curriculum)), soft_wrap=True
        )
        if not result.changed and result.moved_from is None:
            out.print(
                f"Your enrollment in {result.curriculum} follows that copy from now on; "
                "nothing else changed."
            )
            return
    moved = result.moved_from
    if moved is not None and not result.changed:
        out.print(
            f"Your enrollment in [bold]{result.title}[/] ({result.curriculum}) already starts "
            f"on {moved.isoformat()}; nothing changed."
        )
        return
    if moved is not None:
        out.print(
            f"Moved the start of [bold]{result.title}[/] ({result.curriculum}) from "
            f"{moved.isoformat()} to {result.start.isoformat()}."
        )
    else:
        out.print(f"{verb} [bold]{result.title}[/] ({result.curriculum}).")
    hours = f"{result.hours_per_week:g} hours a week" if result.hours_per_week else "your pace"
    length = f"{render.plural(result.weeks_total, 'week')}, " if result.weeks_total else ""
    dated = any(phase.start for phase in result.phases)
    if not dated:
        out.print(
            f"Starts {result.start.isoformat()} at {hours}. This curriculum states no "
            "durations, so your plan has no dates; 'roadmap next' shows what comes next."
        )
    elif result.end is not None:
        out.print(f"Starts {result.start.isoformat()} at {hours}: {length}ends {result.end}.")
    else:  # some part is ongoing: the plan has no end
        out.print(
            f"Starts {result.start.isoformat()} at {hours}; its last parts go on with no end date."
        )
    if result.restarted:
        out.print("Your earlier run stays in the history; 'roadmap undo' brings it back.")
    if moved is not None:
        out.print("Everything you recorded is kept; 'roadmap undo' moves the start back.")
    if dated:
        columns = (layout.Column("Phase"), layout.Column("Starts"), layout.Column("Ends"))
        rows = [
            (f"{phase.id} {phase.title}", render.date(phase.start), render.ends(phase))
            for phase in result.phases
        ]
        terminal.print_lines(*layout.table(columns, rows), exact=True)
    if result.choices:
        out.print("[bold]Choices to make[/] (roadmap choose GROUP OPTION), due from:")
        choice_rows: list[tuple[str, str]] = []
        for choice in result.choices:
            when = "now" if choice.due <= result.start else f"{choice.due:%a %Y-%m-%d}"
            pick = "one or more" if choice.pick == "any" else "one"
            choice_rows.append(
                (
                    when,
                    f"[cyan]{choice.id}[/] {escape(choice.title)}\n"
                    f"[dim]pick {pick} of {escape(', '.join(choice.options))}; until then "
                    f"the plan counts {escape(', '.join(choice.planned))}[/]",
                )
            )
        out.print(layout.grid(choice_rows, indent=2))
    out.print('Next: [bold]roadmap next[/] · tick off work: [bold]roadmap check "TASK"[/]')


_CHANGE_MARKS = {
    "check": ("[green]✓[/]", "done"),
    "uncheck": ("[yellow]↺[/]", "unchecked"),
    "doing": ("[blue]▶[/]", "in progress from"),
    "skip": ("[magenta]⤼[/]", "skipped"),
    "reset": ("[yellow]↺[/]", "open again"),
}


def render_check(result: CheckResult) -> None:
    """Draw ``roadmap check``, ``doing``, ``skip`` or ``reset``: what was recorded, the
    note and evidence attached, and the new total.
    """
    out = terminal.console()
    mark, verb = _CHANGE_MARKS.get(result.action, _CHANGE_MARKS["check"])
    rows = [
        (
            mark,
            f"{escape(item.title)}\n[cyan]{item.id}[/] [dim]· "
            f"{escape(item.note) if item.note else verb} {item.on}[/]",
        )
        for item in result.changed
    ] + [
        ("·", f"{escape(item.title)}\n[cyan]{item.id}[/] [dim]· {escape(item.note or '')}[/]")
        for item in result.unchanged
    ]
    if rows:
        out.print(layout.grid(rows))
    if result.note:
        label = "Reason" if result.action == "skip" else "Note"
        out.print(f"{label}: {escape(result.note)}")
    for link in result.links:
        out.print(f"Evidence: {escape(link)}")
    if result.evidence_wanted:
        first = result.evidence_wanted[0]
        out.print(
            f"[dim]Add evidence with: roadmap note {first} --link URL-or-PATH "
            "('roadmap portfolio' lists it).[/]"
        )
    skipped = f" ({result.skipped} skipped)" if result.skipped else ""
    out.print(f"{result.done} of {result.total} items done in {result.curriculum}{skipped}.")


def render_log(result: LogResult) -> None:
    """Draw ``roadmap log``: what was logged and the week's hours against the commitment."""
    out = terminal.console()
    task = f" on {escape(result.task_title)} ({result.task})" if result.task_title else ""
    out.print(f"Logged {result.hours:g} h{task} for {result.on.isoformat()}.")
    planned = f" of {result.hours_per_week:g} h planned" if result.hours_per_week else ""
    out.print(f"The week from {result.week_start:%a %Y-%m-%d}: {result.week_hours:g} h{planned}.")
