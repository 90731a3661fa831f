"""The commands about files: ``export`` (JSON, Markdown or iCalendar), ``import`` (a
Markdown roadmap into a curriculum), ``validate`` (curriculum files) and ``schema`` (the
curriculum format's JSON Schema).

Here are their declarations (the arguments, options and help Typer reads from each
``*_command`` function, which :data:`.app.COMMANDS` names) and the drawing of their views
(``render_*``).
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli import render, terminal
from roadmap_tracker.cli.options import JsonOption, NoPagerOption, PlanOption, make_session
from roadmap_tracker.cli.terminal import escape

if TYPE_CHECKING:
    from roadmap_tracker.cli.terminal import Console
    from roadmap_tracker.commands.curricula import ValidateView
    from roadmap_tracker.commands.importing import ImportResult


def validate_command(
    files: Annotated[list[str], typer.Argument(help="Curriculum files (or slugs) to check.")],
    json_output: JsonOption = False,
    no_pager: NoPagerOption = False,
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
        with terminal.paged(not no_pager):
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
        Path,
        typer.Argument(
            metavar="ROADMAP.md",
            help="A Markdown roadmap, or a roadmap.sh diagram (.json), to turn into YAML.",
        ),
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
        typer.Option("--progress", help="Also enroll, with the '- [x]' items recorded as done."),
    ] = False,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="The enrollment's start with --progress, the day of the marks with --update "
            "(default today).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a curriculum file that exists.")
    ] = False,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Only read the file: list each part left out with its line number; write nothing.",
        ),
    ] = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update",
            help="Record the marks of an edited 'roadmap export' file in your enrollment "
            "(found from its ids without this too) instead of importing a curriculum.",
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Turn a Markdown roadmap (headings, checklists, tables, numbered lists, links, durations
    such as "(2-3 months)") or a roadmap.sh diagram you saved (JSON) into a curriculum you can
    enroll in; or, for a checklist 'roadmap export' wrote and you ticked elsewhere, record its
    marks in your enrollment.

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
        explain=explain,
        update=update,
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
    itself went to stdout (``-o -``). Then what of the file was left out: a line by kind, or
    with ``--explain`` each part with its line number (:func:`render_left_out`).
    """
    if result.updated is not None:
        render_update(result)
        return
    out = terminal.console() if result.path or result.explain else terminal.stderr_console()
    counts = (
        f"{render.plural(result.phases, 'phase')}, {render.plural(result.modules, 'module')}, "
        f"{render.plural(result.items, 'item')}"
    )
    if result.explain:
        out.print(f"Read {escape(result.source)}: {counts}; nothing was written.")
    else:
        out.print(f"Imported {escape(result.source)} as [bold]{escape(result.slug)}[/]: {counts}.")
    marked = [f"{result.done} done"] if result.done else []
    marked += [f"{result.doing} in progress"] if result.doing else []
    marked += [f"{result.skipped} skipped"] if result.skipped else []
    if marked:
        out.print(f"The file marks {_and(marked)}.")
    if result.checklist and result.other_lines:
        others = render.plural(result.other_lines, "other list line")
        out.print(
            f"Only its '- [ ]' lines are items: {others} "
            "became topics, resources or descriptions, or were left out."
        )
    render_left_out(out, result)
    if result.explain:
        return
    if result.path:
        verb = "Replaced" if result.replaced else "Written to"
        out.print(f"{verb} {escape(result.path)}", soft_wrap=True)  # whole, to copy
    if result.copied_to is not None and result.path:
        out.print(escape(render.copied_sentence(result.path, result.slug)), soft_wrap=True)
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
        if result.done or result.skipped or result.doing:
            out.print("(or import again with --progress --force to enroll with those marks)")
    else:
        out.print("Save it as a file, then check it: [bold]roadmap validate FILE[/]")


def _and(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _singular(kind: str) -> str:
    """One of a plural ``kind``: ``tables of contents`` as ``table of contents``, ``code
    blocks`` as ``code block``, ``sections without items`` as ``section without items``.
    """
    split = re.search(r" (of|with|without|in) ", kind)
    head, tail = (kind[: split.start()], kind[split.start() :]) if split else (kind, "")
    words = head.split(" ")
    last = words[-1]
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last]) + tail


def left_out_summary(result: ImportResult) -> str | None:
    """One sentence on what the import left out, by kind in order of first appearance
    (``Left out: 12 prose paragraphs, 1 table of contents (9 lines), 2 code blocks.``);
    None when nothing was.
    """
    counts: dict[str, list[int]] = {}
    for part in result.left_out:
        counts.setdefault(part.kind, []).append(part.lines)
    if not counts:
        return None
    phrases = []
    for kind, lines in counts.items():
        phrase = f"{len(lines)} {kind if len(lines) != 1 else _singular(kind)}"
        if sum(lines) > len(lines):
            phrase += f" ({render.plural(sum(lines), 'line')})"
        phrases.append(phrase)
    return "Left out: " + ", ".join(phrases)


def render_left_out(out: Console, result: ImportResult) -> None:
    """What of the file became nothing: one line by kind, with the command that lists them;
    with ``--explain`` each part on a line of its own, its line number first, its text cut to
    the terminal's width.
    """
    summary = left_out_summary(result)
    if summary is None:
        if result.explain:
            out.print("Nothing was left out.")
        return
    if not result.explain:
        command = f"roadmap import {escape(result.source)} --explain"
        out.print(f"{escape(summary)}; [bold]{command}[/] lists them.", soft_wrap=True)
        return
    out.print(escape(summary) + ":")
    width = max(len(str(part.line)) for part in result.left_out)
    for part in result.left_out:
        kind = (
            _singular(part.kind)
            if part.lines == 1
            else f"{_singular(part.kind)}, {part.lines} lines"
        )
        line = f"  {part.line:>{width}}  {kind}: {part.text}"
        out.print(escape(line), no_wrap=True, overflow="ellipsis", highlight=False)


def render_update(result: ImportResult) -> None:
    """Draw what ``roadmap import --update`` recorded (or that nothing changed)."""
    updated = result.updated
    assert updated is not None
    out = terminal.console()
    changed = [
        f"{len(updated.done)} done" if updated.done else "",
        f"{len(updated.doing)} in progress" if updated.doing else "",
        f"{len(updated.skipped)} skipped" if updated.skipped else "",
        f"{len(updated.reopened)} reopened" if updated.reopened else "",
        render.plural(updated.notes, "note") if updated.notes else "",
    ]
    changed = [part for part in changed if part]
    slug, source = escape(updated.curriculum), escape(result.source)
    day = updated.on.isoformat()
    if changed:
        out.print(
            f"Updated [bold]{slug}[/] from {source} on {day}: {_and(changed)}; "
            f"{render.plural(updated.unchanged, 'item')} as recorded already.",
            soft_wrap=True,
        )
    else:
        out.print(
            f"{source} marks every item of [bold]{slug}[/] as your record has it on {day}; "
            "nothing was recorded.",
            soft_wrap=True,
        )
    if updated.detected:
        out.print(
            f"(Its ids are those of {slug}, so it updated your enrollment; import it as a new "
            "curriculum with --slug.)"
        )
    if updated.not_planned:
        out.print(
            f"{render.plural(len(updated.not_planned), 'item')} outside your plan kept "
            f"{'its' if len(updated.not_planned) == 1 else 'their'} marks unrecorded: "
            f"{escape(', '.join(updated.not_planned[:5]))}"
            + (" ..." if len(updated.not_planned) > 5 else ""),
            soft_wrap=True,
        )
    if updated.not_in_curriculum:
        count = updated.not_in_curriculum
        out.print(
            f"{render.plural(count, 'item')} in the file {'is' if count == 1 else 'are'} not "
            f"in the curriculum; import it as a new curriculum with --slug to use them."
        )
    render_left_out(out, result)
    if changed:
        out.print("Next: [bold]roadmap status[/] · [bold]roadmap undo[/] takes it all back")
