"""What the command modules share: the ``--json`` and ``--plan`` options, tab completion of
item ids, slugs and enrollments, the command's :class:`Session` (:func:`make_session`), and
whether a person can answer questions (:func:`interactive`).

Serves every command. It imports typer and the standard library only; the core is imported
inside the functions that need it (completion, the session), so that ``--help`` loads none.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from roadmap_tracker.session import Session

JsonOption = Annotated[bool, typer.Option("--json", help="Print the view as JSON.")]

NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Print long output at once, without the pager (ROADMAP_PAGER, PAGER, less).",
    ),
]

AllOption = Annotated[
    bool,
    typer.Option(
        "--all",
        help="When a reference names several items or none, list every candidate (not five).",
    ),
]


def complete_item(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Tab completion of a task reference: open items of the active curriculum (or of the
    one --plan names on the line) by id.
    """
    from roadmap_tracker.commands import curricula

    return curricula.item_completions(incomplete, ctx.params.get("plan"))


def complete_slug(incomplete: str) -> list[str]:
    """Tab completion of a curriculum slug: the bundled and user curricula."""
    from roadmap_tracker.commands import curricula

    return curricula.slug_completions(incomplete)


def complete_enrollment(incomplete: str) -> list[tuple[str, str]]:
    """Tab completion of an enrollment: the curricula you follow."""
    from roadmap_tracker.commands import curricula

    return curricula.enrollment_completions(incomplete)


PlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan",
        metavar="SLUG",
        help="Work on this enrollment instead of the active one (see 'roadmap enrollments').",
        is_eager=True,
        autocompletion=complete_enrollment,
    ),
]


PhaseOption = Annotated[
    str | None,
    typer.Option(
        "--phase", metavar="PHASE", help="Only this phase of your plan (its id or title words)."
    ),
]
ModuleOption = Annotated[
    str | None,
    typer.Option(
        "--module", metavar="MODULE", help="Only this module of your plan (its id or title words)."
    ),
]


def parse_day(text: str | None, option: str) -> dt.date:
    """The day ``text`` names (today when None). Raises RoadmapError naming ``option`` when
    it is not a date roadmap keeps."""
    from roadmap_tracker.base import clock

    return clock.today() if text is None else clock.parse_date(text, option)


def make_session(
    plan: str | None = None, day: str | None = None, option: str = "--on", *, change: bool = False
) -> Session:
    """The command's session: the enrollment ``--plan`` names (the active one when None) as
    of the day ``option`` gives as ``day`` (today when None). A view sees the record as it
    stood that day; a command that makes a ``change`` sees the whole record, to which the
    change is added (decision 36). Raises RoadmapError for a day that is not a date
    (:func:`parse_day`).
    """
    from roadmap_tracker.session import Session

    on = None if day is None else parse_day(day, option)
    return Session(as_of=on, plan=plan, whole_record=change)


def interactive() -> bool:
    """True when a person can answer questions: standard input is a terminal."""
    return sys.stdin.isatty()


def one_or_more(count: int, example: str) -> int:
    """``count``, the value of ``-n``, when it is 1 or more. Raises RoadmapError (exit 1, as
    every bad value, decision 60) otherwise, with ``example`` (``roadmap next -n 10``) as
    the hint.
    """
    if count < 1:
        from roadmap_tracker.base.errors import RoadmapError

        raise RoadmapError(f"-n must be 1 or more, not {count}.", f"Try '{example}'.")
    return count
