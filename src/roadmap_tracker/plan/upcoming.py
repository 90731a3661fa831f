"""What comes next in a plan: the next open items whose prerequisites are met
(:func:`next_items`), the dated points ahead (:func:`upcoming_milestones`) and the choice
groups due a choice (:func:`choices_due`). Pure functions, no I/O and no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from roadmap_tracker.base.records import Record
from roadmap_tracker.curriculum.items import Item
from roadmap_tracker.curriculum.model import ChoiceGroup, Curriculum
from roadmap_tracker.plan.schedule import Plan, current_window, module_label, planned_spans


def module_complete(curriculum: Curriculum, module_id: str, done: set[str]) -> bool:
    """True when every checkable item of the module is done."""
    return done.issuperset(curriculum.item_ids_of(module_id))


def next_items(
    curriculum: Curriculum, plan: Plan, done: set[str], limit: int
) -> tuple[list[Item], dict[str, list[str]]]:
    """The next open items in curriculum order whose module's prerequisites are met.

    Returns (up to ``limit`` items, {id of a module with open items held back: the ids of
    its prerequisites not yet complete}), both in curriculum order.
    Prerequisites on modules outside the plan (optional, not included) count as met; items of
    a phase itself and milestone items have none.
    """
    table = curriculum.item_table
    included = set(plan.module_ids)
    chosen: list[int] = []
    blocked: dict[str, list[str]] = {}
    for start, stop in planned_spans(curriculum, plan):
        if done.issuperset(table.ids[start:stop]):
            continue
        module_id = table.module_ids[start]
        if module_id is not None:
            unmet = [
                required
                for required in curriculum.module_index[module_id].prerequisites
                if required in included and not module_complete(curriculum, required, done)
            ]
            if unmet:
                blocked[module_id] = unmet
                continue
        if len(chosen) < limit:
            open_positions = (p for p in range(start, stop) if table.ids[p] not in done)
            chosen += [p for _, p in zip(range(limit - len(chosen)), open_positions, strict=False)]
    return [table.row(position) for position in chosen], blocked


class DatedPoint(Record, kw_only=False):
    """A dated point of the plan: the start or end of a module or phase, a curriculum
    milestone, or the end of the plan. ``kind`` is ``module-end``, ``module-start``,
    ``phase-end``, ``milestone`` or ``plan-end``; ``ref`` the id of what it marks.
    """

    title: str
    date: dt.date
    kind: str
    ref: str


def upcoming_milestones(curriculum: Curriculum, plan: Plan, day: dt.date) -> list[DatedPoint]:
    """Milestones on or after ``day``: the end of the current module, the next module's start,
    the end of the current phase (unless the module ends that day), the next two curriculum
    milestones and the plan's end (before the start: the first module's start instead), by
    date.
    """
    found: list[DatedPoint] = []
    dated = [w for w in plan.modules if w.start is not None]
    current = current_window(plan.modules, day)
    if current is not None and current.end is not None:
        found.append(
            DatedPoint(
                f"End of {module_label(curriculum, current.id)}",
                current.end,
                "module-end",
                current.id,
            )
        )
    upcoming = next((w for w in dated if w.start is not None and w.start > day), None)
    if upcoming is not None and upcoming.start is not None:
        found.append(
            DatedPoint(
                f"Start of {module_label(curriculum, upcoming.id)}",
                upcoming.start,
                "module-start",
                upcoming.id,
            )
        )
    phase = current_window(plan.phases, day)
    if phase is not None and phase.end is not None and not any(m.date == phase.end for m in found):
        found.append(DatedPoint(f"End of phase: {phase.title}", phase.end, "phase-end", phase.id))
    coming = sorted((m for m in plan.milestones if m.date >= day), key=lambda m: m.date)
    found += [DatedPoint(m.title, m.date, "milestone", m.id) for m in coming[:2]]
    if plan.end is not None and plan.end >= day and not any(m.date == plan.end for m in found):
        found.append(
            DatedPoint(f"End of {curriculum.title}", plan.end, "plan-end", curriculum.slug)
        )
    return sorted(found, key=lambda milestone: milestone.date)


def choice_phase_start(curriculum: Curriculum, plan: Plan, group: ChoiceGroup) -> dt.date | None:
    """The earliest planned start of the phases that hold a choice group's options, or None
    when none of them has a date.
    """
    phases = {window.id: window for window in plan.phases}
    starts = [
        window.start
        for option in group.options
        if (window := phases.get(curriculum.phase_of[option].id)) is not None
        and window.start is not None
    ]
    return min(starts) if starts else None


def choice_due_on(
    curriculum: Curriculum, plan: Plan, group: ChoiceGroup, horizon_days: int = 7
) -> dt.date | None:
    """The first day a choice group is due a choice: ``horizon_days`` before its options'
    phase starts (:func:`choice_phase_start`; before the plan's start when that phase starts
    within ``horizon_days`` of it); None when that phase has no date (the choice is always
    due, since nothing says when it comes).
    """
    start = choice_phase_start(curriculum, plan, group)
    return None if start is None else start - dt.timedelta(days=horizon_days)


def choices_due(
    curriculum: Curriculum,
    plan: Plan,
    made: Mapping[str, list[str]],
    day: dt.date,
    horizon_days: int = 7,
) -> list[str]:
    """Ids of the choice groups not yet chosen (``made``: group id to the options chosen)
    that are due on ``day`` (:func:`choice_due_on`: from ``horizon_days`` before their
    options' phase starts, or always when that phase has no date), in curriculum order.
    """
    due = []
    for group in curriculum.choices:
        if made.get(group.id):
            continue
        first = choice_due_on(curriculum, plan, group, horizon_days)
        if first is None or first <= day:
            due.append(group.id)
    return due
