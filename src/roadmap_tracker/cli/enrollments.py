"""The commands about the curricula you follow: ``enrollments`` (each with its progress),
``switch`` (the active one) and ``stop`` (archive one).
"""

from __future__ import annotations

from typing import Annotated

import typer

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.cli import options
from roadmap_tracker.cli.options import JsonOption, complete_enrollment, make_session


def enrollments_command(
    all_enrollments: Annotated[
        bool, typer.Option("--all", help="Also list the stopped (archived) enrollments.")
    ] = False,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Day to count progress to, YYYY-MM-DD (default: today)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """List the curricula you follow with their progress and pace; the active one is marked.

    Example: roadmap enrollments --all
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import enrollments

    view = enrollments.enrollments_view(make_session(None, on), all_enrollments)
    render.print_json(view) if json_output else render.render_enrollments(view)


def switch_command(
    slug: Annotated[
        str,
        typer.Argument(
            help="The curriculum to make active (an enrollment).",
            autocompletion=complete_enrollment,
        ),
    ],
    json_output: JsonOption = False,
) -> None:
    """Make another of your enrollments the active one: the one commands work on.

    Example: roadmap switch ai-study-plan
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import enrollments

    result = enrollments.switch(make_session(), slug)
    render.print_json(result) if json_output else render.render_switch(result)


def stop_command(
    slug: Annotated[
        str,
        typer.Argument(
            help="The curriculum to stop following.", autocompletion=complete_enrollment
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Stop it without asking.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Stop following a curriculum: archive its enrollment (a backup is kept first).

    Its record stays in the file: 'roadmap undo' brings it back, 'roadmap start SLUG'
    begins afresh. Example: roadmap stop advanced-ai
    """
    from roadmap_tracker.cli import render
    from roadmap_tracker.commands import enrollments

    session = make_session()
    confirmed = yes
    if not yes:
        preview = enrollments.stop_preview(session, slug)  # an unknown slug fails here
        if not options.interactive():
            raise RoadmapError(
                f"roadmap stop asks before it archives {slug}, and there is no terminal to "
                "ask in; add --yes to stop it.",
                "Nothing was changed.",
            )
        question = render.stop_question(preview)
        confirmed = typer.confirm(question, default=False, err=json_output)
    result = enrollments.stop(session, slug, confirmed)
    render.print_json(result) if json_output else render.render_stop(result)
