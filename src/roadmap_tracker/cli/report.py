"""The ``roadmap report`` command: one self-contained HTML file of the plan, the progress,
the forecast, the study days and the portfolio.

Here is its declaration (the options and help Typer reads from :func:`report_command`,
which :data:`.app.COMMANDS` names); the data comes from
:mod:`roadmap_tracker.commands.reporting` and the page from
:mod:`roadmap_tracker.formats.html_report`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from roadmap_tracker.cli.options import PlanOption, make_session


def report_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE ('-' for stdout; default: roadmap-report-SLUG.html here).",
        ),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", metavar="DATE", help="Report as of this day.")
    ] = None,
    plan: PlanOption = None,
) -> None:
    """Write your plan and progress as one HTML page to open in a browser, print or mail:
    the plan against what happened, done against planned with the forecast, your study days
    and streaks, progress by phase and module, the portfolio and the open choices. The page
    needs no network and no script.

    Example: roadmap report -o report.html
    """
    from roadmap_tracker.commands import reporting

    text, slug = reporting.report_html(make_session(plan, on))
    if output is not None and str(output) == "-":
        typer.echo(text, nl=False)
        return
    target = output if output is not None else Path(f"roadmap-report-{slug}.html")
    reporting.write_report(text, target)
    typer.echo(f"Wrote {target}")
