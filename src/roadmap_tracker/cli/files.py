"""The commands about files: ``export`` (JSON, Markdown or iCalendar), ``import`` (a
Markdown roadmap into a curriculum), ``validate`` (curriculum files) and ``schema`` (the
curriculum format's JSON Schema).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli.options import JsonOption, PlanOption, make_session


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
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import views

    view = views.validate_view(files)
    if json_output:
        render.print_json(view)
    else:
        with render.paged():
            render.render_validate(view)
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
    from roadmap_tracker.formats import exports

    text = exports.export(make_session(plan, on), export_format.value)
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
    else:
        exports.write_file(text, output)


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
    from roadmap_tracker.cli import render
    from roadmap_tracker.formats import markdown_roadmap

    if json_output and output is not None and str(output) == "-":
        raise RoadmapError(
            "--json and -o - would both print to stdout.",
            "Write the curriculum to a file with -o FILE, or leave out --json.",
        )
    result, yaml_text = markdown_roadmap.import_markdown(
        make_session(None, on), source, output, slug=slug, progress=progress, force=force
    )
    if yaml_text is not None:  # -o -: the curriculum on stdout, what was done on stderr
        typer.echo(yaml_text, nl=False)
    render.print_json(result) if json_output else render.render_import(result)


def schema_command() -> None:
    """Print the JSON Schema of the curriculum format (for editors and other tools).

    Example: roadmap schema > schema.json
    """
    from roadmap_tracker.curriculum.model import curriculum_schema

    typer.echo(curriculum_schema(), nl=False)
