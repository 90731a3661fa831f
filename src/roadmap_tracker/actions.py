"""Commands that change the progress file: enrolling and checking items.

Each action does all its checks under the progress file's lock before it writes anything, and
returns a view of what it did. A RoadmapError raised on the way leaves the file untouched.
"""

from __future__ import annotations

import datetime as dt

from roadmap_tracker import catalog, clock, refs, schedule, store
from roadmap_tracker.errors import RoadmapError
from roadmap_tracker.progress import Enrollment, Event, EventAction, Progress
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
    backup: str | None


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
    RoadmapError when already enrolled and ``restart`` is False; a restart first keeps a backup
    of the progress file, then drops the old enrollment and its events.
    """
    entry = catalog.find_curriculum(reference)
    curriculum = catalog.load_entry(entry)
    if hours_per_week is not None and not 0 < hours_per_week <= 168:
        raise RoadmapError(
            f"{hours_per_week:g} is not a number of hours per week.",
            "Give a number above 0 and at most 168, like --hours-per-week 8.",
        )
    hours = hours_per_week
    if hours is None and curriculum.weekly_hours is not None:
        hours = float(curriculum.weekly_hours.low)
    backup: list[str] = []
    restarted: list[bool] = []

    def enroll(progress: Progress) -> Progress:
        existing = progress.enrollment(curriculum.slug)
        if existing is not None and not restart:
            raise RoadmapError(
                f"You are already enrolled in {curriculum.slug} since {existing.started}.",
                f"To start over, run 'roadmap start {reference} --restart'; your current "
                "progress file is kept in a backup first.",
            )
        if existing is not None:
            restarted.append(True)
            kept = store.backup_progress(reason="restart")
            if kept is not None:
                backup.append(str(kept))
        enrollment = Enrollment(
            curriculum=curriculum.slug,
            path=str(entry.path) if entry.origin == "path" else None,
            started=on,
            hours_per_week=hours,
            enrolled_at=clock.now(),
        )
        others = [e for e in progress.enrollments if e.curriculum != curriculum.slug]
        events = [e for e in progress.events if e.curriculum != curriculum.slug]
        return progress.model_copy(
            update={
                "active": curriculum.slug,
                "enrollments": [*others, enrollment],
                "events": events,
            }
        )

    progress = store.update_progress(enroll)
    context = ActiveContext(progress, progress.enrollments[-1], curriculum)
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
        restarted=bool(restarted),
        backup=backup[0] if backup else None,
    )


def check(references: list[str], on: dt.date, undo: bool = False) -> CheckResult:
    """Record the items ``references`` name as done on ``on`` (or, with ``undo``, not done).

    Every reference is resolved before anything is written; an unknown or ambiguous one
    raises RoadmapError and nothing is recorded. Items already in the wanted state are
    reported as unchanged. An undo counts from the later of ``on`` and the day the item was
    done, so it always takes the check back. Raises RoadmapError for a day after today.
    """
    today = clock.today()
    if on > today:
        raise RoadmapError(
            f"{on.isoformat()} is in the future; you can only record work done by today "
            f"({today.isoformat()}).",
            "Leave out --on to record it for today.",
        )
    action: EventAction = "uncheck" if undo else "check"
    outcome: list[CheckResult] = []

    def record(progress: Progress) -> Progress | None:
        context = active_context(progress)
        curriculum = context.curriculum
        items = refs.resolve_items(curriculum, references)
        done = context.done_by()
        changed: list[CheckedItem] = []
        unchanged: list[CheckedItem] = []
        now = clock.now()
        events: list[Event] = []
        for item in items:
            entry = CheckedItem(id=item.id, title=item.title, on=on)
            if not undo and item.id in done:
                entry.note = f"already done on {done[item.id].isoformat()}"
                unchanged.append(entry)
            elif undo and item.id not in done:
                entry.note = "was not checked"
                unchanged.append(entry)
            else:
                # Events replay in order of their day: an undo dated before the check would
                # be replayed first and leave the item done.
                if undo:
                    entry.on = max(on, done[item.id])
                changed.append(entry)
                events.append(
                    Event(
                        at=now, on=entry.on, curriculum=curriculum.slug, action=action, item=item.id
                    )
                )
        new = progress.model_copy(update={"events": [*progress.events, *events]})
        after = ActiveContext(new, context.enrollment, curriculum)
        outcome.append(_check_result(after, on, undo, changed, unchanged))
        return new if events else None

    store.update_progress(record)
    return outcome[0]


def _check_result(
    context: ActiveContext,
    on: dt.date,
    undo: bool,
    changed: list[CheckedItem],
    unchanged: list[CheckedItem],
) -> CheckResult:
    done = context.done_by()
    counted = context.counted_items
    return CheckResult(
        curriculum=context.curriculum.slug,
        on=on,
        undo=undo,
        changed=changed,
        unchanged=unchanged,
        done=sum(1 for item in counted if item.id in done),
        total=len(counted),
    )
