"""Commands that change the progress file: enrolling, checking items, logging study time,
choosing options, including or excluding optional modules, and replanning.

Each action does all its checks under the progress file's lock before it writes anything, and
returns a view of what it did. A RoadmapError raised on the way leaves the file untouched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from roadmap_tracker import catalog, clock, refs, schedule, store
from roadmap_tracker.errors import RoadmapError
from roadmap_tracker.progress import (
    Event,
    EventAction,
    Progress,
)
from roadmap_tracker.views import ActiveContext, View, WindowView, active_context, window_view


class StartResult(View):
    """What ``roadmap start`` did: the enrollment and its plan (end date of each phase)."""

    curriculum: str
    title: str
    start: dt.date
    hours_per_week: float | None
    scale: float
    end: dt.date | None
    weeks_total: int | None
    phases: list[WindowView]
    modules: list[WindowView]
    restarted: bool


class CheckedItem(View):
    """An item ``roadmap check`` touched, or left alone with the reason."""

    id: str
    title: str
    on: dt.date
    note: str | None = None


class CheckResult(View):
    """What ``roadmap check`` recorded."""

    curriculum: str
    on: dt.date
    undo: bool
    changed: list[CheckedItem]
    unchanged: list[CheckedItem]
    done: int
    total: int


def start(
    reference: str,
    on: dt.date,
    hours_per_week: float | None = None,
    restart: bool = False,
) -> StartResult:
    """Enroll in the curriculum ``reference`` (slug or path) from ``on``; make it active.

    ``hours_per_week`` defaults to the low end of the curriculum's weekly hours. Raises
    RoadmapError when already enrolled and ``restart`` is False. A restart begins the
    enrollment again; the earlier run stays in the history and ``roadmap undo`` brings it back.
    """
    entry = catalog.find_curriculum(reference)
    curriculum = catalog.load_entry(entry)
    if hours_per_week is not None:
        _check_hours(hours_per_week, "hours per week", 168, f"--hours-per-week {_EXAMPLE_HOURS}")
    hours = hours_per_week
    if hours is None and curriculum.weekly_hours is not None:
        hours = float(curriculum.weekly_hours.low)
    restarted: list[bool] = []
    digest = catalog.digest(entry.path)

    def enroll(progress: Progress) -> Event:
        existing = progress.enrollment(curriculum.slug)
        if existing is not None and not restart:
            raise RoadmapError(
                f"You are already enrolled in {curriculum.slug} since {existing.started}.",
                f"To start over, run 'roadmap start {reference} --restart'; your current "
                "progress stays in the history and 'roadmap undo' brings it back.",
            )
        restarted.append(existing is not None)
        return Event(
            seq=progress.next_seq,
            at=clock.now(),
            on=on,
            curriculum=curriculum.slug,
            action="start",
            hours=hours,
            path=str(entry.path) if entry.origin == "path" else None,
            digest=digest,
        )

    progress = store.record_change(enroll)
    enrollment = progress.enrollment(curriculum.slug)
    assert enrollment is not None
    context = ActiveContext(progress, enrollment, curriculum)
    plan = context.plan
    return StartResult(
        curriculum=curriculum.slug,
        title=curriculum.title,
        start=on,
        hours_per_week=hours,
        scale=plan.scale,
        end=plan.end,
        weeks_total=schedule.weeks_total(plan),
        phases=[window_view(w) for w in plan.phases],
        modules=[window_view(w) for w in plan.modules],
        restarted=restarted[0],
    )


def check(references: list[str], on: dt.date, undo: bool = False) -> CheckResult:
    """Record the items ``references`` name as done on ``on`` (or, with ``undo``, not done).

    A reference may also name a recurring activity: each check records one occurrence on
    ``on`` (an undo takes one back). Every reference is resolved before anything is written;
    an unknown or ambiguous one raises RoadmapError and nothing is recorded. Items already in
    the wanted state are reported as unchanged. An undo counts from the later of ``on`` and
    the day the item was done, so it always takes the check back. Raises RoadmapError for a
    day after today.
    """
    _not_in_future(on)
    action: EventAction = "uncheck" if undo else "check"
    outcome: list[CheckResult] = []

    def record(state: store.ProgressState) -> Event | None:
        context = active_context(state=state)
        curriculum = context.curriculum
        items = refs.resolve_items(curriculum, references, recurring=True)
        done = context.done_by()
        changed: list[CheckedItem] = []
        unchanged: list[CheckedItem] = []
        for item in items:
            note: str | None = None
            takes_effect = True
            if item.kind == "recurring":
                takes_effect = (
                    not undo or context.ledger.occurrence_counts(item.id, on, on).get(on, 0) > 0
                )
                if takes_effect:
                    note = "occurrence taken back" if undo else "occurrence recorded"
                else:
                    note = f"no occurrence recorded on {on.isoformat()}"
            elif not undo and item.id in done:
                takes_effect, note = False, f"already done on {done[item.id].isoformat()}"
            elif undo and item.id not in done:
                takes_effect, note = False, "was not checked"
            entry = CheckedItem(id=item.id, title=item.title, on=on, note=note)
            (changed if takes_effect else unchanged).append(entry)
        done_count, total = context.counts()
        if changed:
            # A check changes no plan, so the count after it is the one before, less or more
            # the changed items the plan counts (recurring activities it does not).
            moved = sum(1 for entry in changed if entry.id in context.counted_ids)
            done_count += -moved if undo else moved
        outcome.append(
            CheckResult(
                curriculum=curriculum.slug,
                on=on,
                undo=undo,
                changed=changed,
                unchanged=unchanged,
                done=done_count,
                total=total,
            )
        )
        if not changed:
            return None
        event = Event(
            seq=state.next_seq,
            at=clock.now(),
            on=on,
            curriculum=curriculum.slug,
            action=action,
            items=tuple(entry.id for entry in changed),
        )
        return event

    store.append_event(record)
    return outcome[0]


def _not_in_future(on: dt.date) -> None:
    """Raise RoadmapError when ``on`` is after today: work is recorded when it is done."""
    today = clock.today()
    if on > today:
        raise RoadmapError(
            f"{on.isoformat()} is in the future; you can only record work done by today "
            f"({today.isoformat()}).",
            "Leave out --on to record it for today.",
        )


_EXAMPLE_HOURS = 8


def _check_hours(hours: float, what: str, most: float, example: str) -> None:
    """Raise RoadmapError unless ``hours`` is above 0 and at most ``most``."""
    if not 0 < hours <= most:
        raise RoadmapError(
            f"{hours:g} is not a possible number of {what}.",
            f"Give a number above 0 and at most {most:g}, like '{example}'.",
        )


class LogResult(View):
    """What ``roadmap log`` recorded, and the hours of that week against the commitment."""

    curriculum: str
    on: dt.date
    hours: float
    task: str | None
    task_title: str | None
    note: str | None
    week_start: dt.date
    week_hours: float
    hours_per_week: float | None


def log(hours: float, on: dt.date, task: str | None = None, note: str | None = None) -> LogResult:
    """Record ``hours`` (decimal hours, above 0 and at most 24) of study on ``on``, for the
    item ``task`` if given. Raises RoadmapError for a day after today, impossible hours or an
    unknown task; nothing is written then.
    """
    _check_hours(hours, "hours for one day", 24, "roadmap log 1.5")
    _not_in_future(on)
    outcome: list[LogResult] = []

    def record(state: store.ProgressState) -> Event:
        context = active_context(state=state)
        item = refs.resolve_item(context.curriculum, task) if task is not None else None
        event = Event(
            seq=state.next_seq,
            at=clock.now(),
            on=on,
            curriculum=context.curriculum.slug,
            action="log",
            hours=hours,
            items=(item.id,) if item else (),
            note=note.strip() if note and note.strip() else None,
        )
        monday = on - dt.timedelta(days=on.weekday())
        week_hours = context.ledger.logged_hours(monday, monday + dt.timedelta(6)) + hours
        outcome.append(
            LogResult(
                curriculum=context.curriculum.slug,
                on=on,
                hours=hours,
                task=item.id if item else None,
                task_title=item.title if item else None,
                note=event.note,
                week_start=monday,
                week_hours=round(week_hours, 2),
                hours_per_week=context.settings.hours_per_week,
            )
        )
        return event

    store.append_event(record)
    return outcome[0]


class PlanChange(View):
    """What ``roadmap choose``, ``include``, ``exclude`` or ``replan`` changed in the plan.

    ``summary`` is one sentence for people; ``changed`` is False when nothing was recorded
    (already so). Totals and ends are before and after the change.
    """

    curriculum: str
    action: str
    summary: str
    changed: bool
    total_before: int
    total: int
    done: int
    end_before: dt.date | None
    end: dt.date | None
    hours_per_week: float | None
    phases: list[WindowView]
    modules: list[WindowView]


def _plan_change(
    action: str,
    before: ActiveContext,
    after: ActiveContext,
    summary: str,
    changed: bool,
) -> PlanChange:
    done, total = after.counts()
    return PlanChange(
        curriculum=after.curriculum.slug,
        action=action,
        summary=summary,
        changed=changed,
        total_before=len(before.counted_ids),
        total=total,
        done=done,
        end_before=before.plan.end or before.plan.dated_end,
        end=after.plan.end or after.plan.dated_end,
        hours_per_week=after.settings.hours_per_week,
        phases=[window_view(w) for w in after.plan.phases],
        modules=[window_view(w) for w in after.plan.modules],
    )


def _change_plan(
    action: str, make: Callable[[ActiveContext, int], tuple[Event | None, str]]
) -> PlanChange:
    """Run ``make`` on the fresh active enrollment (and the next event number) under the
    lock; append the event it returns, if any.
    """
    outcome: list[PlanChange] = []

    def record(progress: Progress) -> Event | None:
        before = active_context(progress)
        event, summary = make(before, progress.next_seq)
        new = progress.with_event(event) if event is not None else progress
        after = ActiveContext(new, before.enrollment, before.curriculum)
        outcome.append(_plan_change(action, before, after, summary, event is not None))
        return event

    store.record_change(record)
    return outcome[0]


def choose(group_reference: str, option_references: list[str], on: dt.date) -> PlanChange:
    """Choose the options of a choice group (by id or end of id; options by module id, end
    of id or title words). A ``pick: one`` group takes exactly one option. Progress on the
    other options is kept but no longer counted. Raises RoadmapError for an unknown group or
    option, or too many options.
    """

    def make(context: ActiveContext, seq: int) -> tuple[Event | None, str]:
        curriculum = context.curriculum
        group = refs.resolve_named(
            curriculum.choices,
            group_reference,
            f"No choice group of {curriculum.slug} matches '{group_reference}'.",
            "choice groups",
        )
        options = [m for m in curriculum.modules if m.id in group.options]
        chosen: list[str] = []
        for reference in option_references:
            module = refs.resolve_named(
                options,
                reference,
                f"'{reference}' is not an option of {group.id}.",
                f"options of {group.id}",
            )
            if module.id not in chosen:
                chosen.append(module.id)
        if group.pick == "one" and len(chosen) != 1:
            raise RoadmapError(
                f"{group.id} takes one option; you named {len(chosen)}.",
                f"Choose one of: {', '.join(group.options)}.",
            )
        names = ", ".join(chosen)
        if context.settings.choices.get(group.id) == chosen:
            return None, f"{names} was already your choice for {group.id}."
        event = Event(
            seq=seq,
            at=clock.now(),
            on=on,
            curriculum=curriculum.slug,
            action="choose",
            items=(group.id,),
            options=tuple(chosen),
        )
        return event, f"Chose {names} for {group.id} ({group.title})."

    return _change_plan("choose", make)


def include(module_reference: str, on: dt.date, exclude: bool = False) -> PlanChange:
    """Put an optional module into the plan (or, with ``exclude``, take it out). Progress on
    it is kept either way. Raises RoadmapError when the module is unknown or not optional.
    """
    action: EventAction = "exclude" if exclude else "include"

    def make(context: ActiveContext, seq: int) -> tuple[Event | None, str]:
        curriculum = context.curriculum
        optional = [m for m in curriculum.modules if m.optional]
        if not optional:
            raise RoadmapError(
                f"{curriculum.slug} has no optional modules to {action}.",
                "Run 'roadmap show' to see its modules.",
            )
        module = refs.resolve_named(
            optional,
            module_reference,
            f"'{module_reference}' is not an optional module of {curriculum.slug}.",
            "optional modules",
        )
        included = module.id in context.settings.include
        if included != exclude:
            state = "already in" if included else "not in"
            return None, f"{module.id} {module.title} is {state} your plan."
        event = Event(
            seq=seq,
            at=clock.now(),
            on=on,
            curriculum=curriculum.slug,
            action=action,
            items=(module.id,),
        )
        verb = "Took" if exclude else "Added"
        where = "out of" if exclude else "to"
        return event, f"{verb} {module.id} {module.title} {where} your plan."

    return _change_plan(action, make)


def replan(hours_per_week: float | None, from_date: dt.date) -> PlanChange:
    """Re-baseline the plan: the modules not complete by ``from_date`` start again on that
    date, at ``hours_per_week`` if given. Every event is kept, so the original plan stays in
    the history. Raises RoadmapError for impossible hours or a date before the enrollment's
    start.
    """
    if hours_per_week is not None:
        _check_hours(hours_per_week, "hours per week", 168, "roadmap replan --hours-per-week 6")

    def make(context: ActiveContext, seq: int) -> tuple[Event | None, str]:
        started = context.enrollment.started
        if not context.plan.dated:
            raise RoadmapError(
                f"{context.curriculum.slug} states no durations, so its plan has no dates to move.",
                "Work through 'roadmap next' at your own pace; nothing was changed.",
            )
        if from_date < started:
            raise RoadmapError(
                f"{from_date.isoformat()} is before you started {context.curriculum.slug} "
                f"on {started.isoformat()}.",
                "Give --from a date on or after the start.",
            )
        event = Event(
            seq=seq,
            at=clock.now(),
            on=from_date,
            curriculum=context.curriculum.slug,
            action="replan",
            hours=hours_per_week,
        )
        hours = hours_per_week or context.settings.hours_per_week
        pace = f" at {hours:g} hours a week" if hours else ""
        return event, f"Replanned from {from_date.isoformat()}{pace}; your progress is kept."

    return _change_plan("replan", make)
