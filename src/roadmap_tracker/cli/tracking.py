"""The commands that record work: ``start`` (enroll), ``check`` (done, or not done with
``--undo``), ``doing``, ``skip``, ``reset`` and ``log`` (study time).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from roadmap_tracker.cli import options
from roadmap_tracker.cli.options import (
    JsonOption,
    PlanOption,
    complete_item,
    complete_slug,
    make_session,
)


def start_command(
    slug: Annotated[
        str,
        typer.Argument(
            help="Curriculum slug (see 'roadmap list') or path.", autocompletion=complete_slug
        ),
    ],
    on: Annotated[
        str | None, typer.Option("--on", help="Start date, YYYY-MM-DD (default: today).")
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
    json_output: JsonOption = False,
) -> None:
    """Enroll in a curriculum and print the plan: when each phase ends.

    Example: roadmap start advanced-ai --on 2026-01-05 --hours-per-week 10
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import actions

    result = actions.start(make_session(None, on), slug, hours_per_week, restart)
    render.print_json(result) if json_output else render.render_start(result)


ItemRefs = Annotated[
    list[str],
    typer.Argument(
        help="Items: id, end of an id, or words of the title; a module or phase id stands "
        "for its items.",
        autocompletion=complete_item,
    ),
]


YesOption = Annotated[
    bool,
    typer.Option("--yes", "-y", help="Do not ask before changing all items of a module or phase."),
]


def _ask(yes: bool, json_output: bool = False) -> Any:
    """The question the core asks before a module or phase id stands for its items: a
    prompt in a terminal (on stderr when stdout carries JSON), nobody (None) otherwise."""
    if yes or not options.interactive():
        return None

    def confirm(confirmation: Any) -> bool:
        from roadmap_tracker.base.printable import printable

        for item_id, title in confirmation.items[:10]:
            typer.echo(printable(f"  {item_id}  {title}"), err=json_output)
        if len(confirmation.items) > 10:
            typer.echo(f"  ... and {len(confirmation.items) - 10} more", err=json_output)
        question = printable(confirmation.question)
        return bool(typer.confirm(question, default=False, err=json_output))

    return confirm


def _state_command(
    action: str,
    refs: list[str],
    on: str | None,
    yes: bool,
    json_output: bool,
    plan: str | None,
    note: str | None = None,
    links: list[str] | None = None,
    ask_link: Any = None,
) -> None:
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import actions

    result = actions.change_state(
        make_session(plan, on),
        action,  # type: ignore[arg-type]
        refs,
        note=note,
        links=links,
        assume_yes=yes,
        confirm=_ask(yes, json_output),
        ask_link=ask_link,
    )
    render.print_json(result) if json_output else render.render_check(result)


def check_command(
    refs: ItemRefs,
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
                f"Link or path to the evidence for {item_id} (Enter for none)",
                default="",
                show_default=False,
            )
            return answer or None

    action = "uncheck" if undo else "check"
    _state_command(action, refs, on, yes, json_output, plan, note, links, ask_link)


def doing_command(
    refs: ItemRefs,
    on: Annotated[
        str | None, typer.Option("--on", help="Day you started (default: today).")
    ] = None,
    yes: YesOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Mark items as in progress; 'roadmap next' lists them first.

    Example: roadmap doing attention-from-scratch
    """
    _state_command("doing", refs, on, yes, json_output, plan)


def skip_command(
    refs: ItemRefs,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why you skip it (kept with the item).")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the skip (default: today).")
    ] = None,
    yes: YesOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Skip items: they leave your total (not counted as done) and are listed apart.

    Example: roadmap skip m4/tracking-and-tuning --reason "covered at work"
    """
    _state_command("skip", refs, on, yes, json_output, plan, note=reason)


def reset_command(
    refs: ItemRefs,
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the change (default: today).")
    ] = None,
    yes: YesOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Put items back to open, whether done, in progress or skipped.

    Example: roadmap reset m4/tracking-and-tuning
    """
    _state_command("reset", refs, on, yes, json_output, plan)


def log_command(
    hours: Annotated[float, typer.Argument(help="Hours studied, in decimal hours (1.5).")],
    on: Annotated[
        str | None, typer.Option("--on", help="Day you studied, YYYY-MM-DD (default: today).")
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
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Log study time; 'roadmap status' compares each week's hours with your commitment.

    Example: roadmap log 1.5 --task attention-from-scratch --note "multi-head done"
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import actions

    result = actions.log(make_session(plan, on), hours, task, note)
    render.print_json(result) if json_output else render.render_log(result)
