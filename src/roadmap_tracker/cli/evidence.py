"""The commands about evidence of your work: ``note`` (a note or links on an item) and
``portfolio`` (every deliverable of the plan with its evidence, as Markdown).

Here are their declarations (the arguments, options and help Typer reads from each
``*_command`` function, which :data:`.app.COMMANDS` names) and the drawing of their views
(``render_*``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.cli import picker, render, terminal
from roadmap_tracker.cli.options import (
    AllOption,
    JsonOption,
    NoPagerOption,
    PlanOption,
    complete_item,
    make_session,
)
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.evidence import NoteResult, PortfolioView


def note_command(
    ref: Annotated[
        str,
        typer.Argument(
            help="The item: id, end of an id or title words.", autocompletion=complete_item
        ),
    ],
    text: Annotated[str | None, typer.Argument(help="The note.")] = None,
    links: Annotated[
        list[str] | None,
        typer.Option("--link", help="Evidence: a URL or a path (repeat for several)."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Day of the note (default: today).")
    ] = None,
    every_candidate: AllOption = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
) -> None:
    """Attach a note or evidence (links, paths) to an item; 'roadmap show ITEM' lists them.

    Example: roadmap note attention-from-scratch "multi-head works" --link https://github.com/me/attn
    """
    from roadmap_tracker.commands import evidence

    def run(rewrite: Callable[[str], str]) -> NoteResult:
        session = make_session(plan, on, change=True)
        return evidence.add_note(session, rewrite(ref), text, links or [])

    result = picker.with_picker(run, "note", plan, on, json_output, every_candidate)
    render.print_json(result) if json_output else render_note(result)


def portfolio_command(
    done_only: Annotated[
        bool, typer.Option("--done", help="Only the deliverables you have finished.")
    ] = False,
    plan: PlanOption = None,
    json_output: JsonOption = False,
    no_pager: NoPagerOption = False,
) -> None:
    """List every deliverable of your plan (portfolio projects, reports, talks) with its
    evidence, as Markdown ready to paste into a CV or README.

    Example: roadmap portfolio --done > portfolio.md
    """
    from roadmap_tracker.commands import evidence

    view = evidence.portfolio_view(make_session(plan), done_only)
    if json_output:
        render.print_json(view)
    else:
        with terminal.paged(not no_pager):
            render_portfolio(view)


def render_note(result: NoteResult) -> None:
    """Draw ``roadmap note``: what was attached to which item."""
    out = terminal.console()
    out.print(f"Noted on {escape(result.title)} [cyan]{result.id}[/] for {result.on}:")
    if result.text:
        out.print(f"  {escape(result.text)}")
    for link in result.links:
        out.print(f"  Evidence: {escape(link)}")
    count = "1 note" if result.notes == 1 else f"{result.notes} notes"
    out.print(f"[dim]{count} on this item; 'roadmap show {result.id}' lists them.[/]")


def render_portfolio(view: PortfolioView) -> None:
    """Draw ``roadmap portfolio`` as Markdown: a heading, then one list entry per
    deliverable with its evidence, to paste into a CV or README."""
    lines = [f"# Portfolio: {view.title}", ""]
    lines.append(f"{view.done} of {view.total} deliverables done.")
    if view.not_planned:
        one = view.not_planned == 1
        count = "1 deliverable" if one else f"{view.not_planned} deliverables"
        done = f" ({view.not_planned_done} done)" if view.not_planned_done else ""
        lines.append(
            f"{count} outside your plan{done} {'is' if one else 'are'} not listed; "
            f"'roadmap plan' shows how to add {'it' if one else 'them'}."
        )
    lines.append("")
    for entry in view.deliverables:
        box_mark = "x" if entry.state == "done" else " "
        when = f", done {entry.done_on}" if entry.done_on else ""
        state = "" if entry.state in ("done", "open") else f", {entry.state}"
        lines.append(f"- [{box_mark}] **{entry.title}** ({entry.kind}{when}{state})")
        lines += [f"  - {link}" for link in entry.links]
        lines += [f"  - {text}" for text in entry.notes]
    if not view.deliverables:
        lines.append("No deliverables done yet." if view.total else "This curriculum has none.")
    terminal.print_lines("\n".join(lines), [])
