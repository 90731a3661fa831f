"""What a picker offers when a reference names several items or none (decision 52): the
candidates with their state, the ones a command is likely meant for first.

Imported only when a picker opens (``cli/picker.py``), never on a command's usual path.
"""

from __future__ import annotations

from typing import Literal

from roadmap_tracker.base.records import Record
from roadmap_tracker.plan import schedule
from roadmap_tracker.session import Session

ItemState = Literal["done", "doing", "skipped", "open", "recurring"]
"""An item's state as a picker or ``roadmap find`` shows it."""

UNDOING = frozenset({"uncheck", "reset"})
"""The actions that take back what was recorded: their picker offers the items that are
done, in progress or skipped."""


class PickChoice(Record, kw_only=False):
    """One line of a picker: an item's ``id``, ``title``, ``state`` and the ``module`` it
    belongs to (None for an item of a phase, a milestone or a recurring activity)."""

    id: str
    title: str
    state: ItemState
    module: str | None


def item_states(session: Session) -> dict[str, ItemState]:
    """The state of each item of the session's enrollment that is not open, at the end of
    the session's day: done, in progress (doing) or skipped."""
    context = session.context()
    states: dict[str, ItemState] = dict.fromkeys(context.doing, "doing")
    states.update(dict.fromkeys(context.skipped, "skipped"))
    states.update(dict.fromkeys(context.done_by(session.as_of), "done"))
    return states


def pick_choices(session: Session, ids: list[str] | None, action: str) -> list[PickChoice]:
    """The items a picker offers for ``action`` (``check``, ``uncheck``, ``note``...) among
    ``ids`` (item ids best first; None: every item of the plan), in this order: those of the
    module current on the session's day, then the others as given.

    ``uncheck`` and ``reset`` offer the items done, in progress or skipped; every other
    action the items not done (open, in progress); when that leaves none, every one of
    ``ids`` is offered. Recurring activities among ``ids`` are offered to every action but
    ``uncheck`` and ``reset``. Raises RoadmapError when there is no enrollment.
    """
    context = session.context()
    curriculum = context.curriculum
    states = item_states(session)
    if ids is None:
        planned = context.planned_ids
        ids = [item.id for item in curriculum.items if item.id in planned]
    recurring = {activity.id: activity.title for activity in curriculum.recurring}
    choices = []
    for item_id in ids:
        if item_id in recurring:
            choices.append(PickChoice(item_id, recurring[item_id], "recurring", None))
            continue
        item = curriculum.item(item_id)
        choices.append(PickChoice(item.id, item.title, states.get(item.id, "open"), item.module_id))
    if action in UNDOING:
        wanted = [c for c in choices if c.state in ("done", "doing", "skipped")]
    else:
        wanted = [c for c in choices if c.state not in ("done", "skipped")]
    wanted = wanted or choices
    current = schedule.current_window(context.plan.modules, session.as_of)
    if current is None:
        return wanted
    return [c for c in wanted if c.module == current.id] + [
        c for c in wanted if c.module != current.id
    ]
