"""The parts of views that several screens share: a window of the plan, an item, an overdue
point, a recurring activity's count, and percentages.

A view is a :class:`~roadmap_tracker.base.records.View` record: ``--json`` prints exactly its
``to_json()``, and the ``cli`` package draws it. Dates are local calendar dates, serialised as
ISO 8601. The screens themselves are in :mod:`~roadmap_tracker.commands.overview` (status,
next, plan) and :mod:`~roadmap_tracker.commands.curricula` (list, show, validate).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from roadmap_tracker.base.errors import RoadmapError
from roadmap_tracker.base.records import View
from roadmap_tracker.curriculum.model import Curriculum, JournalPlan, RecurringActivity
from roadmap_tracker.plan import recurring, schedule
from roadmap_tracker.session import ActiveContext


class WindowView(View):
    """A module or phase with its planned dates."""

    id: str
    title: str
    start: dt.date | None
    end: dt.date | None
    latest_end: dt.date | None = None


class PauseView(View):
    """Paused days (``roadmap pause``): ``first`` to ``last``, inclusive local calendar
    dates, ``days`` of them.
    """

    first: dt.date
    last: dt.date
    days: int


def pause_views(pauses: list[tuple[dt.date, dt.date]]) -> list[PauseView]:
    """The views of an enrollment's pauses (inclusive first and last dates), in order."""
    return [
        PauseView(first=first, last=last, days=(last - first).days + 1) for first, last in pauses
    ]


class ItemView(View):
    """A checkable item as the views show it.

    ``module`` is None for an item of a phase itself or of a milestone; ``part_title`` names
    where the item stands: its module, else its phase, else its milestone.
    """

    id: str
    title: str
    kind: str
    module: str | None
    module_title: str | None
    phase: str | None
    milestone: str | None
    section: str | None
    part_title: str


class OverdueView(View):
    """A module end, phase end or milestone now passed with items open.

    ``date`` is the latest acceptable date; ``days_late`` counts from it; ``open_items`` the
    ids still open.
    """

    title: str
    date: dt.date
    kind: str
    ref: str
    days_late: int
    open_items: list[str]


class ActivityView(View):
    """A recurring activity's done/expected in its current period (``papers read 1 of 2``).

    ``period_start``/``period_end`` bound the period (the ISO week for daily and weekly
    cadences; the day for a daily routine measured in hours); ``due`` is its next occurrence
    on or after the day asked about, if any. ``measured`` is ``occurrences`` (checks of the
    activity) or ``hours``: a routine whose unit is hours ("2 hours/day") counts the decimal
    hours logged in its period, with or without ``--task``, and ``done`` and ``expected`` are
    hours then. The
    activity the progress journal names counts and falls due by the journal's rule
    (:func:`roadmap_tracker.plan.recurring.journal_count`): ``due`` is the day the next
    entry is due, earlier than the day asked when overdue.
    """

    id: str
    title: str
    cadence: str
    rrule: str
    unit: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    done: float
    expected: float | None
    due: dt.date | None = None
    measured: str = "occurrences"


def item_view(curriculum: Curriculum, item_id: str) -> ItemView:
    """The view of one checkable item."""
    item = curriculum.item(item_id)
    module = curriculum.module_index[item.module_id] if item.module_id else None
    if module is not None:
        part_title = module.title
    elif item.phase_id is not None:
        part_title = curriculum.phase_index[item.phase_id].title
    else:
        part_title = next(m.title for m in curriculum.milestones if m.id == item.milestone_id)
    return ItemView(
        id=item.id,
        title=item.title,
        kind=item.kind,
        module=item.module_id,
        module_title=module.title if module else None,
        phase=item.phase_id,
        milestone=item.milestone_id,
        section=item.section,
        part_title=part_title,
    )


def percent(count: int, total: int) -> float:
    """``count`` of ``total`` in percent, to one decimal (0.0 of nothing)."""
    return round(100 * count / total, 1) if total else 0.0


def percent_of(fraction: float | None) -> float | None:
    """A fraction (0 to 1) in percent, to one decimal; None stays None."""
    return None if fraction is None else round(100 * fraction, 1)


def overdue_view(entry: schedule.Overdue, day: dt.date) -> OverdueView:
    """The view of an overdue point of the plan, as seen on ``day``."""
    return OverdueView(
        title=entry.title,
        date=entry.date,
        kind=entry.kind,
        ref=entry.ref,
        days_late=(day - entry.date).days,
        open_items=entry.items,
    )


def activity_view(
    context: ActiveContext, activity_id: str, day: dt.date, as_of: dt.date
) -> ActivityView | None:
    """A recurring activity's count in the period of ``day`` (occurrences recorded by the end
    of ``as_of``) and when it is due: ``day`` itself for a daily or weekly activity whose
    week is not complete, else its next occurrence in the 7 days from ``day``. None when it
    is not running then and has no occurrence in those 7 days. The journal's activity is
    due on the day the next entry is due (overdue, or within those 7 days).
    """
    activity = next(a for a in context.curriculum.recurring if a.id == activity_id)
    journal = context.curriculum.journal
    if journal is not None and journal.activity == activity.id:
        return _journal_activity_view(context, activity, journal, min(day, as_of))
    period = recurring.activity_period(activity, context.plan, day)
    recorded: dict[dt.date, float] = {}
    if period is not None and activity.in_hours:
        first, last = period[0].toordinal(), min(period[1], as_of).toordinal()
        recorded = {
            dt.date.fromordinal(logged): hours
            for logged, hours in context.ledger.hours_by_day.items()
            if first <= logged <= last
        }
    elif period is not None:
        recorded = dict(
            context.ledger.occurrence_counts(activity.id, period[0], min(period[1], as_of))
        )
    count = recurring.activity_count(activity, context.plan, day, recorded)
    upcoming = recurring.occurrences(activity, context.plan, day, day + dt.timedelta(days=6))
    if count is None and not upcoming:
        return None
    behind = count is not None and count.done < count.expected
    if behind and activity.cadence in recurring.WEEK_CADENCES:
        upcoming.insert(0, day)  # this week's share is still open
    return ActivityView(
        id=activity.id,
        title=activity.title,
        cadence=activity.cadence,
        rrule=activity.rrule,
        unit=activity.unit,
        period_start=count.period_start if count else None,
        period_end=count.period_end if count else None,
        done=count.done if count else 0,
        expected=count.expected if count else None,
        due=upcoming[0] if upcoming else None,
        measured="hours" if activity.in_hours else "occurrences",
    )


def _journal_activity_view(
    context: ActiveContext,
    activity: RecurringActivity,
    journal: JournalPlan,
    day: dt.date,
) -> ActivityView | None:
    """The view of the recurring activity the journal names, by the journal's rule."""
    if recurring.activity_period(activity, context.plan, day) is None:
        return None  # not running on that day
    start = context.enrollment.started
    count, due = recurring.journal_count(activity, start, journal, context.ledger, day)
    return ActivityView(
        id=activity.id,
        title=activity.title,
        cadence=activity.cadence,
        rrule=activity.rrule,
        unit=activity.unit,
        period_start=count.period_start,
        period_end=count.period_end,
        done=count.done,
        expected=count.expected,
        due=due if due <= day + dt.timedelta(days=6) else None,
    )


def window_view(window: schedule.Window) -> WindowView:
    """The view of a planned module or phase window."""
    return WindowView(**window_fields(window))


def window_fields(window: schedule.Window) -> dict[str, Any]:
    """The fields of a :class:`WindowView` (and of the views built on it) for ``window``."""
    return {
        "id": window.id,
        "title": window.title,
        "start": window.start,
        "end": window.end,
        "latest_end": window.latest_end,
    }


class NotPlannedView(View):
    """A module outside the plan (``roadmap plan``, ``status``, the JSON export): an option
    of the choice group ``group`` not chosen (``reason`` ``option``; before a choice, every
    option but the group's default) or an optional module not included (``optional``).

    ``command`` is the command that puts it into the plan; ``done`` and ``total`` count its
    items done (kept in the record, not counted) and its items.
    """

    id: str
    title: str
    phase: str
    reason: str
    group: str | None
    command: str
    done: int
    total: int


def plan_command(curriculum: Curriculum, entry: schedule.Unplanned, planned: list[str]) -> str:
    """The command that puts the module of ``entry`` into the plan: ``roadmap include
    MODULE`` for an optional module; ``roadmap choose GROUP OPTION`` for an option, with the
    options already chosen (``planned``, when the learner chose them) before it when the
    group takes several (``pick: any``).
    """
    if entry.group is None:
        return f"roadmap include {entry.id}"
    group = next(g for g in curriculum.choices if g.id == entry.group)
    kept = planned if group.pick == "any" else []
    return f"roadmap choose {group.id} {' '.join([*kept, entry.id])}"


def not_planned(context: ActiveContext, as_of: dt.date | None = None) -> list[NotPlannedView]:
    """The modules of the enrollment ``context``'s curriculum that its plan leaves out, in
    curriculum order, each with the command that plans it and its items done by the end of
    ``as_of`` (all, if None) (see :class:`NotPlannedView`).
    """
    curriculum = context.curriculum
    done = context.done_by(as_of)
    made = context.settings.choices
    found = []
    for entry in schedule.unplanned_modules(curriculum, context.plan):
        items = curriculum.item_ids_of(entry.id)
        chosen = made.get(entry.group, []) if entry.group is not None else []
        found.append(
            NotPlannedView(
                id=entry.id,
                title=curriculum.module_index[entry.id].title,
                phase=curriculum.phase_of[entry.id].id,
                reason=entry.reason,
                group=entry.group,
                command=plan_command(curriculum, entry, chosen),
                done=sum(1 for item_id in items if item_id in done),
                total=len(items),
            )
        )
    return found


def refuse_unplanned(
    context: ActiveContext, item_ids: list[str], doing: str, named: str | None = None
) -> None:
    """Raise RoadmapError when one of ``item_ids`` (current item ids; recurring activities
    are never refused) is outside the plan of ``context``: in an option of a choice group
    not chosen, in an optional module not included, or of a phase none of whose modules is
    planned. The sentence names the first such item (or ``named``, the module or phase id
    the learner typed) and the command that plans its part; ``doing`` is the verb of the
    refused change (``check``, ``add a note to``...). Changes
    call this before they add an event, so nothing is written.
    """
    planned = context.planned_ids
    curriculum = context.curriculum
    outside = [i for i in item_ids if i in curriculum.item_ids and i not in planned]
    if not outside:
        return
    item = curriculum.item(outside[0])
    unplanned = {entry.id: entry for entry in not_planned(context)}
    if item.module_id is not None:
        entry = unplanned[item.module_id]
        where = f"{entry.id} {entry.title} is {_why_unplanned(context, entry)}"
    else:  # a phase's own item: its phase has no planned module
        assert item.phase_id is not None, "milestone items are always planned"
        first = curriculum.phase_index[item.phase_id].modules[0].id
        entry = unplanned[first]
        where = (
            f"its phase {item.phase_id} has no module in your plan "
            f"({entry.id} {entry.title} is {_why_unplanned(context, entry)})"
        )
    raise RoadmapError(
        f"Cannot {doing} {named or item.id}: {where}.",
        f"Run '{entry.command}' to bring it into your plan; nothing was recorded.",
    )


def _why_unplanned(context: ActiveContext, entry: NotPlannedView) -> str:
    """Why a module is out of the plan, as the end of a sentence."""
    if entry.group is None:
        return "an optional module not in your plan"
    made = context.settings.choices.get(entry.group)
    options = schedule.chosen_options(context.curriculum, context.settings.choices)[entry.group]
    holds = (
        f"you chose {', '.join(options)}"
        if made
        else (f"until you choose, the plan takes {', '.join(options)}")
    )
    return f"an option of {entry.group} not in your plan ({holds})"
