"""``roadmap hours``: where the study time went, by task, module, phase or week (decision
55).

It reads the hours the enrollment's ledger holds per day and item
(:attr:`~roadmap_tracker.progress.ledger.Ledger.hours_by_day_item`), so it counts what
``log``, ``timer stop`` and their undos and amendments leave, never the raw events. Nothing
here writes.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from roadmap_tracker.base import clock
from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import Record, View
from roadmap_tracker.curriculum.model import Curriculum, RecurringActivity
from roadmap_tracker.session import Session

HoursBy = Literal["task", "module", "phase", "week"]
HOURS_BY: tuple[HoursBy, ...] = ("task", "module", "phase", "week")

NO_TASK = "(no task)"
"""The row of the hours logged without a task."""

NO_MODULE = "(no module)"
"""``--by module``: the row of hours on a task outside every module (a phase's own task, a
milestone's criterion, a routine of the whole plan or a phase) or no longer in the curriculum."""

NO_PHASE = "(no phase)"
"""``--by phase``: the row of hours on a task outside every phase (a milestone's criterion, a
routine of the whole plan) or no longer in the curriculum."""


class HoursRow(Record):
    """One row of ``roadmap hours``: ``id`` the task, module or phase id (the Monday of the
    ISO week, ``YYYY-MM-DD``, by week; None for the rows in parentheses), ``title`` its title
    (``2026-W02`` by week; :data:`NO_TASK`, :data:`NO_MODULE` or :data:`NO_PHASE`), ``hours``
    the decimal hours logged (to two decimals), ``share`` their part of the total in percent
    (to one decimal) and ``days`` how many days have some.
    """

    id: str | None
    title: str
    hours: float
    share: float
    days: int


class HoursView(View):
    """Where the time went: the hours logged in the enrollment ``curriculum`` on the days
    ``since`` to ``until`` (inclusive local calendar dates; ``since`` is the enrollment's
    start unless given), grouped ``by`` task, module, phase or week. ``rows`` are sorted by
    hours, most first (ties in curriculum order), except by week (oldest first, weeks without
    hours left out); ``total`` is their sum (decimal hours, to two decimals), ``days`` the
    days with some.
    """

    curriculum: str
    title: str
    by: HoursBy
    since: dt.date
    until: dt.date
    rows: list[HoursRow]
    total: float
    days: int


def hours_view(session: Session, by: HoursBy = "module", since: dt.date | None = None) -> HoursView:
    """The hours logged in the session's enrollment from ``since`` (the enrollment's start
    when None) to the session's day, grouped ``by`` (see :class:`HoursView`). Raises
    RoadmapError when ``by`` is not one of :data:`HOURS_BY` or ``since`` is after the
    session's day.
    """
    if by not in HOURS_BY:
        raise RoadmapError(
            f"'{by}' is not a way roadmap hours groups time.",
            "Give --by task, module, phase or week.",
        )
    until = session.as_of
    context = session.context()
    curriculum = context.curriculum
    first = context.enrollment.started if since is None else since
    if first > until:
        raise RoadmapError(
            f"--since {first.isoformat()} is after the last day shown, {until.isoformat()}.",
            "Give --since a day on or before --until (today when left out).",
        )
    low, high = first.toordinal(), until.toordinal()
    hours: dict[str | None, float] = {}
    days: dict[str | None, set[int]] = {}
    titles: dict[str | None, str] = {}
    every_day: set[int] = set()
    for day, logged in context.ledger.hours_by_day_item.items():
        if not low <= day <= high:
            continue
        for recorded, spent in logged.items():
            if spent <= 0:
                continue
            key, title = _group(curriculum, by, day, recorded)
            hours[key] = hours.get(key, 0.0) + spent
            days.setdefault(key, set()).add(day)
            titles[key] = title
            every_day.add(day)
    total = sum(hours.values(), 0.0)
    order = _order(curriculum, by)
    keys = list(hours)
    if by == "week":
        keys.sort(key=lambda key: key or "")
    else:
        keys.sort(key=lambda key: (-round(hours[key], 6), order.get(key, len(order)), key or "~"))
    rows = [
        HoursRow(
            id=key,
            title=titles[key],
            hours=round(hours[key], 2),
            share=round(100 * hours[key] / total, 1) if total else 0.0,
            days=len(days[key]),
        )
        for key in keys
    ]
    return HoursView(
        curriculum=curriculum.slug,
        title=curriculum.title,
        by=by,
        since=first,
        until=until,
        rows=rows,
        total=round(total, 2),
        days=len(every_day),
    )


def _group(curriculum: Curriculum, by: HoursBy, day: int, recorded: str) -> tuple[str | None, str]:
    """The row (key, title) of the hours logged on ``day`` (an ordinal) on the item
    ``recorded`` (its id as recorded; "" for none), grouped ``by``."""
    if by == "week":
        monday = clock.week_start(dt.date.fromordinal(day))
        year, week, _ = monday.isocalendar()
        return monday.isoformat(), f"{year}-W{week:02d}"
    if not recorded:
        return None, NO_TASK
    current = curriculum.current_id(recorded)
    activity = None if current else _activity(curriculum, recorded)
    if by == "task":
        if current is not None:
            return current, curriculum.item(current).title
        return recorded, activity.title if activity else recorded
    module_id: str | None = None
    phase_id: str | None = None
    if current is not None:
        item = curriculum.item(current)
        module_id, phase_id = item.module_id, item.phase_id
    elif activity is not None and activity.during is not None:
        if activity.during in curriculum.module_index:
            module_id = activity.during
            phase_id = curriculum.phase_of[module_id].id
        elif activity.during in curriculum.phase_index:
            phase_id = activity.during
    if by == "module":
        if module_id is None:
            return None, NO_MODULE
        return module_id, curriculum.module_index[module_id].title
    if phase_id is None:
        return None, NO_PHASE
    return phase_id, curriculum.phase_index[phase_id].title


def _activity(curriculum: Curriculum, activity_id: str) -> RecurringActivity | None:
    """The recurring activity ``activity_id`` names, if the curriculum has one."""
    return next((a for a in curriculum.recurring if a.id == activity_id), None)


def _order(curriculum: Curriculum, by: HoursBy) -> dict[str | None, int]:
    """Curriculum order of the rows' keys, to break ties of hours."""
    if by == "task":
        return {item_id: n for item_id, n in curriculum.positions.items()}
    if by == "module":
        return {module.id: n for n, module in enumerate(curriculum.modules)}
    return {phase.id: n for n, phase in enumerate(curriculum.phases)}
