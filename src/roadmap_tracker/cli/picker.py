"""The picker: when a reference names several items or none, a learner at a terminal picks
the one meant (arrow keys, type to filter, Enter) and the command carries on (decision 52).

:func:`with_picker` runs a command's core; a reference error it raises opens the picker
when standard input and output are terminals and the command does not print JSON.
Otherwise the error stands, with every candidate under ``--all``. The prompt library
(questionary, on prompt_toolkit) is imported in :func:`choose` alone, so no command loads it
unless a picker opens; nor is this module's core (``commands/picking.py``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from roadmap_tracker.base.errors import Declined, RoadmapError

if TYPE_CHECKING:
    from roadmap_tracker.commands.picking import PickChoice

T = TypeVar("T")


def at_terminal(json_output: bool = False) -> bool:
    """True when a picker can open: standard input and output are terminals and the command
    does not print JSON."""
    return not json_output and sys.stdin.isatty() and sys.stdout.isatty()


def with_picker(
    run: Callable[[Callable[[str], str]], T],
    action: str,
    plan: str | None,
    day: str | None,
    json_output: bool,
    every_candidate: bool,
) -> T:
    """Return ``run(rewrite)``, where ``rewrite`` turns each reference the learner typed into
    what they picked for it (the reference itself until then).

    When ``run`` raises a reference error (a reference that names several items or none,
    ``plan.refs.UnresolvedReference``) and a picker can open (:func:`at_terminal`), the
    learner picks among the candidates for ``action`` (``commands.picking.pick_choices``,
    on the enrollment ``plan`` as of ``day``) and ``run`` runs again with the pick. Without
    a terminal the error is raised, listing every candidate when ``every_candidate``
    (``--all``). Raises RoadmapError when the learner cancels the picker: nothing is then
    recorded.
    """
    picked: dict[str, str] = {}
    while True:
        try:
            return run(lambda reference: picked.get(reference, reference))
        except RoadmapError as error:
            reference = getattr(error, "reference", None)
            if reference is None or reference in picked:
                raise
            if not at_terminal(json_output):
                if every_candidate:
                    error.every_candidate()  # type: ignore[attr-defined]
                raise
            matches = [item_id for item_id, _ in error.matches]  # type: ignore[attr-defined]
            if not matches and action == "show":  # a slug mistyped, as likely as an item
                raise
            what = (
                f"'{reference}' matches several items"
                if error.ambiguous  # type: ignore[attr-defined]
                else f"Nothing matches '{reference}'"
            )
            picked[reference] = pick(f"{what}; which one?", matches or None, action, plan, day)


def pick(
    question: str, ids: list[str] | None, action: str, plan: str | None, day: str | None
) -> str:
    """The id the learner picks for ``action`` among the items ``ids`` (best first; None:
    every item of the plan), as ``commands.picking.pick_choices`` offers them on the
    enrollment ``plan`` as of ``day``. Raises RoadmapError when there is nothing to pick or
    the learner cancels.
    """
    from roadmap_tracker.cli.options import make_session
    from roadmap_tracker.commands import picking

    choices = picking.pick_choices(make_session(plan, day), ids, action)
    if not choices:
        raise RoadmapError(
            "There is no item to pick from.", "Run 'roadmap show' to see your curriculum."
        )
    return choose(question, choices)


def choose(question: str, choices: list[PickChoice]) -> str:
    """Ask the learner at the terminal to pick one of ``choices`` (arrow keys, type to
    filter, Enter; Esc or Ctrl-C to cancel) and return its id. Raises RoadmapError when the
    learner cancels.
    """
    import questionary
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    from roadmap_tracker.base.printable import printable

    width = max(len(choice.id) for choice in choices)
    prompt = questionary.select(
        printable(question),
        choices=[
            questionary.Choice(
                title=printable(f"{choice.id:<{width}}  {choice.title}  ({choice.state})"),
                value=choice.id,
            )
            for choice in choices
        ],
        use_search_filter=True,
        use_jk_keys=False,
        instruction="(arrows move, type to filter, Enter picks, Esc cancels)",
    )
    cancel = KeyBindings()

    @cancel.add("escape", eager=True)
    def _cancel(event: object) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")  # type: ignore[attr-defined]

    application = prompt.application
    application.key_bindings = merge_key_bindings([application.key_bindings or cancel, cancel])
    try:
        answer = prompt.unsafe_ask()
    except KeyboardInterrupt:
        answer = None
    if answer is None:
        raise Declined(
            "Nothing was picked, so nothing was recorded.",
            "Name the item by its id, or run 'roadmap find WORDS' to look for it.",
        )
    return str(answer)
