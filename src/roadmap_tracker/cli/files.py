"""The commands about files: ``export`` (JSON, Markdown or iCalendar), ``import`` (a
Markdown roadmap into a curriculum), ``validate`` (curriculum files) and ``schema`` (the
curriculum format's JSON Schema).

Here are their declarations (the arguments, options and help Typer reads from each
``*_command`` function, which :data:`.app.COMMANDS` names) and the drawing of their views
(``render_*``).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli import render, terminal
from roadmap_tracker.cli.options import JsonOption, PlanOption, make_session
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.commands.curricula import ValidateView
    from roadmap_tracker.commands.importing import ImportResult


def validate_command(
    files: Annotated[list[str], typer.Argument(help="Curriculum files (or slugs) to check.")],
    json_output: JsonOption = False,
) -> None:
    """Check curriculum files and report every problem as FILE:LINE:COLUMN: field: message.

    Runs the model validation and the cross-checks (unique ids, references that resolve, no
    prerequisite cycles, dates and durations that parse, choice groups with two options or
    more). Exits 1 when any file has a problem.

    Example: roadmap validate curricula/*.yaml
    """
    from roadmap_tracker.commands import curricula

    view = curricula.validate_view(files)
    if json_output:
        render.print_json(view)
    else:
        with terminal.paged():
            render_validate(view)
    if not view.valid:
        raise typer.Exit(1)


class ExportFormat(StrEnum):
    """The formats of 'roadmap export'."""

    json = "json"
    markdown = "markdown"
    ics = "ics"


def export_command(
    export_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="json, markdown (a checklist) or ics (iCalendar)."),
    ] = ExportFormat.markdown,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of stdout."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="Export as of this day.")
    ] = None,
    plan: PlanOption = None,
) -> None:
    """Export your enrollment: its curriculum, plan and progress, as JSON, as a Markdown
    checklist for a GitHub README, or as an iCalendar file for your calendar.

    Example: roadmap export --format ics -o roadmap.ics
    """
    from roadmap_tracker.commands import exporting, output_files

    text = exporting.export(make_session(plan, on), export_format.value)
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
    else:
        output_files.write_file(text, output)


def import_command(
    source: Annotated[
        Path, typer.Argument(metavar="ROADMAP.md", help="A Markdown roadmap to turn into YAML.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the curriculum to FILE ('-' for stdout) instead of your curricula "
            "directory.",
        ),
    ] = None,
    slug: Annotated[
        str | None, typer.Option("--slug", help="The curriculum's slug (default: from the title).")
    ] = None,
    progress: Annotated[
        bool,
        typer.Option("--progress", help="Also enroll, with the '- \\[x]' items recorded as done."),
    ] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--on", metavar="DATE", help="The enrollment's start (with --progress; default today)."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a curriculum file that exists.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Turn a Markdown roadmap (headings, checklists, numbered lists, links, durations such as
    "(2-3 months)") into a curriculum you can enroll in.

    Example: roadmap import ROADMAP.md --progress
    """
    from roadmap_tracker.commands import importing

    if json_output and output is not None and str(output) == "-":
        raise RoadmapError(
            "--json and -o - would both print to stdout.",
            "Write the curriculum to a file with -o FILE, or leave out --json.",
        )
    result, yaml_text = importing.import_markdown(
        make_session(None, on, change=True),
        source,
        output,
        slug=slug,
        progress=progress,
        force=force,
    )
    if yaml_text is not None:  # -o -: the curriculum on stdout, what was done on stderr
        typer.echo(yaml_text, nl=False)
    render.print_json(result) if json_output else render_import(result)


def schema_command() -> None:
    """Print the JSON Schema of the curriculum format (for editors and other tools).

    Example: roadmap schema > schema.json
    """
    from roadmap_tracker.curriculum.model import curriculum_schema

    typer.echo(curriculum_schema(), nl=False)


def render_validate(view: ValidateView) -> None:
    """Draw ``roadmap validate``: each problem as FILE:LINE:COLUMN: field: message."""
    out = terminal.console()
    for check in view.files:
        if check.problems:
            for problem in check.problems:
                out.print(problem.text, markup=False, highlight=False, soft_wrap=True)
        else:
            out.print(
                f"{check.path}: ok ({check.slug}, {check.items} items)",
                highlight=False,
                soft_wrap=True,
            )
    bad = [check for check in view.files if check.problems]
    if bad:
        count = sum(len(check.problems) for check in bad)
        files = "file" if len(bad) == 1 else "files"
        out.print(f"{count} problem{'s' if count != 1 else ''} in {len(bad)} {files}.")


def render_import(result: ImportResult) -> None:
    """Draw what ``roadmap import`` wrote and what to do next; on stderr when the curriculum
    itself went to stdout (``-o -``).
    """
    out = (
        terminal.console()
        if result.path
        else terminal.printable_console()(stderr=True, highlight=False, emoji=False)
    )
    counts = (
        f"{render.plural(result.phases, 'phase')}, {render.plural(result.modules, 'module')}, "
        f"{render.plural(result.items, 'item')}"
    )
    out.print(f"Imported {escape(result.source)} as [bold]{escape(result.slug)}[/]: {counts}.")
    marked = [f"{result.done} done"] if result.done else []
    marked += [f"{result.doing} in progress"] if result.doing else []
    marked += [f"{result.skipped} skipped"] if result.skipped else []
    if marked:
        listed = ", ".join(marked[:-1]) + " and " + marked[-1] if len(marked) > 1 else marked[0]
        out.print(f"The file marks {listed}.")
    if result.checklist and result.other_lines:
        others = render.plural(result.other_lines, "other list line")
        out.print(
            f"Only its '- [ ]' lines are items: {others} "
            "became topics, resources or descriptions, or were left out."
        )
    if result.path:
        verb = "Replaced" if result.replaced else "Written to"
        out.print(f"{verb} {escape(result.path)}", soft_wrap=True)  # whole, to copy
    if result.enrolled and result.start:
        recorded = f"{render.plural(result.recorded_done, 'item')} recorded as done"
        if result.recorded_doing:
            recorded += f", {result.recorded_doing} as in progress"
        if result.recorded_skipped:
            recorded += f", {result.recorded_skipped} as skipped"
        out.print(f"Enrolled from {result.start.isoformat()}; {recorded}.")
        out.print("Next: [bold]roadmap status[/] · [bold]roadmap next[/]")
    elif result.path:
        reference = result.slug if result.in_catalog else result.path
        out.print(f"Next: [bold]roadmap start {escape(reference)}[/]", soft_wrap=True)
        if result.done or result.doing or result.skipped:
            out.print("(or import again with --progress --force to enroll with those marks)")
    else:
        out.print("Save it as a file, then check it: [bold]roadmap validate FILE[/]")
